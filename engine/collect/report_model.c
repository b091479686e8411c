/*
 * collect/report_model.c - building the report model from the results: merge and order
 * the findings (report_build), let the baseline and the waivers mark them,
 * then count what remains and decide the exit code (report_tally).
 */
#include "collect/findings_sort.h"
#include "collect/report_model.h"
#include "core/util.h"

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
    size_t total = 0; /* one allocation for the merged list, not a chain of doublings */
    for (int k = 0; k < r->nrules; k++)
        total += results[r->order[k]].findings.n + results[r->order[k]].packed.n;
    if (total)
        GROW(r->all.v, r->all.cap, total);
    for (int k = 0; k < r->nrules; k++) {
        pa_result *res = &results[r->order[k]];
        switch (res->status) {
        case ST_PASSED: r->passed++; break;
        case ST_FAILED: r->failed++; break;
        case ST_SKIPPED: r->skipped++; break;
        case ST_ERRORED: r->errored++; break;
        }
        fnd_move(&r->all, &res->findings);
        fpack_unpack(&res->packed, reg->v[r->order[k]].id, &r->all);
    }
    fnd_finalize(&r->all);
    char day[11];
    date_format(T, day);
    for (size_t i = 0; i < r->all.n; i++)
        memcpy(r->all.v[i].first_seen, day, sizeof day);
}

unsigned report_fail_mask(const pa_report *r)
{
    if (r->block)
        return r->block;
    return r->fail_on == SEV_NEVER ? 0 : (0xFu << r->fail_on) & 0xFu;
}

/*
 * Every count covers all findings in scope, listed or not: a rule's
 * findings past its --max-findings cap were counted by severity and
 * project as they were reported. Counts by severity leave waived findings
 * out. A finding past the cap was never stored, so no waiver or baseline
 * can match it: it counts as unwaived and, with a baseline, as new
 * (docs/verdicts.md). The exit code follows interfaces.md: 3 when a rule
 * errored, 1 when a finding that counts is at or above --fail-on (in a
 * gate: at one of the gate's blocking severities), else 0.
 */
void report_tally(pa_report *r)
{
    unsigned fail_mask = report_fail_mask(r);
    bool counts_all = !r->fail_on_new || !r->baseline_path;
    memset(r->by_sev, 0, sizeof r->by_sev);
    memset(r->unlisted_sev, 0, sizeof r->unlisted_sev);
    r->waived = r->total = r->failing = r->unlisted = 0;
    for (int k = 0; k < r->nrules; k++) {
        const pa_result *res = &r->results[r->order[k]];
        r->total += res->count;
        r->unlisted += res->dropped;
        for (int s = 0; s < 4; s++) {
            r->by_sev[s] += res->by_sev[s];
            r->unlisted_sev[s] += res->unlisted_sev[s];
            if (fail_mask >> s & 1u)
                r->failing += res->unlisted_sev[s];
        }
        if (res->unlisted_proj && !r->unlisted_proj) {
            r->nproj_slots = res->nproj_slots;
            r->unlisted_proj = xcalloc((size_t)r->nproj_slots, sizeof *r->unlisted_proj);
        }
        for (int p = 0; res->unlisted_proj && p < res->nproj_slots && p < r->nproj_slots; p++)
            for (int s = 0; s < 4; s++)
                r->unlisted_proj[p][s] += res->unlisted_proj[p][s];
    }
    if (r->baseline_path) {
        r->nnew = r->unlisted;
        r->nexisting = 0;
    }
    for (size_t i = 0; i < r->all.n; i++) {
        const pa_finding *f = &r->all.v[i];
        if (r->baseline_path) {
            r->nnew += f->baseline == BL_NEW;
            r->nexisting += f->baseline == BL_EXISTING;
        }
        if (f->waived) {
            r->by_sev[f->sev]--;
            r->waived++;
        } else if ((fail_mask >> f->sev & 1u) && (counts_all || f->baseline != BL_EXISTING)) {
            r->failing++;
        }
    }
    r->exit_code = r->errored ? 3 : r->failing ? 1 : 0;
}

const char *report_verdict(const pa_report *r)
{
    if (r->exit_code == 3)
        return "ERROR";
    if (r->exit_code == 1)
        return "FAIL";
    return report_fail_mask(r) ? "PASS" : "NOT GATED";
}

void report_gate_desc(const pa_report *r, sbuf *b)
{
    const char *new_only = r->fail_on_new && r->baseline_path ? "new " : "";
    if (!r->block) {
        sb_printf(b, "fail on %s%s", r->fail_on == SEV_NEVER ? "" : new_only, sev_name(r->fail_on));
        return;
    }
    sb_printf(b, "blocking %s", new_only);
    int k = 0;
    for (int s = SEV_CRITICAL; s >= SEV_INFO; s--)
        if (r->block >> s & 1u)
            sb_printf(b, "%s%s", k++ ? ", " : "", sev_name((pa_sev)s));
}

static void free_resolved(pa_report *r)
{
    for (size_t i = 0; i < r->nresolved; i++) {
        pa_resolved *x = &r->resolved[i];
        free(x->rule);
        free(x->severity);
        free(x->table);
        free(x->key);
        free(x->project_id);
        free(x->file);
        free(x->column);
        free(x->message);
        free(x->fingerprint);
        free(x->first_seen);
    }
    free(r->resolved);
    r->resolved = NULL;
    r->nresolved = 0;
}

static void free_waivers(pa_report *r)
{
    for (int i = 0; i < r->nwaivers; i++) {
        pa_waiver *x = &r->waivers[i];
        free(x->rule);
        free(x->key);
        free(x->fingerprint);
        free(x->reason);
        free(x->approved_by);
    }
    free(r->waivers);
    r->waivers = NULL;
    r->nwaivers = 0;
}

void report_free(pa_report *r)
{
    free_resolved(r);
    free_waivers(r);
    free(r->unlisted_proj);
    fnd_free(&r->all);
    free(r->order);
    memset(r, 0, sizeof *r);
}

static void trend_lines_free(pa_trend_line *v, int n)
{
    for (int i = 0; i < n; i++) {
        free(v[i].name);
        free(v[i].v);
    }
    free(v);
}

void trend_free(pa_trend *t)
{
    free(t->as_of);
    free(t->total.v);
    trend_lines_free(t->dom, t->ndom);
    trend_lines_free(t->proj, t->nproj);
    memset(t, 0, sizeof *t);
}
