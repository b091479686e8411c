/*
 * history/hist_query.h - what `pmoaudit history` reads out of a history:
 * the runs, one run, the difference of two runs, the trend of the counts
 * over the runs, and pruning old runs. Each answer is printed as an
 * aligned table, JSON (an array of objects, numbers as numbers) or CSV.
 */
#ifndef PA_HIST_QUERY_H
#define PA_HIST_QUERY_H

#include "core/util.h"
#include "history/hist_db.h"

typedef enum { HQ_TABLE, HQ_JSON, HQ_CSV } hq_format;

/* A trend's filters, each NULL for all: project and rule are globs
 * (SCH-*), domain a rule domain. */
typedef struct {
    const char *project, *rule, *domain;
} hq_filter;

/* Every run with its counts, oldest first. */
int hq_list(pa_history *h, hq_format fmt, sbuf *out, char **err);
/* One run: its settings, tables, rule results and findings. -1 with *err
 * when there is no such run. */
int hq_show(pa_history *h, long long run, hq_format fmt, sbuf *out, char **err);
/* From run a to run b: new and resolved findings (by fingerprint), and
 * those whose severity changed. */
int hq_diff(pa_history *h, long long a, long long b, hq_format fmt, sbuf *out, char **err);
/* Per run: findings not waived by severity, new and reopened, under f. */
int hq_trend(pa_history *h, const hq_filter *f, hq_format fmt, sbuf *out, char **err);
/* Delete the runs past the keep latest (keep > 0), or those of an as-of
 * date before `before` (YYYY-MM-DD), with their rows, in one transaction;
 * *deleted and *left are the runs removed and kept. */
int hq_prune(pa_history *h, long long keep, const char *before, long long *deleted, long long *left, char **err);
/* The latest run's id in *id (0 when none); -1 with *err. */
int hq_last_run(pa_history *h, long long *id, char **err);
/* Whether run id exists; -1 with *err on an error, 0 with *err when not. */
int hq_run_exists(pa_history *h, long long run, char **err);

#endif
