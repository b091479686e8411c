/*
 * run/split_out.h - writing the reports of --split-by (run/split_out.c).
 */
#ifndef PA_SPLIT_OUT_H
#define PA_SPLIT_OUT_H

#include "collect/report_model.h"

/* Into the folder dir: for each part of r (collect/split.h), one report
 * per format of wanted, report-<stem>.<ext>, then split-index.csv.
 * to: the writers' options of the whole run's reports. Returns the number
 * of parts, or -1 with *err (a file that cannot be written). */
long split_write(const pa_report *r, const char *by, const char *dir, const int *wanted, int nf,
                 const pa_text_opts *to, char **err);

#endif
