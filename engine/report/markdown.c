/*
 * report/markdown.c - a compact Markdown summary for a CI job summary or a
 * merge-request comment: the verdict, counts by severity, the failing rules,
 * the most serious findings, and what changed since the baseline. With a
 * baseline, a merge request's reviewer reads what this change made worse
 * first: the new findings, each with its rule, project and file:line, and
 * the rest after it, folded away. It is
 * capped (MD_MAX_BYTES) because comment boxes are: GitHub refuses comments
 * over 65,536 characters. The full detail is in the JSON and CSV reports.
 */
#include "report/md_escape.h"
#include "core/cellref.h"
#include "collect/gate.h"
#include "report/gate.h"
#include "collect/report_model.h"
#include "collect/scope.h"
#include "collect/split.h"

#include <string.h>

#define MD_TOP 25
#define MD_NEW_MAX 100
#define MD_MAX_BYTES 60000

/* --split-by: whose report this is. */
static void part_line(const pa_report *r, sbuf *b)
{
    const pa_split_part *p = r->part;
    if (!p)
        return;
    if (p->name) {
        sb_printf(b, "Part of the run for %s `", p->by);
        md_code(b, p->name, false);
        sb_puts(b, "`");
    } else
        sb_printf(b, "Part of the run for the findings with no %s", p->by);
    sb_printf(b, " (%zu project%s): the counts and the verdict above are this part's; the run's exit code is "
                 "the whole portfolio's.\n\n",
              p->nprojects, p->nprojects == 1 ? "" : "s");
}

static void verdict(const pa_report *r, sbuf *b)
{
    const char *word = report_verdict(r);
    const char *icon = r->exit_code ? "❌" : strcmp(word, "PASS") == 0 ? "✅" : "⚪";
    char T[11];
    date_format(r->T, T);
    sb_printf(b, "## %s pmoaudit: %s (", icon, word);
    report_gate_desc(r, b);
    sb_puts(b, ")\n\n");
    sb_puts(b, "Data `");
    md_code(b, r->st->dir, false);
    sb_printf(b, "` as of **%s** · %d rules: %d failed, %d passed, %d skipped, %d errored", T, r->nrules, r->failed,
              r->passed, r->skipped, r->errored);
    if (r->exit_code == 1)
        sb_printf(b, " · %zu %sfinding%s at or above **%s**", r->failing,
                  r->fail_on_new && r->baseline_path ? "new " : "", r->failing == 1 ? "" : "s", sev_name(r->fail_on));
    if (r->scope && r->scope->spec) {
        sb_printf(b, " · project scope `");
        md_code(b, r->scope->spec, false);
        sb_printf(b, "` (%d project%s)", r->scope->nids, r->scope->nids == 1 ? "" : "s");
    }
    sb_puts(b, "\n\n| critical | error | warning | info | waived |");
    if (r->baseline_path)
        sb_puts(b, " new | resolved |");
    sb_puts(b, "\n|---:|---:|---:|---:|---:|");
    if (r->baseline_path)
        sb_puts(b, "---:|---:|");
    sb_printf(b, "\n| %zu | %zu | %zu | %zu | %zu |", r->by_sev[SEV_CRITICAL], r->by_sev[SEV_ERROR],
              r->by_sev[SEV_WARNING], r->by_sev[SEV_INFO], r->waived);
    if (r->baseline_path)
        sb_printf(b, " %zu | %zu |", r->nnew, r->nresolved);
    sb_puts(b, "\n\n");
}

/* With --history: the findings not waived in each of the last runs of the
 * history (this one last), as one table row; the same numbers as the
 * `findings` column of `pmoaudit history trend` once this run is in. */
static void trend_line(const pa_report *r, sbuf *b)
{
    const pa_trend *t = r->trend;
    if (!t || t->nruns < 1)
        return;
    sb_printf(b, "**Trend** of the findings not waived, last %d run%s in the history (oldest first):\n\n| as of |",
              t->nruns, t->nruns == 1 ? "" : "s");
    for (int i = 0; i < t->nruns; i++)
        sb_printf(b, " %s |", t->as_of[i]);
    sb_puts(b, "\n|---|");
    for (int i = 0; i < t->nruns; i++)
        sb_puts(b, "---:|");
    sb_puts(b, "\n| findings |");
    for (int i = 0; i < t->nruns; i++)
        sb_printf(b, " %zu |", t->total.v[i]);
    sb_puts(b, "\n\n");
}

