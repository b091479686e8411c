/*
 * history/hist_export.c - rebuilding a past run's report model from the
 * history, so that `pmoaudit history export` writes it with the same
 * report writers as a run. The findings are added to the stored rules'
 * results and go through report_build as in a run, which orders them and
 * computes the same fingerprints (rule, table, key, column and
 * discriminator are stored); what the run added afterwards (owner,
 * first_seen, baseline mark, waiver) is then put back by fingerprint. What
 * the history does not keep is not in the rebuilt report: the rule
 * documentation and params, the files' row ledger and load notes, the
 * per-severity split of findings past a rule's cap (counted at the rule's
 * severity), and the resolved list when the baseline was a file or its
 * run was pruned (docs/history.md).
 */
#include "history/hist_export.h"
#include "history/hist_base.h"
#include "core/strpool.h"
#include "core/util.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *col(sqlite3_stmt *st, int i)
{
    return (const char *)sqlite3_column_text(st, i);
}

static const char *keep(hist_export *x, const char *s)
{
    if (!s)
        return NULL;
    if (x->nkeep && strcmp(x->keep[x->nkeep - 1], s) == 0) /* findings come file by file */
        return x->keep[x->nkeep - 1];
    GROW(x->keep, x->capkeep, x->nkeep + 1);
    return x->keep[x->nkeep++] = xstrdup(s);
}

static int prepare(pa_history *h, const char *sql, long long id, sqlite3_stmt **st, char **err)
{
    if (sqlite3_prepare_v2(h->db, sql, -1, st, NULL) != SQLITE_OK) {
        *err = hist_error(h, "cannot read the history");
        return -1;
    }
    sqlite3_bind_int64(*st, 1, id);
    return 0;
}

/* The end of a read loop: 0 when it ended on SQLITE_DONE. */
static int done(pa_history *h, sqlite3_stmt *st, int rc, char **err)
{
    sqlite3_finalize(st);
    if (rc == SQLITE_DONE)
        return 0;
    *err = hist_error(h, "cannot read the history");
    return -1;
}

static int load_tables(pa_history *h, long long id, hist_export *x, char **err)
{
    sqlite3_stmt *st;
    if (prepare(h, "SELECT name, file, rows FROM run_table WHERE run_id = ?1 ORDER BY rowid", id, &st, err) != 0)
        return -1;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        pa_table *t = tab_new(col(st, 0), col(st, 1) ? col(st, 1) : "", NULL);
        t->nrows = (size_t)sqlite3_column_int64(st, 2);
        x->st.tables = xrealloc(x->st.tables, (size_t)(x->st.ntables + 1) * sizeof *x->st.tables);
        x->st.tables[x->st.ntables++] = t;
    }
    return done(h, st, rc, err);
}

static pa_status status_of(const char *s)
{
    return !s || strcmp(s, "passed") == 0 ? ST_PASSED
           : strcmp(s, "failed") == 0     ? ST_FAILED
           : strcmp(s, "skipped") == 0    ? ST_SKIPPED
                                          : ST_ERRORED;
}

static int load_rules(pa_history *h, long long id, hist_export *x, char **err)
{
    sqlite3_stmt *st;
    if (prepare(h, "SELECT count(*) FROM rule_result WHERE run_id = ?1", id, &st, err) != 0)
        return -1;
    size_t n = sqlite3_step(st) == SQLITE_ROW ? (size_t)sqlite3_column_int64(st, 0) : 0;
    sqlite3_finalize(st);
    x->reg.v = xcalloc(n + 1, sizeof *x->reg.v);
    x->results = xcalloc(n + 1, sizeof *x->results);
    if (prepare(h, "SELECT rule, title, domain, severity, status, findings, not_listed, message FROM rule_result "
                   "WHERE run_id = ?1 ORDER BY rule", id, &st, err) != 0)
        return -1;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW && (size_t)x->reg.n < n) {
        pa_rule *r = &x->reg.v[x->reg.n];
        pa_result *res = &x->results[x->reg.n++];
        int sev = sev_parse(col(st, 3) ? col(st, 3) : "", false);
        *r = (pa_rule){.id = xstrdup(col(st, 0)), .title = col(st, 1) ? xstrdup(col(st, 1)) : NULL,
                       .domain = col(st, 2) ? xstrdup(col(st, 2)) : NULL, .sev = sev < 0 ? SEV_ERROR : (pa_sev)sev,
                       .selected = true, .file = "", .engine = strncmp(col(st, 0), "DAT-", 4) == 0};
        res->status = status_of(col(st, 4));
        res->count = (size_t)sqlite3_column_int64(st, 5);
        res->dropped = (size_t)sqlite3_column_int64(st, 6);
        res->by_sev[r->sev] = res->unlisted_sev[r->sev] = res->dropped; /* the split is not kept */
        res->message = col(st, 7) ? xstrdup(col(st, 7)) : NULL;
    }
    return done(h, st, rc == SQLITE_ROW ? SQLITE_DONE : rc, err);
}

