/*
 * cmd/test.c - `pmoaudit test`: runs the cases of *_test.lua files against
 * their rules (format in docs/rule-tests.md).
 *
 * Every case builds a store of its own from its inline tables. Lua rows
 * are turned into CSV first, so cases go through the same loader, types,
 * nulls and DAT findings as a real run. The case's rule then runs on that
 * store (an engine rule takes the DAT findings), and the findings, in report
 * order, are compared with what the case expects. All cases share one Lua
 * runtime that holds the rules and the test files.
 */
#include "cmd/commands.h"
#include "cmd/common.h"
#include "cmd/options.h"
#include "lua/runtime.h"
#include "lua/test_cases.h"
#include "model/registry.h"
#include "run/case_run.h"
#include "run/run.h"
#include "core/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

typedef struct {
    bool verbose, coverage;
    int passed, failed;
    bool *has_fail, *has_pass; /* per rule: a case expecting findings / none */
    bool *has_case;
} runner;

/* ---- expectations ---- */

static const char *finding_field(const pa_finding *f, const char *list, char *buf, size_t cap)
{
    if (strcmp(list, "keys") == 0)
        return f->key;
    if (strcmp(list, "columns") == 0)
        return f->column;
    if (strcmp(list, "projects") == 0)
        return f->project_id;
    if (strcmp(list, "severities") == 0)
        return sev_name(f->sev);
    if (strcmp(list, "messages") == 0)
        return f->message;
    if (strcmp(list, "involves") == 0) { /* report{projects = ...}, sorted, joined with commas */
        if (!f->nprojects)
            return NULL;
        size_t at = 0;
        for (int k = 0; k < f->nprojects && at < cap; k++)
            at += (size_t)snprintf(buf + at, cap - at, "%s%s", k ? "," : "", f->projects[k]);
        return buf;
    }
    snprintf(buf, cap, "%u", f->line);
    return buf;
}

/* Compare one expected list (keys, columns, ...) with the findings. */
static void check_list(const ltc_list *l, const char *list, const pa_findings *fs, sbuf *why)
{
    if (!l->given)
        return;
    size_t n = l->n;
    if (n != fs->n) {
        sb_printf(why, "expected %zu %s, got %zu findings\n", n, list, fs->n);
        return;
    }
    for (size_t i = 0; i < n; i++) {
        char buf[1024];
        const char *got = finding_field(&fs->v[i], list, buf, sizeof buf);
        const char *want = l->want[i];
        bool ok = strcmp(list, "messages") == 0 ? (got && want && strstr(got, want) != NULL)
                                               : (!want ? !got : (got && strcmp(got, want) == 0));
        if (!ok)
            sb_printf(why, "%s[%zu]: expected %s%s%s, got %s%s%s\n", list, i + 1, want ? "\"" : "",
                      want ? want : "none", want ? "\"" : "", got ? "\"" : "", got ? got : "none", got ? "\"" : "");
    }
}

/* Compare the result with the case's expectation; fills why. */
static void check_expect(const ltc_expect *e, const pa_result *res, sbuf *why)
{
    const char *status = status_name(res->status);
    if (e->status) {
        if (strcmp(e->status, status) != 0)
            sb_printf(why, "expected the rule to be %s, it %s%s%s\n", e->status, status,
                      res->message ? ": " : "", res->message ? res->message : "");
        return;
    }
    if (res->status == ST_SKIPPED || res->status == ST_ERRORED) {
        sb_printf(why, "the rule %s: %s\n", status, res->message ? res->message : "");
        return;
    }
    if (e->is_count) {
        if ((long long)res->count != e->count)
            sb_printf(why, "expected %lld findings, got %zu\n", e->count, res->count);
        return;
    }
    if (e->has_count && (long long)res->count != e->count)
        sb_printf(why, "expected %lld findings, got %zu\n", e->count, res->count);
    for (int i = 0; i < LTC_NLISTS; i++)
        check_list(&e->lists[i], ltc_list_names[i], &res->findings, why);
}

static void print_findings(const pa_findings *fs, sbuf *b)
{
    for (size_t i = 0; i < fs->n; i++) {
        const pa_finding *f = &fs->v[i];
        sb_printf(b, "          %s:%u  %s  %s  %s  %s\n", f->file ? f->file : "-", f->line, f->key ? f->key : "-",
                  f->column ? f->column : "-", sev_name(f->sev), f->message ? f->message : "");
    }
}

