/*
 * collect/gate.h - `pmoaudit gate PROJECT GATE [DATA_DIR]`: may this project pass
 * this stage gate? The rules that guard the gate (gates = {...} in their
 * declaration, plus the config's gates.<GATE>.rules) run over the whole
 * portfolio, the findings are scoped to the project, and the verdict is
 * PASS or BLOCKED by the unwaived findings at a blocking severity.
 */
#ifndef PA_GATE_H
#define PA_GATE_H

#include "collect/report_model.h"
#include "model/registry.h"

#define GATE_BLOCK_DEFAULT ((1u << SEV_ERROR) | (1u << SEV_CRITICAL))

typedef struct pa_gate {
    const char *project;   /* as given on the command line */
    const char *name;      /* the gate as given */
    unsigned block;        /* bit (1 << severity) for each severity that blocks; set by gate_select */
    /* The config's gates.<GATE> entry as plain values, filled by the caller
     * (all zero when the config has none): */
    const char *extra;     /* extra rule ids or globs, comma-joined, or NULL */
    unsigned conf_block;   /* the blocking severities as bits; 0 = GATE_BLOCK_DEFAULT */
    const char *conf_file; /* the config file and line of the entry, for messages */
    int conf_line;
    const char *conf_name; /* the gate as the config spells it */
} pa_gate;

/* Select the rules that guard g->name (declared, plus g->extra) and set
 * g->block. Returns -1 with a located *err when no rule guards the gate or
 * an extra rule pattern matches nothing. */
int gate_select(pa_registry *reg, pa_gate *g, char **err);
/* Whether a finding blocks the gate: not waived, at a blocking severity. */
bool gate_blocks(const pa_report *r, const pa_finding *f);

#endif
