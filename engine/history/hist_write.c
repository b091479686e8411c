/*
 * history/hist_write.c - one run into the history, in one BEGIN IMMEDIATE
 * transaction: a writer waits for another (the busy timeout of hist_db.c)
 * instead of failing, and a run is in the file whole or not at all. Each
 * table is written with one prepared statement, bound and stepped per row,
 * so a run with 300,000 findings costs one statement compile per table.
 * What dominates a run's cost is the bytes written, so a finding that the
 * history's previous run (the baseline) already had writes nothing but its
 * place in the run's list: it continues that run's streak and, while its
 * content hash is unchanged, lists the same detail row. New findings get a
 * streak, changed ones a detail row; the run's counts per domain and
 * project go into run_count for the reports' trends.
 */
#include "history/hist_write.h"
#include "history/hist_list.h"
#include "core/strpool.h"
#include "core/util.h"

#include <sqlite3.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

char *hist_rules_key(const pa_registry *reg)
{
    int *order;
    int n = reg_sorted(reg, true, &order);
    sbuf b;
    sb_init(&b);
    for (int k = 0; k < n; k++)
        sb_printf(&b, "%s%s", k ? "," : "", reg->v[order[k]].id);
    free(order);
    return b.data ? b.data : xstrdup("");
}

/* The rule packs: "builtin" and each -r folder, one a line. */
char *hist_packs_text(const pa_registry *reg)
{
    sbuf b;
    sb_init(&b);
    for (int i = 0; i < reg->npacks; i++)
        sb_printf(&b, "%s%s", i ? "\n" : "", reg->packs[i].root ? reg->packs[i].root : "builtin");
    return b.data ? b.data : xstrdup("");
}

