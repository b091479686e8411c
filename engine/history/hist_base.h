/*
 * history/hist_base.h - a baseline out of the history: the latest run on
 * or before this run's as-of date on the same data folder with the same
 * rule selection (a "series"), and for the findings new against it,
 * whether an earlier run of the series had them (reopened).
 */
#ifndef PA_HIST_BASE_H
#define PA_HIST_BASE_H

#include "collect/baseline.h"
#include "history/hist_db.h"

/* Look up the series' latest run up to as_of and read it into b (*found
 * true), or leave b alone (*found false: the series' first run). With b
 * NULL, only set the series (for hist_watch_reopened). The run's row
 * counts are read at once (DAT-007 needs them before the rules run); its
 * findings on a thread, which baseline_apply waits for (b->ready), so
 * that nothing but b's tables and h's series may be used until then.
 * Returns 0, or -1 with *err (the thread's errors come from
 * baseline_apply). */
int hist_baseline(pa_history *h, const char *data_dir, const char *rules, const char *as_of, pa_baseline *b,
                  bool *found, char **err);
/* Wait for the thread of hist_baseline; 0, or -1 with *err (freed when
 * err is NULL) when it failed. Does nothing when none runs. */
int hist_base_wait(pa_history *h, char **err);
/* Read run id's findings and row counts into b (baseline_init done), at
 * once. */
int hist_read_run(pa_history *h, long long id, pa_baseline *b, char **err);
/* Let b mark reopened findings from the series of hist_baseline (which
 * must have run); b may be a --baseline file. Returns 0, or -1 with *err. */
int hist_watch_reopened(pa_history *h, pa_baseline *b, char **err);

#endif
