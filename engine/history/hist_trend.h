/*
 * history/hist_trend.h - the trend a report shows with --history: the
 * findings not waived of the series' last runs (hist_base.c's series),
 * this run included as the last, in total, per rule domain and per
 * project.
 */
#ifndef PA_HIST_TREND_H
#define PA_HIST_TREND_H

#include "collect/report_model.h"
#include "history/hist_db.h"

/* Fill t with the series' latest runs - 1 earlier runs up to the as-of
 * date (hist_baseline must have run) and then r, this run, not yet
 * recorded. runs >= 1. Returns 0, or -1 with *err (t is then empty). */
int hist_trend(pa_history *h, const pa_report *r, int runs, pa_trend *t, char **err);

#endif
