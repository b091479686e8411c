/*
 * cmd/cli.c - the commands run, gate, list, explain and schema. run and
 * gate read the config file and the options into a pa_runopts and hand it
 * to the pipeline (run/run.c); a bad option prints one message and returns
 * 2. list, explain and schema print what the rule registry holds.
 */
#include "cmd/common.h"
#include "cmd/config.h"
#include "load/dialect.h"
#include "model/date_format.h"
#include "model/registry.h"
#include "model/schema.h"
#include "run/run.h"
#include "core/util.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static int fail_free(char *msg)
{
    int rc = cli_fail("%s", msg);
    free(msg);
    return rc;
}

static const char *const run_help_text =
    "usage: pmoaudit run [DATA_DIR] [options]\n"
    "\n"
    "Audits the CSV files in DATA_DIR (default ./data) with the built-in rule pack\n"
    "and any rules given with -r, and writes the report.\n"
    "\n"
    "  -r, --rules PATH         rule file or folder (repeatable)\n"
    "      --no-builtin         do not use the built-in rule pack\n"
    "  -c, --config FILE        settings file (default ./pmoaudit.lua when present)\n"
    "      --as-of YYYY-MM-DD   the date T the rules judge against (default today)\n"
    "  -f, --format LIST        comma list of text, json, md, csv, html, junit, sarif (default text)\n"
    "  -o, --output PATH        file for one format, folder for several; - is stdout\n"
    "      --fail-on SEVERITY   exit 1 on findings at or above it: info, warning, error\n"
    "                           (default), critical, never\n"
    "      --baseline FILE      a previous JSON report: mark findings new or existing,\n"
    "                           carry first_seen forward, list the resolved ones\n"
    "      --fail-on-new        only new findings (see --baseline) fail the run\n"
    "      --waivers FILE       accepted exceptions: CSV with rule, key (or fingerprint),\n"
    "                           reason, approved_by, expires\n"
    "      --only ID,...        run only these rules (globs like SCH-* allowed)\n"
    "      --skip ID,...        do not run these rules (globs allowed)\n"
    "      --project ID,...     report only findings about these projects (globs\n"
    "                           allowed); the rules still see every project's data\n"
    "      --set RULE.P=VALUE   override rule parameter P (repeatable)\n"
    "  -j, --jobs N             worker threads (default: number of cores)\n"
    "  -q, --quiet              print nothing but errors\n"
    "  -v, --verbose            list every finding in the text report\n"
    "      --no-color           no colour even on a terminal\n"
    "      --no-progress        no progress line on stderr (shown only on a terminal)\n"
    "      --timings            print to stderr the wall time of each phase, the ten\n"
    "                           slowest rules and the rule time of each domain\n"
    "      --max-instructions N instruction budget per rule (plus 20000 per row read)\n"
    "      --max-rule-memory MB memory a rule may use (default 1024)\n"
    "      --max-findings N     findings kept per rule (default 100000)\n"
    "      --max-cell BYTES     largest CSV cell accepted (default 16 MiB)\n"
    "      --max-rows N         data rows accepted per CSV file (default 10000000)\n"
    "      --max-columns N      columns accepted per CSV header (default 1024)\n"
    "      --regex-match-limit N PCRE2 match limit of pmo.re (default 100000)\n"
    "      --profile NAME|FILE  import profile for another tool's export (docs/importing.md)\n"
    "      --delimiter D        CSV delimiter: , ; | or tab (default: guessed from each header)\n"
    "      --encoding ENC       utf-8 (default), utf-16, windows-1252, latin-1 (a BOM wins)\n"
    "      --date-format L      date layout, e.g. DD/MM/YYYY, MM/DD/YYYY, D-Mon-YYYY, excel\n"
    "\n"
    "Exit codes: 0 no finding at or above --fail-on; 1 there is one; 2 could not\n"
    "run as asked; 3 a rule raised an error or hit a limit.\n";

