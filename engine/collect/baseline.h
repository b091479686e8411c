/*
 * collect/baseline.h - comparing a run with a previous JSON report (--baseline).
 * Each finding becomes "new" or "existing" by fingerprint. An existing one
 * keeps the first_seen date it had in the baseline. Findings of the baseline
 * that are gone are listed as resolved, but only for rules this run judged,
 * so --only does not make the rest look fixed.
 */
#ifndef PA_BASELINE_H
#define PA_BASELINE_H

#include "collect/report_model.h"

/* Mark r's findings against the report at path; -1 with *err (file and
 * position) when it cannot be read or is not a pmoaudit JSON report. */
int baseline_apply(pa_report *r, const char *path, char **err);

#endif
