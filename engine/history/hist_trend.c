/*
 * history/hist_trend.c - the counts behind the reports' trend charts. The
 * earlier runs are the latest of the series (same data folder and rule
 * selection, as-of up to this run's), each run's counts per domain and
 * project read from run_count (a few rows a run, written when the run was
 * recorded); this run, not recorded until its reports are written, is
 * counted from the report model the same way (findings not waived, listed
 * ones: those the history stores), so the last point of a
 * chart is what `pmoaudit history trend` shows for the run once it is in.
 * Counts are gathered as (name, run, count) triples and grouped by a sort,
 * so many projects cost n log n, not n squared.
 */
#include "history/hist_trend.h"
#include "core/util.h"
#include "model/value.h"

#include <sqlite3.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    const char *name; /* owned by the triples' string block list */
    int run;
    size_t n;
} triple;

typedef struct {
    triple *v;
    size_t n, cap;
    char **names; /* the copies the triples point to */
    size_t nnames, capnames;
} triples;

static void tri_add(triples *t, const char *name, int run, size_t n)
{
    if (t->nnames == t->capnames) {
        t->capnames = t->capnames ? t->capnames * 2 : 64;
        t->names = xrealloc(t->names, t->capnames * sizeof *t->names);
    }
    t->names[t->nnames] = xstrdup(name);
    if (t->n == t->cap) {
        t->cap = t->cap ? t->cap * 2 : 64;
        t->v = xrealloc(t->v, t->cap * sizeof *t->v);
    }
    t->v[t->n++] = (triple){t->names[t->nnames++], run, n};
}

static void tri_free(triples *t)
{
    for (size_t i = 0; i < t->nnames; i++)
        free(t->names[i]);
    free(t->names);
    free(t->v);
}

static int cmp_triple(const void *a, const void *b)
{
    const triple *x = a, *y = b;
    int c = strcmp(x->name, y->name);
    return c ? c : x->run - y->run;
}

/* Group the triples into lines sorted by name, a count per run. */
static pa_trend_line *tri_lines(triples *t, int nruns, int *nlines)
{
    if (t->n) /* t->v is NULL without triples */
        qsort(t->v, t->n, sizeof *t->v, cmp_triple);
    pa_trend_line *out = xmalloc((t->n + 1) * sizeof *out); /* at most a line per triple */
    int n = 0;
    const char *prev = NULL;
    for (size_t i = 0; i < t->n; i++) {
        if (!prev || strcmp(prev, t->v[i].name) != 0) {
            out[n].name = xstrdup(t->v[i].name);
            out[n].v = xcalloc((size_t)nruns, sizeof *out[n].v);
            prev = t->v[i].name;
            n++;
        }
        out[n - 1].v[t->v[i].run] += t->v[i].n;
    }
    *nlines = n;
    return out;
}

/* The series' latest `want` runs up to the as-of date, oldest first. */
static int earlier_runs(pa_history *h, int want, long long *ids, pa_trend *t, int *got)
{
    sqlite3_stmt *st = NULL;
    const char *sql = "SELECT id, as_of FROM run WHERE data_dir = ?1 AND rules = ?2 AND as_of <= ?3 "
                      "ORDER BY as_of DESC, id DESC LIMIT ?4";
    int rc = sqlite3_prepare_v2(h->db, sql, -1, &st, NULL), n = 0;
    if (rc == SQLITE_OK) {
        sqlite3_bind_text(st, 1, h->series_dir, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, h->series_rules, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 3, h->as_of, -1, SQLITE_STATIC);
        sqlite3_bind_int(st, 4, want);
    }
    while (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        ids[n] = sqlite3_column_int64(st, 0);
        const char *d = (const char *)sqlite3_column_text(st, 1);
        snprintf(t->as_of[n], 11, "%s", d ? d : "");
        n++;
        rc = SQLITE_OK;
    }
    sqlite3_finalize(st);
    for (int i = 0; i < n / 2; i++) { /* newest first -> oldest first */
        long long x = ids[i];
        ids[i] = ids[n - 1 - i];
        ids[n - 1 - i] = x;
        char d[11];
        memcpy(d, t->as_of[i], 11);
        memcpy(t->as_of[i], t->as_of[n - 1 - i], 11);
        memcpy(t->as_of[n - 1 - i], d, 11);
    }
    *got = n;
    return rc == SQLITE_DONE ? 0 : -1;
}