static const char *const gate_help_text =
    "usage: pmoaudit gate PROJECT GATE [DATA_DIR] [options]\n"
    "\n"
    "May PROJECT pass stage gate GATE (G1, G2, ...)? Runs the rules that guard the\n"
    "gate (gates = {...} in their declaration, plus the config's gates.GATE.rules)\n"
    "over the whole data directory (default ./data), keeps the findings about\n"
    "PROJECT (an id, a glob or a comma list) and prints the verdict: PASS, or\n"
    "BLOCKED with the blocking findings (rule, severity, file:line, message) and\n"
    "the waived ones. Findings at the gate's blocking severities block (the\n"
    "config's gates.GATE.block; default error and critical; --fail-on overrides).\n"
    "\n"
    "Takes the options of run (see pmoaudit help run) except --only and --project.\n"
    "  -f text (default) the verdict; md a Markdown verdict for a merge-request\n"
    "  comment; json the report with a \"gate\" object; junit, sarif, html, csv as\n"
    "  for run, scoped to the project.\n"
    "\n"
    "Exit codes: 0 pass; 1 blocked; 2 could not run as asked (unknown project or\n"
    "gate, bad option); 3 a rule raised an error or hit a limit.\n";

void cmd_run_help(void)
{
    fputs(run_help_text, stdout);
}

void cmd_gate_help(void)
{
    fputs(gate_help_text, stdout);
}