static void run_case(runner *ru, lrt *rt, pa_registry *reg, int c)
{
    ltc_case tc;
    ltc_read(rt, c, &tc);
    const char *rule_id = tc.rule, *name = tc.name, *file = tc.file;
    int line = tc.line;
    sbuf why, out;
    sb_init(&why);
    sb_init(&out);
    case_out co;
    int ri = case_run(rt, reg, c, &tc, &co, &why);
    if (ri >= 0) {
        ltc_expect exp;
        ltc_read_expect(rt, c, &exp);
        check_expect(&exp, &co.res, &why);
        int kind = case_expect_kind(&exp);
        ltc_free_expect(&exp);
        if (kind == 1)
            ru->has_fail[ri] = true;
        else if (kind == 0)
            ru->has_pass[ri] = true;
        ru->has_case[ri] = true;
    }
    bool ok = why.len == 0;
    if (ok) {
        ru->passed++;
        if (ru->verbose)
            printf("ok    %-8s %s\n", rule_id, name);
    } else {
        ru->failed++;
        sb_printf(&out, "FAIL  %-8s %s  (%s:%d)\n", rule_id, name, file, line);
        for (char *p = why.data, *nl; p && *p; p = nl + 1) {
            nl = strchr(p, '\n');
            sb_printf(&out, "        %.*s\n", (int)(nl - p), p);
        }
        sb_printf(&out, "        findings (%zu):\n", co.res.findings.n);
        print_findings(&co.res.findings, &out);
        fputs(out.data, stdout);
    }
    sb_free(&why);
    sb_free(&out);
    case_out_free(&co);
    ltc_free(&tc);
}

static void print_coverage(const runner *ru, const pa_registry *reg)
{
    int *order;
    int n = reg_sorted(reg, false, &order);
    sbuf nofail, nopass;
    sb_init(&nofail);
    sb_init(&nopass);
    for (int k = 0; k < n; k++) {
        int i = order[k];
        if (reg->v[i].support)
            continue;
        if (!ru->has_fail[i])
            sb_printf(&nofail, " %s", reg->v[i].id);
        if (!ru->has_pass[i])
            sb_printf(&nopass, " %s", reg->v[i].id);
    }
    printf("coverage: rules without a failing case:%s\n", nofail.len ? nofail.data : " none");
    printf("coverage: rules without a passing case:%s\n", nopass.len ? nopass.data : " none");
    sb_free(&nofail);
    sb_free(&nopass);
    free(order);
}

/*
 * A rule file and its tests are a pair: rules/X.lua's cases are in
 * rules/X_test.lua. Naming either one on the command line must run both,
 * or `pmoaudit test rules/X.lua` would find no case and a test file alone
 * no rule. Returns the partner file when it exists, else NULL.
 */
static char *partner_file(const char *path)
{
    size_t n = strlen(path);
    char *p = NULL;
    if (n > 9 && strcmp(path + n - 9, "_test.lua") == 0)
        p = xasprintf("%.*s.lua", (int)(n - 9), path);
    else if (n > 4 && strcmp(path + n - 4, ".lua") == 0)
        p = xasprintf("%.*s_test.lua", (int)(n - 4), path);
    struct stat sb;
    if (p && (stat(p, &sb) != 0 || !S_ISREG(sb.st_mode))) {
        free(p);
        p = NULL;
    }
    return p;
}

/* Whether path names file, or a folder that holds it (textually). */
static bool path_covers(const char *path, const char *file)
{
    size_t n = strlen(path);
    return strncmp(path, file, n) == 0 && (file[n] == '\0' || file[n] == '/' || (n && path[n - 1] == '/'));
}

/*
 * No RULE_PATH: the config's rule folders, so that `pmoaudit test` in a
 * pack tests the pack (its params and severities are not applied: a case
 * tests the rule as declared, with the case's own params). Returns 2 when
 * the config does not load (its error printed), else 0.
 */
static int config_paths(const char *config, const char ***paths, int *npaths)
{
    cli_pack pack;
    int rc = cli_pack_open(&pack, config, NULL, 0, false);
    for (int i = 0; rc == 0 && i < pack.o.nrule_paths; i++) {
        *paths = xrealloc(*paths, (size_t)(*npaths + 1) * sizeof **paths);
        (*paths)[(*npaths)++] = xstrdup(pack.o.rule_paths[i]);
    }
    cli_pack_close(&pack);
    return rc;
}

static const char *const test_help =
    "usage: pmoaudit test [RULE_PATH...] [-c FILE] [-v] [--coverage]\n"
    "\n"
    "Runs the test cases (test{...} in *_test.lua files) of the rules in the\n"
    "given files or folders; without them, of the config's rule folders (-c\n"
    "FILE, or ./pmoaudit.lua: a pack tests itself), else of the built-in pack.\n"
    "A rule file X.lua brings its tests X_test.lua, and a test file its rule.\n"
    "  -v, --verbose   list every case, not only failures\n"
    "  --coverage      name the rules that lack a failing or a passing case\n"
    "  --max-instructions N, --max-rule-memory MB, --rule-timeout SECONDS and the\n"
    "  other budget options of run (pmoaudit help run) apply to each case\n"
    "Exit 1 when a case fails (or, with --coverage, when a rule lacks either).\n"
    "See docs/rule-tests.md.\n";

