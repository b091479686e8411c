/*
 * model/result.h - what one rule's evaluation produced: its status, its
 * counts (exact, including findings past the --max-findings cap) and the
 * findings it stored. Filled by the evaluation (lua/rule_run.c for Lua
 * rules, eval/workers.c for the engine's DAT checks), read by collect/ and
 * report/. Plain data: this header includes nothing of the Lua runtime.
 */
#ifndef PA_RESULT_H
#define PA_RESULT_H

#include "model/finding.h"

#include <stddef.h>

typedef enum { ST_PASSED = 0, ST_FAILED, ST_SKIPPED, ST_ERRORED } pa_status;

/* "passed", "failed", "skipped" or "errored": the name in every report. */
const char *status_name(pa_status s);

typedef struct {
    pa_status status;
    size_t count;          /* findings, including those past the cap */
    size_t by_sev[4];
    size_t dropped;        /* findings past the cap, not stored */
    char *message;         /* why skipped or errored, or a cap note */
    char *notes;           /* warnings about the rule's code found while it ran, one
                              "file:line: rule ID: ..." per line (lrt_note); NULL when none */
    double seconds;        /* wall time of the rule (--timings only; never in reports) */
    pa_findings findings;
} pa_result;

#endif