static pa_date today(void)
{
    time_t now = time(NULL);
    struct tm tm;
    localtime_r(&now, &tm);
    return date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

static int cores(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n < 1 ? 1 : n > 64 ? 64 : (int)n;
}

/* Match argv[*i] against a long and short option; fetch its value. */
static bool opt_value(int argc, char **argv, int *i, const char *lng, const char *shrt, const char **val,
                      int *err)
{
    const char *a = argv[*i];
    size_t ln = strlen(lng);
    if (strncmp(a, lng, ln) == 0 && a[ln] == '=') {
        *val = a + ln + 1;
        return true;
    }
    bool match = strcmp(a, lng) == 0 || (shrt && strcmp(a, shrt) == 0);
    if (!match && shrt && strncmp(a, shrt, 2) == 0 && a[2] && shrt[2] == '\0' && a[1] != '-') {
        *val = a + 2; /* -j4 */
        return true;
    }
    if (!match)
        return false;
    if (*i + 1 >= argc) {
        *err = cli_fail("%s needs a value (see pmoaudit help run)", lng);
        return true;
    }
    *val = argv[++*i];
    return true;
}

static bool parse_count(const char *s, unsigned long long *out)
{
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    if (errno || end == s || *end || s[0] == '-')
        return false;
    *out = v;
    return true;
}

#define PUSH(arr, n, v) ((arr) = xrealloc((void *)(arr), (size_t)((n) + 1) * sizeof *(arr)), (arr)[(n)++] = (v))

/* Parse the options of run; returns -1 on success, else an exit code. */
/* The -c/--config value among the arguments, or NULL. */
static const char *config_arg(int argc, char **argv)
{
    const char *path = NULL;
    for (int i = 0; i < argc; i++) {
        if ((strcmp(argv[i], "-c") == 0 || strcmp(argv[i], "--config") == 0) && i + 1 < argc)
            path = argv[++i];
        else if (strncmp(argv[i], "--config=", 9) == 0)
            path = argv[i] + 9;
    }
    return path;
}

/*
 * Parse the options of run; returns -1 on success, else an exit code. The
 * config file is read first, so that the command line overrides it: a
 * scalar option replaces the config's value, and -r replaces its rule paths.
 */
static int parse_run(int argc, char **argv, pa_runopts *o, pa_config *cfg)
{
    memset(o, 0, sizeof *o);
    o->formats = "text";
    o->fail_on = SEV_ERROR;
    o->jobs = cores();
    limits_default(&o->lim);
    char *cerr = NULL;
    if (config_load(config_arg(argc, argv), o, cfg, &cerr) != 0)
        return fail_free(cerr);
    bool cli_rules = false;
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i], *v = NULL;
        int err = 0;
        unsigned long long n;
        if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            cmd_run_help();
            return 0;
        } else if (strcmp(a, "--no-builtin") == 0) {
            o->no_builtin = true;
        } else if (strcmp(a, "-q") == 0 || strcmp(a, "--quiet") == 0) {
            o->quiet = true;
        } else if (strcmp(a, "-v") == 0 || strcmp(a, "--verbose") == 0) {
            o->verbose = true;
        } else if (strcmp(a, "--no-color") == 0) {
            o->no_color = true;
        } else if (strcmp(a, "--fail-on-new") == 0) {
            o->fail_on_new = true;
        } else if (opt_value(argc, argv, &i, "--baseline", NULL, &v, &err)) {
            if (err)
                return err;
            o->baseline = v;
        } else if (opt_value(argc, argv, &i, "--waivers", NULL, &v, &err)) {
            if (err)
                return err;
            o->waivers = v;
            o->waivers_lua = false;
        } else if (strcmp(a, "--timings") == 0) {
            o->timings = true;
        } else if (strcmp(a, "--no-progress") == 0) {
            o->no_progress = true;
        } else if (opt_value(argc, argv, &i, "--config", "-c", &v, &err)) {
            if (err)
                return err; /* read above, before the other options */
        } else if (opt_value(argc, argv, &i, "--rules", "-r", &v, &err)) {
            if (err)
                return err;
            if (!cli_rules) { /* the command line's rule paths replace the config's */
                o->nrule_paths = 0;
                cli_rules = true;
            }
            PUSH(o->rule_paths, o->nrule_paths, v);
        } else if (opt_value(argc, argv, &i, "--as-of", NULL, &v, &err)) {
            if (err)
                return err;
            if (!val_parse_date(v, strlen(v), &o->T) || strlen(v) != 10)
                return cli_fail("--as-of %s: expected a date YYYY-MM-DD", v);
            o->have_T = true;
        } else if (opt_value(argc, argv, &i, "--format", "-f", &v, &err)) {
            if (err)
                return err;
            o->formats = v;
        } else if (opt_value(argc, argv, &i, "--output", "-o", &v, &err)) {
            if (err)
                return err;
            o->output = v;
        } else if (opt_value(argc, argv, &i, "--fail-on", NULL, &v, &err)) {
            if (err)
                return err;
            int s = sev_parse(v, true);
            if (s < 0)
                return cli_fail("--fail-on %s: expected info, warning, error, critical or never", v);
            o->fail_on = (pa_sev)s;
            o->fail_on_given = true;
        } else if (opt_value(argc, argv, &i, "--only", NULL, &v, &err)) {
            if (err)
                return err;
            o->only = v;
        } else if (opt_value(argc, argv, &i, "--skip", NULL, &v, &err)) {
            if (err)
                return err;
            o->skip = v;
        } else if (opt_value(argc, argv, &i, "--set", NULL, &v, &err)) {
            if (err)
                return err;
            PUSH(o->sets, o->nsets, v);
        } else if (opt_value(argc, argv, &i, "--jobs", "-j", &v, &err)) {
            if (err)
                return err;
            if (!parse_count(v, &n) || n < 1 || n > 256)
                return cli_fail("--jobs %s: expected a number of threads from 1 to 256", v);
            o->jobs = (int)n;
        } else if (opt_value(argc, argv, &i, "--max-instructions", NULL, &v, &err)) {
            if (err)
                return err;
            if (!parse_count(v, &n) || n < 1000)
                return cli_fail("--max-instructions %s: expected a number of at least 1000", v);
            o->lim.instr_base = n;
        } else if (opt_value(argc, argv, &i, "--max-rule-memory", NULL, &v, &err)) {
            if (err)
                return err;
            if (!parse_count(v, &n) || n < 1 || n > (1ULL << 20))
                return cli_fail("--max-rule-memory %s: expected megabytes from 1 to 1048576", v);
            o->lim.mem_limit = (size_t)n << 20;
        } else if (opt_value(argc, argv, &i, "--max-findings", NULL, &v, &err)) {
            if (err)
                return err;
            if (!parse_count(v, &n) || n < 1)
                return cli_fail("--max-findings %s: expected a positive number", v);
            o->lim.max_findings = (size_t)n;
        } else if (opt_value(argc, argv, &i, "--max-cell", NULL, &v, &err)) {
            if (err)
                return err;
            if (!parse_count(v, &n) || n < 256)
                return cli_fail("--max-cell %s: expected a number of bytes of at least 256", v);
            o->max_cell = (size_t)n;
        } else if (opt_value(argc, argv, &i, "--project", NULL, &v, &err)) {
            if (err)
                return err;
            o->projects = v;
        } else if (opt_value(argc, argv, &i, "--max-rows", NULL, &v, &err)) {
            if (err)
                return err;
            if (!parse_count(v, &n) || n < 1)
                return cli_fail("--max-rows %s: expected a positive number of rows", v);
            o->max_rows = (size_t)n;
        } else if (opt_value(argc, argv, &i, "--max-columns", NULL, &v, &err)) {
            if (err)
                return err;
            if (!parse_count(v, &n) || n < 1 || n > 65536)
                return cli_fail("--max-columns %s: expected a number of columns from 1 to 65536", v);
            o->max_cols = (size_t)n;
        } else if (opt_value(argc, argv, &i, "--regex-match-limit", NULL, &v, &err)) {
            if (err)
                return err;
            if (!parse_count(v, &n) || n < 1000 || n > (1ULL << 32))
                return cli_fail("--regex-match-limit %s: expected a number of steps from 1000 to 4294967296", v);
            o->lim.match_limit = (unsigned long)n;
        } else if (opt_value(argc, argv, &i, "--delimiter", NULL, &v, &err)) {
            if (err)
                return err;
            if (!(o->delim = dia_parse_delim(v)))
                return cli_fail("--delimiter %s: expected one of , ; | tab", v);
        } else if (opt_value(argc, argv, &i, "--encoding", NULL, &v, &err)) {
            if (err)
                return err;
            if (!dia_encoding_name(v))
                return cli_fail("--encoding %s: expected one of %s", v, dia_encodings_help);
            o->encoding = v;
        } else if (opt_value(argc, argv, &i, "--date-format", NULL, &v, &err)) {
            if (err)
                return err;
            if (dfmt_check(v))
                return cli_fail("--date-format %s: %s", v, dfmt_check(v));
            o->date_format = v;
        } else if (opt_value(argc, argv, &i, "--profile", NULL, &v, &err)) {
            if (err)
                return err;
            o->profile = v;
        } else if (a[0] == '-' && a[1]) {
            return cli_fail("unknown option '%s' (see pmoaudit help run)", a);
        } else if (o->nargs < 3) {
            o->args[o->nargs++] = a;
        } else {
            return cli_fail("too many arguments: '%s' (see pmoaudit help run)", a);
        }
    }
    if (!o->have_T)
        o->T = today();
    return -1;
}

