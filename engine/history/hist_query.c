/*
 * history/hist_query.c - the queries of `pmoaudit history`. Each is one
 * SQL statement over the schema of hist_db.c (findings through its
 * `finding` view; diff first copies the two runs' findings into indexed
 * temporary tables, since the view has no index); one printer turns any
 * statement's rows into an aligned table (numbers to the right), a JSON
 * array of objects or CSV, so every subcommand offers the same three.
 * The rows are read in one read transaction: a run written meanwhile by
 * another pipeline is either all there or not at all. Prune deletes the
 * runs, then the streaks and details no remaining run's list names, found
 * in one pass over those lists.
 */
#include "history/hist_query.h"
#include "history/hist_list.h"
#include "report/json_escape.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The rows of a statement, as text cells (NULL for SQL NULL), for the
 * aligned table, which needs every width before the first line. */
typedef struct {
    int ncol;
    char **cells; /* row-major, ncol per row; row 0 holds the column names */
    bool *num;    /* per column: seen only numbers (and NULLs) */
    size_t nrows, cap;
} hq_rows;

static void rows_add(hq_rows *t, sqlite3_stmt *st)
{
    GROW(t->cells, t->cap, (t->nrows + 1) * (size_t)t->ncol);
    for (int c = 0; c < t->ncol; c++) {
        const char *v = (const char *)sqlite3_column_text(st, c);
        int type = sqlite3_column_type(st, c);
        t->cells[t->nrows * (size_t)t->ncol + (size_t)c] = v ? xstrdup(v) : NULL;
        t->num[c] &= type == SQLITE_INTEGER || type == SQLITE_FLOAT || type == SQLITE_NULL;
    }
    t->nrows++;
}

static void put_table(const hq_rows *t, sbuf *out)
{
    size_t *w = xcalloc((size_t)t->ncol, sizeof *w);
    for (size_t r = 0; r < t->nrows; r++)
        for (int c = 0; c < t->ncol; c++) {
            const char *v = t->cells[r * (size_t)t->ncol + (size_t)c];
            size_t n = v ? strlen(v) : 1;
            w[c] = n > w[c] ? n : w[c];
        }
    for (size_t r = 0; r < t->nrows; r++) {
        sbuf line;
        sb_init(&line);
        for (int c = 0; c < t->ncol; c++) {
            const char *v = t->cells[r * (size_t)t->ncol + (size_t)c];
            bool right = t->num[c] && r > 0, last = c == t->ncol - 1;
            if (right)
                sb_printf(&line, "%*s", (int)w[c], v ? v : "-");
            else
                sb_printf(&line, "%-*s", last ? 0 : (int)w[c], v ? v : "-");
            if (!last)
                sb_puts(&line, "  ");
        }
        while (line.len && line.data[line.len - 1] == ' ')
            line.len--;
        sb_add(out, line.data ? line.data : "", line.len);
        sb_putc(out, '\n');
        sb_free(&line);
    }
    free(w);
}

/* A cell for CSV: quoted when it holds a comma, quote or line break. */
static void csv_cell(sbuf *out, const char *v)
{
    if (!v)
        return;
    if (!strpbrk(v, ",\"\r\n")) {
        sb_puts(out, v);
        return;
    }
    sb_putc(out, '"');
    for (; *v; v++) {
        if (*v == '"')
            sb_putc(out, '"');
        sb_putc(out, *v);
    }
    sb_putc(out, '"');
}

static void put_csv(const hq_rows *t, sbuf *out)
{
    for (size_t r = 0; r < t->nrows; r++) {
        for (int c = 0; c < t->ncol; c++) {
            if (c)
                sb_putc(out, ',');
            csv_cell(out, t->cells[r * (size_t)t->ncol + (size_t)c]);
        }
        sb_puts(out, "\r\n");
    }
}

