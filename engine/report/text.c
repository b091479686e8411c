/*
 * report/text.c - the report for a terminal: what failed, grouped by rule
 * with each finding's file:line, then skipped and errored rules, then the
 * counts and the verdict. Colour only when asked (the CLI asks on a TTY).
 * Long lists are cut at TEXT_PER_RULE findings per rule unless verbose: the
 * JSON report always has them all. On a terminal, long lines are folded to
 * its width (report/text_wrap.c).
 */
#include "core/outfile.h"
#include "report/emit.h"
#include "report/formats.h"
#include "core/cellref.h"
#include "load/row_ledger.h"
#include "report/text_wrap.h"
#include "collect/gate.h"
#include "report/gate.h"
#include "collect/report_model.h"
#include "collect/scope.h"
#include "collect/split.h"

#include <string.h>

#define TEXT_PER_RULE 20

typedef struct {
    const char *bold, *red, *yellow, *cyan, *dim, *reset;
} palette;

static const char *sev_color(const palette *p, pa_sev s)
{
    return s >= SEV_ERROR ? p->red : s == SEV_WARNING ? p->yellow : p->cyan;
}

/* The row ledger in short (every file's line only when it left rows out),
 * and the rules an import profile says do not fit its data. */
static void source_lines(const pa_store *st, sbuf *b, const palette *p)
{
    size_t read = 0, loaded = 0;
    for (int i = 0; i < st->ledger.n; i++) {
        read += st->ledger.v[i].read;
        loaded += st->ledger.v[i].loaded;
    }
    int nfiles = ledger_nfiles(&st->ledger);
    sb_printf(b, "%srows: %zu read from %d file%s, %zu loaded, %zu left out%s\n", p->dim, read, nfiles,
              nfiles == 1 ? "" : "s", loaded, read - loaded, p->reset);
    for (int i = 0; i < st->ledger.n; i++)
        if (st->ledger.v[i].nleft)
            rled_describe(&st->ledger.v[i], "  ", b);
    if (st->nskip) {
        sb_printf(b, "%sprofile %s: ", p->dim, st->profile);
        for (int k = 0; k < st->nskip; k++)
            sb_printf(b, "%s%s", k ? ", " : "", st->skip[k]);
        sb_printf(b, " %s: %s%s%s\n", st->skip_off ? "run anyway" : "not run", st->skip_why,
                  st->skip_off ? "" : " (--all-rules runs them)", p->reset);
    }
}

static void header(const pa_report *r, sbuf *b, const palette *p)
{
    char T[16];
    date_format(r->T, T);
    size_t rows = 0;
    for (int i = 0; i < r->st->ntables; i++)
        rows += r->st->tables[i]->nrows;
    sb_printf(b, "%spmoaudit %s%s: %s as of %s\n", p->bold, r->version, p->reset, r->st->dir, T);
    sb_printf(b, "%sdata: %d tables, %zu rows (", p->dim, r->st->ntables, rows);
    for (int i = 0; i < r->st->ntables; i++)
        sb_printf(b, "%s%s %zu", i ? ", " : "", r->st->tables[i]->name, r->st->tables[i]->nrows);
    sb_printf(b, ")%s\n", p->reset);
    source_lines(r->st, b, p);
    for (int i = 0; i < r->st->nnotes; i++)
        sb_printf(b, "%snote: %s%s\n", p->yellow, r->st->notes[i], p->reset);
    if (r->scope && r->scope->spec) {
        sb_printf(b, "%sscope: --project %s (%d project%s: ", p->dim, r->scope->spec, r->scope->nids,
                  r->scope->nids == 1 ? "" : "s");
        for (int i = 0; i < r->scope->nids && i < 10; i++)
            sb_printf(b, "%s%s", i ? ", " : "", r->scope->ids[i]);
        sb_printf(b, "%s); findings about other projects are left out%s\n", r->scope->nids > 10 ? ", ..." : "",
                  p->reset);
    }
    if (r->part) /* --split-by */
        sb_printf(b, "%spart: %s%s%s (%zu project%s); counts are this part's, the run's exit code the whole "
                     "portfolio's%s\n",
                  p->dim, r->part->name ? r->part->by : "no ", r->part->name ? " " : r->part->by,
                  r->part->name ? r->part->name : "", r->part->nprojects, r->part->nprojects == 1 ? "" : "s",
                  p->reset);
}