static void free_runopts(pa_runopts *o)
{
    free(o->rule_paths);
    free(o->sets);
}

static void summary_line(const pa_report *rep)
{
    fprintf(stderr, "pmoaudit: %d rules (%d failed, %d skipped, %d errored); findings: %zu critical, %zu error, "
                    "%zu warning, %zu info; exit %d\n",
            rep->nrules, rep->failed, rep->skipped, rep->errored, rep->by_sev[SEV_CRITICAL], rep->by_sev[SEV_ERROR],
            rep->by_sev[SEV_WARNING], rep->by_sev[SEV_INFO], rep->exit_code);
}

/* The audit with the options resolved; the summary line on stderr unless
 * quiet or the text report went to stdout (it ends with the same counts). */
static int audit(const pa_runopts *o, pa_gate *gate)
{
    pa_run r;
    int rc = run_audit(o, gate, &r);
    if (r.reported && !o->quiet && !r.text_on_stdout)
        summary_line(&r.rep);
    run_free(&r);
    return rc;
}

int cmd_run(int argc, char **argv)
{
    pa_runopts o;
    pa_config cfg;
    int rc = parse_run(argc, argv, &o, &cfg);
    if (rc < 0 && o.nargs > 1)
        rc = cli_fail("run takes one data directory; '%s' is a second one", o.args[1]);
    if (rc >= 0) {
        free_runopts(&o);
        config_free(&cfg);
        return rc;
    }
    if (o.nargs == 1) /* the command line wins over the config's data */
        o.data_dir = o.args[0];
    if (!o.data_dir)
        o.data_dir = "data";
    rc = audit(&o, NULL);
    free_runopts(&o);
    config_free(&cfg);
    return rc;
}

/*
 * pmoaudit gate PROJECT GATE [DATA_DIR]: run with the gate's rules and
 * --project PROJECT. The gate chooses the rules and the project, so --only
 * and --project are refused rather than silently overridden; the config's
 * only and projects (settings for run) do not apply.
 */
