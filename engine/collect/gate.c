/*
 * collect/gate.c - the stage-gate verdict. A gate is a name (G1, G2, ...); the
 * rules that guard it are those whose declaration lists it in gates = {...},
 * plus the config's gates.<GATE>.rules; a finding blocks when it is not
 * waived and its severity is one of the gate's blocking severities
 * (gates.<GATE>.block, default error and critical). The run itself is the
 * ordinary pipeline of cmd/cli.c with --project set to the gate's project: this
 * file only chooses the rules and writes the verdict (text, Markdown, and
 * the "gate" object of the JSON report). See docs/gates.md.
 */
#include "collect/gate.h"
#include "report/json_escape.h"
#include "collect/scope.h"
#include "core/util.h"

#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define GATE_TEXT_MAX 50 /* findings listed per section without -v */
#define GATE_MD_MAX 25
#define GATE_MD_BYTES 60000 /* comment boxes refuse more (GitHub: 65,536) */

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
static int select_extra(pa_registry *reg, const pa_config *cfg, const struct pa_cfg_gate *cg, char **err)
{
    char *copy = xstrdup(cg->rules);
    int rc = 0;
    for (char *save = NULL, *tok = strtok_r(copy, ",", &save); tok && rc == 0; tok = strtok_r(NULL, ",", &save)) {
        int hits = 0;
        for (int i = 0; i < reg->n; i++)
            if (fnmatch(tok, reg->v[i].id, 0) == 0) {
                reg->v[i].selected = true;
                hits++;
            }
        if (!hits) {
            *err = xasprintf("%s:%d: gates.%s.rules: no rule matches '%s' (see `pmoaudit list`)", cfg->path,
                             cg->line, cg->name, tok);
            rc = -1;
        }
    }
    free(copy);
    return rc;
}

int gate_select(pa_registry *reg, pa_gate *g, const pa_config *cfg, char **err)
{
    const struct pa_cfg_gate *cg = config_gate(cfg, g->name);
    int n = 0;
    for (int i = 0; i < reg->n; i++) {
        reg->v[i].selected = reg_guards(&reg->v[i], g->name);
        n += reg->v[i].selected;
    }
    g->block = cg && cg->block ? cg->block : GATE_BLOCK_DEFAULT;
    g->extra = cg ? cg->rules : NULL;
    if (cg && cg->rules && select_extra(reg, cfg, cg, err) != 0)
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

typedef struct {
    size_t blocking, waived, other;
} gate_counts;

static gate_counts count(const pa_report *r)
{
    gate_counts c = {0, 0, 0};
    for (size_t i = 0; i < r->all.n; i++) {
        const pa_finding *f = &r->all.v[i];
        if (f->waived)
            c.waived++;
        else if (gate_blocks(r, f))
            c.blocking++;
        else
            c.other++;
    }
    return c;
}

/* The verdict word; it agrees with the exit code (errored rules: 3). */
static const char *verdict(const pa_report *r)
{
    return r->errored ? "ERROR" : count(r).blocking ? "BLOCKED" : "PASS";
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
    if (f->file && f->line)
        sb_printf(b, "%s:%u  ", f->file, f->line);
    else if (f->key)
        sb_printf(b, "%s  ", f->key);
    sb_puts(b, f->message ? f->message : "");
    if (f->waived && f->waiver)
        sb_printf(b, "\n           waived: %s (approved by %s)", f->waiver->reason ? f->waiver->reason : "",
                  f->waiver->approved_by ? f->waiver->approved_by : "?");
    sb_putc(b, '\n');
}

static void text_section(const pa_report *r, const pa_text_opts *o, int which, const char *title, size_t n,
                         sbuf *b)
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
            sb_printf(b, "  ... and %zu more (-v lists them all; -f json has them)\n", n - shown);
            break;
        }
        text_finding(f, b);
        shown++;
    }
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

void gate_text(const pa_report *r, const pa_text_opts *o, sbuf *b)
{
    char T[11];
    date_format(r->T, T);
    gate_counts c = count(r);
    const char *v = verdict(r);
    const char *on = o->color ? (strcmp(v, "PASS") == 0 ? "\033[1;32m" : "\033[1;31m") : "";
    sb_printf(b, "gate %s for %s: %s%s%s\n", r->gate->name, r->gate->project, on, v, o->color ? "\033[0m" : "");
    sb_printf(b, "%s as of %s; %d rules guard %s; blocking severities: ", r->st->dir, T, r->nrules, r->gate->name);
    block_names(r, b);
    sb_puts(b, "\n");
    text_section(r, o, 0, "blocking", c.blocking, b);
    text_section(r, o, 1, "waived", c.waived, b);
    text_section(r, o, 2, "not blocking", c.other, b);
    if (r->skipped || r->errored)
        sb_putc(b, '\n');
    text_unchecked(r, b);
    sb_printf(b, "\n%zu blocking, %zu waived, %zu not blocking; exit %d\n", c.blocking, c.waived, c.other,
              r->exit_code);
}

/* ---- Markdown ---- */

static void md_cell(sbuf *b, const char *s)
{
    size_t n = 0;
    for (const char *p = s ? s : ""; *p && n < 240; p++, n++) {
        if (*p == '|')
            sb_puts(b, "\\|");
        else if (*p == '\n' || *p == '\r' || *p == '\t')
            sb_putc(b, ' ');
        else if (*p == '<')
            sb_puts(b, "&lt;");
        else if (*p == '`')
            sb_putc(b, '\'');
        else
            sb_putc(b, *p);
    }
    if (s && strlen(s) > n)
        sb_puts(b, "…");
}

static void md_section(const pa_report *r, int which, const char *title, size_t n, sbuf *b)
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
            sb_printf(b, "\n… and %zu more (see the JSON report)\n", n - shown);
            break;
        }
        sb_printf(b, "| %s | %s | `", f->rule, sev_name(f->sev));
        if (f->file && f->line) {
            md_cell(b, f->file);
            sb_printf(b, ":%u", f->line);
        } else {
            md_cell(b, f->key);
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
    sb_puts(b, fold ? "\n</details>\n\n" : "\n");
}

void gate_md(const pa_report *r, const pa_text_opts *o, sbuf *b)
{
    (void)o;
    char T[11];
    date_format(r->T, T);
    gate_counts c = count(r);
    const char *v = verdict(r);
    sb_printf(b, "## %s Gate %s for ", strcmp(v, "PASS") == 0 ? "✅" : "❌", r->gate->name);
    md_cell(b, r->gate->project);
    sb_printf(b, ": %s\n\nData `", v);
    md_cell(b, r->st->dir);
    sb_printf(b, "` as of **%s** · %d rules guard %s · blocking severities: ", T, r->nrules, r->gate->name);
    block_names(r, b);
    sb_printf(b, " · %zu blocking, %zu waived, %zu not blocking\n\n", c.blocking, c.waived, c.other);
    md_section(r, 0, "Blocking findings", c.blocking, b);
    md_section(r, 1, "Waived", c.waived, b);
    md_section(r, 2, "Findings that do not block", c.other, b);
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

void gate_json(const pa_report *r, sbuf *b)
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
