/*
 * history/hist_db.c - opening the history file safely and keeping its
 * schema current. The file is read before anything is written to it: a
 * file that SQLite cannot read, a database that carries another
 * application id or tables of its own, and a schema newer than this build
 * are refused with a message and left untouched. Migrations run in order,
 * each schema version one step, inside one BEGIN IMMEDIATE transaction that
 * re-reads the version, so two runs that create one file at once do not
 * both migrate it.
 */
#include "history/hist_db.h"
#include "core/util.h"

#include <sqlite3.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* How long a writer waits for another one's transaction (ms). */
#define HIST_BUSY_MS 120000
#define HIST_RETRY_MS 20

/* Version k+1 is migrations[k] applied to version k. Plain SQL types only,
 * so that the schema reads the same in another database (docs/history.md). */
static const char *const migrations[] = {
    "CREATE TABLE run (\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  as_of TEXT NOT NULL,\n"
    "  started TEXT NOT NULL,\n"
    "  data_dir TEXT NOT NULL,\n"
    "  pack TEXT NOT NULL,\n"
    "  version TEXT NOT NULL,\n"
    "  rules TEXT NOT NULL,\n"
    "  options TEXT NOT NULL,\n"
    "  baseline_run INTEGER,\n"
    "  baseline_file TEXT,\n"
    "  baseline_as_of TEXT,\n"
    "  exit_code INTEGER NOT NULL,\n"
    "  findings INTEGER NOT NULL,\n"
    "  listed INTEGER NOT NULL,\n"
    "  critical INTEGER NOT NULL, error INTEGER NOT NULL, warning INTEGER NOT NULL, info INTEGER NOT NULL,\n"
    "  waived INTEGER NOT NULL,\n"
    "  new INTEGER, existing INTEGER, resolved INTEGER, reopened INTEGER,\n"
    "  passed INTEGER NOT NULL, failed INTEGER NOT NULL, skipped INTEGER NOT NULL, errored INTEGER NOT NULL\n"
    ");\n"
    "CREATE INDEX run_series ON run (data_dir, rules, as_of, id);\n"
    "CREATE TABLE run_table (\n"
    "  run_id INTEGER NOT NULL REFERENCES run (id),\n"
    "  name TEXT NOT NULL,\n"
    "  file TEXT,\n"
    "  rows INTEGER NOT NULL,\n"
    "  PRIMARY KEY (run_id, name)\n"
    ");\n"
    "CREATE TABLE rule_result (\n"
    "  run_id INTEGER NOT NULL REFERENCES run (id),\n"
    "  rule TEXT NOT NULL,\n"
    "  title TEXT, domain TEXT, severity TEXT NOT NULL,\n"
    "  status TEXT NOT NULL,\n"
    "  findings INTEGER NOT NULL,\n"
    "  not_listed INTEGER NOT NULL,\n"
    "  message TEXT,\n"
    "  PRIMARY KEY (run_id, rule)\n"
    ");\n"
    "CREATE TABLE finding (\n"
    "  run_id INTEGER NOT NULL REFERENCES run (id),\n"
    "  seq INTEGER NOT NULL,\n"
    "  fingerprint TEXT NOT NULL,\n"
    "  rule TEXT NOT NULL,\n"
    "  severity TEXT NOT NULL,\n"
    "  table_name TEXT, key TEXT, project_id TEXT, owner TEXT, projects TEXT,\n"
    "  file TEXT, line INTEGER, column_name TEXT, value TEXT,\n"
    "  message TEXT, disc TEXT,\n"
    "  first_seen TEXT NOT NULL,\n"
    "  baseline TEXT,\n"
    "  waived INTEGER NOT NULL,\n"
    "  waiver_reason TEXT, waiver_by TEXT, waiver_expires TEXT, waiver_file TEXT, waiver_line INTEGER\n"
    ");\n"
    "CREATE INDEX finding_run ON finding (run_id);\n"
    "CREATE INDEX finding_fingerprint ON finding (fingerprint, run_id);\n",
    /* 2: each finding's identity once per streak, its content once per
     * distinct content, a run a compact list of both; `finding` becomes a
     * view with version 1's columns. A streak of version 1 is a series'
     * rows of one fingerprint with one first_seen; each old row is its own
     * detail (hash 0: never reused). */
    "CREATE TABLE streak (\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  fingerprint TEXT NOT NULL,\n"
    "  first_seen TEXT NOT NULL,\n"
    "  first_run INTEGER NOT NULL REFERENCES run (id),\n"
    "  born TEXT\n"
    ");\n"
    "CREATE TABLE detail (\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  hash INTEGER NOT NULL,\n"
    "  rule TEXT NOT NULL,\n"
    "  severity TEXT NOT NULL,\n"
    "  table_name TEXT, key TEXT, project_id TEXT, owner TEXT, projects TEXT,\n"
    "  file TEXT, line INTEGER, column_name TEXT, value TEXT,\n"
    "  message TEXT, disc TEXT,\n"
    "  waived INTEGER NOT NULL,\n"
    "  waiver_reason TEXT, waiver_by TEXT, waiver_expires TEXT, waiver_file TEXT, waiver_line INTEGER\n"
    ");\n"
    "CREATE TABLE run_list (\n"
    "  run_id INTEGER PRIMARY KEY REFERENCES run (id),\n"
    "  items TEXT NOT NULL\n"
    ");\n"
    "CREATE TABLE run_count (\n"
    "  run_id INTEGER NOT NULL REFERENCES run (id),\n"
    "  domain TEXT NOT NULL,\n"
    "  project_id TEXT NOT NULL,\n"
    "  findings INTEGER NOT NULL\n"
    ");\n"
    "CREATE INDEX run_count_run ON run_count (run_id);\n"
    "INSERT INTO streak (fingerprint, first_seen, first_run, born)\n"
    "  SELECT fingerprint, first_seen, run_id, baseline FROM (\n"
    "    SELECT f.fingerprint, f.first_seen, f.run_id, f.baseline, row_number() OVER (\n"
    "      PARTITION BY r.data_dir, r.rules, f.fingerprint, f.first_seen ORDER BY r.as_of, r.id) AS k\n"
    "    FROM finding f JOIN run r ON r.id = f.run_id)\n"
    "  WHERE k = 1 ORDER BY fingerprint, first_seen;\n"
    "CREATE INDEX streak_fingerprint ON streak (fingerprint);\n"
    "INSERT INTO detail (id, hash, rule, severity, table_name, key, project_id, owner, projects, file, line,\n"
    "    column_name, value, message, disc, waived, waiver_reason, waiver_by, waiver_expires, waiver_file,\n"
    "    waiver_line)\n"
    "  SELECT rowid, 0, rule, severity, table_name, key, project_id, owner, projects, file, line, column_name,\n"
    "    value, message, disc, waived, waiver_reason, waiver_by, waiver_expires, waiver_file, waiver_line\n"
    "  FROM finding;\n"
    "INSERT INTO run_list (run_id, items)\n"
    "  SELECT r.id, coalesce((SELECT json_group_array(json_array(x.sid, x.did, 0)) FROM (\n"
    "    SELECT s.id AS sid, f.rowid AS did FROM finding f\n"
    "    JOIN streak s ON s.fingerprint = f.fingerprint AND s.first_seen = f.first_seen\n"
    "    JOIN run sr ON sr.id = s.first_run AND sr.data_dir = r.data_dir AND sr.rules = r.rules\n"
    "    WHERE f.run_id = r.id ORDER BY f.seq) x), '[]')\n"
    "  FROM run r;\n"
    "INSERT INTO run_count (run_id, domain, project_id, findings)\n"
    "  SELECT f.run_id, coalesce(rr.domain, ''), coalesce(f.project_id, ''), count(*) FROM finding f\n"
    "  LEFT JOIN rule_result rr ON rr.run_id = f.run_id AND rr.rule = f.rule\n"
    "  WHERE f.waived = 0 GROUP BY 1, 2, 3;\n"
    "DROP TABLE finding;\n"
    "CREATE VIEW finding (run_id, seq, fingerprint, rule, severity, table_name, key, project_id, owner,\n"
    "    projects, file, line, column_name, value, message, disc, first_seen, baseline, waived,\n"
    "    waiver_reason, waiver_by, waiver_expires, waiver_file, waiver_line) AS\n"
    "  SELECT l.run_id, j.key, s.fingerprint, d.rule, d.severity, d.table_name, d.key, d.project_id,\n"
    "    d.owner, d.projects, d.file, d.line, d.column_name, d.value, d.message, d.disc, s.first_seen,\n"
    "    CASE WHEN r.baseline_file IS NULL THEN NULL WHEN s.first_run = r.id THEN s.born\n"
    "      ELSE 'existing' END,\n"
    "    d.waived, d.waiver_reason, d.waiver_by, d.waiver_expires, d.waiver_file, d.waiver_line\n"
    "  FROM run_list l JOIN run r ON r.id = l.run_id, json_each(l.items) j\n"
    "  JOIN streak s ON s.id = json_extract(j.value, '$[0]')\n"
    "  JOIN detail d ON d.id = json_extract(j.value, '$[1]');\n",
};
_Static_assert(sizeof migrations / sizeof *migrations == HIST_SCHEMA_VERSION, "one migration per version");

