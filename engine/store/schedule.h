/*
 * store/schedule.h - the per-project schedule figures of the tasks table (the
 * "considered" tasks and link counts of rules SCH-010..020), computed once
 * per table and as-of date and shared by every rule and worker.
 */
#ifndef PA_SCHED_H
#define PA_SCHED_H

#include "model/value.h"

#include <stdint.h>

struct pa_table;

/* Why a considered task is "open" (SCH-010). */
enum { SCHED_NO_SUCCESSOR, SCHED_NO_PREDECESSOR, SCHED_NEITHER };

typedef struct {
    uint32_t first_row;  /* a row of the project (for its project_id) */
    uint32_t n;          /* considered tasks */
    uint32_t rows;       /* their row numbers: sched.rows[rows .. rows + n) */
    uint32_t open;       /* considered tasks lacking a predecessor or a successor */
    uint32_t nex;        /* the first (up to 3) of them: */
    uint32_t ex_row[3];
    uint8_t ex_kind[3];  /* SCHED_* */
    uint32_t links, pos_lag, fs; /* links of considered tasks: all, lag > 0, FS */
    uint32_t due, done, missed;  /* non-summary tasks with baseline_finish <= T */
} sched_project;

typedef struct pa_sched {
    pa_date T;
    uint32_t nprojects;    /* one per project_id group, in first-appearance order */
    sched_project *p;
    uint32_t *rows;        /* considered rows, grouped by project, file order within */
    uint32_t *all;         /* every considered row with a project_id, in file order */
    uint32_t nall;
    uint32_t *leads;       /* of all, the rows with a link of negative lag (SCH-011), in file order */
    uint32_t nleads;
} pa_sched;

/* The figures of tasks table t as of T, computed on first call and kept
 * with the table (thread-safe). Every call on a table must pass the same T
 * (the run's as-of date); NULL when it does not, or when t has no
 * project_id column. */
const pa_sched *sched_get(struct pa_table *t, pa_date T);
void sched_free(pa_sched *s);

#endif
