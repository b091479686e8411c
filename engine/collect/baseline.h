/*
 * collect/baseline.h - comparing a run with a previous one: a JSON report
 * (--baseline) or a run kept in the history database (history/, which
 * fills the same structure). Each finding becomes "new" or "existing" by
 * fingerprint. An existing one keeps the first_seen date it had in the
 * baseline. A new one that an earlier run of the history had is marked
 * reopened (it was resolved and came back). Findings of the baseline that
 * are gone are listed as resolved, but only for rules this run judged, so
 * --only does not make the rest look fixed. The row counts it records are
 * what DAT-007 compares this run's tables with.
 */
#ifndef PA_BASELINE_H
#define PA_BASELINE_H

/* The JSON report's format version, its first field (report/json.c);
 * raised when a field is removed or changes meaning (docs/compatibility.md,
 * docs/report.schema.json). A baseline of a higher version is refused. */
#define PA_REPORT_SCHEMA 1

#include "collect/report_model.h"
#include "core/json_read.h"
#include "validate/dat_checks.h"

/* A previous run, read once before the rules run (DAT-007 needs its row
 * counts) and kept until the findings are marked. Every string is owned. */
typedef struct pa_baseline {
    char *path;          /* the report file, or "HISTORY#run N" */
    char as_of[11];
    pa_resolved *v;      /* its findings, in report order (rule by rule) */
    size_t n, cap;
    char **names;        /* the tables it records, with their rows */
    size_t *rows;
    int ntables;         /* -1: it records no row counts */
    bool sort_resolved;  /* v is not in report order: sort the resolved list */
    /* With a history: did an earlier run have this fingerprint? */
    bool (*seen_before)(void *ctx, const char *fingerprint);
    void *seen_ctx;
    /* A history reads only each entry's fingerprint and first_seen
     * (baseline_add_key); baseline_apply then asks fill for the rest of
     * the entries no finding matched (the resolved candidates), idx their
     * indexes in v. 0, or -1 with *err (a damaged file). */
    int (*fill)(void *ctx, struct pa_baseline *b, const size_t *idx, size_t n, char **err);
    void *fill_ctx;
    /* A history reads the entries on a thread: baseline_apply and
     * baseline_free first wait for it (err NULL: the error is dropped).
     * 0, or -1 with *err. */
    int (*ready)(void *ctx, char **err);
    /* Set by baseline_apply when want_match: for each finding of the
     * report (r->all), 1 + the index of the entry it matched, 0 for a new
     * one; history/ reuses the matched entry's rows when it records. */
    bool want_match;
    uint32_t *match;
    /* baseline_keep's blocks: the fingerprints and first_seen dates of
     * entries added by baseline_add_key point into them */
    char **blocks;
    size_t nblocks, block_used;
    size_t keyed;         /* v[0..keyed) came from baseline_add_keys */
    /* baseline_index: 1 + the entry of each fingerprint, open addressing */
    uint32_t *slots;
    size_t mask;
} pa_baseline;

/* Read the report at path; -1 with *err (file and position) when it
 * cannot be read or is not a pmoaudit JSON report. */
int baseline_load(pa_baseline *b, const char *path, char **err);
/* An empty baseline named path of date as_of, for history/ to fill. */
void baseline_init(pa_baseline *b, const char *path, const char *as_of);
/* Append one finding (its strings are copied; NULLs stay NULL). */
void baseline_add(pa_baseline *b, const pa_resolved *x);
/* Fill the fields of x other than fingerprint and first_seen from from
 * (copied), for a fill callback. */
void baseline_fill(pa_resolved *x, const pa_resolved *from);
/* Append n findings known only by fingerprint and first_seen (all NULL
 * until set with baseline_keep); b->fill supplies the rest of those that
 * turn out resolved. Returns the first of them. */
pa_resolved *baseline_add_keys(pa_baseline *b, size_t n);
/* A copy of s (n bytes) that lives as long as b: a history's many short
 * keys in a few blocks rather than an allocation each. */
char *baseline_keep(pa_baseline *b, const char *s, size_t n);
/* Append one table's row count (ntables leaves -1). */
void baseline_add_table(pa_baseline *b, const char *name, size_t rows);
/* The row count of each table it records, in *out (free it; the names
 * point into b); -1 when it records none (a report of another tool). */
int baseline_tables(const pa_baseline *b, dat_rows **out);
/* Index the entries by fingerprint (once; baseline_apply does it when
 * not done: history/ does it on its reading thread). */
void baseline_index(pa_baseline *b);
/* Mark r's findings against it, collect the resolved ones. Returns 0, or
 * -1 with *err when b->fill failed (r then half marked: stop the run). */
int baseline_apply(pa_report *r, pa_baseline *b, char **err);
void baseline_free(pa_baseline *b);

#endif
