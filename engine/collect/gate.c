/*
 * collect/gate.c - the stage gate. A gate is a name (G1, G2, ...); the
 * rules that guard it are those whose declaration lists it in gates = {...},
 * plus the config's gates.<GATE>.rules; a finding blocks when it is not
 * waived and its severity is one of the gate's blocking severities
 * (gates.<GATE>.block, default error and critical). The run itself is the
 * ordinary pipeline of run/run.c with --project set to the gate's project:
 * this file only chooses the rules and says which findings block;
 * report/gate.c writes the verdict. The config's entry for the gate comes
 * in as plain values in pa_gate, so nothing here reads the config.
 * See docs/gates.md.
 */
#include "collect/gate.h"
#include "core/util.h"

#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* The gates the loaded rules declare, for the message when none guards g. */
static void known_gates(const pa_registry *reg, sbuf *b)
{
    char **seen = NULL;
    int n = 0;
    for (int i = 0; i < reg->n; i++)
        for (int k = 0; k < reg->v[i].ngates; k++) {
            bool dup = false;
            for (int j = 0; j < n; j++)
                dup |= strcasecmp(seen[j], reg->v[i].gates[k]) == 0;
            if (!dup) {
                seen = xrealloc(seen, (size_t)(n + 1) * sizeof *seen);
                seen[n++] = reg->v[i].gates[k];
            }
        }
    for (int i = 1; i < n; i++) /* a handful: insertion sort */
        for (int j = i; j > 0 && strcmp(seen[j - 1], seen[j]) > 0; j--) {
            char *t = seen[j];
            seen[j] = seen[j - 1];
            seen[j - 1] = t;
        }
    for (int i = 0; i < n; i++)
        sb_printf(b, "%s%s", i ? ", " : "", seen[i]);
    if (!n)
        sb_puts(b, "none");
    free(seen);
}

/* Select the rules matching the config's extra patterns for the gate. */
static int select_extra(pa_registry *reg, const pa_gate *g, char **err)
{
    char *copy = xstrdup(g->extra);
    int rc = 0;
    for (char *save = NULL, *tok = strtok_r(copy, ",", &save); tok && rc == 0; tok = strtok_r(NULL, ",", &save)) {
        int hits = 0;
        for (int i = 0; i < reg->n; i++)
            if (fnmatch(tok, reg->v[i].id, 0) == 0) {
                reg->v[i].selected = true;
                hits++;
            }
        if (!hits) {
            *err = xasprintf("%s:%d: gates.%s.rules: no rule matches '%s' (see `pmoaudit list`)", g->conf_file,
                             g->conf_line, g->conf_name, tok);
            rc = -1;
        }
    }
    free(copy);
    return rc;
}

int gate_select(pa_registry *reg, pa_gate *g, char **err)
{
    int n = 0;
    for (int i = 0; i < reg->n; i++) {
        reg->v[i].selected = reg_guards(&reg->v[i], g->name);
        n += reg->v[i].selected;
    }
    g->block = g->conf_block ? g->conf_block : GATE_BLOCK_DEFAULT;
    if (g->extra && select_extra(reg, g, err) != 0)
        return -1;
    for (int i = 0; i < reg->n && n == 0; i++)
        n += reg->v[i].selected;
    if (n == 0) {
        sbuf b;
        sb_init(&b);
        known_gates(reg, &b);
        *err = xasprintf("gate %s: no rule guards it (the rules declare: %s; a config can add rules to a gate "
                         "with gates = { %s = { rules = {...} } }, see docs/gates.md)",
                         g->name, b.data, g->name);
        sb_free(&b);
        return -1;
    }
    return 0;
}

bool gate_blocks(const pa_report *r, const pa_finding *f)
{
    bool counts = !r->fail_on_new || !r->baseline_path || f->baseline != BL_EXISTING; /* as report_tally */
    return !f->waived && counts && (report_fail_mask(r) >> f->sev & 1u);
}