static void bind_text(sqlite3_stmt *st, int i, const char *s)
{
    if (s)
        sqlite3_bind_text(st, i, s, -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(st, i);
}

/* Step a bound statement once and reset it; false when it failed. */
static bool step_reset(sqlite3_stmt *st)
{
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    return rc == SQLITE_DONE;
}

static const char *run_sql =
    "INSERT INTO run (as_of, started, data_dir, pack, version, rules, options, baseline_run, baseline_file, "
    "exit_code, findings, listed, critical, error, warning, info, waived, new, existing, resolved, reopened, "
    "passed, failed, skipped, errored, baseline_as_of) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, "
    "?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26)";

static bool put_run(pa_history *h, sqlite3_stmt *st, const hist_run *run, const pa_report *r)
{
    char day[11];
    date_format(r->T, day);
    bind_text(st, 1, day);
    bind_text(st, 2, run->started);
    bind_text(st, 3, run->data_dir);
    bind_text(st, 4, run->pack);
    bind_text(st, 5, r->version);
    bind_text(st, 6, run->rules);
    bind_text(st, 7, run->options);
    if (h->base_run && r->baseline_path)
        sqlite3_bind_int64(st, 8, h->base_run);
    bind_text(st, 9, r->baseline_path);
    bind_text(st, 26, r->baseline_path ? r->baseline_as_of : NULL);
    sqlite3_bind_int(st, 10, run->exit_code);
    sqlite3_bind_int64(st, 11, (sqlite3_int64)r->total);
    sqlite3_bind_int64(st, 12, (sqlite3_int64)r->all.n);
    for (int s = 0; s < 4; s++)
        sqlite3_bind_int64(st, 13 + s, (sqlite3_int64)r->by_sev[SEV_CRITICAL - s]);
    sqlite3_bind_int64(st, 17, (sqlite3_int64)r->waived);
    if (r->baseline_path) {
        sqlite3_bind_int64(st, 18, (sqlite3_int64)r->nnew);
        sqlite3_bind_int64(st, 19, (sqlite3_int64)r->nexisting);
        sqlite3_bind_int64(st, 20, (sqlite3_int64)r->nresolved);
        sqlite3_bind_int64(st, 21, (sqlite3_int64)r->nreopened);
    }
    int counts[4] = {r->passed, r->failed, r->skipped, r->errored};
    for (int i = 0; i < 4; i++)
        sqlite3_bind_int(st, 22 + i, counts[i]);
    return step_reset(st);
}

static bool put_tables(sqlite3_stmt *st, long long id, const pa_report *r)
{
    for (int i = 0; i < r->st->ntables; i++) {
        const pa_table *t = r->st->tables[i];
        sqlite3_bind_int64(st, 1, id);
        bind_text(st, 2, t->name);
        bind_text(st, 3, t->file);
        sqlite3_bind_int64(st, 4, (sqlite3_int64)t->nrows);
        if (!step_reset(st))
            return false;
    }
    return true;
}

static bool put_rules(sqlite3_stmt *st, long long id, const pa_report *r)
{
    for (int k = 0; k < r->nrules; k++) {
        const pa_rule *x = &r->reg->v[r->order[k]];
        const pa_result *res = &r->results[r->order[k]];
        sqlite3_bind_int64(st, 1, id);
        bind_text(st, 2, x->id);
        bind_text(st, 3, x->title);
        bind_text(st, 4, x->domain);
        bind_text(st, 5, sev_name(x->sev));
        bind_text(st, 6, status_name(res->status));
        sqlite3_bind_int64(st, 7, (sqlite3_int64)res->count);
        sqlite3_bind_int64(st, 8, (sqlite3_int64)res->dropped);
        bind_text(st, 9, res->message);
        if (!step_reset(st))
            return false;
    }
    return true;
}

/* A finding's other projects, one line each (NULL when none). */
static const char *projects_text(const pa_finding *f, sbuf *b)
{
    if (!f->nprojects)
        return NULL;
    b->len = 0;
    for (int i = 0; i < f->nprojects; i++)
        sb_printf(b, "%s%s", i ? "\n" : "", f->projects[i]);
    return b->data;
}

static void bind_waiver(sqlite3_stmt *st, int at, const pa_finding *f, char day[11])
{
    const pa_waiver *w = f->waived ? f->waiver : NULL;
    if (!w)
        return;
    bind_text(st, at, w->reason);
    bind_text(st, at + 1, w->approved_by);
    if (w->has_expiry) {
        date_format(w->expires, day);
        bind_text(st, at + 2, day);
    }
    bind_text(st, at + 3, w->file);
    sqlite3_bind_int64(st, at + 4, w->line);
}

/* One detail row: everything of f but its fingerprint and first_seen. */
static bool put_detail(sqlite3_stmt *st, const pa_finding *f, uint64_t hash, sbuf *b)
{
    char day[11];
    sqlite3_bind_int64(st, 1, (sqlite3_int64)hash);
    bind_text(st, 2, f->rule);
    bind_text(st, 3, sev_name(f->sev));
    bind_text(st, 4, f->table);
    bind_text(st, 5, f->key);
    bind_text(st, 6, f->project_id);
    bind_text(st, 7, f->owner);
    bind_text(st, 8, projects_text(f, b));
    bind_text(st, 9, f->file);
    if (f->line)
        sqlite3_bind_int64(st, 10, f->line);
    bind_text(st, 11, f->column);
    bind_text(st, 12, f->value);
    bind_text(st, 13, f->message);
    bind_text(st, 14, f->disc);
    sqlite3_bind_int(st, 15, f->waived);
    bind_waiver(st, 16, f, day);
    return step_reset(st);
}

static const char *born_of(const pa_finding *f)
{
    return f->baseline == BL_NONE ? NULL : f->reopened ? "reopened" : f->baseline == BL_NEW ? "new" : "existing";
}

static int by_fingerprint(const void *a, const void *b)
{
    const pa_finding *x = *(pa_finding *const *)a, *y = *(pa_finding *const *)b;
    return strcmp(x->fingerprint, y->fingerprint);
}

/* A streak for each finding that continues none (it[k].streak 0): in
 * fingerprint order, so that the fingerprint index, which holds mostly the
 * same fingerprints, is walked from one end to the other instead of
 * touched at a random page each (the first run writes all of them). */
static bool put_streaks(pa_history *h, sqlite3_stmt *st, long long rid, const pa_report *r, hist_item *it)
{
    const pa_finding **o = xmalloc((r->all.n + 1) * sizeof *o);
    size_t n = 0;
    for (size_t k = 0; k < r->all.n; k++)
        if (!it[k].streak)
            o[n++] = &r->all.v[k];
    qsort(o, n, sizeof *o, by_fingerprint);
    bool ok = true;
    for (size_t i = 0; i < n && ok; i++) {
        const pa_finding *f = o[i];
        bind_text(st, 1, f->fingerprint);
        bind_text(st, 2, f->first_seen);
        sqlite3_bind_int64(st, 3, rid);
        bind_text(st, 4, born_of(f));
        ok = step_reset(st);
        it[f - r->all.v].streak = sqlite3_last_insert_rowid(h->db);
    }
    free(o);
    return ok;
}

/* Which rows each finding continues: with the history's previous run as
 * the baseline, a finding it matched keeps that run's streak, and its
 * detail too when the content hash is unchanged; every other one gets
 * new rows (0 here). */
static hist_item *items_of(const pa_history *h, const pa_report *r, const pa_baseline *b)
{
    hist_item *it = xcalloc(r->all.n + 1, sizeof *it);
    const hist_item *base = b && b->match && b->fill_ctx == h && b->n == h->nbase_items ? h->base_items : NULL;
    for (size_t k = 0; k < r->all.n; k++) {
        it[k].hash = hist_content_hash(&r->all.v[k]);
        uint32_t m = base ? b->match[k] : 0;
        if (m && base[m - 1].streak) {
            it[k].streak = base[m - 1].streak;
            it[k].detail = base[m - 1].hash == it[k].hash ? base[m - 1].detail : 0;
        }
    }
    return it;
}

/* The findings: new streaks and details, then the run's list. */
static bool put_findings(pa_history *h, sqlite3_stmt *const *st, long long rid, const pa_report *r,
                         const pa_baseline *b)
{
    hist_item *it = items_of(h, r, b);
    bool ok = put_streaks(h, st[0], rid, r, it);
    sbuf pb, list;
    sb_init(&pb);
    sb_init(&list);
    for (size_t k = 0; k < r->all.n && ok; k++)
        if (!it[k].detail) {
            ok = put_detail(st[1], &r->all.v[k], it[k].hash, &pb);
            it[k].detail = sqlite3_last_insert_rowid(h->db);
        }
    sb_reserve(&list, r->all.n * 32 + 2);
    sb_putc(&list, '[');
    for (size_t k = 0; k < r->all.n; k++)
        hist_list_put(&list, &it[k], k == 0);
    sb_putc(&list, ']');
    if (ok) {
        sqlite3_bind_int64(st[2], 1, rid);
        sqlite3_bind_text(st[2], 2, list.data, (int)list.len, SQLITE_STATIC);
        ok = step_reset(st[2]);
    }
    sb_free(&list);
    sb_free(&pb);
    free(it);
    return ok;
}

/* Per rule domain, the count of each project (by its id in a pool). */
typedef struct {
    const char *name;
    size_t *n; /* by project id; [0] counts findings without a project */
    size_t cap;
} dom_count;

/* The index of domain in *d (added when new). */
static size_t dom_index(dom_count **d, size_t *nd, const char *domain)
{
    for (size_t i = 0; i < *nd; i++)
        if (strcmp((*d)[i].name, domain) == 0)
            return i;
    *d = xrealloc(*d, (*nd + 1) * sizeof **d);
    (*d)[*nd] = (dom_count){domain, NULL, 0};
    return (*nd)++;
}

static void dom_add(dom_count *d, uint32_t pid)
{
    if (pid >= d->cap) {
        size_t old = d->cap;
        GROW(d->n, d->cap, (size_t)pid + 1);
        memset(d->n + old, 0, (d->cap - old) * sizeof *d->n);
    }
    d->n[pid]++;
}

/* The run's listed findings that are not waived, per (rule domain,
 * project_id; "" for none), for the reports' trends (hist_trend.c). The
 * findings come rule by rule, so the domain is looked up once a rule; the
 * project ids are interned once each. */
static bool put_counts(sqlite3_stmt *st, long long rid, const pa_report *r)
{
    strpool pids;
    sp_init(&pids);
    dom_count *d = NULL;
    size_t nd = 0, di = 0;
    const char *last_rule = NULL;
    for (size_t i = 0; i < r->all.n; i++) {
        const pa_finding *f = &r->all.v[i];
        if (f->waived)
            continue;
        if (!last_rule || strcmp(last_rule, f->rule) != 0) {
            const pa_rule *rule = reg_find(r->reg, f->rule);
            di = dom_index(&d, &nd, rule && rule->domain ? rule->domain : "");
            last_rule = f->rule;
        }
        const char *p = f->project_id;
        dom_add(&d[di], p && *p ? sp_intern(&pids, p, strlen(p)) : 0);
    }
    bool ok = true;
    for (size_t i = 0; i < nd; i++) {
        for (uint32_t pid = 0; pid < d[i].cap && ok; pid++) {
            if (!d[i].n[pid])
                continue;
            sqlite3_bind_int64(st, 1, rid);
            bind_text(st, 2, d[i].name);
            bind_text(st, 3, pid ? sp_str(&pids, pid, NULL) : "");
            sqlite3_bind_int64(st, 4, (sqlite3_int64)d[i].n[pid]);
            ok = step_reset(st);
        }
        free(d[i].n);
    }
    free(d);
    sp_free(&pids);
    return ok;
}

static const char *const insert_sql[6] = {
    "INSERT INTO run_table (run_id, name, file, rows) VALUES (?1, ?2, ?3, ?4)",
    "INSERT INTO rule_result (run_id, rule, title, domain, severity, status, findings, not_listed, message) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    "INSERT INTO streak (fingerprint, first_seen, first_run, born) VALUES (?1, ?2, ?3, ?4)",
    "INSERT INTO detail (hash, rule, severity, table_name, key, project_id, owner, projects, file, line, "
    "column_name, value, message, disc, waived, waiver_reason, waiver_by, waiver_expires, waiver_file, "
    "waiver_line) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, "
    "?20)",
    "INSERT INTO run_list (run_id, items) VALUES (?1, ?2)",
    "INSERT INTO run_count (run_id, domain, project_id, findings) VALUES (?1, ?2, ?3, ?4)",
};

/* Everything of the run but the commit; the id, or -1 with *err and the
 * transaction rolled back. */
static long long record_begin(pa_history *h, const hist_run *run, const pa_report *r, const pa_baseline *b,
                              char **err)
{
    sqlite3_stmt *st[7] = {NULL};
    /* a small page cache: the new pages go to the WAL file as they fill,
     * on this thread, instead of all at the commit after the reports */
    if (hist_exec(h, "PRAGMA cache_size = -8192; BEGIN IMMEDIATE", err) != 0)
        return -1;
    /* The baseline was read in an earlier transaction; a prune by another
     * process since may have removed its run and the rows only it listed.
     * Holding the write lock now, reuse them only if the run is still there
     * (then so is everything its list names); else write fresh rows. */
    if (b && h->base_run && !hist_run_exists(h, h->base_run))
        b = NULL;
    bool ok = sqlite3_prepare_v2(h->db, run_sql, -1, &st[0], NULL) == SQLITE_OK;
    for (int i = 0; i < 6 && ok; i++)
        ok = sqlite3_prepare_v2(h->db, insert_sql[i], -1, &st[i + 1], NULL) == SQLITE_OK;
    ok = ok && put_run(h, st[0], run, r);
    long long rid = ok ? sqlite3_last_insert_rowid(h->db) : 0;
    ok = ok && put_tables(st[1], rid, r) && put_rules(st[2], rid, r) && put_findings(h, st + 3, rid, r, b) &&
         put_counts(st[6], rid, r);
    if (!ok)
        *err = hist_error(h, "cannot record the run");
    for (int i = 0; i < 7; i++)
        sqlite3_finalize(st[i]);
    if (!ok)
        sqlite3_exec(h->db, "ROLLBACK", NULL, NULL, NULL);
    return ok ? rid : -1;
}

/* Commit (keep) or roll back what record_begin wrote. */
static long long record_end(pa_history *h, long long id, bool keep, char **err)
{
    if (id > 0 && keep && sqlite3_exec(h->db, "COMMIT", NULL, NULL, NULL) == SQLITE_OK)
        return id;
    if (id > 0 && keep)
        *err = hist_error(h, "cannot record the run");
    sqlite3_exec(h->db, "ROLLBACK", NULL, NULL, NULL);
    return id > 0 && keep ? -1 : id > 0 ? 0 : id;
}

long long hist_record(pa_history *h, const hist_run *run, const pa_report *r, const pa_baseline *b, char **err)
{
    return record_end(h, record_begin(h, run, r, b, err), true, err);
}

typedef struct {
    pa_history *h;
    hist_run run;
    const pa_report *r;
    const pa_baseline *b;
    long long id;
    char *err;
    double secs, waited;
    bool threaded;
} record_job;

static double now_secs(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

static void *writer(void *arg)
{
    record_job *j = arg;
    double t0 = now_secs();
    j->id = record_begin(j->h, &j->run, j->r, j->b, &j->err);
    j->secs = now_secs() - t0;
    return NULL;
}

/* hist_db.h's stop_writer: roll back a write not finished, free the job. */
static void stop_writer(pa_history *h)
{
    char *err = NULL;
    hist_record_finish(h, false, &err);
    free(err);
    hist_record_free(h);
}

void hist_record_start(pa_history *h, const hist_run *run, const pa_report *r, const pa_baseline *b)
{
    record_job *j = h->write_job;
    if (j)
        free(j->err);
    free(j);
    j = xcalloc(1, sizeof *j);
    *j = (record_job){h, *run, r, b, 0, NULL, 0, 0, true};
    h->write_job = j;
    h->writing = true;
    h->stop_writer = stop_writer;
    if (pthread_create(&h->writer, NULL, writer, j) != 0) { /* no thread: write it here */
        j->threaded = false;
        writer(j);
    }
}

long long hist_record_finish(pa_history *h, bool keep, char **err)
{
    record_job *j = h->write_job;
    if (!h->writing || !j)
        return 0;
    double t0 = now_secs();
    if (j->threaded)
        pthread_join(h->writer, NULL);
    h->writing = false;
    j->waited = now_secs() - t0;
    if (j->id < 0) {
        *err = j->err;
        j->err = NULL;
        return -1;
    }
    return record_end(h, j->id, keep, err);
}

double hist_record_secs(const pa_history *h, double *waited)
{
    const record_job *j = h->write_job;
    *waited = j ? j->waited : 0;
    return j ? j->secs : 0;
}

void hist_record_free(pa_history *h)
{
    record_job *j = h->write_job;
    if (j)
        free(j->err);
    free(j);
    h->write_job = NULL;
}
