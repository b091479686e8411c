/*
 * run/run_history.h - the audit history in a run (--history): opened
 * before any work, so a file that is not a history stops the run at once
 * (exit 2); read for the baseline when --baseline does not name one; the
 * run appended once its reports are written (run/run.c calls these).
 */
#ifndef PA_RUN_HISTORY_H
#define PA_RUN_HISTORY_H

#include "run/run.h"

/* Open o->history into r->hist (nothing without --history). Returns 0,
 * or -1 with *err. */
int runhist_open(const pa_runopts *o, pa_run *r, char **err);
/* With a history: the baseline (unless --baseline gave one) and the
 * reopened marks. Sets r->have_base when r->base holds a baseline. */
int runhist_baseline(const pa_runopts *o, pa_run *r, char **err);
/* Append the run with its exit code; -1 with *err. */
int runhist_record(const pa_runopts *o, pa_run *r, int exit_code, char **err);

#endif