/* One finding; with -v, once per finding, so without printf (report/emit.h). */
static void finding_line(const pa_finding *f, const pa_rule *rule, sbuf *b, const palette *p)
{
    EM_LIT(b, "  ");
    if (f->file) {
        em_str(b, p->dim);
        if (cref_has_sheet(f->file)) { /* book.xlsx:Sheet!C12 */
            cref_where(b, f->file, f->line);
        } else {
            em_str(b, f->file);
            em_putc(b, ':');
            em_uint(b, f->line);
        }
        em_str(b, p->reset);
        EM_LIT(b, "  ");
    }
    if (f->key) {
        em_str(b, f->key);
        EM_LIT(b, "  ");
    }
    if (f->sev != rule->sev) {
        em_str(b, sev_color(p, f->sev));
        em_str(b, sev_name(f->sev));
        em_str(b, p->reset);
        EM_LIT(b, "  ");
    }
    if (f->baseline == BL_NEW) {
        em_str(b, p->bold);
        if (f->reopened)
            EM_LIT(b, "reopened");
        else
            EM_LIT(b, "new");
        em_str(b, p->reset);
        EM_LIT(b, "  ");
    }
    if (f->waived) {
        em_str(b, p->dim);
        EM_LIT(b, "waived (");
        em_str(b, f->waiver->reason);
        EM_LIT(b, ", approved by ");
        em_str(b, f->waiver->approved_by);
        em_putc(b, ')');
        em_str(b, p->reset);
        EM_LIT(b, "  ");
    }
    if (f->message)
        em_str(b, f->message);
    em_putc(b, '\n');
}

static void stream_text(sbuf *b, size_t *from, const pa_text_opts *o);
static void neutralise(sbuf *b, size_t from, bool color);

void report_text_example(const pa_rule *rule, const pa_findings *fs, size_t max, sbuf *b)
{
    static const palette plain = {"", "", "", "", "", ""};
    size_t from = b->len;
    sb_printf(b, "%s  %s  %s  (%zu finding%s)\n", rule->id, sev_name(rule->sev), rule->title, fs->n,
              fs->n == 1 ? "" : "s");
    for (size_t k = 0; k < fs->n && k < max; k++)
        finding_line(&fs->v[k], rule, b, &plain);
    if (fs->n > max)
        sb_printf(b, "  ... and %zu more\n", fs->n - max);
    neutralise(b, from, false);
}

/* *from: where the text not yet made safe and folded starts (stream_text). */
static void findings(const pa_report *r, const pa_text_opts *o, sbuf *b, const palette *p, size_t *from)
{
    size_t i = 0;
    while (i < r->all.n) {
        const char *id = r->all.v[i].rule;
        size_t j = i;
        while (j < r->all.n && strcmp(r->all.v[j].rule, id) == 0)
            j++;
        const pa_rule *rule = reg_find(r->reg, id);
        const pa_result *res = &r->results[reg_index(r->reg, id)];
        sb_printf(b, "\n%s%s%s  %s%s%s  %s  (%zu finding%s)\n", p->bold, id, p->reset, sev_color(p, rule->sev),
                  sev_name(rule->sev), p->reset, rule->title, res->count, res->count == 1 ? "" : "s");
        size_t shown = 0;
        for (size_t k = i; k < j; k++) {
            if (!o->verbose && shown == TEXT_PER_RULE)
                break;
            finding_line(&r->all.v[k], rule, b, p);
            stream_text(b, from, o);
            shown++;
        }
        if (res->dropped && res->count - shown == res->dropped) /* past --max-findings: no report lists them */
            sb_printf(b, "  %s... and %zu more not listed in any report (past --max-findings %zu: raise it to list "
                         "them)%s\n",
                      p->dim, res->dropped, res->count - res->dropped, p->reset);
        else if (res->dropped)
            sb_printf(b, "  %s... and %zu more; %zu of them not listed in any report (past --max-findings %zu: "
                         "raise it to list them)%s\n",
                      p->dim, res->count - shown, res->dropped, res->count - res->dropped, p->reset);
        else if (res->count > shown)
            sb_printf(b, "  %s... and %zu more (all of them are in -f json; -v lists them here)%s\n", p->dim,
                      res->count - shown, p->reset);
        i = j;
    }
}