static void put_json(const hq_rows *t, sbuf *out)
{
    sb_putc(out, '[');
    for (size_t r = 1; r < t->nrows; r++) {
        sb_puts(out, r > 1 ? ",\n  {" : "\n  {");
        for (int c = 0; c < t->ncol; c++) {
            const char *v = t->cells[r * (size_t)t->ncol + (size_t)c];
            sb_puts(out, c ? ", " : "");
            json_str(out, t->cells[c]);
            sb_puts(out, ": ");
            if (v && t->num[c])
                sb_puts(out, v);
            else
                json_str(out, v);
        }
        sb_putc(out, '}');
    }
    sb_puts(out, t->nrows > 1 ? "\n]" : "]");
}

static void rows_free(hq_rows *t)
{
    for (size_t i = 0; i < t->nrows * (size_t)t->ncol; i++)
        free(t->cells[i]);
    free(t->cells);
    free(t->num);
}

/* Run sql with its parameters bound (text; NULL binds NULL; a leading
 * '#' binds the rest as an integer) and print its rows in fmt. */
static int print_query(pa_history *h, const char *sql, const char *const *params, int np, hq_format fmt, sbuf *out,
                       char **err)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(h->db, sql, -1, &st, NULL) != SQLITE_OK) {
        *err = hist_error(h, "cannot read the history");
        return -1;
    }
    for (int i = 0; i < np; i++) {
        if (!params[i])
            sqlite3_bind_null(st, i + 1);
        else if (params[i][0] == '#')
            sqlite3_bind_int64(st, i + 1, strtoll(params[i] + 1, NULL, 10));
        else
            sqlite3_bind_text(st, i + 1, params[i], -1, SQLITE_STATIC);
    }
    hq_rows t = {.ncol = sqlite3_column_count(st)};
    t.num = xmalloc((size_t)t.ncol * sizeof *t.num);
    GROW(t.cells, t.cap, (size_t)t.ncol);
    for (int c = 0; c < t.ncol; c++) {
        t.cells[c] = xstrdup(sqlite3_column_name(st, c));
        t.num[c] = true;
    }
    t.nrows = 1;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        rows_add(&t, st);
    if (rc != SQLITE_DONE)
        *err = hist_error(h, "cannot read the history");
    sqlite3_finalize(st);
    if (rc == SQLITE_DONE)
        (fmt == HQ_JSON ? put_json : fmt == HQ_CSV ? put_csv : put_table)(&t, out);
    rows_free(&t);
    return rc == SQLITE_DONE ? 0 : -1;
}

int hq_list(pa_history *h, hq_format fmt, sbuf *out, char **err)
{
    const char *sql = "SELECT id AS run, as_of, started, data_dir, "
                      "CASE WHEN rules = '' THEN 0 ELSE length(rules) - length(replace(rules, ',', '')) + 1 END "
                      "AS rules, exit_code AS exit, findings, critical, error, warning, info, waived, new, "
                      "reopened, resolved FROM run ORDER BY id";
    int rc = print_query(h, sql, NULL, 0, fmt, out, err);
    if (rc == 0 && fmt == HQ_JSON)
        sb_putc(out, '\n');
    return rc;
}

int hq_run_exists(pa_history *h, long long run, char **err)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(h->db, "SELECT 1 FROM run WHERE id = ?1", -1, &st, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_bind_int64(st, 1, run);
        rc = sqlite3_step(st);
    }
    sqlite3_finalize(st);
    if (rc == SQLITE_ROW)
        return 1;
    if (rc == SQLITE_DONE)
        *err = xasprintf("%s: no run %lld (see pmoaudit history list)", h->path, run);
    else
        *err = hist_error(h, "cannot read the history");
    return rc == SQLITE_DONE ? 0 : -1;
}

static const char *const show_sql[4] = {
    "SELECT id AS run, as_of, started, data_dir, pack, version, rules, options, baseline_run, baseline_file, "
    "exit_code AS exit, findings, listed, critical, error, warning, info, waived, new, existing, reopened, "
    "resolved, passed, failed, skipped, errored FROM run WHERE id = ?1",
    "SELECT name AS \"table\", file, rows FROM run_table WHERE run_id = ?1 ORDER BY rowid",
    "SELECT rule, severity, domain, status, findings, not_listed, message FROM rule_result WHERE run_id = ?1 "
    "ORDER BY rule",
    "SELECT seq, severity, rule, project_id AS project, key, file, line, baseline, first_seen, waived, message, "
    "fingerprint FROM finding WHERE run_id = ?1 ORDER BY seq",
};
static const char *const show_names[4] = {"run", "tables", "rules", "findings"};

