/*
 * run/case_run.c - running one test case (run/case_run.h). Every case
 * builds a store of its own from its inline tables. Lua rows were turned
 * into CSV when the case was declared, so cases go through the same loader,
 * types, nulls and DAT findings as a real run. The case's rule then runs on
 * that store (an engine rule takes the DAT findings), and its findings are
 * put in report order. `pmoaudit test` (cmd/test.c) compares them with the
 * case's expectation; run/rule_examples.c renders them as a rule's example.
 */
#include "run/case_run.h"
#include "collect/findings_sort.h"
#include "validate/dat_checks.h"
#include "load/dir_load.h"
#include "load/links.h"
#include "load/profile.h"
#include "load/row_ledger.h"
#include "load/table_load.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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

/*
 * Expects findings (a failing case) = 1, expects none (passing) = 0, else
 * -1 ("skipped", "errored"). A table expectation counts by its count, or
 * else by the length of its keys list.
 */
int case_expect_kind(const ltc_expect *e)
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

int case_run(lrt *rt, pa_registry *reg, int k, const ltc_case *tc, case_out *o, sbuf *why)
{
    memset(o, 0, sizeof *o);
    fnd_init(&o->res.findings);
    store_init(&o->st, "test");
    fnd_init(&o->dat);
    int ri = reg_index(reg, tc->rule);
    pa_date T = 0;
    const char *as_of = tc->as_of ? tc->as_of : CASE_AS_OF;
    if (ri < 0) {
        sb_printf(why, "there is no rule %s in the rule paths\n", tc->rule);
        return -1;
    }
    if (!val_parse_date(as_of, strlen(as_of), &T)) {
        sb_printf(why, "as_of \"%s\" is not a date YYYY-MM-DD\n", as_of);
        return -1;
    }
    char *err = NULL;
    if (load_case_data(rt, k, tc->profile, reg, &o->st, &o->dat, &err) != 0) {
        sb_printf(why, "the case's data does not load: %s\n", err);
        free(err);
        return -1;
    }
    if (strcmp(tc->rule, "DAT-007") == 0 && !case_row_drops(rt, k, &reg->v[ri], &o->st, as_of, &o->dat)) {
        o->res.status = ST_SKIPPED; /* no baseline: nothing to compare with */
    } else if (reg->v[ri].engine) {
        engine_result(&reg->v[ri], &o->dat, &o->res);
    } else {
        ltc_use_params(rt, k);
        lrt_bind(rt, &o->st, T);
        lrt_run(rt, reg, ri, &o->res);
        fpack_unpack(&o->res.packed, reg->v[ri].id, &o->res.findings);
        ltc_use_params(rt, 0);
    }
    fnd_finalize(&o->res.findings);
    return ri;
}

void case_out_free(case_out *o)
{
    free(o->res.message);
    free(o->res.notes);
    fnd_free(&o->res.findings);
    fnd_free(&o->dat);
    store_free(&o->st);
}
