/*
 * report/csv.h - the CSV writers besides report_csv (report/csv.c): the
 * index of a --split-by run's reports.
 */
#ifndef PA_CSV_H
#define PA_CSV_H

#include "collect/split.h"
#include "core/util.h"

/* split-index.csv: one row per part (owner or project, the file stem
 * report-<stem>, its projects joined with ';', its findings by severity,
 * waived, and its report's exit code), with the same quoting and formula
 * neutralisation as report.csv. */
void report_split_index(const pa_split_part *parts, size_t n, sbuf *out);

#endif
