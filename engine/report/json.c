/*
 * report/json.c - the JSON report of interfaces.md: tool, as_of, data,
 * summary, rules, findings. Keys are written in a fixed order and findings
 * in report order, so two runs on the same input are byte-identical.
 * The first key, schema_version, is PA_REPORT_SCHEMA: raised when a field
 * is removed or changes meaning (docs/compatibility.md); the report's
 * JSON Schema is docs/report.schema.json.
 */
#include "core/outfile.h"
#include "report/emit.h"
#include "collect/gate.h"
#include "report/gate.h"
#include "report/json_escape.h"
#include "collect/report_model.h"
#include "collect/scope.h"
#include "collect/baseline.h"

/* PA_REPORT_SCHEMA (collect/baseline.h) as a literal. */
#define PA_STR_(x) #x
#define PA_STR(x) PA_STR_(x)
#include "collect/split.h"
#include "core/cellref.h"

/* "key": "value" (or null) and a comma. The key must be a literal: its
 * quoted form is built at compile time instead of printf'd per finding. */
#define kv_str(b, k, v, comma) kv_put((b), "\"" k "\": ", sizeof("\"" k "\": ") - 1, (v), (comma))

static void kv_put(sbuf *b, const char *qk, size_t qn, const char *v, bool comma)
{
    em_add(b, qk, qn);
    json_str(b, v);
    if (comma)
        EM_LIT(b, ", ");
}

/* "line": n (or null for 0) and a comma. */
static void kv_line(sbuf *b, uint32_t line)
{
    if (line) {
        EM_LIT(b, "\"line\": ");
        em_uint(b, line);
        EM_LIT(b, ", ");
    } else {
        EM_LIT(b, "\"line\": null, ");
    }
}

/* "file" and "line"; in a workbook's sheet (core/cellref.h) the file's own
 * path, then "sheet" and "cell" ("C12", or "12:12" for the whole row). */
static void kv_where(sbuf *b, const char *file, uint32_t line)
{
    cref_loc c;
    if (file)
        cref_split(file, line, &c);
    if (!file || !c.sheet) {
        kv_str(b, "file", file, true);
        kv_line(b, line);
        return;
    }
    EM_LIT(b, "\"file\": ");
    json_strn(b, file, c.path_len);
    EM_LIT(b, ", ");
    kv_line(b, line);
    EM_LIT(b, "\"sheet\": ");
    json_strn(b, c.sheet, c.sheet_len);
    EM_LIT(b, ", ");
    kv_str(b, "cell", c.cell[0] ? c.cell : NULL, true);
}

/* data.files: the row ledger of every input file (store/ledger.h). */
static void write_files(const pa_ledger *l, sbuf *b)
{
    sb_puts(b, "\"files\": [");
    for (int i = 0; i < l->n; i++) {
        const pa_ledger_file *e = &l->v[i];
        sb_puts(b, i ? ",\n    {" : "\n    {");
        kv_str(b, "file", e->file, true);
        if (e->part)
            kv_str(b, "part", e->part, true);
        sb_printf(b, "\"read\": %zu, \"loaded\": %zu, \"tables\": {", e->read, e->loaded);
        for (int k = 0; k < e->ntables; k++) {
            sb_puts(b, k ? ", " : "");
            json_str(b, e->tables[k].table);
            sb_printf(b, ": %zu", e->tables[k].rows);
        }
        sb_puts(b, "}, \"left_out\": [");
        for (int k = 0; k < e->nleft; k++) {
            const pa_leftout *x = &e->left[k];
            sb_puts(b, k ? ", {" : "{");
            kv_str(b, "reason", x->reason, true);
            sb_printf(b, "\"rows\": %zu, \"lines\": [", x->rows);
            for (int j = 0; j < x->nlines; j++)
                sb_printf(b, "%s%u", j ? ", " : "", x->lines[j]);
            sb_printf(b, "], \"rule\": %s}", x->chosen ? "null" : "\"DAT-008\"");
        }
        sb_puts(b, "]}");
    }
    sb_puts(b, l->n ? "\n  ]" : "]");
}

static void write_data(const pa_report *r, sbuf *b)
{
    sb_puts(b, "  \"data\": {\"dir\": ");
    json_str(b, r->st->dir);
    sb_puts(b, ", \"tables\": {");
    for (int i = 0; i < r->st->ntables; i++) {
        const pa_table *t = r->st->tables[i];
        sb_puts(b, i ? ",\n    " : "\n    ");
        json_str(b, t->name);
        sb_puts(b, ": {");
        kv_str(b, "file", t->file, true);
        sb_printf(b, "\"rows\": %zu}", t->nrows);
    }
    sb_puts(b, r->st->ntables ? "\n  }, " : "}, ");
    write_files(&r->st->ledger, b);
    sb_puts(b, ", \"notes\": [");
    for (int i = 0; i < r->st->nnotes; i++) {
        sb_puts(b, i ? ", " : "");
        json_str(b, r->st->notes[i]);
    }
    sb_puts(b, "]},\n");
}

