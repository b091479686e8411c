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
#include "collect/findings_sort.h"
#include "cmd/commands.h"
#include "cmd/common.h"
#include "cmd/options.h"
#include "validate/dat_checks.h"
#include "load/dir_load.h"
#include "load/links.h"
#include "load/profile.h"
#include "load/row_ledger.h"
#include "load/table_load.h"
#include "lua/runtime.h"
#include "lua/test_cases.h"
#include "model/registry.h"
#include "core/util.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define DEFAULT_AS_OF "2026-06-30"

typedef struct {
    bool verbose, coverage;
    int passed, failed;
    bool *has_fail, *has_pass; /* per rule: a case expecting findings / none */
    bool *has_case;
} runner;

/* ---- inline tables ---- */

/*
 * A case with a profile: its data are files (a name without an extension
 * gets .csv) written to a fresh folder, loaded through the profile as a
 * run loads a data directory; the folder is removed again.
 */
static int load_case_files(const char *profile, char **names, char **texts, size_t n, const pa_registry *reg,
                           pa_store *st, pa_findings *dat, char **err)
{
    char dir[] = "/tmp/pmoaudit-test-XXXXXX";
    if (!mkdtemp(dir))
        return *err = xasprintf("cannot make a folder for the case's files: %s", strerror(errno)), -1;
    char **paths = xcalloc(n + 1, sizeof *paths);
    int rc = 0;
    for (size_t i = 0; i < n && rc == 0; i++) {
        paths[i] = xasprintf("%s/%s%s", dir, names[i], strchr(names[i], '.') ? "" : ".csv");
        FILE *f = fopen(paths[i], "w");
        rc = f && fputs(texts[i], f) >= 0 ? 0 : -1;
        if (f && fclose(f) != 0)
            rc = -1;
        if (rc)
            *err = xasprintf("%s: cannot write the case's file", paths[i]);
    }
    pa_profile *p = rc ? NULL : prof_load(profile, NULL, NULL, err);
    pa_load_opts lo = {.schemas = &reg->schemas, .profile = p};
    free(st->dir);
    st->dir = xstrdup(dir);
    if (p)
        rc = load_dir(st, &lo, dat, err);
    else
        rc = -1;
    prof_free(p);
    for (size_t i = 0; i < n; i++) {
        if (paths[i])
            unlink(paths[i]);
        free(paths[i]);
    }
    free(paths);
    rmdir(dir);
    return rc;
}

/* Load case k's data into st; -1 with *err on a load error. */
static int load_case_data(lrt *rt, int k, const char *profile, const pa_registry *reg, pa_store *st,
                          pa_findings *dat, char **err)
{
    size_t n;
    char **texts;
    char **names = ltc_data(rt, k, &texts, &n);
    if (!names)
        return 0;
    int rc = 0;
    pa_load_opts lo = {.schemas = &reg->schemas};
    if (profile) { /* load_dir links and accounts for the rows itself */
        rc = load_case_files(profile, names, texts, n, reg, st, dat, err);
        ltc_free_data(names, texts, n);
        if (rc == 0) {
            dat_duplicates(st, dat);
            dat_references(st, dat);
        }
        return rc;
    }
    for (size_t i = 0; i < n && rc == 0; i++) {
        char *display = xasprintf("%s.csv", names[i]);
        rc = load_buffer(st, texts[i], strlen(texts[i]), display, names[i], &lo, dat, err);
        free(display);
    }
    ltc_free_data(names, texts, n);
    if (rc == 0) {
        lnk_resolve(st);
        dat_duplicates(st, dat);
        dat_references(st, dat);
        dat_empty_tables(st, dat);
        rled_findings(&st->ledger, dat);
    }
    return rc;
}

/*
 * DAT-007 of case k: its baseline = {...} row counts against the case's
 * tables, with max_drop from the case's params or the rule's default.
 * Returns false when the case gives no baseline (the rule is skipped then,
 * as in a run without --baseline).
 */
static bool case_row_drops(lrt *rt, int k, const pa_rule *rule, const pa_store *st, const char *as_of,
                           pa_findings *dat)
{
    char **names;
    size_t *rows;
    int n = ltc_baseline(rt, k, &names, &rows);
    if (n < 0)
        return false;
    double max_drop = 0.5;
    for (int p = 0; p < rule->nparams; p++)
        if (strcmp(rule->params[p].name, "max_drop") == 0)
            max_drop = strtod(rule->params[p].shown, NULL);
    ltc_param_number(rt, k, "max_drop", &max_drop);
    dat_rows *before = xcalloc((size_t)n + 1, sizeof *before);
    for (int i = 0; i < n; i++)
        before[i] = (dat_rows){names[i], rows[i]};
    dat_row_drops(st, before, n, max_drop, as_of, dat);
    free(before);
    ltc_free_baseline(names, rows, n);
    return true;
}

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

/*
 * Expects findings (a failing case) = 1, expects none (passing) = 0, else
 * -1 ("skipped", "errored"). A table expectation counts by its count, or
 * else by the length of its keys list.
 */