/* A rule's new findings: listed ones marked new, and those past its cap
 * (no baseline can match them). */
static size_t new_of_rule(const pa_report *r, const char *id)
{
    size_t n = r->results[reg_index(r->reg, id)].dropped;
    for (size_t i = 0; i < r->all.n; i++)
        n += r->all.v[i].baseline == BL_NEW && !r->all.v[i].waived && strcmp(r->all.v[i].rule, id) == 0;
    return n;
}

static void failing_rules(const pa_report *r, sbuf *b)
{
    if (!r->failed && !r->errored)
        return;
    sb_printf(b, "### Rules that failed\n\n| rule | severity | title | findings |%s\n|---|---|---|---:|%s\n",
              r->baseline_path ? " new |" : "", r->baseline_path ? "---:|" : "");
    for (int k = 0; k < r->nrules; k++) {
        const pa_rule *rule = &r->reg->v[r->order[k]];
        const pa_result *res = &r->results[r->order[k]];
        if (res->status != ST_FAILED && res->status != ST_ERRORED)
            continue;
        sb_printf(b, "| `%s` | %s | ", rule->id, sev_name(rule->sev));
        md_cell(b, rule->title);
        if (res->status == ST_ERRORED) {
            sb_puts(b, " | errored: ");
            md_cell(b, res->message);
            sb_puts(b, " |");
        } else if (res->dropped) {
            sb_printf(b, " | %zu (%zu not listed) |", res->count, res->dropped);
        } else {
            sb_printf(b, " | %zu |", res->count);
        }
        if (r->baseline_path)
            sb_printf(b, " %zu |", new_of_rule(r, rule->id));
        sb_putc(b, '\n');
    }
    sb_putc(b, '\n');
}

static void where(const pa_finding *f, sbuf *b)
{
    if (!f->file)
        return;
    sb_putc(b, '`');
    sbuf w;
    sb_init(&w);
    cref_where(&w, f->file, f->line);
    md_code(b, w.data, true);
    sb_free(&w);
    sb_putc(b, '`');
}

/*
 * With a baseline: the new findings that are not waived, most severe first
 * (report order within a severity), at most MD_NEW_MAX of them and a line
 * saying how many more there are, then how many were resolved.
 */
static void new_findings(const pa_report *r, sbuf *b)
{
    size_t total = 0, shown = 0;
    for (size_t i = 0; i < r->all.n; i++)
        total += r->all.v[i].baseline == BL_NEW && !r->all.v[i].waived;
    sb_printf(b, "### New since the baseline of %s\n\n", r->baseline_as_of);
    if (!total)
        sb_puts(b, "No new findings.\n");
    else
        sb_puts(b, "| severity | rule | project | where | message |\n|---|---|---|---|---|\n");
    for (int s = SEV_CRITICAL; s >= SEV_INFO && shown < MD_NEW_MAX; s--) {
        for (size_t i = 0; i < r->all.n && shown < MD_NEW_MAX; i++) {
            const pa_finding *f = &r->all.v[i];
            if ((int)f->sev != s || f->waived || f->baseline != BL_NEW)
                continue;
            sb_printf(b, "| %s%s | `%s` | ", sev_name(f->sev), f->reopened ? " (reopened)" : "", f->rule);
            if (f->project_id)
                md_cell(b, f->project_id);
            for (int k = 0; !f->project_id && k < f->nprojects; k++) {
                sb_puts(b, k ? ", " : "");
                md_cell(b, f->projects[k]);
            }
            sb_puts(b, " | ");
            where(f, b);
            sb_puts(b, " | ");
            md_cell(b, f->message);
            sb_puts(b, " |\n");
            shown++;
        }
    }
    if (total > shown)
        sb_printf(b, "\n_%zu more new finding%s not listed: see the full report (JSON, CSV or HTML)._\n",
                  total - shown, total - shown == 1 ? "" : "s");
    if (r->history)
        sb_printf(b, "\n%zu of the new finding%s reopened: resolved in an earlier run and back.\n", r->nreopened,
                  r->nreopened == 1 ? " was" : "s were");
    sb_printf(b, "\n%zu finding%s of the baseline %s resolved.\n\n", r->nresolved, r->nresolved == 1 ? "" : "s",
              r->nresolved == 1 ? "is" : "are");
}