static void rule_problems(const pa_report *r, sbuf *b, const palette *p)
{
    bool first = true;
    for (int k = 0; k < r->nrules; k++) {
        const pa_result *res = &r->results[r->order[k]];
        if (res->status != ST_SKIPPED && res->status != ST_ERRORED)
            continue;
        if (first)
            sb_puts(b, "\n");
        first = false;
        const pa_rule *rule = &r->reg->v[r->order[k]];
        bool err = res->status == ST_ERRORED;
        sb_printf(b, "%s%-8s%s %s%s%s  %s: ", err ? p->red : p->dim, status_name(res->status), p->reset, p->bold,
                  rule->id, p->reset, rule->title);
        for (const char *m = res->message ? res->message : ""; *m; m++) /* a traceback's lines, indented */
            *m == '\n' ? sb_puts(b, "\n         ") : sb_putc(b, *m);
        sb_putc(b, '\n');
        if (err)
            sb_printf(b, "         %sdeclared at %s:%d%s\n", p->dim, rule->file, rule->line, p->reset);
    }
}

/* The escape sequences the text report writes itself, when in colour:
 * the palette's and the gate verdict's. */
static const char *const own_codes[] = {"\033[1m", "\033[31m", "\033[33m", "\033[36m", "\033[2m",
                                        "\033[0m", "\033[1;32m", "\033[1;31m", NULL};

static size_t own_code_at(const char *s, size_t n, bool color)
{
    for (int i = 0; color && own_codes[i]; i++) {
        size_t k = strlen(own_codes[i]);
        if (k <= n && memcmp(s, own_codes[i], k) == 0)
            return k;
    }
    return 0;
}

/* A C0 control other than tab and line feed, DEL, or the UTF-8 form of a
 * C1 control (U+0080..U+009F, 0xC2 0x80..0x9F): returns its length. */
static size_t control_at(const unsigned char *u, size_t n)
{
    if ((u[0] < 0x20 && u[0] != '\t' && u[0] != '\n') || u[0] == 0x7f)
        return 1;
    return n >= 2 && u[0] == 0xC2 && u[1] >= 0x80 && u[1] <= 0x9F ? 2 : 0;
}

/*
 * Data reaches a terminal through this report: an ESC sequence in a CSV
 * cell could clear the auditor's screen, set the window title or hide a
 * line, and a CR could overwrite one. Every control character of the text
 * written from `from` on is shown as a visible escape (\x1b, \r, \u009b)
 * except the report's own colour codes. Most reports hold none, and then
 * nothing is copied.
 */
static void neutralise(sbuf *b, size_t from, bool color)
{
    const unsigned char *u = (const unsigned char *)b->data;
    size_t i = from;
    while (i < b->len && !control_at(u + i, b->len - i))
        i++;
    if (i == b->len)
        return;
    sbuf t;
    sb_init(&t);
    sb_add(&t, b->data + i, b->len - i);
    b->len = i;
    b->data[i] = '\0';
    u = (const unsigned char *)t.data;
    for (size_t j = 0; j < t.len;) {
        size_t k = own_code_at(t.data + j, t.len - j, color), c;
        if (k) {
            sb_add(b, t.data + j, k);
            j += k;
        } else if ((c = control_at(u + j, t.len - j)) == 2) {
            sb_printf(b, "\\u%04x", u[j + 1]);
            j += 2;
        } else if (c == 1) {
            if (u[j] == '\r')
                sb_puts(b, "\\r");
            else
                sb_printf(b, "\\x%02x", u[j]);
            j++;
        } else {
            sb_add(b, t.data + j, 1);
            j++;
        }
    }
    sb_free(&t);
}

/*
 * The verdict, with the gate that was applied and the count it went by:
 * "result: FAIL (fail on error: 3 findings at or above it; exit 1)". With
 * --fail-on never nothing can fail, and the run is NOT GATED, not passed.
 */