static int expect_kind(const ltc_expect *e)
{
    long long n = -1;
    if (e->is_count) {
        n = e->count;
    } else if (!e->status) {
        static const int lists[] = {LTC_KEYS,       LTC_LINES,    LTC_COLUMNS,  LTC_MESSAGES,
                                    LTC_SEVERITIES, LTC_PROJECTS, LTC_INVOLVES, -1};
        if (e->has_count)
            n = e->count;
        for (int i = 0; n < 0 && lists[i] >= 0; i++) /* a list says how many findings it expects */
            if (e->lists[lists[i]].given)
                n = (long long)e->lists[lists[i]].n;
    }
    return n < 0 ? -1 : n > 0;
}

static void print_findings(const pa_findings *fs, sbuf *b)
{
    for (size_t i = 0; i < fs->n; i++) {
        const pa_finding *f = &fs->v[i];
        sb_printf(b, "          %s:%u  %s  %s  %s  %s\n", f->file ? f->file : "-", f->line, f->key ? f->key : "-",
                  f->column ? f->column : "-", sev_name(f->sev), f->message ? f->message : "");
    }
}

/* The rule's result from the DAT findings (engine rules). */
static void engine_result(const pa_rule *rule, pa_findings *dat, pa_result *res)
{
    memset(res, 0, sizeof *res);
    fnd_init(&res->findings);
    for (size_t i = 0; i < dat->n; i++) {
        if (strcmp(dat->v[i].rule, rule->id) != 0)
            continue;
        pa_finding *f = &dat->v[i];
        fnd_add(&res->findings, rule->id, f->sev, f->table, f->key, f->project_id, f->file, f->line, f->column,
                f->value, f->message, f->disc);
        res->count++;
    }
    res->status = res->count ? ST_FAILED : ST_PASSED;
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
    int ri = reg_index(reg, rule_id);
    pa_result res;
    memset(&res, 0, sizeof res);
    fnd_init(&res.findings);
    pa_store st;
    store_init(&st, "test");
    pa_findings dat;
    fnd_init(&dat);
    pa_date T = 0;
    const char *as_of = tc.as_of ? tc.as_of : DEFAULT_AS_OF;
    if (ri < 0) {
        sb_printf(&why, "there is no rule %s in the rule paths\n", rule_id);
    } else if (!val_parse_date(as_of, strlen(as_of), &T)) {
        sb_printf(&why, "as_of \"%s\" is not a date YYYY-MM-DD\n", as_of);
    } else {
        char *err = NULL;
        int rc = load_case_data(rt, c, tc.profile, reg, &st, &dat, &err);
        if (rc != 0) {
            sb_printf(&why, "the case's data does not load: %s\n", err);
            free(err);
        } else {
            if (strcmp(rule_id, "DAT-007") == 0 && !case_row_drops(rt, c, &reg->v[ri], &st, as_of, &dat)) {
                res.status = ST_SKIPPED; /* no baseline: nothing to compare with */
            } else if (reg->v[ri].engine) {
                engine_result(&reg->v[ri], &dat, &res);
            } else {
                ltc_use_params(rt, c);
                lrt_bind(rt, &st, T);
                lrt_run(rt, reg, ri, &res);
                ltc_use_params(rt, 0);
            }
            fnd_finalize(&res.findings);
            ltc_expect exp;
            ltc_read_expect(rt, c, &exp);
            check_expect(&exp, &res, &why);
            int kind = expect_kind(&exp);
            ltc_free_expect(&exp);
            if (kind == 1)
                ru->has_fail[ri] = true;
            else if (kind == 0)
                ru->has_pass[ri] = true;
            ru->has_case[ri] = true;
        }
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
        sb_printf(&out, "        findings (%zu):\n", res.findings.n);
        print_findings(&res.findings, &out);
        fputs(out.data, stdout);
    }
    sb_free(&why);
    sb_free(&out);
    free(res.message);
    fnd_free(&res.findings);
    fnd_free(&dat);
    store_free(&st);
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

static const char *const test_help =
    "usage: pmoaudit test [RULE_PATH...] [-v] [--coverage]\n"
    "\n"
    "Runs the test cases (test{...} in *_test.lua files) of the rules in the\n"
    "given files or folders, or of the built-in pack when none is given.\n"
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
    const char **paths = NULL;
    int npaths = 0, lim;
    pa_runopts o; /* the budget options only */
    opts_defaults(&o);
    char *err = NULL;
    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], "-v") == 0 || strcmp(argv[i], "--verbose") == 0) {
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
    int rc = cli_load_registry(&reg, npaths == 0, paths, npaths, NULL, 0);
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
            covered += ru.has_case[i];
        if (ru.coverage)
            print_coverage(&ru, &reg);
        printf("%d rules, %d with tests; %lld cases\n", reg.n, covered, (long long)n);
        printf("%d passed, %d failed\n", ru.passed, ru.failed);
        rc = ru.failed ? 1 : 0;
        if (ru.coverage)
            for (int i = 0; i < reg.n; i++)
                if (!ru.has_fail[i] || !ru.has_pass[i])
                    rc = 1;
    }
    free(err);
    free(ru.has_fail);
    free(ru.has_pass);
    free(ru.has_case);
    lrt_free(rt);
    reg_free_sources(tests, ntests);
    reg_free(&reg);
    for (int i = 0; i < given; i++)
        free(partners[i]);
    free(partners);
    free(paths);
    return rc;
}
