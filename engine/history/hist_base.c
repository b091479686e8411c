/*
 * history/hist_base.c - reading a baseline out of the history. The run
 * found is read into collect/'s pa_baseline, the structure a --baseline
 * report fills, so baseline_apply marks findings the same way for both.
 * Only what marking needs is read for every finding: the run's list
 * (hist_list.c) and each listed streak's fingerprint and first_seen, in
 * one upward walk of the streak table; the list stays in the history
 * handle so that hist_record can reuse the streak and detail rows of the
 * findings that are still there. The rule, place and message of the
 * baseline's findings are read afterwards, by detail id, for the few no
 * finding of this run matched (the resolved candidates). first_seen is a
 * streak's: the first run of the unbroken streak in which the finding
 * stayed open. "Reopened" asks the streak index whether a streak of the
 * fingerprint began in a run of the series up to the as-of date: a
 * finding the baseline lacks but an earlier run had was resolved and came
 * back.
 */
#include "history/hist_base.h"
#include "history/hist_list.h"
#include "core/util.h"

#include <sqlite3.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

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

/* The run's list (run_list.items), parsed into h->base_items. */
static int read_list(pa_history *h, long long id, char **err)
{
    sqlite3_stmt *st = NULL;
    free(h->base_items);
    h->base_items = NULL;
    h->nbase_items = 0;
    int rc = sqlite3_prepare_v2(h->db, "SELECT items FROM run_list WHERE run_id = ?1", -1, &st, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_bind_int64(st, 1, id);
        rc = sqlite3_step(st);
    }
    const char *why = NULL;
    long long n = -1;
    if (rc == SQLITE_ROW)
        n = hist_list_parse((const char *)sqlite3_column_blob(st, 0), (size_t)sqlite3_column_bytes(st, 0),
                            &h->base_items, &why);
    sqlite3_finalize(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
        *err = hist_error(h, "cannot read the baseline run");
        return -1;
    }
    if (n < 0) {
        *err = xasprintf("%s: run %lld: %s; the history is damaged", h->path, id,
                         why ? why : "the run's finding list (run_list) is missing");
        return -1;
    }
    h->nbase_items = (size_t)n;
    return 0;
}

typedef struct {
    long long streak;
    size_t at; /* the item's index in the list */
} by_streak;

/* Sort by streak id: a radix sort, 11 bits a pass, as many passes as the
 * largest id needs (qsort took a quarter of a second for 560,000). */
static void sort_streaks(by_streak *o, size_t n)
{
    unsigned long long max = 0;
    for (size_t i = 0; i < n; i++)
        max = (unsigned long long)o[i].streak > max ? (unsigned long long)o[i].streak : max;
    by_streak *tmp = xmalloc((n + 1) * sizeof *tmp);
    size_t count[2048];
    for (int shift = 0; shift < 64 && (max >> shift) != 0; shift += 11) {
        memset(count, 0, sizeof count);
        for (size_t i = 0; i < n; i++)
            count[(unsigned long long)o[i].streak >> shift & 2047]++;
        for (size_t d = 0, sum = 0; d < 2048; d++) {
            size_t c = count[d];
            count[d] = sum;
            sum += c;
        }
        for (size_t i = 0; i < n; i++)
            tmp[count[(unsigned long long)o[i].streak >> shift & 2047]++] = o[i];
        memcpy(o, tmp, n * sizeof *o);
    }
    free(tmp);
}

/* Walk the streak table upward from id (one seek), stepping over rows the
 * list does not name; a gap of more than SEEK_GAP ids seeks again. */
#define SEEK_GAP 512

static int seek(sqlite3_stmt *st, long long id)
{
    sqlite3_reset(st);
    sqlite3_bind_int64(st, 1, id);
    return sqlite3_step(st);
}

/* Each item's fingerprint and first_seen into b's entries, in list order:
 * the streak ids sorted, then read in one upward walk of the table. */