/* What a stored finding had beyond what report_build recomputes. */
typedef struct {
    const char *owner, *first_seen, *baseline;
    long waiver; /* index in x->waivers, or -1 */
} extra;

static void add_waiver(hist_export *x, sqlite3_stmt *st, size_t *cap, extra *e)
{
    GROW(x->waivers, *cap, x->nwaivers + 1);
    pa_waiver *w = &x->waivers[x->nwaivers];
    memset(w, 0, sizeof *w);
    w->reason = col(st, 14) ? xstrdup(col(st, 14)) : NULL;
    w->approved_by = col(st, 15) ? xstrdup(col(st, 15)) : NULL;
    const char *exp = col(st, 16);
    w->has_expiry = exp && val_parse_date(exp, strlen(exp), &w->expires);
    w->file = keep(x, col(st, 17));
    w->line = (uint32_t)sqlite3_column_int64(st, 18);
    w->matched = 1;
    e->waiver = (long)x->nwaivers++;
}

static const char *finding_sql =
    "SELECT rule, severity, table_name, key, project_id, file, line, column_name, value, message, disc, "
    "projects, owner, first_seen, waiver_reason, waiver_by, waiver_expires, waiver_file, waiver_line, "
    "baseline, waived, fingerprint FROM finding WHERE run_id = ?1";

/* One stored finding into its rule's result; its extras by fingerprint. */
static void add_finding(hist_export *x, sqlite3_stmt *st, strpool *fps, extra **ex, size_t *cap, size_t *wcap)
{
    int k = reg_index(&x->reg, col(st, 0));
    if (k < 0)
        return;
    int sev = sev_parse(col(st, 1) ? col(st, 1) : "", false);
    pa_result *res = &x->results[k];
    pa_finding *f = fnd_add(&res->findings, x->reg.v[k].id, sev < 0 ? x->reg.v[k].sev : (pa_sev)sev, col(st, 2),
                            col(st, 3), col(st, 4), keep(x, col(st, 5)), (uint32_t)sqlite3_column_int64(st, 6),
                            col(st, 7), col(st, 8), col(st, 9), col(st, 10));
    res->by_sev[f->sev]++;
    if (col(st, 11)) { /* the projects, one a line */
        char *list = xstrdup(col(st, 11)), *save = NULL;
        const char *ids[4096];
        int n = 0;
        for (char *p = strtok_r(list, "\n", &save); p && n < 4096; p = strtok_r(NULL, "\n", &save))
            ids[n++] = p;
        fnd_set_projects(f, ids, n);
        free(list);
    }
    uint32_t id = sp_intern(fps, col(st, 21), strlen(col(st, 21)));
    GROW(*ex, *cap, (size_t)id + 1);
    extra *e = &(*ex)[id];
    *e = (extra){keep(x, col(st, 12)), keep(x, col(st, 13)), keep(x, col(st, 19)), -1};
    if (sqlite3_column_int(st, 20))
        add_waiver(x, st, wcap, e);
}

/* Owner, first_seen, baseline mark and waiver back onto each finding. */
static void put_extras(hist_export *x, const strpool *fps, const extra *ex)
{
    pa_report *r = &x->rep;
    for (size_t i = 0; i < r->all.n; i++) {
        pa_finding *f = &r->all.v[i];
        uint32_t id = sp_find(fps, f->fingerprint, strlen(f->fingerprint));
        if (!id || !ex)
            continue;
        const extra *e = &ex[id];
        f->owner = e->owner;
        if (e->first_seen)
            snprintf(f->first_seen, sizeof f->first_seen, "%s", e->first_seen);
        f->baseline = !e->baseline ? BL_NONE : strcmp(e->baseline, "existing") == 0 ? BL_EXISTING : BL_NEW;
        f->reopened = e->baseline && strcmp(e->baseline, "reopened") == 0;
        f->waived = e->waiver >= 0;
        f->waiver = e->waiver >= 0 ? &x->waivers[e->waiver] : NULL;
    }
}

static int load_findings(pa_history *h, long long id, hist_export *x, strpool *fps, extra **ex, char **err)
{
    sqlite3_stmt *st;
    if (prepare(h, finding_sql, id, &st, err) != 0)
        return -1;
    size_t cap = 0, wcap = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        add_finding(x, st, fps, ex, &cap, &wcap);
    return done(h, st, rc, err);
}

/* The run's row: as_of, data folder, version, options, baseline. */
typedef struct {
    pa_date T;
    pa_sev fail_on;
    bool fail_on_new;
    long long base_run;
    const char *base_file, *base_as_of;
} run_row;