/* The MD_TOP most serious findings (not waived): severity first, then report order. */
static void top_findings(const pa_report *r, sbuf *b)
{
    size_t total = r->total - r->waived, shown = 0;
    if (!total)
        return;
    sb_printf(b, "### Top findings\n\n| severity | rule | where | message |\n|---|---|---|---|\n");
    for (int s = SEV_CRITICAL; s >= SEV_INFO && shown < MD_TOP; s--) {
        for (size_t i = 0; i < r->all.n && shown < MD_TOP; i++) {
            const pa_finding *f = &r->all.v[i];
            if ((int)f->sev != s || f->waived)
                continue;
            sb_printf(b, "| %s%s | `%s` | ", sev_name(f->sev), f->baseline == BL_NEW ? " 🆕" : "", f->rule);
            where(f, b);
            sb_puts(b, " | ");
            md_cell(b, f->message);
            sb_puts(b, " |\n");
            shown++;
        }
    }
    if (total > shown && !r->unlisted)
        sb_printf(b, "\n_%zu more finding%s: see the full report (JSON, CSV or HTML)._\n", total - shown,
                  total - shown == 1 ? "" : "s");
    else if (total > shown)
        sb_printf(b, "\n_%zu more finding%s: see the full report (JSON, CSV or HTML); %zu of them not listed in any "
                     "report (past `--max-findings`: raise it to list them)._\n",
                  total - shown, total - shown == 1 ? "" : "s", r->unlisted);
    sb_putc(b, '\n');
}

static void other_rules(const pa_report *r, sbuf *b)
{
    if (!r->skipped)
        return;
    sb_puts(b, "<details><summary>Skipped rules</summary>\n\n");
    for (int k = 0; k < r->nrules; k++) {
        const pa_result *res = &r->results[r->order[k]];
        if (res->status != ST_SKIPPED)
            continue;
        sb_printf(b, "- `%s`: ", r->reg->v[r->order[k]].id);
        md_cell(b, res->message);
        sb_putc(b, '\n');
    }
    sb_puts(b, "\n</details>\n\n");
}

static void waiver_lines(const pa_report *r, sbuf *b)
{
    bool any = false;
    for (int i = 0; i < r->nwaivers; i++) {
        const pa_waiver *w = &r->waivers[i];
        if (!w->expired && w->matched)
            continue;
        if (!any)
            sb_puts(b, "### Waivers to review\n\n");
        any = true;
        char day[11];
        date_format(w->expires, day);
        sb_printf(b, "- `%s:%u` ", w->file, w->line);
        if (w->expired)
            sb_printf(b, "expired on %s and no longer applies (%zu finding%s)\n", day, w->matched,
                      w->matched == 1 ? "" : "s");
        else
            sb_puts(b, "matches no finding (unused)\n");
    }
    if (any)
        sb_putc(b, '\n');
}

void report_md(const pa_report *r, const pa_text_opts *o, sbuf *b)
{
    if (r->gate) { /* pmoaudit gate: the verdict instead of the report */
        report_gate_md(r, o, b);
        return;
    }
    (void)o;
    size_t start = b->len;
    verdict(r, b);
    part_line(r, b);
    trend_line(r, b);
    if (r->baseline_path) { /* what got worse first; the rest folded */
        new_findings(r, b);
        sb_printf(b, "<details><summary>All findings: %d failing rules, top findings</summary>\n\n", r->failed);
    }
    failing_rules(r, b);
    if (r->baseline_path) {
        top_findings(r, b);
        sb_puts(b, "</details>\n\n");
    }
    waiver_lines(r, b);
    other_rules(r, b);
    if (!r->baseline_path)
        top_findings(r, b);
    sb_printf(b, "<sub>pmoaudit %s</sub>\n", r->version);
    if (b->len - start > MD_MAX_BYTES) { /* cut at a line boundary and say so */
        size_t cut = start + MD_MAX_BYTES - 200;
        while (cut > start && b->data[cut] != '\n')
            cut--;
        b->len = cut + 1;
        b->data[b->len] = '\0';
        sb_puts(b, "\n_The summary was cut to fit a comment; see the full report._\n");
    }
}