/* --project: the ids as given, and the projects.csv ids they selected. */
static void write_scope(const pa_report *r, sbuf *b)
{
    if (!r->scope || !r->scope->spec)
        return;
    sb_puts(b, "  \"scope\": {");
    kv_str(b, "project", r->scope->spec, true);
    sb_puts(b, "\"projects\": [");
    for (int i = 0; i < r->scope->nids; i++) {
        sb_puts(b, i ? ", " : "");
        json_str(b, r->scope->ids[i]);
    }
    sb_puts(b, "]},\n");
}

/* --split-by: the part of the run this report covers. */
static void write_part(const pa_report *r, sbuf *b)
{
    const pa_split_part *p = r->part;
    if (!p)
        return;
    sb_puts(b, "  \"split\": {");
    kv_str(b, "by", p->by, true);
    kv_str(b, "name", p->name, true);
    sb_printf(b, "\"file\": \"report-%s\", \"projects\": [", p->stem);
    for (size_t i = 0; i < p->nprojects; i++) {
        sb_puts(b, i ? ", " : "");
        json_str(b, p->projects[i]);
    }
    sb_puts(b, "]},\n");
}

/* The counts cover every finding in scope; "not_listed" (only when a
 * rule's list was cut) says how many of them the findings list lacks. */
static void write_summary(const pa_report *r, sbuf *b)
{
    sb_printf(b,
              "  \"summary\": {\"rules\": %d, \"passed\": %d, \"failed\": %d, \"skipped\": %d, \"errored\": %d,\n"
              "    \"findings\": {\"critical\": %zu, \"error\": %zu, \"warning\": %zu, \"info\": %zu}, "
              "\"waived\": %zu",
              r->nrules, r->passed, r->failed, r->skipped, r->errored, r->by_sev[SEV_CRITICAL],
              r->by_sev[SEV_ERROR], r->by_sev[SEV_WARNING], r->by_sev[SEV_INFO], r->waived);
    if (r->unlisted)
        sb_printf(b, ", \"not_listed\": %zu", r->unlisted);
    sb_puts(b, "},\n");
}

static void write_rules(const pa_report *r, sbuf *b)
{
    sb_puts(b, "  \"rules\": [");
    for (int k = 0; k < r->nrules; k++) {
        const pa_rule *rule = &r->reg->v[r->order[k]];
        const pa_result *res = &r->results[r->order[k]];
        sb_puts(b, k ? ",\n    {" : "\n    {");
        kv_str(b, "id", rule->id, true);
        kv_str(b, "title", rule->title, true);
        kv_str(b, "severity", sev_name(rule->sev), true);
        kv_str(b, "domain", rule->domain, true);
        kv_str(b, "status", status_name(res->status), true);
        sb_printf(b, "\"findings\": %zu, ", res->count);
        if (res->dropped) /* past --max-findings: counted, not in "findings" below */
            sb_printf(b, "\"not_listed\": %zu, ", res->dropped);
        kv_str(b, "message", res->message, false);
        sb_putc(b, '}');
    }
    sb_puts(b, r->nrules ? "\n  ],\n" : "],\n");
}

/* Written for every waived finding too. */
static void write_waiver_ref(const pa_waiver *w, sbuf *b)
{
    char day[11];
    date_format(w->expires, day);
    kv_str(b, "reason", w->reason, true);
    kv_str(b, "approved_by", w->approved_by, true);
    kv_str(b, "expires", w->has_expiry ? day : NULL, true);
    EM_LIT(b, "\"line\": ");
    em_uint(b, w->line);
}

/* The baseline section: its file and date, counts, and what was resolved. */
static void write_baseline(const pa_report *r, sbuf *b)
{
    if (!r->baseline_path)
        return;
    sb_puts(b, "  \"baseline\": {");
    kv_str(b, "file", r->baseline_path, true);
    kv_str(b, "as_of", r->baseline_as_of, true);
    sb_printf(b, "\"new\": %zu, \"existing\": %zu, ", r->nnew, r->nexisting);
    if (r->history) /* of the new ones, those an earlier run of the history had */
        sb_printf(b, "\"reopened\": %zu, ", r->nreopened);
    sb_puts(b, "\"resolved\": [");
    for (size_t i = 0; i < r->nresolved; i++) {
        const pa_resolved *x = &r->resolved[i];
        sb_puts(b, i ? ",\n    {" : "\n    {");
        kv_str(b, "rule", x->rule, true);
        kv_str(b, "severity", x->severity, true);
        kv_str(b, "table", x->table, true);
        kv_str(b, "key", x->key, true);
        kv_str(b, "project_id", x->project_id, true);
        kv_str(b, "file", x->file, true);
        kv_line(b, x->line);
        kv_str(b, "column", x->column, true);
        kv_str(b, "message", x->message, true);
        kv_str(b, "fingerprint", x->fingerprint, true);
        kv_str(b, "first_seen", x->first_seen, false);
        sb_putc(b, '}');
        out_flush(b);
    }
    sb_puts(b, r->nresolved ? "\n  ]},\n" : "]},\n");
}

