/*
 * cmd/cli.c - the commands run, gate, list, explain and schema. run and
 * gate read the config file and the options into a pa_runopts and hand it
 * to the pipeline (run/run.c); a bad option prints one message and returns
 * 2. list, explain and schema print what the rule registry holds.
 */
#include "cmd/common.h"
#include "cmd/config.h"
#include "cmd/options.h"
#include "model/registry.h"
#include "model/schema.h"
#include "run/run.h"
#include "core/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char *const run_help_head =
    "usage: pmoaudit run [DATA_DIR] [options]\n"
    "\n"
    "Audits the CSV files in DATA_DIR (default ./data) with the built-in rule pack\n"
    "and any rules given with -r, and writes the report.\n"
    "\n";
/* (the options, from cmd/options.c's table) */
static const char *const run_help_tail =
    "\n"
    "Exit codes: 0 no finding at or above --fail-on; 1 there is one; 2 could not\n"
    "run as asked; 3 a rule raised an error or hit a limit.\n";

static const char *const gate_help_head =
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
    "Takes the options of run (see pmoaudit help run) except ";
/* (the options gate refuses, from the table) */
static const char *const gate_help_tail =
    ".\n"
    "  -f text (default) the verdict; md a Markdown verdict for a merge-request\n"
    "  comment; json the report with a \"gate\" object; junit, sarif, html, csv as\n"
    "  for run, scoped to the project.\n"
    "\n"
    "Exit codes: 0 pass; 1 blocked; 2 could not run as asked (unknown project or\n"
    "gate, bad option); 3 a rule raised an error or hit a limit.\n";

void cmd_run_help(void)
{
    fputs(run_help_head, stdout);
    opts_help(stdout);
    fputs(run_help_tail, stdout);
}

void cmd_gate_help(void)
{
    sbuf b;
    sb_init(&b);
    opts_gate_refused_text(&b);
    fputs(gate_help_head, stdout);
    fputs(b.data, stdout);
    fputs(gate_help_tail, stdout);
    sb_free(&b);
}

static pa_date today(void)
{
    time_t now = time(NULL);
    struct tm tm;
    localtime_r(&now, &tm);
    return date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

/*
 * The options of run and gate; returns -1 to go on, else an exit code (0
 * after --help). The config file is read first, so that the command line
 * overrides it: a scalar option replaces the config's value, and -r
 * replaces its rule paths.
 */
static int parse_run(int argc, char **argv, pa_runopts *o, pa_config *cfg)
{
    opts_defaults(o);
    char *err = NULL;
    if (config_load(opts_config_arg(argc, argv), o, cfg, &err) != 0)
        return cli_fail_free(err);
    switch (opts_parse_argv(argc, argv, o, &err)) {
    case OPTS_HELP:
        cmd_run_help();
        return 0;
    case OPTS_ERROR:
        return cli_fail_free(err);
    default:
        break;
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
        if (strncmp(argv[i], "--history", 9) == 0) /* a gate's run is scoped to one project: no series */
            return cli_fail("gate keeps no history: --history is an option of run (docs/history.md)");
        if (opts_gate_refused(argv[i]))
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
    o.history = NULL; /* the config's history is for run */
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

#define PUSH(arr, n, v) ((arr) = xrealloc((void *)(arr), (size_t)((n) + 1) * sizeof *(arr)), (arr)[(n)++] = (v))

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
    const opt_def *rules = opts_cli("--rules"), *no_builtin = opts_cli("--no-builtin");
    memset(lo, 0, sizeof *lo);
    for (int i = 0; i < argc; i++) {
        const char *v = NULL;
        char *err = NULL;
        if (opts_match(no_builtin, argc, argv, &i, &v, &err)) {
            lo->no_builtin = true;
        } else if (opts_match(rules, argc, argv, &i, &v, &err)) {
            if (err)
                return cli_fail_free(err);
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