static void result_line(const pa_report *r, sbuf *b, const palette *p)
{
    sbuf g;
    sb_init(&g);
    report_gate_desc(r, &g);
    const char *v = report_verdict(r);
    if (r->exit_code == 3)
        sb_printf(b, "%sresult: ERROR%s (exit 3: %d rule%s could not finish; see above)\n", p->red, p->reset,
                  r->errored, r->errored == 1 ? "" : "s");
    else if (r->exit_code == 1)
        sb_printf(b, "%sresult: FAIL%s (%s: %zu finding%s at or above it; exit 1)\n", p->red, p->reset, g.data,
                  r->failing, r->failing == 1 ? "" : "s");
    else if (strcmp(v, "NOT GATED") == 0)
        sb_printf(b, "%sresult: NOT GATED%s (%s: %zu finding%s, none fails the run; exit 0)\n", p->bold, p->reset,
                  g.data, r->total - r->waived, r->total - r->waived == 1 ? "" : "s");
    else
        sb_printf(b, "result: PASS (%s: no finding at or above it; exit 0)\n", g.data);
    sb_free(&g);
}

static void write_text(const pa_report *r, const pa_text_opts *o, sbuf *b, size_t *from);

void report_text(const pa_report *r, const pa_text_opts *o, sbuf *b)
{
    size_t from = b->len;
    write_text(r, o, b, &from);
    neutralise(b, from, o->color);
    txw_wrap(b, from, o->width);
}

/*
 * Streaming the text (core/outfile.h): called after a whole line, it makes
 * the text written since *from safe and folds it, as report_text does at the
 * end, then lets out_flush send it on. Both work line by line, so doing it a
 * piece at a time gives the same bytes.
 */
static void stream_text(sbuf *b, size_t *from, const pa_text_opts *o)
{
    if (!b->to || b->len < OUT_CHUNK)
        return;
    neutralise(b, *from, o->color);
    txw_wrap(b, *from, o->width);
    out_flush(b);
    *from = b->len;
}

static void write_text(const pa_report *r, const pa_text_opts *o, sbuf *b, size_t *from)
{
    if (r->gate) { /* pmoaudit gate: the verdict instead of the report */
        report_gate_text(r, o, b);
        return;
    }
    palette p = {"", "", "", "", "", ""};
    if (o->color)
        p = (palette){"\033[1m", "\033[31m", "\033[33m", "\033[36m", "\033[2m", "\033[0m"};
    header(r, b, &p);
    findings(r, o, b, &p, from);
    rule_problems(r, b, &p);
    sb_printf(b, "\n%d rules: %d failed, %d passed, %d skipped, %d errored\n", r->nrules, r->failed, r->passed,
              r->skipped, r->errored);
    sb_printf(b, "findings: %zu critical, %zu error, %zu warning, %zu info", r->by_sev[SEV_CRITICAL],
              r->by_sev[SEV_ERROR], r->by_sev[SEV_WARNING], r->by_sev[SEV_INFO]);
    if (r->waived)
        sb_printf(b, " (%zu waived)", r->waived);
    sb_puts(b, "\n");
    if (r->baseline_path && r->history)
        sb_printf(b, "since %s (%s): %zu new (%zu reopened), %zu existing, %zu resolved\n", r->baseline_as_of,
                  r->baseline_path, r->nnew, r->nreopened, r->nexisting, r->nresolved);
    else if (r->baseline_path)
        sb_printf(b, "since %s (%s): %zu new, %zu existing, %zu resolved\n", r->baseline_as_of, r->baseline_path,
                  r->nnew, r->nexisting, r->nresolved);
    for (int i = 0; i < r->nwaivers; i++) {
        const pa_waiver *w = &r->waivers[i];
        char day[11];
        date_format(w->expires, day);
        if (w->expired)
            sb_printf(b, "%swaiver %s:%u expired on %s and no longer applies (%zu finding%s)%s\n", p.yellow, w->file,
                      w->line, day, w->matched, w->matched == 1 ? "" : "s", p.reset);
        else if (!w->matched)
            sb_printf(b, "%swaiver %s:%u matches no finding (unused)%s\n", p.yellow, w->file, w->line, p.reset);
    }
    if (r->unlisted)
        sb_printf(b, "%snote: %zu finding%s past --max-findings %s counted above but not listed%s%s\n", p.yellow,
                  r->unlisted, r->unlisted == 1 ? "" : "s", r->unlisted == 1 ? "is" : "are",
                  r->waivers_path || r->baseline_path ? "; no waiver or baseline can match them, so they count as "
                                                        "unwaived and new"
                                                      : "",
                  p.reset);
    result_line(r, b, &p);
}
