/*
 * report/csv.c - one row per finding with every field of the JSON report's
 * findings (its "projects" list joined with ';', its "waiver" object as
 * the waiver_ columns, "blocking" empty outside a gate), for spreadsheet
 * users; after them, one row per rule whose list --max-findings cut, that
 * says how many of its findings are counted but not listed (a row with no
 * fingerprint and no severity: no finding has either empty). RFC 4180 quoting; CRLF line ends, which
 * spreadsheets expect; UTF-8 with the same U+FFFD replacement as JSON, so
 * the file reads back to the JSON findings, but for one change: a cell a
 * spreadsheet would take for a formula gets a leading apostrophe (see
 * formula_like), so that data cannot run formulas in the auditor's
 * spreadsheet.
 */
#include "core/outfile.h"
#include "report/csv.h"
#include "report/emit.h"
#include "report/json_escape.h"
#include "collect/gate.h"
#include "collect/report_model.h"

#include <string.h>

static const char *const columns[] = {
    "rule",    "severity", "table",  "key",        "project_id", "owner",    "projects",
    "file",    "line",     "column", "value",      "message",    "fingerprint", "first_seen",
    "baseline", "waived",  "blocking", "waiver_reason", "waiver_approved_by", "waiver_expires", "waiver_line",
    NULL};

/* Digits with an optional sign, decimal part and exponent: "-5", "+3.25",
 * "1e6". Spreadsheets read these as numbers, never as formulas. */
static bool plain_number(const char *s)
{
    const char *p = s + (*s == '+' || *s == '-');
    bool digits = false;
    while (*p >= '0' && *p <= '9')
        p++, digits = true;
    if (*p == '.')
        for (p++; *p >= '0' && *p <= '9'; p++)
            digits = true;
    if (digits && (*p == 'e' || *p == 'E')) {
        p += 1 + (p[1] == '+' || p[1] == '-');
        if (!(*p >= '0' && *p <= '9'))
            return false;
        while (*p >= '0' && *p <= '9')
            p++;
    }
    return digits && *p == '\0';
}

/*
 * OWASP's rule for CSV injection: a cell that begins with =, +, -, @, a
 * tab or a carriage return can be run as a formula by Excel, LibreOffice
 * or Google Sheets; it is written with a leading apostrophe, which they
 * show as text. Plain numbers ("-5") are left alone.
 */