char *hist_error(const pa_history *h, const char *what)
{
    return xasprintf("%s: %s: %s", h->path, what, sqlite3_errmsg(h->db));
}

bool hist_run_exists(pa_history *h, long long id)
{
    sqlite3_stmt *st = NULL;
    bool yes = sqlite3_prepare_v2(h->db, "SELECT 1 FROM run WHERE id = ?1", -1, &st, NULL) == SQLITE_OK &&
               sqlite3_bind_int64(st, 1, id) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW;
    sqlite3_finalize(st);
    return yes;
}

int hist_exec(pa_history *h, const char *sql, char **err)
{
    char *msg = NULL;
    if (sqlite3_exec(h->db, sql, NULL, NULL, &msg) == SQLITE_OK)
        return 0;
    *err = xasprintf("%s: %s", h->path, msg ? msg : sqlite3_errmsg(h->db));
    sqlite3_free(msg);
    return -1;
}

/* The n integers of a query's one row (a PRAGMA, a count); -1 with *err. */
static int query_ints(pa_history *h, const char *sql, long long *out, int n, char **err)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(h->db, sql, -1, &st, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        for (int i = 0; i < n; i++)
            out[i] = sqlite3_column_int64(st, i);
        sqlite3_finalize(st);
        return 0;
    }
    if (rc == SQLITE_NOTADB || rc == SQLITE_CORRUPT)
        *err = xasprintf("%s: not a pmoaudit history database (%s); give another file to --history, or move "
                         "this one away", h->path, sqlite3_errstr(rc));
    else
        *err = hist_error(h, "cannot read the history");
    sqlite3_finalize(st);
    return -1;
}