static int read_streaks(pa_history *h, pa_baseline *b, char **err)
{
    size_t n = h->nbase_items;
    by_streak *o = xmalloc((n + 1) * sizeof *o);
    for (size_t i = 0; i < n; i++)
        o[i] = (by_streak){h->base_items[i].streak, i};
    sort_streaks(o, n);
    pa_resolved *v = baseline_add_keys(b, n);
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(h->db, "SELECT id, fingerprint, first_seen FROM streak WHERE id >= ?1 ORDER BY id",
                                -1, &st, NULL);
    long long cur = -1;
    for (size_t k = 0; k < n && st; k++) {
        long long want = o[k].streak;
        if (rc == SQLITE_OK || (rc == SQLITE_ROW && (cur > want || want - cur > SEEK_GAP)))
            rc = seek(st, want);
        while (rc == SQLITE_ROW && (cur = sqlite3_column_int64(st, 0)) < want)
            rc = sqlite3_step(st);
        if (rc != SQLITE_ROW || cur != want || !col(st, 1))
            break;
        pa_resolved *x = &v[o[k].at];
        if (k && o[k - 1].streak == want) { /* one streak listed twice */
            x->fingerprint = v[o[k - 1].at].fingerprint;
            x->first_seen = v[o[k - 1].at].first_seen;
            continue;
        }
        x->fingerprint = baseline_keep(b, col(st, 1), (size_t)sqlite3_column_bytes(st, 1));
        if (col(st, 2))
            x->first_seen = baseline_keep(b, col(st, 2), (size_t)sqlite3_column_bytes(st, 2));
    }
    sqlite3_finalize(st);
    size_t missing = 0;
    for (size_t i = 0; i < n; i++)
        missing += v[i].fingerprint == NULL;
    free(o);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE && rc != SQLITE_OK) {
        *err = hist_error(h, "cannot read the baseline run");
        return -1;
    }
    if (missing) {
        *err = xasprintf("%s: the baseline run lists %zu streak%s that the streak table lacks; the history is "
                         "damaged", h->path, missing, missing == 1 ? "" : "s");
        return -1;
    }
    return 0;
}

/* baseline.h's fill: the resolved candidates' rule, severity, place and
 * message, one detail row each by id. */