int hq_show(pa_history *h, long long run, hq_format fmt, sbuf *out, char **err)
{
    if (hq_run_exists(h, run, err) != 1)
        return -1;
    char id[32];
    snprintf(id, sizeof id, "#%lld", run);
    const char *p[1] = {id};
    if (fmt == HQ_JSON)
        sb_putc(out, '{');
    for (int i = 0; i < 4; i++) {
        if (fmt == HQ_JSON)
            sb_printf(out, "%s\"%s\": ", i ? ",\n" : "", show_names[i]);
        else if (fmt == HQ_TABLE)
            sb_printf(out, "%s%s\n", i ? "\n" : "", show_names[i]);
        else if (i)
            sb_puts(out, "\r\n");
        if (print_query(h, show_sql[i], p, 1, fmt, out, err) != 0)
            return -1;
    }
    if (fmt == HQ_JSON)
        sb_puts(out, "}\n");
    return 0;
}

/* Each run's findings in a temporary table with a fingerprint index, so
 * that the diff's lookups cost one index probe each instead of a pass
 * over the other run's list (the finding view has no index). */
static int diff_tables(pa_history *h, long long a, long long b, char **err)
{
    char *sql = xasprintf(
        "DROP TABLE IF EXISTS temp.diff_a; DROP TABLE IF EXISTS temp.diff_b; "
        "CREATE TEMP TABLE diff_a AS SELECT fingerprint, rule, severity, project_id, key, message FROM finding "
        "WHERE run_id = %lld; "
        "CREATE TEMP TABLE diff_b AS SELECT fingerprint, rule, severity, project_id, key, message FROM finding "
        "WHERE run_id = %lld; "
        "CREATE INDEX temp.diff_a_fp ON diff_a (fingerprint); CREATE INDEX temp.diff_b_fp ON diff_b (fingerprint);",
        a, b);
    int rc = hist_exec(h, sql, err);
    free(sql);
    return rc;
}

int hq_diff(pa_history *h, long long a, long long b, hq_format fmt, sbuf *out, char **err)
{
    if (hq_run_exists(h, a, err) != 1 || hq_run_exists(h, b, err) != 1 || diff_tables(h, a, b, err) != 0)
        return -1;
    const char *sql =
        "SELECT * FROM ("
        "SELECT 'new' AS change, n.rule, n.severity, NULL AS was, n.project_id AS project, n.key, n.message, "
        "n.fingerprint FROM diff_b n WHERE NOT EXISTS (SELECT 1 FROM diff_a o WHERE o.fingerprint = n.fingerprint) "
        "UNION ALL SELECT 'resolved', o.rule, o.severity, NULL, o.project_id, o.key, o.message, o.fingerprint "
        "FROM diff_a o WHERE NOT EXISTS (SELECT 1 FROM diff_b n WHERE n.fingerprint = o.fingerprint) "
        "UNION ALL SELECT 'severity', n.rule, n.severity, o.severity, n.project_id, n.key, n.message, n.fingerprint "
        "FROM diff_a o JOIN diff_b n ON n.fingerprint = o.fingerprint WHERE n.severity <> o.severity) "
        "ORDER BY change, rule, fingerprint";
    int rc = print_query(h, sql, NULL, 0, fmt, out, err);
    sqlite3_exec(h->db, "DROP TABLE IF EXISTS temp.diff_a; DROP TABLE IF EXISTS temp.diff_b", NULL, NULL, NULL);
    if (rc == 0 && fmt == HQ_JSON)
        sb_putc(out, '\n');
    return rc;
}

