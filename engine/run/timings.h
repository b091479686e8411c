/*
 * run/timings.h - --timings: wall times on stderr; --stats: each rule's
 * work as JSON (run/timings.c).
 */
#ifndef PA_TIMINGS_H
#define PA_TIMINGS_H

#include "model/registry.h"
#include "model/result.h"
#include "store/store.h"

#include <stdbool.h>

/* Seconds on a monotonic clock. */
double timing_now(void);
/* When on, print the time since *t0 as phase `name`; then *t0 = now. */
void timing_phase(bool on, const char *name, double *t0);
/* The ten slowest selected rules, then the summed rule time per domain. */
void timing_rules(const pa_registry *reg, const pa_result *res);
/* --stats: each selected rule's status, findings, rows, instructions and
 * seconds as JSON in path (atomically). 0, or -1 with *err. */
int timing_stats(const char *path, const pa_registry *reg, const pa_result *res, const pa_store *st, char **err);

#endif
