/*
 * history/hist_export.h - a past run's report rebuilt from the history,
 * for the report writers (pmoaudit history export): the rules with their
 * stored results, the findings with their owners, first_seen, baseline
 * marks and waivers, the tables' row counts, and the baseline's resolved
 * findings when the baseline run is still in the history.
 */
#ifndef PA_HIST_EXPORT_H
#define PA_HIST_EXPORT_H

#include "collect/baseline.h"
#include "collect/report_model.h"
#include "history/hist_db.h"

typedef struct {
    pa_report rep;       /* what the writers read; points into the rest */
    pa_registry reg;     /* the run's rules (metadata as stored) */
    pa_store st;         /* the data folder and its tables' row counts only */
    pa_result *results;
    pa_waiver *waivers;  /* one per waived finding, as stored */
    size_t nwaivers;
    char **keep;         /* strings the findings and waivers point to */
    size_t nkeep, capkeep;
    pa_baseline base;
} hist_export;

/* Rebuild run id; -1 with *err (no such run, an SQLite error). Free x
 * with hist_export_free in every case. */
int hist_export_load(pa_history *h, long long id, hist_export *x, char **err);
void hist_export_free(hist_export *x);

#endif