int hq_trend(pa_history *h, const hq_filter *f, hq_format fmt, sbuf *out, char **err)
{
    const char *sql =
        "SELECT r.id AS run, r.as_of, count(x.seq) AS findings, "
        "coalesce(sum(x.severity = 'critical'), 0) AS critical, coalesce(sum(x.severity = 'error'), 0) AS error, "
        "coalesce(sum(x.severity = 'warning'), 0) AS warning, coalesce(sum(x.severity = 'info'), 0) AS info, "
        "coalesce(sum(x.baseline IN ('new', 'reopened')), 0) AS new, "
        "coalesce(sum(x.baseline = 'reopened'), 0) AS reopened "
        "FROM run r LEFT JOIN finding x ON x.run_id = r.id AND x.waived = 0 "
        "AND (?1 IS NULL OR x.project_id GLOB ?1 OR (char(10) || x.projects || char(10)) GLOB "
        "('*' || char(10) || ?1 || char(10) || '*')) "
        "AND (?2 IS NULL OR x.rule GLOB ?2) "
        "AND (?3 IS NULL OR EXISTS (SELECT 1 FROM rule_result rr WHERE rr.run_id = r.id AND rr.rule = x.rule "
        "AND rr.domain = ?3)) "
        "GROUP BY r.id ORDER BY r.as_of, r.id";
    const char *p[3] = {f->project, f->rule, f->domain};
    int rc = print_query(h, sql, p, 3, fmt, out, err);
    if (rc == 0 && fmt == HQ_JSON)
        sb_putc(out, '\n');
    return rc;
}

static int one_int(pa_history *h, const char *sql, long long *n, char **err)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(h->db, sql, -1, &st, NULL);
    if (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW)
        *n = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    if (rc != SQLITE_ROW)
        *err = hist_error(h, "cannot read the history");
    return rc == SQLITE_ROW ? 0 : -1;
}

int hq_last_run(pa_history *h, long long *id, char **err)
{
    return one_int(h, "SELECT coalesce(max(id), 0) FROM run", id, err);
}

static int count_runs(pa_history *h, long long *n, char **err)
{
    return one_int(h, "SELECT count(*) FROM run", n, err);
}

/* A set of ids up to a maximum, one bit each. */
typedef struct {
    unsigned char *bits;
    long long max;
} idset;

static bool idset_add(idset *s, long long id)
{
    if (id < 0 || id > s->max || (s->bits[id >> 3] & (1u << (id & 7))))
        return false;
    s->bits[id >> 3] |= (unsigned char)(1u << (id & 7));
    return true;
}

/* Insert ?1 (and ?2) into a temporary table through st. */
static bool put_ids(sqlite3_stmt *st, long long a, long long b)
{
    sqlite3_bind_int64(st, 1, a);
    sqlite3_bind_int64(st, 2, b);
    bool ok = sqlite3_step(st) == SQLITE_DONE;
    sqlite3_reset(st);
    return ok;
}

/* One pass over the remaining runs' lists, oldest first: each streak
 * still listed with the first run that lists it (prune_s), each detail
 * still listed (prune_d). */
static int prune_keep(pa_history *h, sqlite3_stmt **st, char **err)
{
    idset s = {0}, d = {0};
    if (one_int(h, "SELECT coalesce(max(id), 0) FROM streak", &s.max, err) != 0 ||
        one_int(h, "SELECT coalesce(max(id), 0) FROM detail", &d.max, err) != 0)
        return -1;
    s.bits = xcalloc((size_t)(s.max >> 3) + 1, 1);
    d.bits = xcalloc((size_t)(d.max >> 3) + 1, 1);
    const char *why = NULL;
    int rc;
    while ((rc = sqlite3_step(st[0])) == SQLITE_ROW && !why) {
        hist_item *it;
        long long run = sqlite3_column_int64(st[0], 0);
        long long n = hist_list_parse((const char *)sqlite3_column_blob(st[0], 1),
                                      (size_t)sqlite3_column_bytes(st[0], 1), &it, &why);
        for (long long k = 0; k < n; k++) {
            if (idset_add(&s, it[k].streak) && !put_ids(st[1], it[k].streak, run))
                why = "cannot note a streak";
            if (idset_add(&d, it[k].detail) && !put_ids(st[2], it[k].detail, 0))
                why = "cannot note a detail";
        }
        free(it);
    }
    free(s.bits);
    free(d.bits);
    if (why || rc != SQLITE_DONE) {
        *err = why ? xasprintf("%s: %s; the history is damaged", h->path, why)
                   : hist_error(h, "cannot read the history");
        return -1;
    }
    return 0;
}

