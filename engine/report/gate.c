/*
 * report/gate.c - the verdict of `pmoaudit gate` for people and tools: text
 * for a terminal or CI log, Markdown for a merge-request comment, and the
 * "gate" object of the JSON report. report_text, report_md and report_json
 * call these when the report is a gate's (r->gate is set). Which findings
 * block is collect/gate.c's gate_blocks; this file only counts and writes.
 * May include core/, model/, collect/ and report/ headers.
 */
#include "report/gate.h"
#include "core/cellref.h"
#include "collect/gate.h"
#include "report/json_escape.h"
#include "report/md_escape.h"
#include "core/util.h"

#include <string.h>

#define GATE_TEXT_MAX 50 /* findings listed per section without -v */
#define GATE_MD_MAX 25
#define GATE_MD_BYTES 60000 /* comment boxes refuse more (GitHub: 65,536) */

/* The gate's counts: over every finding in scope, listed or not (a
 * finding past a rule's --max-findings cap blocks when its severity does:
 * no waiver can match it); listed_* say how many of them are listed. */
typedef struct {
    size_t blocking, waived, other;
    size_t listed[3]; /* by section (see section_of) */
} gate_counts;

static int section_of(const pa_report *r, const pa_finding *f);

static gate_counts count(const pa_report *r)
{
    gate_counts c = {r->failing, r->waived, r->total - r->waived - r->failing, {0, 0, 0}};
    for (size_t i = 0; i < r->all.n; i++)
        c.listed[section_of(r, &r->all.v[i])]++;
    return c;
}

/* The verdict word; it agrees with the exit code (errored rules: 3), and
 * a gate whose blocking severities were all lifted (--fail-on never) is
 * NOT GATED rather than passed. */
static const char *verdict(const pa_report *r)
{
    return r->errored ? "ERROR" : !report_fail_mask(r) ? "NOT GATED" : r->failing ? "BLOCKED" : "PASS";
}

static void block_names(const pa_report *r, sbuf *b)
{
    unsigned m = report_fail_mask(r);
    int k = 0;
    for (int s = SEV_CRITICAL; s >= SEV_INFO; s--)
        if (m >> s & 1u)
            sb_printf(b, "%s%s", k++ ? ", " : "", sev_name((pa_sev)s));
    if (!k)
        sb_puts(b, "none");
}

/* Which findings a section lists: 0 blocking, 1 waived, 2 the others. */
static int section_of(const pa_report *r, const pa_finding *f)
{
    return f->waived ? 1 : gate_blocks(r, f) ? 0 : 2;
}

/* ---- text ---- */

static void text_finding(const pa_finding *f, sbuf *b)
{
    sb_printf(b, "  %-8s %-8s ", f->rule, sev_name(f->sev));
    if (f->file && f->line) {
        cref_where(b, f->file, f->line);
        sb_puts(b, "  ");
    }
    else if (f->key)
        sb_printf(b, "%s  ", f->key);
    sb_puts(b, f->message ? f->message : "");
    if (f->waived && f->waiver)
        sb_printf(b, "\n           waived: %s (approved by %s)", f->waiver->reason ? f->waiver->reason : "",
                  f->waiver->approved_by ? f->waiver->approved_by : "?");
    sb_putc(b, '\n');
}

static void text_section(const pa_report *r, const pa_text_opts *o, int which, const char *title, size_t n,
                         size_t listed, sbuf *b)
{
    if (!n)
        return;
    sb_printf(b, "\n%s (%zu):\n", title, n);
    size_t shown = 0;
    for (size_t i = 0; i < r->all.n; i++) {
        const pa_finding *f = &r->all.v[i];
        if (section_of(r, f) != which)
            continue;
        if (!o->verbose && shown == GATE_TEXT_MAX) {
            sb_printf(b, "  ... and %zu more (-v lists them all; -f json has them)\n", listed - shown);
            break;
        }
        text_finding(f, b);
        shown++;
    }
    if (n > listed)
        sb_printf(b, "  ... and %zu more not listed (past --max-findings; raise it to list them)\n", n - listed);
}

/* Rules of the gate that could not judge: skipped ones (a table is
 * missing) on one line, errored ones each with its message. */
static void text_unchecked(const pa_report *r, sbuf *b)
{
    if (r->skipped) {
        sb_printf(b, "not checked (a table they need is missing): ");
        int k = 0;
        for (int i = 0; i < r->nrules; i++)
            if (r->results[r->order[i]].status == ST_SKIPPED)
                sb_printf(b, "%s%s", k++ ? ", " : "", r->reg->v[r->order[i]].id);
        sb_putc(b, '\n');
    }
    for (int i = 0; i < r->nrules; i++) {
        const pa_result *res = &r->results[r->order[i]];
        if (res->status == ST_ERRORED)
            sb_printf(b, "ERRORED %s: %s\n", r->reg->v[r->order[i]].id, res->message ? res->message : "");
    }
}

