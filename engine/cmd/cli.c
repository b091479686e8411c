/*
 * cmd/cli.c - the commands run, gate, list, explain and schema. run and
 * gate read the config file and the options into a pa_runopts and hand it
 * to the pipeline (run/run.c); a bad option prints one message and returns
 * 2. list, explain and schema print what the rule registry holds.
 */
#include "cmd/commands.h"
#include "cmd/common.h"
#include "cmd/config.h"
#include "cmd/options.h"
#include "model/registry.h"
#include "model/schema.h"
#include "run/run.h"
#include "run/rule_examples.h"
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
static int parse_run(int argc, char **argv, const char *cmd, pa_runopts *o, pa_config *cfg)
{
    opts_defaults(o);
    char *err = NULL;
    if (config_load(opts_config_arg(argc, argv), o, cfg, &err) != 0)
        return cli_fail_free(err);
    switch (opts_parse_argv(argc, argv, cmd, o, &err)) {
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
    free(o->set_where);
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
    int rc = parse_run(argc, argv, "run", &o, &cfg);
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
    int rc = parse_run(argc, argv, "gate", &o, &cfg);
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

/* Options shared by list, explain and schema: -r PATH, --no-builtin, -c
 * FILE, positional args (paths for list and schema, the rule id for
 * explain). */
typedef struct {
    const char **paths;
    int npaths;
    const char **args;
    int nargs;
    const char *config;
    bool no_builtin;
} pa_listopts;

/* Give up parsing: what lo holds is freed (and emptied); returns rc. */
static int listopts_fail(pa_listopts *lo, int rc)
{
    free(lo->paths);
    free(lo->args);
    memset(lo, 0, sizeof *lo);
    return rc;
}

static int parse_listopts(const char *cmd, int argc, char **argv, pa_listopts *lo, bool positional_paths)
{
    const opt_def *rules = opts_cli("--rules"), *no_builtin = opts_cli("--no-builtin"), *config = opts_cli("--config");
    memset(lo, 0, sizeof *lo);
    for (int i = 0; i < argc; i++) {
        const char *v = NULL;
        char *err = NULL;
        if (opts_match(no_builtin, argc, argv, &i, &v, &err)) {
            lo->no_builtin = true;
        } else if (opts_match(config, argc, argv, &i, &v, &err)) {
            if (err)
                return cli_fail_free(err);
            lo->config = v;
        } else if (opts_match(rules, argc, argv, &i, &v, &err)) {
            if (err)
                return listopts_fail(lo, cli_fail_free(err));
            PUSH(lo->paths, lo->npaths, v);
        } else if (argv[i][0] == '-' && argv[i][1]) {
            return listopts_fail(lo, cmds_unknown_option(cmd, argv[i]));
        } else if (positional_paths) {
            PUSH(lo->paths, lo->npaths, argv[i]);
        } else {
            PUSH(lo->args, lo->nargs, argv[i]);
        }
    }
    return -1;
}

/* The pack of list, explain or schema (cmd/common.c), and its rules. */
static int open_listopts(pa_listopts *lo, cli_pack *p, pa_registry *reg)
{
    reg_init(reg);
    int rc = cli_pack_open(p, lo->config, lo->paths, lo->npaths, lo->no_builtin);
    if (rc == 0) {
        reg_free(reg);
        rc = cli_pack_registry(p, reg);
    }
    return rc;
}

static void close_listopts(pa_listopts *lo, cli_pack *p, pa_registry *reg)
{
    reg_free(reg);
    cli_pack_close(p);
    free(lo->paths);
    free(lo->args);
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
    int rc = parse_listopts("list", argc, argv, &lo, true);
    if (rc >= 0)
        return rc;
    pa_registry reg;
    cli_pack pack;
    rc = open_listopts(&lo, &pack, &reg);
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
    close_listopts(&lo, &pack, &reg);
    return rc;
}

/* explain's last part: the rule's example finding, from its first failing
 * test case, indented as the report's own lines are; or that it has none. */
static void cli_example_text(pa_registry *reg, int ri)
{
    bool *want = xcalloc((size_t)reg->n, sizeof *want);
    want[ri] = true;
    rex_fill(reg, want);
    free(want);
    const pa_rule *r = &reg->v[ri];
    if (!r->example_from) {
        printf("\nexample finding: none (no test case of %s expects findings)\n", r->id);
        return;
    }
    printf("\nexample finding, from the test case %s:\n", r->example_from);
    for (const char *p = r->example; *p;) {
        size_t n = strcspn(p, "\n");
        printf("  %.*s\n", (int)n, p);
        p += n + (p[n] == '\n');
    }
}

/* id in capitals (at most 63 bytes): rule ids are compared without case. */
static void upper_id(const char *id, char out[64])
{
    size_t i = 0;
    for (; i < 63 && id[i]; i++)
        out[i] = (char)(id[i] >= 'a' && id[i] <= 'z' ? id[i] - 32 : id[i]);
    out[i] = '\0';
}

/*
 * The rule explain means: the id as given, else the one id equal to it but
 * for case ("sch-001"). NULL when there is none; then near holds up to
 * five ids within edit distance 2 of it (case aside), nearest first,
 * joined as "A, B or C" for the message.
 */
static const pa_rule *find_rule_loose(const pa_registry *reg, const char *id, sbuf *near)
{
    const pa_rule *r = reg_find(reg, id);
    char want[64], have[64];
    upper_id(id, want);
    for (int i = 0; !r && i < reg->n; i++) {
        upper_id(reg->v[i].id, have);
        if (strcmp(want, have) == 0)
            r = &reg->v[i];
    }
    if (r)
        return r;
    int *order, n = 0, pick[5];
    reg_sorted(reg, false, &order);
    for (size_t d = 1; d <= 2; d++)
        for (int i = 0; i < reg->n && n < 5; i++) {
            upper_id(reg->v[order[i]].id, have);
            if (str_distance(want, have) == d)
                pick[n++] = order[i];
        }
    for (int i = 0; i < n; i++)
        sb_printf(near, "%s%s", i == 0 ? "" : i == n - 1 ? " or " : ", ", reg->v[pick[i]].id);
    free(order);
    return NULL;
}

int cmd_explain(int argc, char **argv)
{
    pa_listopts lo;
    int rc = parse_listopts("explain", argc, argv, &lo, false);
    if (rc >= 0)
        return rc;
    if (lo.nargs != 1) {
        free(lo.paths);
        free(lo.args);
        return cli_fail("usage: pmoaudit explain RULE_ID [-r RULE_PATH]");
    }
    pa_registry reg;
    cli_pack pack;
    rc = open_listopts(&lo, &pack, &reg);
    if (rc == 0) {
        sbuf near;
        sb_init(&near);
        const pa_rule *r = find_rule_loose(&reg, lo.args[0], &near);
        if (!r)
            rc = cli_fail("no rule %s%s%s%s (see pmoaudit list)", lo.args[0], near.len ? ": did you mean " : "",
                          near.len ? near.data : "", near.len ? "?" : "");
        sb_free(&near);
        if (r) {
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
            cli_example_text(&reg, (int)(r - reg.v));
        }
    }
    close_listopts(&lo, &pack, &reg);
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
        int own = u ? k - (t->ncols - u->nown) : -1; /* a declared column: where, when not the table's first place */
        bool elsewhere = own >= 0 && (u->cline[own] != u->line || strcmp(u->cfile[own], u->file) != 0);
        printf("  %-22s %-50s %s%s%s%s%s", c->name, ty.data, c->required ? "R " : "", c->fk ? "FK(" : "",
               c->fk ? c->fk : "", c->fk ? ") " : "", c->note ? c->note : "");
        if (elsewhere)
            printf("%s(declared at %s:%d)", c->note ? " " : "", u->cfile[own], u->cline[own]);
        printf("\n");
        sb_free(&ty);
    }
}

/* schema [RULE_PATH...]: the data model, with the tables and columns that
 * the rule packs at the given paths declare (schema{...} in a rule file). */
int cmd_schema(int argc, char **argv)
{
    pa_listopts lo;
    int rc = parse_listopts("schema", argc, argv, &lo, true);
    if (rc >= 0)
        return rc;
    lo.no_builtin = true; /* the data model is printed whole; only the packs' schema{} matter */
    pa_registry reg;
    cli_pack pack;
    if (open_listopts(&lo, &pack, &reg) != 0) {
        close_listopts(&lo, &pack, &reg);
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
    close_listopts(&lo, &pack, &reg);
    return 0;
}