static int fill_details(void *ctx, pa_baseline *b, const size_t *idx, size_t n, char **err)
{
    pa_history *h = ctx;
    const char *sql = "SELECT rule, severity, table_name, key, project_id, file, line, column_name, message "
                      "FROM detail WHERE id = ?1";
    if (!h->detail && sqlite3_prepare_v2(h->db, sql, -1, &h->detail, NULL) != SQLITE_OK) {
        *err = hist_error(h, "cannot read the baseline run");
        return -1;
    }
    for (size_t k = 0; k < n; k++) {
        size_t i = idx[k];
        if (i >= h->nbase_items)
            continue;
        sqlite3_stmt *st = h->detail;
        sqlite3_bind_int64(st, 1, h->base_items[i].detail);
        int rc = sqlite3_step(st);
        if (rc == SQLITE_ROW && col(st, 0)) {
            pa_resolved *x = &b->v[i];
            pa_resolved got = {(char *)col(st, 0), (char *)col(st, 1), (char *)col(st, 2), (char *)col(st, 3),
                               (char *)col(st, 4), (char *)col(st, 5), (char *)col(st, 7), (char *)col(st, 8),
                               NULL, NULL, (uint32_t)sqlite3_column_int64(st, 6)};
            baseline_fill(x, &got);
        }
        sqlite3_reset(st);
        if (rc != SQLITE_ROW) {
            *err = rc != SQLITE_DONE          ? hist_error(h, "cannot read the baseline run")
                   : !hist_run_exists(h, h->base_run)
                       ? xasprintf("%s: the baseline run %lld was pruned by another process while this run was "
                                   "running; run again", h->path, h->base_run)
                       : xasprintf("%s: the baseline run lists detail %lld that the detail table lacks; the history "
                                   "is damaged", h->path, h->base_items[i].detail);
            return -1;
        }
    }
    return 0;
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

/* The reopened query, prepared and bound to the series (before the
 * reader starts: the handle is the thread's until it is joined). */
static int prepare_seen(pa_history *h, char **err)
{
    const char *sql = "SELECT 1 FROM streak s JOIN run r ON r.id = s.first_run WHERE s.fingerprint = ?1 AND "
                      "r.data_dir = ?2 AND r.rules = ?3 AND r.as_of <= ?4 LIMIT 1";
    if (h->seen)
        return 0;
    if (sqlite3_prepare_v2(h->db, sql, -1, &h->seen, NULL) != SQLITE_OK) {
        *err = hist_error(h, "cannot read the history");
        return -1;
    }
    sqlite3_bind_text(h->seen, 2, h->series_dir, -1, SQLITE_STATIC);
    sqlite3_bind_text(h->seen, 3, h->series_rules, -1, SQLITE_STATIC);
    sqlite3_bind_text(h->seen, 4, h->as_of, -1, SQLITE_STATIC);
    return 0;
}

static double now_secs(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

/* The list and streaks of the baseline run, in one read transaction. */
static int read_entries(pa_history *h, long long id, pa_baseline *b, char **err)
{
    bool own = sqlite3_get_autocommit(h->db) != 0;
    if (own && hist_exec(h, "BEGIN", err) != 0)
        return -1;
    int rc = read_list(h, id, err) == 0 && read_streaks(h, b, err) == 0 ? 0 : -1;
    if (own)
        sqlite3_exec(h->db, "COMMIT", NULL, NULL, NULL);
    return rc;
}

/* Nice steps below the run's other threads for the baseline reader. */
#define HIST_NICE 5

static void *reader(void *arg)
{
    pa_history *h = arg;
    /* the load and the rules keep both cores busy: read on what they leave */
    thread_lower_priority(HIST_NICE);
    double t0 = now_secs();
    h->read_rc = read_entries(h, h->read_id, h->read_into, &h->read_err);
    if (h->read_rc == 0) /* the marking's index too, off the main thread */
        baseline_index(h->read_into);
    h->read_secs = now_secs() - t0;
    return NULL;
}

int hist_base_wait(pa_history *h, char **err)
{
    if (!h->reading)
        return 0;
    pthread_join(h->reader, NULL);
    h->reading = false;
    int rc = h->read_rc;
    if (rc != 0 && err)
        *err = h->read_err;
    else
        free(h->read_err);
    h->read_err = NULL;
    return rc;
}

static void stop_reader(pa_history *h)
{
    hist_base_wait(h, NULL);
}

/* baseline.h's ready. */
static int base_ready(void *ctx, char **err)
{
    return hist_base_wait(ctx, err);
}

int hist_baseline(pa_history *h, const char *data_dir, const char *rules, const char *as_of, pa_baseline *b,
                  bool *found, char **err)
{
    sqlite3_finalize(h->seen); /* bound to the old series */
    h->seen = NULL;
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
    b->want_match = true; /* hist_record reuses the matched entries' streaks and details */
    free(name);
    *found = true;
    if (prepare_seen(h, err) != 0)
        return -1;
    if (read_tables(h, h->base_run, b) != 0) {
        *err = hist_error(h, "cannot read the baseline run");
        return -1;
    }
    b->fill = fill_details;
    b->fill_ctx = h;
    b->ready = base_ready;
    h->read_id = h->base_run;
    h->read_into = b;
    h->read_err = NULL;
    h->stop_reader = stop_reader;
    h->reading = pthread_create(&h->reader, NULL, reader, h) == 0;
    if (!h->reading) /* no thread: read it here */
        return read_entries(h, h->base_run, b, err);
    return 0;
}

int hist_read_run(pa_history *h, long long id, pa_baseline *b, char **err)
{
    /* one read transaction (unless the caller has one): the run's findings
     * and tables as one snapshot */
    bool own = sqlite3_get_autocommit(h->db) != 0;
    if (own && hist_exec(h, "BEGIN", err) != 0)
        return -1;
    int rc = read_entries(h, id, b, err);
    if (rc == 0 && read_tables(h, id, b) != 0) {
        *err = hist_error(h, "cannot read the baseline run");
        rc = -1;
    }
    b->fill = fill_details;
    b->fill_ctx = h;
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
    if (prepare_seen(h, err) != 0)
        return -1;
    b->seen_before = seen_before;
    b->seen_ctx = h;
    return 0;
}
