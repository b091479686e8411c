/*
 * history/hist_db.h - the audit history: one SQLite file that keeps every
 * run (what ran on which data, its counts and exit code), its findings and
 * its per-rule results (docs/history.md describes the schema). This module
 * opens the file, refuses what is not a pmoaudit history (another
 * program's database, a damaged file, a schema of a newer version) without
 * changing it, and brings an older schema up to date. hist_write.c appends
 * a run, hist_base.c reads a baseline out of it, hist_export.c rebuilds a
 * past run's report.
 */
#ifndef PA_HIST_DB_H
#define PA_HIST_DB_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>

struct pa_baseline;
struct sqlite3;      /* SQLite's handles: sqlite3.h is included by history/'s .c files only */
struct sqlite3_stmt;

/* The schema version this build writes (PRAGMA user_version). */
#define HIST_SCHEMA_VERSION 2
/* PRAGMA application_id of a pmoaudit history: "PMOA". */
#define HIST_APP_ID 0x504d4f41

/* One finding of a stored run, as its run's list (run_list.items) holds
 * it: the streak (fingerprint, first_seen), the content (detail) and the
 * content's hash (hist_list.h; 0 for content migrated from schema 1,
 * which is never reused). */
typedef struct {
    long long streak, detail;
    unsigned long long hash;
} hist_item;

typedef struct pa_history {
    struct sqlite3 *db;
    char *path;
    struct sqlite3_stmt *seen;  /* hist_base.c: did an earlier run of the series have a fingerprint? */
    char *series_dir;     /* the series hist_base.c looked a baseline up in */
    char *series_rules;
    char as_of[11];
    long long base_run;   /* the run used as the baseline, or 0 */
    hist_item *base_items; /* base_run's list: item i is the baseline's entry i */
    size_t nbase_items;
    struct sqlite3_stmt *detail; /* hist_base.c: one detail row by id (the resolved ones) */
    /* hist_base.c's reader: the baseline's list and streaks are read on a
     * thread while the rules run; nothing else uses db until it is joined */
    pthread_t reader;
    bool reading;
    int read_rc;
    char *read_err;
    long long read_id;
    struct pa_baseline *read_into;
    double read_secs;
    /* hist_write.c's writer: the run is written on a thread while the
     * reports are, and committed once they are all written */
    pthread_t writer;
    bool writing;
    void *write_job;
    /* set by hist_base.c and hist_write.c when they start their threads:
     * hist_close calls them to wait for the threads (a write not finished
     * is rolled back) and free what they kept */
    void (*stop_reader)(struct pa_history *h);
    void (*stop_writer)(struct pa_history *h);
} pa_history;

/*
 * Open the history at path. A missing file is created when create is true
 * (with its folder when mkdir_parent is true), else it is an error. Sets
 * WAL mode and a busy timeout, so that several pipelines can write one
 * file, and migrates an older schema in one transaction. Returns 0, or -1
 * with *err ("PATH: ..."): not a database, another program's database, a
 * newer schema, or an SQLite error. The file is not modified on error.
 */
int hist_open(pa_history *h, const char *path, bool create, bool mkdir_parent, char **err);
/* Waits for hist_base.c's and hist_write.c's threads (a write not
 * finished is rolled back), then closes. */
void hist_close(pa_history *h);
/* "PATH: what failed: SQLite's message", for the failures after opening. */
char *hist_error(const pa_history *h, const char *what);
/* Is run id in the history (false also when it cannot be read)? */
bool hist_run_exists(pa_history *h, long long id);
/* Run one or more statements without results; -1 with *err. */
int hist_exec(pa_history *h, const char *sql, char **err);

#endif
