/*
 * cmd/lint.c - `pmoaudit lint [RULE_PATH...]`: checks rule packs without any
 * data. It loads the rule and test files in the runtime's lint mode (a bad
 * file, declaration, test case or param is recorded and loading goes on),
 * checks the config's params against the rules, then what loading cannot:
 * domains, the tables a rule names, and each file's code, read by
 * lua/code_check.c (the columns, params, fields and tables a check uses,
 * comparisons no cell can satisfy, constant regexes). Every problem is one
 * "file:line: message" line, sorted; exit 1 when there is any, 2 when lint
 * cannot run.
 */
#include "cmd/commands.h"
#include "cmd/common.h"
#include "cmd/config.h"
#include "cmd/options.h"
#include "lua/rule_decl.h"
#include "lua/runtime.h"
#include "lua/test_cases.h"
#include "lua/code_check.h"
#include "model/registry.h"
#include "core/util.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const builtin_domains[] = {"DAT", "STD", "GOV", "SCH", "CST", "RES",
                                              "RSK", "CHG", "MON", "CLS", "ISS", NULL};

typedef struct {
    pa_registry *reg;
    char **problems;
    int n;
    const char **domains; /* built-in ones, then the config's; NULL-terminated */
    const char **tables;  /* every known table name; NULL-terminated */
    char **loading;       /* the problems the runtime recorded while loading (lrt_problems) */
    int nloading;
} linter;

