/*
 * report.c - building the report model from the results.
 */
#include "report.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

void report_build(pa_report *r, const pa_registry *reg, pa_result *results, const pa_store *st, pa_date T,
                  pa_sev fail_on)
{
    memset(r, 0, sizeof *r);
    r->version = PMOAUDIT_VERSION;
    r->T = T;
    r->st = st;
    r->reg = reg;
    r->results = results;
    r->fail_on = fail_on;
    r->nrules = reg_sorted(reg, true, &r->order);
    fnd_init(&r->all);
    bool fails = false;
    for (int k = 0; k < r->nrules; k++) {
        pa_result *res = &results[r->order[k]];
        switch (res->status) {
        case ST_PASSED: r->passed++; break;
        case ST_FAILED: r->failed++; break;
        case ST_SKIPPED: r->skipped++; break;
        case ST_ERRORED: r->errored++; break;
        }
        for (int s = 0; s < 4; s++) {
            r->by_sev[s] += res->by_sev[s];
            if (res->by_sev[s] && fail_on != SEV_NEVER && s >= (int)fail_on)
                fails = true;
        }
        fnd_move(&r->all, &res->findings);
    }
    fnd_finalize(&r->all);
    r->exit_code = r->errored ? 3 : fails ? 1 : 0;
}

void report_free(pa_report *r)
{
    fnd_free(&r->all);
    free(r->order);
    memset(r, 0, sizeof *r);
}