/* Drop the streaks and details no remaining run lists; a streak whose
 * first run went starts at the oldest run left that lists it, where it
 * was existing. */
static int prune_rows(pa_history *h, char **err)
{
    const char *sql[3] = {
        "SELECT l.run_id, l.items FROM run_list l JOIN run r ON r.id = l.run_id ORDER BY r.as_of, r.id",
        "INSERT INTO prune_s (id, run) VALUES (?1, ?2)",
        "INSERT INTO prune_d (id) VALUES (?1)",
    };
    sqlite3_stmt *st[3] = {NULL};
    int rc = hist_exec(h, "CREATE TEMP TABLE IF NOT EXISTS prune_s (id INTEGER PRIMARY KEY, run INTEGER); "
                          "CREATE TEMP TABLE IF NOT EXISTS prune_d (id INTEGER PRIMARY KEY); "
                          "DELETE FROM prune_s; DELETE FROM prune_d;", err);
    for (int i = 0; i < 3 && rc == 0; i++)
        if (sqlite3_prepare_v2(h->db, sql[i], -1, &st[i], NULL) != SQLITE_OK) {
            *err = hist_error(h, "cannot prune the history");
            rc = -1;
        }
    if (rc == 0)
        rc = prune_keep(h, st, err);
    for (int i = 0; i < 3; i++)
        sqlite3_finalize(st[i]);
    if (rc == 0)
        rc = hist_exec(h, "DELETE FROM streak WHERE id NOT IN (SELECT id FROM prune_s); "
                          "DELETE FROM detail WHERE id NOT IN (SELECT id FROM prune_d); "
                          "UPDATE streak SET first_run = k.run, born = 'existing' FROM prune_s k "
                          "WHERE k.id = streak.id AND streak.first_run <> k.run; "
                          "DELETE FROM prune_s; DELETE FROM prune_d;", err);
    return rc;
}

int hq_prune(pa_history *h, long long keep, const char *before, long long *deleted, long long *left, char **err)
{
    char *cond = keep > 0 ? xasprintf("id NOT IN (SELECT id FROM run ORDER BY id DESC LIMIT %lld)", keep)
                          : xasprintf("as_of < '%.10s'", before); /* a date checked by the caller */
    char *sql = xasprintf("CREATE TEMP TABLE IF NOT EXISTS gone (id INTEGER PRIMARY KEY); DELETE FROM gone; "
                          "INSERT INTO gone SELECT id FROM run WHERE %s; "
                          "DELETE FROM run_list WHERE run_id IN gone; DELETE FROM run_count WHERE run_id IN gone; "
                          "DELETE FROM rule_result WHERE run_id IN gone; "
                          "DELETE FROM run_table WHERE run_id IN gone; DELETE FROM run WHERE id IN gone;",
                          cond);
    long long before_n = 0;
    int rc = hist_exec(h, "BEGIN IMMEDIATE", err);
    if (rc == 0 && (rc = count_runs(h, &before_n, err)) == 0 && (rc = hist_exec(h, sql, err)) == 0 &&
        (rc = count_runs(h, left, err)) == 0 && (before_n == *left || (rc = prune_rows(h, err)) == 0))
        rc = hist_exec(h, "COMMIT", err);
    if (rc != 0)
        sqlite3_exec(h->db, "ROLLBACK", NULL, NULL, NULL);
    else
        sqlite3_exec(h->db, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL);
    *deleted = before_n - *left;
    free(cond);
    free(sql);
    return rc;
}
