/*
 * model/result.h - what one rule's evaluation produced: its status, its
 * counts (exact, including findings past the --max-findings cap, which are
 * counted by severity and project but not stored) and the findings it
 * stored. Filled by the evaluation (lua/rule_run.c for Lua
 * rules, eval/workers.c for the engine's DAT checks), read by collect/ and
 * report/. Plain data: this header includes nothing of the Lua runtime.
 */
#ifndef PA_RESULT_H
#define PA_RESULT_H

#include "model/finding.h"

#include <stddef.h>
#include <stdint.h>

typedef enum { ST_PASSED = 0, ST_FAILED, ST_SKIPPED, ST_ERRORED } pa_status;

/* "passed", "failed", "skipped" or "errored": the name in every report. */
const char *status_name(pa_status s);

typedef struct {
    pa_status status;
    size_t count;          /* findings, including those past the cap */
    size_t by_sev[4];
    size_t dropped;        /* findings past the cap: counted, not stored (not listed) */
    size_t unlisted_sev[4]; /* the dropped ones by severity */
    size_t (*unlisted_proj)[4]; /* the dropped ones by project and severity: one slot per
                                   project id of the run (store/project_ids.h), the last
                                   for those of no project of projects.csv; NULL when
                                   none was dropped or the run keeps no ids */
    int nproj_slots;
    char *message;         /* why skipped or errored, or a cap note */
    char *notes;           /* warnings about the rule's code found while it ran, one
                              "file:line: rule ID: ..." per line (lrt_note); NULL when none */
    double seconds;        /* wall time of the rule (--timings only; never in reports) */
    double cpu_seconds;    /* CPU time of its worker thread while it ran (--stats only): steadier
                            * than the wall time on a busy machine */
    uint64_t instructions; /* Lua VM instructions the rule ran, in steps of 1000, plus the work
                            * charged for C helpers (lua/rule_run.c); 0 for the engine's DAT
                            * checks. The same on every run of the same input: --timings and
                            * --stats show it, reports never do */
    pa_findings findings;  /* the engine's DAT rules, and every rule once report_build
                              or a rule test has unpacked `packed` into it */
    pa_fpack packed;       /* a Lua rule's findings as it reported them (lua/rule_run.c) */
} pa_result;

/* The note of a rule whose list was cut by --max-findings (dropped > 0):
 * "N findings: the first K are listed, D more not listed (...)". */
char *result_cap_note(const pa_result *res);

#endif