static void read_options(const char *opts, run_row *rr)
{
    const char *p = opts ? strstr(opts, "fail_on=") : NULL;
    char sev[16] = "";
    if (p && (p == opts || p[-1] == '\n'))
        sscanf(p + 8, "%15[a-z]", sev);
    int s = sev_parse(sev, true);
    rr->fail_on = s < 0 ? SEV_ERROR : (pa_sev)s;
    rr->fail_on_new = opts && strstr(opts, "\nfail_on_new=true") != NULL;
}

static int load_run(pa_history *h, long long id, hist_export *x, run_row *rr, char **err)
{
    sqlite3_stmt *st;
    if (prepare(h, "SELECT as_of, data_dir, version, options, baseline_run, baseline_file, baseline_as_of "
                   "FROM run WHERE id = ?1", id, &st, err) != 0)
        return -1;
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        const char *as_of = col(st, 0) ? col(st, 0) : "";
        if (!val_parse_date(as_of, strlen(as_of), &rr->T))
            rr->T = 0;
        store_init(&x->st, col(st, 1) ? col(st, 1) : "");
        x->rep.version = keep(x, col(st, 2));
        read_options(col(st, 3), rr);
        rr->base_run = sqlite3_column_int64(st, 4);
        rr->base_file = keep(x, col(st, 5));
        rr->base_as_of = keep(x, col(st, 6));
    } else if (rc == SQLITE_DONE) {
        *err = xasprintf("%s: no run %lld (see pmoaudit history list)", h->path, id);
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        *err = hist_error(h, "cannot read the history");
    return rc == SQLITE_ROW ? 0 : -1;
}

/* With the baseline run still in the history, its findings give the
 * resolved list as the run had it; else only the marks are known. */
static int apply_baseline(pa_history *h, hist_export *x, const run_row *rr, char **err)
{
    pa_report *r = &x->rep;
    if (!rr->base_file)
        return 0;
    if (rr->base_run > 0 && hist_run_exists(h, rr->base_run)) {
        baseline_init(&x->base, rr->base_file, rr->base_as_of ? rr->base_as_of : "");
        x->base.sort_resolved = true;
        if (hist_read_run(h, rr->base_run, &x->base, err) != 0 || baseline_apply(r, &x->base, err) != 0)
            return -1;
    }
    r->baseline_path = rr->base_file;
    snprintf(r->baseline_as_of, sizeof r->baseline_as_of, "%s", rr->base_as_of ? rr->base_as_of : "");
    r->history = true;
    return 0;
}

int hist_export_load(pa_history *h, long long id, hist_export *x, char **err)
{
    memset(x, 0, sizeof *x);
    reg_init(&x->reg);
    run_row rr = {0};
    strpool fps;
    sp_init(&fps);
    extra *ex = NULL;
    const char *version = NULL;
    int rc = -1;
    if (hist_exec(h, "BEGIN", err) != 0)
        goto out;
    if (load_run(h, id, x, &rr, err) != 0 || load_tables(h, id, x, err) != 0 || load_rules(h, id, x, err) != 0 ||
        load_findings(h, id, x, &fps, &ex, err) != 0)
        goto out;
    version = x->rep.version;
    report_build(&x->rep, &x->reg, x->results, &x->st, rr.T, rr.fail_on);
    x->rep.version = version ? version : x->rep.version;
    x->rep.fail_on_new = rr.fail_on_new;
    put_extras(x, &fps, ex);
    if (apply_baseline(h, x, &rr, err) != 0)
        goto out;
    put_extras(x, &fps, ex); /* the stored marks win over the recomputed ones */
    x->rep.nreopened = 0;
    for (size_t i = 0; i < x->rep.all.n; i++)
        x->rep.nreopened += x->rep.all.v[i].reopened;
    report_tally(&x->rep);
    rc = 0;
out:
    sqlite3_exec(h->db, "COMMIT", NULL, NULL, NULL);
    free(ex);
    sp_free(&fps);
    return rc;
}

void hist_export_free(hist_export *x)
{
    report_free(&x->rep);
    for (int i = 0; i < x->reg.n; i++) {
        free(x->results[i].message);
        fnd_free(&x->results[i].findings);
    }
    free(x->results);
    reg_free(&x->reg);
    store_free(&x->st);
    for (size_t i = 0; i < x->nwaivers; i++) {
        free(x->waivers[i].reason);
        free(x->waivers[i].approved_by);
    }
    free(x->waivers);
    for (size_t i = 0; i < x->nkeep; i++)
        free(x->keep[i]);
    free(x->keep);
    baseline_free(&x->base);
    memset(x, 0, sizeof *x);
}