void report_gate_text(const pa_report *r, const pa_text_opts *o, sbuf *b)
{
    char T[11];
    date_format(r->T, T);
    gate_counts c = count(r);
    const char *v = verdict(r);
    const char *on = !o->color ? "" : strcmp(v, "PASS") == 0 ? "\033[1;32m" : strcmp(v, "NOT GATED") == 0 ? "\033[1m"
                                                                                                     : "\033[1;31m";
    sb_printf(b, "gate %s for %s: %s%s%s (", r->gate->name, r->gate->project, on, v, o->color ? "\033[0m" : "");
    report_gate_desc(r, b);
    sb_puts(b, ")\n");
    sb_printf(b, "%s as of %s; %d rules guard %s; blocking severities: ", r->st->dir, T, r->nrules, r->gate->name);
    block_names(r, b);
    sb_puts(b, "\n");
    text_section(r, o, 0, "blocking", c.blocking, c.listed[0], b);
    text_section(r, o, 1, "waived", c.waived, c.listed[1], b);
    text_section(r, o, 2, "not blocking", c.other, c.listed[2], b);
    if (r->skipped || r->errored)
        sb_putc(b, '\n');
    text_unchecked(r, b);
    sb_printf(b, "\n%zu blocking, %zu waived, %zu not blocking; exit %d\n", c.blocking, c.waived, c.other,
              r->exit_code);
}

static void md_section(const pa_report *r, int which, const char *title, size_t n, size_t listed, sbuf *b)
{
    if (!n)
        return;
    bool fold = which == 2; /* findings that do not block: folded away */
    if (fold)
        sb_printf(b, "<details><summary>%s (%zu)</summary>\n\n", title, n);
    else
        sb_printf(b, "### %s (%zu)\n\n", title, n);
    sb_printf(b, "| rule | severity | where | message |%s\n|---|---|---|---|%s\n", which == 1 ? " waiver |" : "",
              which == 1 ? "---|" : "");
    size_t shown = 0;
    for (size_t i = 0; i < r->all.n; i++) {
        const pa_finding *f = &r->all.v[i];
        if (section_of(r, f) != which)
            continue;
        if (shown == GATE_MD_MAX || b->len > GATE_MD_BYTES) {
            sb_printf(b, "\n… and %zu more (see the JSON report)\n", listed - shown);
            break;
        }
        sb_printf(b, "| %s | %s | `", f->rule, sev_name(f->sev));
        if (f->file && f->line) {
            md_code(b, f->file, true);
            sb_printf(b, ":%u", f->line);
        } else {
            md_code(b, f->key, true);
        }
        sb_puts(b, "` | ");
        md_cell(b, f->message);
        if (which == 1 && f->waiver) {
            sb_puts(b, " | ");
            md_cell(b, f->waiver->reason);
            sb_puts(b, " (");
            md_cell(b, f->waiver->approved_by);
            sb_puts(b, ")");
        }
        sb_puts(b, " |\n");
        shown++;
    }
    if (n > listed)
        sb_printf(b, "\n… and %zu more not listed (past `--max-findings`; raise it to list them)\n", n - listed);
    sb_puts(b, fold ? "\n</details>\n\n" : "\n");
}

void report_gate_md(const pa_report *r, const pa_text_opts *o, sbuf *b)
{
    (void)o;
    char T[11];
    date_format(r->T, T);
    gate_counts c = count(r);
    const char *v = verdict(r);
    sb_printf(b, "## %s Gate %s for ", strcmp(v, "PASS") == 0 ? "✅" : strcmp(v, "NOT GATED") == 0 ? "⚪" : "❌",
              r->gate->name);
    md_cell(b, r->gate->project);
    sb_printf(b, ": %s (", v);
    report_gate_desc(r, b);
    sb_puts(b, ")\n\nData `");
    md_code(b, r->st->dir, false);
    sb_printf(b, "` as of **%s** · %d rules guard %s · blocking severities: ", T, r->nrules, r->gate->name);
    block_names(r, b);
    sb_printf(b, " · %zu blocking, %zu waived, %zu not blocking\n\n", c.blocking, c.waived, c.other);
    md_section(r, 0, "Blocking findings", c.blocking, c.listed[0], b);
    md_section(r, 1, "Waived", c.waived, c.listed[1], b);
    md_section(r, 2, "Findings that do not block", c.other, c.listed[2], b);
    if (r->skipped) {
        sb_puts(b, "Not checked (a table they need is missing): ");
        int n = 0;
        for (int k = 0; k < r->nrules; k++)
            if (r->results[r->order[k]].status == ST_SKIPPED)
                sb_printf(b, "%s%s", n++ ? ", " : "", r->reg->v[r->order[k]].id);
        sb_puts(b, "\n\n");
    }
    for (int k = 0; k < r->nrules; k++) {
        const pa_result *res = &r->results[r->order[k]];
        if (res->status != ST_ERRORED)
            continue;
        sb_printf(b, "- **%s** errored: ", r->reg->v[r->order[k]].id);
        md_cell(b, res->message);
        sb_putc(b, '\n');
    }
}

/* ---- JSON ---- */

void report_gate_json(const pa_report *r, sbuf *b)
{
    gate_counts c = count(r);
    sb_puts(b, "  \"gate\": {\"name\": ");
    json_str(b, r->gate->name);
    sb_puts(b, ", \"project\": ");
    json_str(b, r->gate->project);
    sb_printf(b, ", \"verdict\": \"%s\", \"block\": [", verdict(r));
    unsigned m = report_fail_mask(r);
    int k = 0;
    for (int s = SEV_CRITICAL; s >= SEV_INFO; s--)
        if (m >> s & 1u)
            sb_printf(b, "%s\"%s\"", k++ ? ", " : "", sev_name((pa_sev)s));
    sb_puts(b, "], \"rules\": [");
    for (int i = 0; i < r->nrules; i++) {
        sb_puts(b, i ? ", " : "");
        json_str(b, r->reg->v[r->order[i]].id);
    }
    sb_printf(b, "], \"blocking\": %zu, \"waived\": %zu, \"not_blocking\": %zu},\n", c.blocking, c.waived, c.other);
}
