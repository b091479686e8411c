/*
 * collect/baseline.h - comparing a run with a previous JSON report (--baseline).
 * Each finding becomes "new" or "existing" by fingerprint. An existing one
 * keeps the first_seen date it had in the baseline. Findings of the baseline
 * that are gone are listed as resolved, but only for rules this run judged,
 * so --only does not make the rest look fixed. The row counts it records
 * are what DAT-007 compares this run's tables with.
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

/* A previous JSON report, read once before the rules run (DAT-007 needs
 * its row counts) and kept until the findings are marked. */
typedef struct pa_baseline {
    const char *path;
    jv *doc;
    const char *as_of; /* in doc */
} pa_baseline;

/* Read the report at path; -1 with *err (file and position) when it
 * cannot be read or is not a pmoaudit JSON report. */
int baseline_load(pa_baseline *b, const char *path, char **err);
/* The row count of each table it records (data.tables), in *out (free
 * it); -1 when it records none (a report of another tool or version). */
int baseline_tables(const pa_baseline *b, dat_rows **out);
/* Mark r's findings against it, collect the resolved ones. */
void baseline_apply(pa_report *r, const pa_baseline *b);
void baseline_free(pa_baseline *b);

#endif