static bool formula_like(const char *s)
{
    return (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' || s[0] == '\t' || s[0] == '\r') &&
           !plain_number(s);
}

/*
 * A field, quoted when it holds a delimiter, a quote or a line break.
 * ASCII bytes other than '"' are copied in runs with one append; a quote is
 * doubled, and bytes from 0x80 up are checked as UTF-8, an invalid one
 * becoming U+FFFD. (This runs for every field of every finding: it used to
 * append byte by byte.)
 */
static void field(sbuf *b, const char *s, bool last)
{
    if (s) {
        size_t n = strlen(s);
        bool quote = strpbrk(s, ",\"\r\n") != NULL || (n && (s[0] == ' ' || s[n - 1] == ' '));
        if (quote)
            em_putc(b, '"');
        if (formula_like(s))
            em_putc(b, '\'');
        const unsigned char *u = (const unsigned char *)s;
        for (size_t i = 0; i < n;) {
            size_t j = i;
            while (j < n && u[j] < 0x80 && u[j] != '"')
                j++;
            if (j > i) {
                em_add(b, s + i, j - i);
                i = j;
                continue;
            }
            if (u[i] == '"') {
                EM_LIT(b, "\"\"");
                i++;
                continue;
            }
            size_t len = utf8_seq(u + i, n - i);
            if (len == 0) {
                EM_LIT(b, "\xEF\xBF\xBD");
                i++;
                continue;
            }
            em_add(b, s + i, len);
            i += len;
        }
        if (quote)
            em_putc(b, '"');
    }
    if (last)
        EM_LIT(b, "\r\n");
    else
        em_putc(b, ',');
}

/* The projects a finding involves, joined with ';' (JSON's "projects"
 * array); NULL when the rule named none. */
static const char *projects_cell(const pa_finding *f, sbuf *t)
{
    if (!f->nprojects)
        return NULL;
    t->len = 0;
    for (int i = 0; i < f->nprojects; i++) {
        if (i)
            em_putc(t, ';');
        em_str(t, f->projects[i]);
    }
    return t->data;
}

/* The waiver columns: its reason, approver, expiry and line, for a waived
 * finding and for one whose waiver has expired (as JSON's "waiver"). */
static void waiver_cells(sbuf *b, const pa_waiver *w)
{
    char expires[11], line[21];
    field(b, w ? w->reason : NULL, false);
    field(b, w ? w->approved_by : NULL, false);
    if (w && w->has_expiry)
        date_format(w->expires, expires);
    field(b, w && w->has_expiry ? expires : NULL, false);
    if (w)
        em_utoa(w->line, line);
    field(b, w ? line : NULL, true);
}

/*
 * The note of a rule whose list --max-findings cut: its id, and the
 * message "N more findings of ID past --max-findings (E error, W
 * warning): counted, not listed"; every other cell is empty, the
 * fingerprint and severity included, so that a reader that takes every row
 * for a finding can tell it apart (docs/report-formats.md).
 */
static void cap_row(sbuf *b, const char *id, const pa_result *res, sbuf *t)
{
    t->len = 0;
    sb_printf(t, "%zu more %s of %s past --max-findings (", res->dropped, res->dropped == 1 ? "finding" : "findings", id);
    const char *sep = "";
    for (int s = SEV_CRITICAL; s >= SEV_INFO; s--)
        if (res->unlisted_sev[s]) {
            sb_printf(t, "%s%zu %s", sep, res->unlisted_sev[s], sev_name((pa_sev)s));
            sep = ", ";
        }
    sb_puts(t, "): counted, not listed");
    for (int i = 0; columns[i]; i++)
        field(b, strcmp(columns[i], "rule") == 0 ? id : strcmp(columns[i], "message") == 0 ? t->data : NULL,
              !columns[i + 1]);
}

void report_csv(const pa_report *r, const pa_text_opts *o, sbuf *b)
{
    (void)o;
    for (int i = 0; columns[i]; i++)
        field(b, columns[i], !columns[i + 1]);
    sbuf t;
    sb_init(&t);
    for (size_t i = 0; i < r->all.n; i++) {
        const pa_finding *f = &r->all.v[i];
        char line[21];
        em_utoa(f->line, line);
        field(b, f->rule, false);
        field(b, sev_name(f->sev), false);
        field(b, f->table, false);
        field(b, f->key, false);
        field(b, f->project_id, false);
        field(b, f->owner, false);
        field(b, projects_cell(f, &t), false);
        field(b, f->file, false);
        field(b, f->line ? line : NULL, false);
        field(b, f->column, false);
        field(b, f->value, false);
        field(b, f->message, false);
        field(b, f->fingerprint, false);
        field(b, f->first_seen, false);
        field(b, f->reopened ? "reopened" : f->baseline == BL_NEW ? "new" : f->baseline == BL_EXISTING ? "existing" : NULL,
              false);
        field(b, f->waived ? "true" : "false", false);
        field(b, r->gate ? (gate_blocks(r, f) ? "true" : "false") : NULL, false);
        waiver_cells(b, f->waiver);
        out_flush(b); /* streamed: the report is never whole in memory */
    }
    for (int k = 0; k < r->nrules; k++) {
        const pa_result *res = &r->results[r->order[k]];
        if (res->dropped)
            cap_row(b, r->reg->v[r->order[k]].id, res, &t);
    }
    sb_free(&t);
}

void report_split_index(const pa_split_part *parts, size_t n, sbuf *b)
{
    static const char *const index_columns[] = {"file",    "projects", "critical",  "error", "warning",
                                                "info",    "waived",   "exit_code", NULL};
    field(b, n ? parts[0].by : "owner", false);
    for (int i = 0; index_columns[i]; i++)
        field(b, index_columns[i], !index_columns[i + 1]);
    sbuf t;
    sb_init(&t);
    for (size_t i = 0; i < n; i++) {
        const pa_split_part *p = &parts[i];
        char num[21];
        field(b, p->name, false);
        t.len = 0;
        sb_printf(&t, "report-%s", p->stem);
        field(b, t.data, false);
        t.len = 0;
        for (size_t k = 0; k < p->nprojects; k++)
            sb_printf(&t, "%s%s", k ? ";" : "", p->projects[k]);
        field(b, p->nprojects ? t.data : NULL, false);
        for (int s = SEV_CRITICAL; s >= SEV_INFO; s--) {
            em_utoa(p->by_sev[s], num);
            field(b, num, false);
        }
        em_utoa(p->waived, num);
        field(b, num, false);
        em_utoa((uint64_t)p->exit_code, num);
        field(b, num, true);
    }
    sb_free(&t);
}