static int query_int(pa_history *h, const char *sql, long long *out, char **err)
{
    return query_ints(h, sql, out, 1, err);
}

/* What the file is, read without writing: ours (any version up to this
 * build's), empty (new), or refused. *version is its user_version. */
static int check_kind(pa_history *h, long long *version, char **err)
{
    /* one statement, so one snapshot: read apart, the three could straddle
     * another process's first migration (tables there, id not yet) */
    long long v[3];
    if (query_ints(h,
                   "SELECT (SELECT * FROM pragma_application_id()), (SELECT * FROM pragma_user_version()), "
                   "(SELECT count(*) FROM sqlite_master)",
                   v, 3, err) != 0)
        return -1;
    long long app = v[0], tables = v[2];
    *version = v[1];
    if (app == 0 && tables == 0 && *version == 0)
        return 0;
    if (app != HIST_APP_ID) {
        *err = xasprintf("%s: a SQLite database of another program, not a pmoaudit history; it was not changed",
                         h->path);
        return -1;
    }
    if (*version > HIST_SCHEMA_VERSION) {
        *err = xasprintf("%s: history schema version %lld was written by a newer pmoaudit; this one (%s) reads "
                         "versions up to %d", h->path, *version, PMOAUDIT_VERSION, HIST_SCHEMA_VERSION);
        return -1;
    }
    return 0;
}

