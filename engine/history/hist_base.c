/*
 * history/hist_base.c - reading a baseline out of the history. The run
 * found is read into collect/'s pa_baseline, the structure a --baseline
 * report fills, so baseline_apply marks findings the same way for both;
 * first_seen comes from the stored run, which carried it from the run
 * before, so it is the first run of the unbroken streak in which the
 * finding stayed open. "Reopened" asks the fingerprint index whether any
 * run of the series up to the as-of date had the fingerprint: a finding
 * the baseline lacks but an earlier run had was resolved and came back.
 */
#include "history/hist_base.h"
#include "core/util.h"

#include <sqlite3.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *col(sqlite3_stmt *st, int i)
{
    return (const char *)sqlite3_column_text(st, i);
}

/* The series' latest run up to as_of: its id (0 when none) and date. */
static int latest_run(pa_history *h, long long *id, char as_of_out[11], char **err)
{
    sqlite3_stmt *st = NULL;
    const char *sql = "SELECT id, as_of FROM run WHERE data_dir = ?1 AND rules = ?2 AND as_of <= ?3 "
                      "ORDER BY as_of DESC, id DESC LIMIT 1";
    *id = 0;
    int rc = sqlite3_prepare_v2(h->db, sql, -1, &st, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_bind_text(st, 1, h->series_dir, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, h->series_rules, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 3, h->as_of, -1, SQLITE_STATIC);
        rc = sqlite3_step(st);
    }
    if (rc == SQLITE_ROW) {
        *id = sqlite3_column_int64(st, 0);
        snprintf(as_of_out, 11, "%s", col(st, 1) ? col(st, 1) : "");
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
        *err = hist_error(h, "cannot read the history");
        return -1;
    }
    return 0;
}

static int read_findings(pa_history *h, long long id, pa_baseline *b)
{
    sqlite3_stmt *st = NULL;
    const char *sql = "SELECT rule, severity, table_name, key, project_id, file, line, column_name, message, "
                      "fingerprint, first_seen FROM finding WHERE run_id = ?1"; /* in storage order: no sort */
    int rc = sqlite3_prepare_v2(h->db, sql, -1, &st, NULL);
    if (rc == SQLITE_OK)
        sqlite3_bind_int64(st, 1, id);
    while (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        pa_resolved x = {(char *)col(st, 0), (char *)col(st, 1), (char *)col(st, 2), (char *)col(st, 3),
                         (char *)col(st, 4), (char *)col(st, 5), (char *)col(st, 7), (char *)col(st, 8),
                         (char *)col(st, 9), (char *)col(st, 10), (uint32_t)sqlite3_column_int64(st, 6)};
        baseline_add(b, &x);
        rc = SQLITE_OK;
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : -1;
}

static int read_tables(pa_history *h, long long id, pa_baseline *b)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(h->db, "SELECT name, rows FROM run_table WHERE run_id = ?1 ORDER BY rowid", -1, &st,
                                NULL);
    if (rc == SQLITE_OK)
        sqlite3_bind_int64(st, 1, id);
    b->ntables = 0;
    while (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        baseline_add_table(b, col(st, 0), (size_t)sqlite3_column_int64(st, 1));
        rc = SQLITE_OK;
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : -1;
}

int hist_baseline(pa_history *h, const char *data_dir, const char *rules, const char *as_of, pa_baseline *b,
                  bool *found, char **err)
{
    free(h->series_dir);
    free(h->series_rules);
    h->series_dir = xstrdup(data_dir);
    h->series_rules = xstrdup(rules);
    snprintf(h->as_of, sizeof h->as_of, "%s", as_of);
    char day[11] = "";
    *found = false;
    h->base_run = 0;
    if (!b) /* --baseline named the baseline: the series is for reopened only */
        return 0;
    if (latest_run(h, &h->base_run, day, err) != 0)
        return -1;
    if (!h->base_run)
        return 0;
    char *name = xasprintf("%s, run %lld", h->path, h->base_run);
    baseline_init(b, name, day);
    b->sort_resolved = true;
    free(name);
    *found = true;
    return hist_read_run(h, h->base_run, b, err);
}

int hist_read_run(pa_history *h, long long id, pa_baseline *b, char **err)
{
    /* one read transaction (unless the caller has one): the run's findings
     * and tables as one snapshot */
    bool own = sqlite3_get_autocommit(h->db) != 0;
    if (own && hist_exec(h, "BEGIN", err) != 0)
        return -1;
    int rc = read_findings(h, id, b) == 0 && read_tables(h, id, b) == 0 ? 0 : -1;
    if (rc != 0)
        *err = hist_error(h, "cannot read the baseline run");
    if (own)
        sqlite3_exec(h->db, "COMMIT", NULL, NULL, NULL);
    return rc;
}

/* baseline.h's seen_before: one index lookup per new finding. */
static bool seen_before(void *ctx, const char *fingerprint)
{
    pa_history *h = ctx;
    sqlite3_bind_text(h->seen, 1, fingerprint, -1, SQLITE_STATIC);
    bool seen = sqlite3_step(h->seen) == SQLITE_ROW;
    sqlite3_reset(h->seen);
    return seen;
}

int hist_watch_reopened(pa_history *h, pa_baseline *b, char **err)
{
    const char *sql = "SELECT 1 FROM finding f JOIN run r ON r.id = f.run_id WHERE f.fingerprint = ?1 AND "
                      "r.data_dir = ?2 AND r.rules = ?3 AND r.as_of <= ?4 LIMIT 1";
    if (!h->seen && sqlite3_prepare_v2(h->db, sql, -1, &h->seen, NULL) != SQLITE_OK) {
        *err = hist_error(h, "cannot read the history");
        return -1;
    }
    sqlite3_bind_text(h->seen, 2, h->series_dir, -1, SQLITE_STATIC);
    sqlite3_bind_text(h->seen, 3, h->series_rules, -1, SQLITE_STATIC);
    sqlite3_bind_text(h->seen, 4, h->as_of, -1, SQLITE_STATIC);
    b->seen_before = seen_before;
    b->seen_ctx = h;
    return 0;
}