/* One earlier run's counts, as hist_write.c stored them (run_count): per
 * domain (the rule's in that run; "" when unknown) and per project; the
 * totals are the domains' sum. */
static int run_counts(pa_history *h, long long id, int run, triples *dom, triples *proj)
{
    const char *sql = "SELECT domain, project_id, findings FROM run_count WHERE run_id = ?1";
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(h->db, sql, -1, &st, NULL);
    if (rc == SQLITE_OK)
        sqlite3_bind_int64(st, 1, id);
    while (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *d = (const char *)sqlite3_column_text(st, 0), *p = (const char *)sqlite3_column_text(st, 1);
        size_t n = (size_t)sqlite3_column_int64(st, 2);
        tri_add(dom, d ? d : "", run, n);
        if (p && p[0])
            tri_add(proj, p, run, n);
        rc = SQLITE_OK;
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : -1;
}

static int cmp_str_ptr(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* This run's counts, from the report model as the history will store it:
 * the domains as the rules change (findings come grouped by rule), the
 * projects by sorting pointers to their ids, so one triple per name. */
static void this_run(const pa_report *r, int run, triples *dom, triples *proj)
{
    const char *last_rule = NULL, *domain = "";
    const char **ids = xmalloc((r->all.n + 1) * sizeof *ids);
    size_t nids = 0, ndom = 0;
    for (size_t i = 0; i < r->all.n; i++) {
        const pa_finding *f = &r->all.v[i];
        if (f->waived)
            continue;
        if (!last_rule || strcmp(last_rule, f->rule) != 0) {
            if (ndom)
                tri_add(dom, domain, run, ndom);
            const pa_rule *rule = reg_find(r->reg, f->rule);
            domain = rule && rule->domain ? rule->domain : "";
            last_rule = f->rule;
            ndom = 0;
        }
        ndom++;
        if (f->project_id && f->project_id[0])
            ids[nids++] = f->project_id;
    }
    if (ndom)
        tri_add(dom, domain, run, ndom);
    if (nids)
        qsort(ids, nids, sizeof *ids, cmp_str_ptr);
    for (size_t i = 0, j; i < nids; i = j) {
        for (j = i + 1; j < nids && strcmp(ids[j], ids[i]) == 0; j++)
            ;
        tri_add(proj, ids[i], run, j - i);
    }
    free(ids);
}

int hist_trend(pa_history *h, const pa_report *r, int runs, pa_trend *t, char **err)
{
    memset(t, 0, sizeof *t);
    long long *ids = xcalloc((size_t)runs, sizeof *ids);
    t->as_of = xcalloc((size_t)runs, sizeof *t->as_of);
    triples dom = {0}, proj = {0};
    int n = 0;
    bool own = sqlite3_get_autocommit(h->db) != 0; /* one snapshot for all the reads */
    int rc = own ? hist_exec(h, "BEGIN", err) : 0;
    if (rc == 0 && (rc = earlier_runs(h, runs - 1, ids, t, &n)) == 0)
        for (int i = 0; i < n && rc == 0; i++)
            rc = run_counts(h, ids[i], i, &dom, &proj);
    if (own)
        sqlite3_exec(h->db, "COMMIT", NULL, NULL, NULL);
    free(ids);
    if (rc != 0) {
        if (!*err)
            *err = hist_error(h, "cannot read the trend");
        tri_free(&dom);
        tri_free(&proj);
        trend_free(t);
        return -1;
    }
    this_run(r, n, &dom, &proj);
    t->nruns = n + 1;
    date_format(r->T, t->as_of[n]);
    t->dom = tri_lines(&dom, t->nruns, &t->ndom);
    t->proj = tri_lines(&proj, t->nruns, &t->nproj);
    t->total.v = xcalloc((size_t)t->nruns, sizeof *t->total.v);
    for (int i = 0; i < t->ndom; i++)
        for (int k = 0; k < t->nruns; k++)
            t->total.v[k] += t->dom[i].v[k];
    tri_free(&dom);
    tri_free(&proj);
    return 0;
}
