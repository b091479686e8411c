/*
 * collect/gate.h - `pmoaudit gate PROJECT GATE [DATA_DIR]`: may this project pass
 * this stage gate? The rules that guard the gate (gates = {...} in their
 * declaration, plus the config's gates.<GATE>.rules) run over the whole
 * portfolio, the findings are scoped to the project, and the verdict is
 * PASS or BLOCKED by the unwaived findings at a blocking severity.
 */
#ifndef PA_GATE_H
#define PA_GATE_H

#include "cmd/config.h"
#include "collect/report_model.h"
#include "model/registry.h"

#define GATE_BLOCK_DEFAULT ((1u << SEV_ERROR) | (1u << SEV_CRITICAL))

typedef struct pa_gate {
    const char *project; /* as given on the command line */
    const char *name;    /* the gate as given */
    unsigned block;      /* bit (1 << severity) for each severity that blocks */
    const char *extra;   /* the config's extra rules (comma list), or NULL */
} pa_gate;

/* Select the rules that guard g->name and set g->block and g->extra from
 * the config. Returns -1 with a located *err when no rule guards the gate
 * or a configured rule pattern matches nothing. */
int gate_select(pa_registry *reg, pa_gate *g, const pa_config *cfg, char **err);
/* Whether a finding blocks the gate: not waived, at a blocking severity. */
bool gate_blocks(const pa_report *r, const pa_finding *f);
/* The verdict for people: text for a terminal or CI log, Markdown for a
 * merge-request comment. report_text and report_md call these in a gate. */
void gate_text(const pa_report *r, const pa_text_opts *o, sbuf *out);
void gate_md(const pa_report *r, const pa_text_opts *o, sbuf *out);
/* The "gate" object of the JSON report (a trailing comma included). */
void gate_json(const pa_report *r, sbuf *out);

#endif
