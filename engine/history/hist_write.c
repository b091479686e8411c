/*
 * history/hist_write.c - one run into the history, in one BEGIN IMMEDIATE
 * transaction: a writer waits for another (the busy timeout of hist_db.c)
 * instead of failing, and a run is in the file whole or not at all. Each
 * table is written with one prepared statement, bound and stepped per row,
 * so a run with 300,000 findings costs one statement compile per table.
 */
#include "history/hist_write.h"
#include "core/util.h"

#include <sqlite3.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

static void bind_waiver(sqlite3_stmt *st, const pa_finding *f, char day[11])
{
    const pa_waiver *w = f->waived ? f->waiver : NULL;
    if (!w)
        return;
    bind_text(st, 20, w->reason);
    bind_text(st, 21, w->approved_by);
    if (w->has_expiry) {
        date_format(w->expires, day);
        bind_text(st, 22, day);
    }
    bind_text(st, 23, w->file);
    sqlite3_bind_int64(st, 24, w->line);
}

static int by_fingerprint(const void *a, const void *b)
{
    const pa_finding *x = *(pa_finding *const *)a, *y = *(pa_finding *const *)b;
    return strcmp(x->fingerprint, y->fingerprint);
}

/* The findings go in in fingerprint order: the fingerprint index of the
 * earlier runs holds mostly the same fingerprints, so the inserts walk it
 * from one end to the other instead of touching a random page each (the
 * difference between seconds and minutes at a million findings); seq keeps
 * the report order. */
static bool put_findings(sqlite3_stmt *st, long long id, const pa_report *r)
{
    sbuf b;
    sb_init(&b);
    bool ok = true;
    char day[11];
    const pa_finding **order = xmalloc((r->all.n + 1) * sizeof *order);
    for (size_t i = 0; i < r->all.n; i++)
        order[i] = &r->all.v[i];
    qsort(order, r->all.n, sizeof *order, by_fingerprint);
    for (size_t k = 0; k < r->all.n && ok; k++) {
        const pa_finding *f = order[k];
        size_t i = (size_t)(f - r->all.v);
        sqlite3_bind_int64(st, 1, id);
        sqlite3_bind_int64(st, 2, (sqlite3_int64)i);
        bind_text(st, 3, f->fingerprint);
        bind_text(st, 4, f->rule);
        bind_text(st, 5, sev_name(f->sev));
        bind_text(st, 6, f->table);
        bind_text(st, 7, f->key);
        bind_text(st, 8, f->project_id);
        bind_text(st, 9, f->owner);
        bind_text(st, 10, projects_text(f, &b));
        bind_text(st, 11, f->file);
        if (f->line)
            sqlite3_bind_int64(st, 12, f->line);
        bind_text(st, 13, f->column);
        bind_text(st, 14, f->value);
        bind_text(st, 15, f->message);
        bind_text(st, 16, f->disc);
        bind_text(st, 17, f->first_seen);
        bind_text(st, 18, f->baseline == BL_NONE       ? NULL
                          : f->reopened                 ? "reopened"
                          : f->baseline == BL_NEW       ? "new"
                                                        : "existing");
        sqlite3_bind_int(st, 19, f->waived);
        bind_waiver(st, f, day);
        ok = step_reset(st);
    }
    free(order);
    sb_free(&b);
    return ok;
}

static const char *const insert_sql[3] = {
    "INSERT INTO run_table (run_id, name, file, rows) VALUES (?1, ?2, ?3, ?4)",
    "INSERT INTO rule_result (run_id, rule, title, domain, severity, status, findings, not_listed, message) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    "INSERT INTO finding (run_id, seq, fingerprint, rule, severity, table_name, key, project_id, owner, projects, "
    "file, line, column_name, value, message, disc, first_seen, baseline, waived, waiver_reason, waiver_by, "
    "waiver_expires, waiver_file, waiver_line) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, "
    "?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24)",
};

long long hist_record(pa_history *h, const hist_run *run, const pa_report *r, char **err)
{
    sqlite3_stmt *st[4] = {NULL, NULL, NULL, NULL};
    long long id = -1;
    if (hist_exec(h, "BEGIN IMMEDIATE", err) != 0)
        return -1;
    bool ok = sqlite3_prepare_v2(h->db, run_sql, -1, &st[0], NULL) == SQLITE_OK;
    for (int i = 0; i < 3 && ok; i++)
        ok = sqlite3_prepare_v2(h->db, insert_sql[i], -1, &st[i + 1], NULL) == SQLITE_OK;
    ok = ok && put_run(h, st[0], run, r);
    long long rid = ok ? sqlite3_last_insert_rowid(h->db) : 0;
    ok = ok && put_tables(st[1], rid, r) && put_rules(st[2], rid, r) && put_findings(st[3], rid, r);
    if (ok && sqlite3_exec(h->db, "COMMIT", NULL, NULL, NULL) == SQLITE_OK)
        id = rid;
    else
        *err = hist_error(h, "cannot record the run");
    for (int i = 0; i < 4; i++)
        sqlite3_finalize(st[i]);
    if (id < 0)
        sqlite3_exec(h->db, "ROLLBACK", NULL, NULL, NULL);
    return id;
}