int cmd_gate(int argc, char **argv)
{
    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
            cmd_gate_help();
            return 0;
        }
        if (strncmp(argv[i], "--only", 6) == 0 || strncmp(argv[i], "--project", 9) == 0)
            return cli_fail("gate chooses the rules and the project itself: %s cannot be used (use --skip, or "
                            "gates in the config; see pmoaudit help gate)", argv[i]);
    }
    pa_runopts o;
    pa_config cfg;
    int rc = parse_run(argc, argv, &o, &cfg);
    if (rc < 0 && o.nargs < 2)
        rc = cli_fail("usage: pmoaudit gate PROJECT GATE [DATA_DIR] [options] (see pmoaudit help gate)");
    if (rc >= 0) {
        free_runopts(&o);
        config_free(&cfg);
        return rc;
    }
    pa_gate g = {.project = o.args[0], .name = o.args[1]};
    const struct pa_cfg_gate *cg = config_gate(&cfg, g.name);
    if (cg) { /* the config's entry for the gate, as plain values for collect/gate.c */
        g.extra = cg->rules;
        g.conf_block = cg->block;
        g.conf_file = cfg.path;
        g.conf_line = cg->line;
        g.conf_name = cg->name;
    }
    o.only = NULL;
    o.projects = o.args[0];
    if (o.nargs == 3)
        o.data_dir = o.args[2];
    if (!o.data_dir)
        o.data_dir = "data";
    rc = audit(&o, &g);
    free_runopts(&o);
    config_free(&cfg);
    return rc;
}

/* Options shared by list and explain: -r PATH, --no-builtin, positional args. */
typedef struct {
    const char **paths;
    int npaths;
    const char **args;
    int nargs;
    bool no_builtin;
} pa_listopts;

static int parse_listopts(int argc, char **argv, pa_listopts *lo, bool positional_paths)
{
    memset(lo, 0, sizeof *lo);
    for (int i = 0; i < argc; i++) {
        const char *v = NULL;
        int err = 0;
        if (strcmp(argv[i], "--no-builtin") == 0) {
            lo->no_builtin = true;
        } else if (opt_value(argc, argv, &i, "--rules", "-r", &v, &err)) {
            if (err)
                return err;
            PUSH(lo->paths, lo->npaths, v);
        } else if (argv[i][0] == '-' && argv[i][1]) {
            return cli_fail("unknown option '%s'", argv[i]);
        } else if (positional_paths) {
            PUSH(lo->paths, lo->npaths, argv[i]);
        } else {
            PUSH(lo->args, lo->nargs, argv[i]);
        }
    }
    return -1;
}

static void tables_text(const pa_rule *r, sbuf *b)
{
    for (int k = 0; k < r->ntables; k++)
        sb_printf(b, "%s%s", k ? "," : "", r->tables[k]);
    if (!r->ntables)
        sb_puts(b, "(all)");
}

int cmd_list(int argc, char **argv)
{
    pa_listopts lo;
    int rc = parse_listopts(argc, argv, &lo, true);
    if (rc >= 0)
        return rc;
    pa_registry reg;
    rc = cli_load_registry(&reg, !lo.no_builtin, lo.paths, lo.npaths, NULL, 0);
    if (rc == 0) {
        int *order;
        reg_sorted(&reg, false, &order);
        printf("%-10s %-8s %-6s %-32s %-11s %s\n", "ID", "SEVERITY", "DOMAIN", "TABLES", "GATES", "TITLE");
        for (int i = 0; i < reg.n; i++) {
            const pa_rule *r = &reg.v[order[i]];
            sbuf t;
            sb_init(&t);
            tables_text(r, &t);
            sbuf g;
            sb_init(&g);
            cli_gates_text(r, ",", &g);
            printf("%-10s %-8s %-6s %-32s %-11s %s\n", r->id, sev_name(r->sev), r->domain, t.data, g.data, r->title);
            sb_free(&g);
            sb_free(&t);
        }
        printf("\n%d rules\n", reg.n);
        free(order);
    }
    reg_free(&reg);
    free(lo.paths);
    free(lo.args);
    return rc;
}