int cmd_test(int argc, char **argv)
{
    runner ru;
    memset(&ru, 0, sizeof ru);
    const char **paths = NULL, *config = NULL;
    int npaths = 0, lim;
    pa_runopts o; /* the budget options only */
    opts_defaults(&o);
    char *err = NULL;
    for (int i = 0; i < argc; i++) {
        if ((strcmp(argv[i], "-c") == 0 || strcmp(argv[i], "--config") == 0) && i + 1 < argc) {
            config = argv[++i];
        } else if (strcmp(argv[i], "-v") == 0 || strcmp(argv[i], "--verbose") == 0) {
            ru.verbose = true;
        } else if (strcmp(argv[i], "--coverage") == 0) {
            ru.coverage = true;
        } else if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
            fputs(test_help, stdout);
            free(paths);
            return 0;
        } else if ((lim = opts_parse_limit(argc, argv, &i, &o, &err)) != 0) {
            if (lim < 0)
                return free(paths), cli_fail_free(err);
        } else if (argv[i][0] == '-' && argv[i][1]) {
            free(paths);
            return cmds_unknown_option("test", argv[i]);
        } else {
            paths = xrealloc(paths, (size_t)(npaths + 1) * sizeof *paths);
            paths[npaths++] = argv[i];
        }
    }
    bool from_config = npaths == 0;
    if (from_config && config_paths(config, &paths, &npaths) != 0)
        return 2;
    int given = npaths;
    char **partners = xcalloc((size_t)given + 1, sizeof *partners);
    for (int i = 0; i < given; i++) { /* rule paths give no tests, test paths no rules */
        char *p = partner_file(paths[i]);
        for (int k = 0; p && k < npaths; k++)
            if (path_covers(paths[k], p))
                free(p), p = NULL;
        if (p) {
            partners[i] = p;
            paths = xrealloc(paths, (size_t)(npaths + 1) * sizeof *paths);
            paths[npaths++] = p;
        }
    }
    pa_registry reg;
    pa_source *tests = NULL;
    int ntests = 0;
    /* a pack's cases may test the engine's checks of its schema{} (DAT-003, DAT-004, ...) */
    int rc = cli_load_registry(&reg, npaths == 0 ? RUN_BUILTIN : RUN_ENGINE_RULES, paths, npaths, NULL, 0);
    if (rc == 0 && npaths == 0)
        reg_builtin_tests(&reg, &tests, &ntests);
    for (int i = 0; rc == 0 && i < npaths; i++)
        if (reg_path_tests(&reg, paths[i], &tests, &ntests, &err) != 0)
            rc = cli_fail("%s", err);
    lrt *rt = NULL;
    if (rc == 0) {
        rt = lrt_new(&o.lim);
        if (lrt_load_sources(rt, &reg, &err) != 0 || lrt_load_tests(rt, tests, ntests, &err) != 0)
            rc = cli_fail("%s", err);
    }
    if (rc == 0) {
        ru.has_fail = xcalloc((size_t)reg.n + 1, 1);
        ru.has_pass = xcalloc((size_t)reg.n + 1, 1);
        ru.has_case = xcalloc((size_t)reg.n + 1, 1);
        int n = ltc_count(rt);
        for (int k = 1; k <= n; k++)
            run_case(&ru, rt, &reg, k);
        int covered = 0;
        for (int i = 0; i < reg.n; i++)
            covered += ru.has_case[i] && !reg.v[i].support;
        if (ru.coverage)
            print_coverage(&ru, &reg);
        printf("%d rules, %d with tests; %lld cases\n", reg_own_count(&reg), covered, (long long)n);
        printf("%d passed, %d failed\n", ru.passed, ru.failed);
        rc = ru.failed ? 1 : 0;
        if (n == 0) { /* a test run that ran nothing must not read as a pass in CI */
            (void)cli_fail("no test cases found, so nothing was tested: add test{ rule = \"ID\", ... } cases "
                           "to a *_test.lua file beside the rules (docs/rule-tests.md)");
            rc = 1;
        }
        if (ru.coverage)
            for (int i = 0; i < reg.n; i++)
                if (!reg.v[i].support && (!ru.has_fail[i] || !ru.has_pass[i]))
                    rc = 1;
    }
    free(err);
    free(ru.has_fail);
    free(ru.has_pass);
    free(ru.has_case);
    lrt_free(rt);
    reg_free_sources(tests, ntests);
    reg_free(&reg);
    for (int i = 0; i < given; i++) {
        free(partners[i]);
        if (from_config)
            free((char *)paths[i]);
    }
    free(partners);
    free(paths);
    return rc;
}
