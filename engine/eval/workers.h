/*
 * eval/workers.h - evaluation: the whole-table schema checks (DAT-003/004) and
 * every selected Lua rule over the loaded store, on N worker threads, each
 * with its own runtime.
 * Each rule's result lands in its own slot, so the outcome does not depend
 * on which worker ran what.
 */
#ifndef PA_EVAL_H
#define PA_EVAL_H

#include "lua/runtime.h"
#include "model/registry.h"
#include "store/store.h"

typedef struct {
    pa_registry *reg;
    const pa_store *st;
    pa_date T;
    pa_limits lim;
    int jobs;
    const pa_project_ids *pids; /* the run's project ids and --project's selection (collect/scope.c), or NULL */
    const char *drops_skip; /* why DAT-007 cannot judge (no baseline row counts), or NULL when it could */
    pa_result *results;   /* reg->n slots, filled by eval_run */
    double checks_seconds; /* time of DAT-003/004 (0 when not selected) */
} pa_eval;

/* dat: the DAT findings of loading (consumed); DAT-003/004 are added here. */
void eval_run(pa_eval *ev, pa_findings *dat);
void eval_free(pa_eval *ev);

#endif