/* Bring the schema to HIST_SCHEMA_VERSION in one transaction. */
static int migrate(pa_history *h, char **err)
{
    long long v;
    if (hist_exec(h, "BEGIN IMMEDIATE", err) != 0)
        return -1;
    if (query_int(h, "PRAGMA user_version", &v, err) != 0)
        goto fail;
    for (; v < HIST_SCHEMA_VERSION; v++)
        if (hist_exec(h, migrations[v], err) != 0)
            goto fail;
    char set[96];
    snprintf(set, sizeof set, "PRAGMA application_id = %d; PRAGMA user_version = %d", HIST_APP_ID,
             HIST_SCHEMA_VERSION);
    if (hist_exec(h, set, err) != 0 || hist_exec(h, "COMMIT", err) != 0)
        goto fail;
    return 0;
fail:
    sqlite3_exec(h->db, "ROLLBACK", NULL, NULL, NULL);
    return -1;
}

/* The folder of path, made when missing (one level: .pmoaudit/). */
static int make_parent(const char *path, char **err)
{
    char *dir = xstrdup(path);
    char *slash = strrchr(dir, '/');
    int rc = 0;
    if (slash && slash != dir) {
        *slash = '\0';
        if (mkdir(dir, 0777) != 0 && errno != EEXIST) {
            *err = xasprintf("%s: cannot create the history folder: %s", dir, strerror(errno));
            rc = -1;
        }
    }
    free(dir);
    return rc;
}

/* Check what the file is, turn WAL on, migrate; -1 with *err. */
static int prepare_file(pa_history *h, char **err)
{
    long long version;
    if (check_kind(h, &version, err) != 0 ||
        hist_exec(h, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA cache_size = -16384", err) != 0)
        return -1;
    return version < HIST_SCHEMA_VERSION ? migrate(h, err) : 0;
}

int hist_open(pa_history *h, const char *path, bool create, bool mkdir_parent, char **err)
{
    memset(h, 0, sizeof *h);
    h->path = xstrdup(path);
    bool exists = access(path, F_OK) == 0;
    if (!exists && !create) {
        *err = xasprintf("%s: no such history file", path);
        goto fail;
    }
    if (!exists && mkdir_parent && make_parent(path, err) != 0)
        goto fail;
    /* one thread uses the handle: no mutex per call (a few percent of a
     * baseline read of 500,000 rows) */
    int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | (exists ? 0 : SQLITE_OPEN_CREATE);
    if (sqlite3_open_v2(path, &h->db, flags, NULL) != SQLITE_OK) {
        *err = hist_error(h, "cannot open the history");
        goto fail;
    }
    sqlite3_busy_timeout(h->db, HIST_BUSY_MS);
    /* SQLite does not call the busy handler everywhere here (a journal mode
     * change racing another opener, WAL recovery): retry the whole step */
    for (int tries = 0;; tries++) {
        if (prepare_file(h, err) == 0)
            return 0;
        if ((sqlite3_errcode(h->db) & 0xff) != SQLITE_BUSY || tries >= HIST_BUSY_MS / HIST_RETRY_MS)
            goto fail;
        free(*err);
        *err = NULL;
        usleep(HIST_RETRY_MS * 1000);
    }
fail:
    hist_close(h);
    return -1;
}

void hist_close(pa_history *h)
{
    if (h->stop_writer)
        h->stop_writer(h);
    if (h->stop_reader)
        h->stop_reader(h);
    free(h->read_err);
    sqlite3_finalize(h->seen);
    sqlite3_finalize(h->detail);
    free(h->base_items);
    if (h->db)
        sqlite3_close(h->db);
    free(h->path);
    free(h->series_dir);
    free(h->series_rules);
    memset(h, 0, sizeof *h);
}