int cmd_explain(int argc, char **argv)
{
    pa_listopts lo;
    int rc = parse_listopts(argc, argv, &lo, false);
    if (rc >= 0)
        return rc;
    if (lo.nargs != 1) {
        free(lo.paths);
        free(lo.args);
        return cli_fail("usage: pmoaudit explain RULE_ID [-r RULE_PATH]");
    }
    pa_registry reg;
    rc = cli_load_registry(&reg, !lo.no_builtin, lo.paths, lo.npaths, NULL, 0);
    if (rc == 0) {
        const pa_rule *r = reg_find(&reg, lo.args[0]);
        if (!r) {
            rc = cli_fail("no rule %s (see pmoaudit list)", lo.args[0]);
        } else {
            sbuf t;
            sb_init(&t);
            tables_text(r, &t);
            printf("%s  %s\n\n", r->id, r->title);
            printf("severity: %s\ndomain:   %s\ntables:   %s\nkind:     %s\ndeclared: %s:%d\n", sev_name(r->sev),
                   r->domain, t.data,
                   r->engine ? "engine check (schema)" : r->each ? "row rule" : "table rule", r->file, r->line);
            sb_free(&t);
            if (r->each)
                printf("rows of:  %s\n", r->each);
            sb_init(&t);
            cli_gates_text(r, ", ", &t);
            printf("gates:    %s\n", r->ngates ? t.data : "none (not part of any stage gate)");
            sb_free(&t);
            printf("\nparams:%s\n", r->nparams ? "" : " none");
            for (int k = 0; k < r->nparams; k++)
                printf("  %s = %s  (%s; change with --set %s.%s=VALUE)\n", r->params[k].name, r->params[k].shown,
                       r->params[k].type, r->id, r->params[k].name);
            printf("\n%s\n", r->doc);
        }
    }
    reg_free(&reg);
    free(lo.paths);
    free(lo.args);
    return rc;
}

static void print_tabledef(const pa_tabledef *t, const pa_usertable *u)
{
    printf("\n%s", t->name);
    if (t->key)
        printf(" (key %s", t->key);
    else
        printf(" (no key");
    if (u)
        printf("; %s at %s:%d", u->extends ? "extra columns declared" : "declared", u->file, u->line);
    printf(")\n");
    for (int k = 0; k < t->ncols; k++) {
        const pa_coldef *c = &t->cols[k];
        sbuf ty;
        sb_init(&ty);
        sb_puts(&ty, type_name(c->type));
        if (c->type == TY_ENUM) {
            sb_putc(&ty, '(');
            for (int e = 0; c->enums[e]; e++)
                sb_printf(&ty, "%s%s", e ? ", " : "", c->enums[e]);
            sb_putc(&ty, ')');
        }
        printf("  %-22s %-50s %s%s%s%s%s\n", c->name, ty.data, c->required ? "R " : "", c->fk ? "FK(" : "",
               c->fk ? c->fk : "", c->fk ? ") " : "", c->note ? c->note : "");
        sb_free(&ty);
    }
}

/* schema [RULE_PATH...]: the data model, with the tables and columns that
 * the rule packs at the given paths declare (schema{...} in a rule file). */
int cmd_schema(int argc, char **argv)
{
    pa_registry reg;
    reg_init(&reg);
    if (argc > 0 && cli_load_registry(&reg, false, (const char **)argv, argc, NULL, 0) != 0) {
        reg_free(&reg);
        return 2;
    }
    printf("pmoaudit reads one CSV file per table from the data directory, named <table>.csv.\n"
           "Only projects.csv is required. R = required column, FK = reference checked by DAT-004.\n");
    for (int i = 0; i < schema_ntables; i++) {
        const pa_usertable *u = NULL;
        for (int k = 0; k < reg.schemas.n; k++)
            if (strcmp(reg.schemas.v[k].def.name, schema_tables[i].name) == 0)
                u = &reg.schemas.v[k];
        print_tabledef(u ? &u->def : &schema_tables[i], u);
    }
    for (int k = 0; k < reg.schemas.n; k++)
        if (!reg.schemas.v[k].extends)
            print_tabledef(&reg.schemas.v[k].def, &reg.schemas.v[k]);
    reg_free(&reg);
    return 0;
}