static void problem(linter *li, const char *file, int line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void problem(linter *li, const char *file, int line, const char *fmt, ...)
{
    sbuf b;
    sb_init(&b);
    sb_printf(&b, "%s:%d: ", file, line);
    va_list ap;
    va_start(ap, fmt);
    sb_vprintf(&b, fmt, ap);
    va_end(ap);
    li->problems = xrealloc(li->problems, (size_t)(li->n + 1) * sizeof *li->problems);
    li->problems[li->n++] = sb_steal(&b);
}

/* Problems sort by file, then line as a number, then text. */
static int split_loc(const char *s, size_t *flen, long *line)
{
    for (const char *p = s; (p = strchr(p, ':')); p++) {
        char *end;
        long l = strtol(p + 1, &end, 10);
        if (end > p + 1 && *end == ':') {
            *flen = (size_t)(p - s);
            *line = l;
            return 1;
        }
    }
    *flen = strlen(s);
    *line = 0;
    return 0;
}

static int cmp_problem(const void *a, const void *b)
{
    const char *x = *(char *const *)a, *y = *(char *const *)b;
    size_t fx, fy;
    long lx, ly;
    split_loc(x, &fx, &lx);
    split_loc(y, &fy, &ly);
    int c = strncmp(x, y, fx < fy ? fx : fy);
    if (c == 0 && fx != fy)
        c = fx < fy ? -1 : 1;
    if (c == 0 && lx != ly)
        c = lx < ly ? -1 : 1;
    return c ? c : strcmp(x, y);
}

/* ---- metadata ---- */

/* The name in a tables entry ("tasks?", "risks|issues"): each part, bare. */
static void check_tables(linter *li, const pa_rule *r)
{
    for (int k = 0; k < r->ntables; k++) {
        for (const char *p = r->tables[k]; *p;) {
            size_t n = strcspn(p, "|?");
            char name[128];
            snprintf(name, sizeof name, "%.*s", (int)n, p);
            if (n && !usch_table(&li->reg->schemas, name)) {
                const char *s = str_suggest(name, li->tables);
                problem(li, r->file, r->line,
                        "rule %s: table '%s' is not in the data model and no schema{} declares it%s%s%s "
                        "(declare an extra CSV with schema{ table = \"%s\", columns = {...} })",
                        r->id, name, s ? " (did you mean '" : "", s ? s : "", s ? "'?)" : "", name);
            }
            p += n;
            while (*p == '|' || *p == '?')
                p++;
        }
    }
}

static void check_domain(linter *li, const pa_rule *r)
{
    for (int i = 0; li->domains[i]; i++)
        if (strcmp(li->domains[i], r->domain) == 0)
            return;
    const char *s = str_suggest(r->domain, li->domains);
    problem(li, r->file, r->line,
            "rule %s: unknown domain '%s'%s%s%s; use a built-in one (DAT STD GOV SCH CST RES RSK CHG MON CLS "
            "ISS) or list yours in pmoaudit.lua: domains = {\"%s\"}",
            r->id, r->domain, s ? " (did you mean '" : "", s ? s : "", s ? "'?)" : "", r->domain);
}

static void check_schemas(linter *li)
{
    const pa_userschema *us = &li->reg->schemas;
    for (int i = 0; i < us->n; i++) {
        const pa_usertable *u = &us->v[i];
        for (int k = u->def.ncols - u->nown; k < u->def.ncols; k++) {
            const char *fk = u->def.cols[k].fk;
            if (fk && !usch_table(us, fk))
                problem(li, u->file, u->line, "schema %s: column %s: fk = \"%s\" is not a known table", u->def.name,
                        u->def.cols[k].name, fk);
            else if (fk && !usch_table(us, fk)->key)
                problem(li, u->file, u->line, "schema %s: column %s: fk = \"%s\" names a table without a key",
                        u->def.name, u->def.cols[k].name, fk);
        }
    }
}

/* ---- the code ---- */

/* Did Lua itself fail to load this file (the runtime recorded a problem at it)? */
static bool load_failed(const linter *li, const char *path)
{
    size_t n = strlen(path);
    for (int i = 0; i < li->nloading; i++)
        if (strncmp(li->loading[i], path, n) == 0 && li->loading[i][n] == ':')
            return true;
    return false;
}

/* One file: the checks of the rules it declares, and its constant regexes. */
static void check_file(linter *li, const pa_source *src, bool rules, lcheck_msgs *m)
{
    lcheck_file *f = lcheck_open(src->path, src->text, src->len);
    int line;
    bool limit;
    const char *e = lcheck_error(f, &line, &limit);
    if (e && !load_failed(li, src->path)) /* Lua loaded what the parser refuses: say the code was not read */
        problem(li, src->path, line, "%s%s; lint does not check this file's code", limit ? "" : "lint cannot parse: ",
                e);
    for (int i = 0; rules && !e && i < li->reg->n; i++) {
        const pa_rule *r = &li->reg->v[i];
        if (!r->engine && r->check_first && strcmp(r->file, src->path) == 0)
            lcheck_rule(f, li->reg, r, r->check_first, r->check_last, LCHECK_ALL, m);
    }
    lcheck_regexes(f, m);
    lcheck_close(f);
}

/* Every rule file and lib helper of the linted packs; their messages join the problems. */
static void check_code(linter *li)
{
    lcheck_msgs m = {0};
    for (int s = 0; s < li->reg->nsrc; s++)
        if (!li->reg->src[s].support)
            check_file(li, &li->reg->src[s], true, &m);
    for (int s = 0; s < li->reg->nlibs; s++)
        check_file(li, &li->reg->libs[s], false, &m);
    for (size_t i = 0; i < m.n; i++) {
        li->problems = xrealloc(li->problems, (size_t)(li->n + 1) * sizeof *li->problems);
        li->problems[li->n++] = m.v[i];
    }
    free(m.v);
}

/* lint_columns' bridge from a rule to its index in the registry. */
typedef struct {
    const pa_registry *reg;
    lint_use_fn use;
    void *ud;
} column_use;

static void on_column(void *ud, const pa_rule *r, const char *table, const char *column)
{
    const column_use *u = ud;
    u->use(u->ud, (int)(r - u->reg->v), table, column);
}

int lint_columns(pa_registry *reg, lint_use_fn use, void *ud)
{
    column_use u = {reg, use, ud};
    lcheck_msgs m = {0}; /* the problems are lint's business, not the caller's */
    for (int s = 0; s < reg->nsrc; s++) {
        lcheck_file *f = lcheck_open(reg->src[s].path, reg->src[s].text, reg->src[s].len);
        lcheck_on_column(f, on_column, &u);
        for (int i = 0; i < reg->n; i++) {
            const pa_rule *r = &reg->v[i];
            if (!r->engine && r->check_first && strcmp(r->file, reg->src[s].path) == 0)
                lcheck_rule(f, reg, r, r->check_first, r->check_last, 0, &m);
        }
        lcheck_close(f);
    }
    lcheck_msgs_free(&m);
    return 0;
}

/* ---- the command ---- */

static const char *const lint_help =
    "usage: pmoaudit lint [RULE_PATH...] [-c FILE] [--builtin]\n"
    "\n"
    "Checks rule files without data: syntax, rule{} metadata, duplicate ids,\n"
    "unknown severities, domains and tables, columns and params a check uses\n"
    "that its tables and params do not have, tables it reads without listing\n"
    "them, comparisons that can never be true, pmo.re patterns, params set by\n"
    "test cases and the config, and rules without a test case. Without\n"
    "RULE_PATH it checks the config's rule folders, or the built-in pack when\n"
    "there is no config (see docs/lint.md).\n"
    "  -c, --config FILE  read custom domains (domains = {...}), rule folders and params\n"
    "  --builtin          check the built-in pack (also with RULE_PATHs)\n"
    "  --max-instructions N and the other budget options of run: the budget of\n"
    "  the rule files' loading\n"
    "Exit 0 when clean, 1 when there are problems, 2 when lint cannot run.\n";

/* One pass over the test cases: mark the rules they test (tested[] is
 * indexed like the registry) and report those of rules not linted. */
static void check_test_targets(lrt *rt, linter *li, bool *tested)
{
    int nt = ltc_count(rt);
    for (int k = 1; k <= nt; k++) {
        ltc_case tc;
        ltc_read(rt, k, &tc);
        const char *id = tc.rule;
        int ri = id ? reg_index(li->reg, id) : -1;
        if (ri >= 0)
            tested[ri] = true;
        else if (id)
            problem(li, tc.file, tc.line, "test: there is no rule %s in the linted paths", id);
        ltc_free(&tc);
    }
}

static void lint_registry(linter *li, lrt *rt)
{
    check_schemas(li);
    bool *tested = xcalloc((size_t)li->reg->n + 1, sizeof *tested);
    check_test_targets(rt, li, tested);
    for (int i = 0; i < li->reg->n; i++) {
        const pa_rule *r = &li->reg->v[i];
        if (r->engine)
            continue;
        check_domain(li, r);
        check_tables(li, r);
        if (!tested[i])
            problem(li, r->file, r->line,
                    "rule %s has no test: add test{ rule = \"%s\", ... } cases to a *_test.lua file beside it "
                    "(see docs/rule-tests.md)",
                    r->id, r->id);
    }
    free(tested);
    check_code(li);
}

static const char **known_tables(const pa_registry *reg)
{
    const char **v = xcalloc((size_t)schema_ntables + (size_t)reg->schemas.n + 1, sizeof *v);
    int n = 0;
    for (int i = 0; i < schema_ntables; i++)
        v[n++] = schema_tables[i].name;
    for (int i = 0; i < reg->schemas.n; i++)
        if (!reg->schemas.v[i].extends)
            v[n++] = reg->schemas.v[i].def.name;
    return v;
}

static const char **known_domains(const char *extra)
{
    int n = 0;
    const char **v = xcalloc(sizeof builtin_domains / sizeof *builtin_domains, sizeof *v);
    for (int i = 0; builtin_domains[i]; i++)
        v[n++] = builtin_domains[i];
    for (const char *p = extra; p && *p;) {
        size_t len = strcspn(p, ",");
        v = xrealloc(v, (size_t)(n + 2) * sizeof *v);
        v[n++] = xstrndup(p, len);
        p += len + (p[len] == ',');
    }
    v[n] = NULL;
    return v;
}

/*
 * The config's params, checked as a run checks them (lua/rule_decl.c, in
 * lint mode: every bad one recorded at its config line). An entry for a
 * rule lint does not see is left alone unless the built-in pack is
 * linted: without it, the entry may be for a built-in rule.
 */
static void config_params(linter *li, const pa_runopts *o, bool builtin)
{
    pa_registry *reg = li->reg;
    for (int i = 0; i < o->nsets; i++) {
        char *err = NULL;
        if (reg_add_override(reg, o->sets[i], o->set_where[i], &err) != 0) {
            li->problems = xrealloc(li->problems, (size_t)(li->n + 1) * sizeof *li->problems);
            li->problems[li->n++] = err;
            continue;
        }
        pa_override *ov = &reg->ovr[reg->novr - 1];
        if (!builtin && reg_index(reg, ov->rule) < 0) {
            free(ov->rule);
            free(ov->param);
            free(ov->value);
            free(ov->where);
            reg->novr--;
        }
    }
}

static int run_lint(pa_registry *reg, pa_source *tests, int ntests, const pa_runopts *o, bool builtin,
                    const pa_limits *lim)
{
    linter li = {reg, NULL, 0, known_domains(o->domains), NULL, NULL, 0};
    char *err = NULL;
    lrt *rt = lrt_new(lim);
    lrt_set_lint(rt);
    int rc = lrt_load_sources(rt, reg, &err);
    if (rc == 0)
        rc = lrt_load_tests(rt, tests, ntests, &err);
    if (rc == 0)
        rc = lrt_extract(rt, reg, &err);
    if (rc == 0) {
        lrt_check_spans(rt, reg);
        config_params(&li, o, builtin);
        rc = lrt_check_overrides(rt, reg, &err);
    }
    if (rc != 0) { /* lint mode records problems, so this is rare: out of memory */
        cli_fail("%s", err);
        free(err);
        lrt_free(rt);
        return 2;
    }
    int np;
    char **lp = lrt_problems(rt, &np);
    li.loading = lp;
    li.nloading = np;
    for (int i = 0; i < np; i++) {
        li.problems = xrealloc(li.problems, (size_t)(li.n + 1) * sizeof *li.problems);
        li.problems[li.n++] = xstrdup(lp[i]);
    }
    li.tables = known_tables(reg);
    lint_registry(&li, rt);
    if (li.n > 1)
        qsort(li.problems, (size_t)li.n, sizeof *li.problems, cmp_problem);
    for (int i = 0; i < li.n; i++) {
        printf("%s\n", li.problems[i]);
        free(li.problems[i]);
    }
    int nown = reg_own_count(reg), nfiles = ntests;
    for (int s = 0; s < reg->nsrc; s++)
        nfiles += !reg->src[s].support;
    printf("lint: %d rule%s, %d file%s: %d problem%s\n", nown, nown == 1 ? "" : "s", nfiles, nfiles == 1 ? "" : "s",
           li.n, li.n == 1 ? "" : "s");
    rc = li.n ? 1 : 0;
    free(li.problems);
    for (int i = 0; li.domains[i]; i++)
        if (i >= (int)(sizeof builtin_domains / sizeof *builtin_domains) - 1)
            free((char *)li.domains[i]);
    free(li.domains);
    free(li.tables);
    lrt_free(rt);
    return rc;
}

int cmd_lint(int argc, char **argv)
{
    const char *config = NULL;
    bool builtin = false;
    const char **paths = xcalloc((size_t)argc + 1, sizeof *paths);
    int npaths = 0, lim;
    pa_runopts budget; /* --max-instructions and the other budget options */
    opts_defaults(&budget);
    char *berr = NULL;
    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
            fputs(lint_help, stdout);
            free(paths);
            return 0;
        } else if ((lim = opts_parse_limit(argc, argv, &i, &budget, &berr)) != 0) {
            if (lim < 0)
                return free(paths), cli_fail_free(berr);
        } else if ((strcmp(argv[i], "-c") == 0 || strcmp(argv[i], "--config") == 0) && i + 1 < argc) {
            config = argv[++i];
        } else if (strcmp(argv[i], "--builtin") == 0) {
            builtin = true;
        } else if (argv[i][0] == '-' && argv[i][1]) {
            free(paths);
            return cmds_unknown_option("lint", argv[i]);
        } else {
            paths[npaths++] = argv[i];
        }
    }
    pa_runopts o;
    memset(&o, 0, sizeof o);
    pa_config cfg;
    char *err = NULL;
    if (config_load(config, &o, &cfg, &err) != 0) {
        free(paths);
        config_free(&cfg);
        free((void *)o.rule_paths);
        free((void *)o.sets);
        free((void *)o.set_where);
        int rc = cli_fail("%s", err);
        free(err);
        return rc;
    }
    const char **use = npaths ? paths : o.rule_paths;
    int nuse = npaths ? npaths : o.nrule_paths;
    if (nuse == 0)
        builtin = true;
    pa_registry reg;
    reg_init(&reg);
    pa_source *tests = NULL;
    int ntests = 0;
    int rc = 0;
    if (builtin) {
        reg_add_builtin(&reg);
        reg_builtin_tests(&reg, &tests, &ntests);
    } else {
        reg_add_engine_rules(&reg); /* the engine's checks, which a pack's tests may name */
    }
    for (int i = 0; rc == 0 && i < nuse; i++)
        if (reg_add_path(&reg, use[i], &err) != 0 || reg_path_tests(&reg, use[i], &tests, &ntests, &err) != 0)
            rc = cli_fail("%s", err);
    if (rc == 0)
        rc = run_lint(&reg, tests, ntests, &o, builtin, &budget.lim);
    free(err);
    reg_free_sources(tests, ntests);
    reg_free(&reg);
    config_free(&cfg);
    free((void *)o.rule_paths);
    free((void *)o.sets);
    free((void *)o.set_where);
    free(paths);
    return rc;
}