/* The waivers section: every waiver with its state. */
static void write_waivers(const pa_report *r, sbuf *b)
{
    if (!r->waivers_path)
        return;
    sb_puts(b, "  \"waivers\": {");
    kv_str(b, "file", r->waivers_path, true);
    sb_puts(b, "\"entries\": [");
    for (int i = 0; i < r->nwaivers; i++) {
        const pa_waiver *w = &r->waivers[i];
        const char *state = w->expired ? "expired" : w->matched ? "applied" : "unused";
        sb_puts(b, i ? ",\n    {" : "\n    {");
        kv_str(b, "rule", w->rule, true);
        kv_str(b, "key", w->key, true);
        kv_str(b, "fingerprint", w->fingerprint, true);
        write_waiver_ref(w, b);
        sb_printf(b, ", \"state\": \"%s\", \"matched\": %zu}", state, w->matched);
    }
    sb_puts(b, r->nwaivers ? "\n  ]},\n" : "]},\n");
}

/*
 * One finding. This runs once per finding (a hundred thousand and more on
 * big portfolios), so it appends literals and hand-formatted numbers only
 * (report/emit.h); the bytes are those of the former sb_printf calls.
 */
static void write_finding(const pa_report *r, const pa_finding *f, sbuf *b)
{
    EM_LIT(b, "{");
    kv_str(b, "rule", f->rule, true);
    kv_str(b, "severity", sev_name(f->sev), true);
    kv_str(b, "table", f->table, true);
    kv_str(b, "key", f->key, true);
    kv_str(b, "project_id", f->project_id, true);
    kv_where(b, f->file, f->line);
    kv_str(b, "column", f->column, true);
    kv_str(b, "value", f->value, true);
    kv_str(b, "message", f->message, true);
    kv_str(b, "fingerprint", f->fingerprint, true);
    kv_str(b, "owner", f->owner, true);
    if (f->nprojects) {
        EM_LIT(b, "\"projects\": [");
        for (int i = 0; i < f->nprojects; i++) {
            if (i)
                EM_LIT(b, ", ");
            json_str(b, f->projects[i]);
        }
        EM_LIT(b, "], ");
    }
    kv_str(b, "first_seen", f->first_seen, true);
    if (f->baseline != BL_NONE)
        kv_str(b, "baseline", f->baseline == BL_NEW ? "new" : "existing", true);
    if (f->reopened)
        EM_LIT(b, "\"reopened\": true, ");
    if (f->waived)
        EM_LIT(b, "\"waived\": true");
    else
        EM_LIT(b, "\"waived\": false");
    if (r->gate) {
        if (gate_blocks(r, f))
            EM_LIT(b, ", \"blocking\": true");
        else
            EM_LIT(b, ", \"blocking\": false");
    }
    if (f->waiver) {
        EM_LIT(b, ", \"waiver\": {");
        write_waiver_ref(f->waiver, b);
        em_putc(b, '}');
    }
    em_putc(b, '}');
}

void report_json(const pa_report *r, sbuf *b)
{
    char T[16];
    date_format(r->T, T);
    sb_puts(b, "{\n  \"schema_version\": " PA_STR(PA_REPORT_SCHEMA) ",\n  \"tool\": {\"name\": \"pmoaudit\", \"version\": ");
    json_str(b, r->version);
    sb_puts(b, "},\n  \"as_of\": ");
    json_str(b, T);
    sb_puts(b, ",\n");
    write_data(r, b);
    write_scope(r, b);
    write_part(r, b);
    if (r->gate)
        report_gate_json(r, b);
    write_summary(r, b);
    write_rules(r, b);
    write_baseline(r, b);
    write_waivers(r, b);
    sb_puts(b, "  \"findings\": [");
    for (size_t i = 0; i < r->all.n; i++) {
        if (i)
            EM_LIT(b, ",\n    ");
        else
            EM_LIT(b, "\n    ");
        write_finding(r, &r->all.v[i], b);
        out_flush(b); /* streamed: the report is never whole in memory */
    }
    sb_puts(b, r->all.n ? "\n  ]\n}\n" : "]\n}\n");
}
