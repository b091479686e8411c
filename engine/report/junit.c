/*
 * report/junit.c - the JUnit XML report, for the test reporters of GitLab,
 * Jenkins and GitHub: one <testsuite> per domain (sorted by name), one
 * <testcase> per rule (classname pmoaudit.DOMAIN, name "ID title"),
 * <skipped> and <error> for rules that did not run or did not finish. A
 * testcase fails as the run does: a <failure> lists the findings that fail
 * the run (gate_blocks: not waived, at or above --fail-on or at a gate's
 * blocking severity, and new under --fail-on-new), capped at
 * JUNIT_PER_RULE lines. The rule's other findings (below --fail-on,
 * existing under --fail-on-new, waived) are listed in its <system-out>
 * and fail nothing, so --fail-on never fails no testcase. The shape is
 * that of the Jenkins JUnit schema (tests/fixtures/junit/junit-10.xsd).
 * No timestamps, and every time="0" unless --timings asks for the rules'
 * measured times, so the same input gives the same bytes. Text is escaped
 * for XML 1.0: invalid UTF-8 and the characters XML forbids (control
 * characters, U+FFFE, U+FFFF) become U+FFFD.
 */
#include "core/outfile.h"
#include "report/json_escape.h"
#include "core/cellref.h"
#include "collect/gate.h"
#include "collect/report_model.h"
#include "collect/scope.h"

#include "collect/split.h"

#include <fnmatch.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define JUNIT_PER_RULE 200

/* Where a rule's findings sit in r->all and what they add up to. */
typedef struct {
    size_t first, end;    /* its findings are r->all.v[first..end) */
    size_t open;          /* not waived, including those past the cap */
    size_t waived;        /* stored waived findings */
    size_t waived_sev[4];
    size_t stored_sev[4]; /* stored open findings by severity */
    size_t fail;          /* open findings that fail the run, including those past the cap */
    size_t fail_sev[4];
    size_t fail_new;      /* of them, marked new by a baseline */
} rule_view;

/* Append s escaped as XML character data, or (attr) as the value of a
 * double-quoted attribute, where line breaks and tabs must be references. */
static void xml_text(sbuf *b, const char *s, bool attr)
{
    if (!s)
        return;
    const unsigned char *u = (const unsigned char *)s;
    size_t n = strlen(s), i = 0;
    while (i < n) {
        unsigned c = u[i];
        switch (c) {
        case '&': sb_puts(b, "&amp;"); i++; continue;
        case '<': sb_puts(b, "&lt;"); i++; continue;
        case '>': sb_puts(b, "&gt;"); i++; continue;
        case '"': sb_puts(b, attr ? "&quot;" : "\""); i++; continue;
        case '\n': sb_puts(b, attr ? "&#10;" : "\n"); i++; continue;
        case '\r': sb_puts(b, "&#13;"); i++; continue;
        case '\t': sb_puts(b, attr ? "&#9;" : "\t"); i++; continue;
        default: break;
        }
        if (c < 0x20) {
            sb_puts(b, "\xEF\xBF\xBD");
            i++;
            continue;
        }
        size_t len = utf8_seq(u + i, n - i);
        /* U+FFFE and U+FFFF (EF BF BE/BF) are not XML characters either */
        if (len == 0 || (len == 3 && c == 0xEF && u[i + 1] == 0xBF && u[i + 2] >= 0xBE)) {
            sb_puts(b, "\xEF\xBF\xBD");
            i += len ? len : 1;
        } else {
            sb_add(b, s + i, len);
            i += len;
        }
    }
}

static void attr(sbuf *b, const char *name, const char *value)
{
    sb_printf(b, " %s=\"", name);
    xml_text(b, value, true);
    sb_putc(b, '"');
}

/* Group r->all by rule: views[i] for rule i of the registry. */
static rule_view *make_views(const pa_report *r)
{
    rule_view *v = xcalloc((size_t)(r->reg->n ? r->reg->n : 1), sizeof *v);
    size_t i = 0;
    while (i < r->all.n) {
        size_t j = i;
        while (j < r->all.n && strcmp(r->all.v[j].rule, r->all.v[i].rule) == 0)
            j++;
        int k = reg_index(r->reg, r->all.v[i].rule);
        if (k >= 0) {
            v[k].first = i;
            v[k].end = j;
            for (size_t x = i; x < j; x++) {
                const pa_finding *f = &r->all.v[x];
                if (f->waived) {
                    v[k].waived++;
                    v[k].waived_sev[f->sev]++;
                    continue;
                }
                v[k].open++;
                v[k].stored_sev[f->sev]++;
                if (gate_blocks(r, f)) {
                    v[k].fail++;
                    v[k].fail_sev[f->sev]++;
                    v[k].fail_new += f->baseline == BL_NEW;
                }
            }
            v[k].open += r->results[k].dropped;
        }
        i = j;
    }
    return v;
}

static size_t open_by_sev(const pa_result *res, const rule_view *v, pa_sev rule_sev, size_t out[4]);

/* Findings past a rule's cap were counted, not stored: they fail the
 * testcase when their severity fails the run (as in report_tally, which
 * takes them as new). */
static void add_dropped(const pa_report *r, rule_view *views)
{
    unsigned mask = report_fail_mask(r);
    for (int k = 0; k < r->nrules; k++) {
        int i = r->order[k];
        const pa_result *res = &r->results[i];
        rule_view *v = &views[i];
        if (!res->dropped)
            continue;
        size_t sev[4];
        open_by_sev(res, v, r->reg->v[i].sev, sev);
        for (int s = 0; s < 4; s++) {
            size_t past = sev[s] > v->stored_sev[s] ? sev[s] - v->stored_sev[s] : 0;
            if (mask >> s & 1u) {
                v->fail += past;
                v->fail_sev[s] += past;
                v->fail_new += r->baseline_path ? past : 0;
            }
        }
    }
}

/* Open findings by severity. The result's by_sev may or may not count
 * waived findings; findings past the cap are only known from by_sev.
 * Returns their sum. */
static size_t open_by_sev(const pa_result *res, const rule_view *v, pa_sev rule_sev, size_t out[4])
{
    size_t sum = 0;
    for (int s = 0; s < 4; s++)
        sum += out[s] = res->by_sev[s];
    if (sum == v->open)
        return sum;
    if (sum == v->open + v->waived) {
        for (int s = 0; s < 4; s++)
            out[s] -= out[s] >= v->waived_sev[s] ? v->waived_sev[s] : out[s];
        return v->open;
    }
    memset(out, 0, 4 * sizeof *out);
    out[rule_sev] = v->open;
    return v->open;
}

static const char *domain_of(const pa_rule *rule)
{
    return rule->domain && *rule->domain ? rule->domain : "none";
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The selected rules' domains, sorted and unique; returns the count. */
static int domains(const pa_report *r, const char ***out)
{
    const char **d = xmalloc((size_t)(r->nrules ? r->nrules : 1) * sizeof *d);
    for (int k = 0; k < r->nrules; k++)
        d[k] = domain_of(&r->reg->v[r->order[k]]);
    qsort(d, (size_t)r->nrules, sizeof *d, cmp_str);
    int n = 0;
    for (int k = 0; k < r->nrules; k++)
        if (n == 0 || strcmp(d[n - 1], d[k]) != 0)
            d[n++] = d[k];
    *out = d;
    return n;
}

/* What a testcase becomes: 0 passed, 1 failure, 2 skipped, 3 error. */
static int outcome(const pa_result *res, const rule_view *v)
{
    if (res->status == ST_SKIPPED)
        return 2;
    if (res->status == ST_ERRORED)
        return 3;
    return v->fail ? 1 : 0;
}

/* One line of a finding: "[new] file:line  key  message". */
static void finding_line(sbuf *b, const pa_finding *f, const pa_rule *rule)
{
    sbuf t;
    sb_init(&t);
    if (f->baseline == BL_NEW)
        sb_puts(&t, "[new] ");
    if (f->file && f->line)
        cref_where(&t, f->file, f->line);
    else
        sb_puts(&t, f->file ? f->file : "-");
    if (f->key)
        sb_printf(&t, "  %s", f->key);
    if (f->sev != rule->sev)
        sb_printf(&t, "  %s", sev_name(f->sev));
    sb_printf(&t, "  %s", f->message ? f->message : "");
    if (f->waived && f->waiver) {
        const pa_waiver *w = f->waiver;
        sb_printf(&t, "  (waiver %s:%u", w->file ? w->file : "-", w->line);
        if (w->reason)
            sb_printf(&t, ": %s", w->reason);
        if (w->approved_by)
            sb_printf(&t, "; approved by %s", w->approved_by);
        if (w->has_expiry) {
            char d[16];
            date_format(w->expires, d);
            sb_printf(&t, "; expires %s", d);
        }
        sb_putc(&t, ')');
    } else if (f->waiver && f->waiver->expired) {
        char d[16];
        date_format(f->waiver->expires, d);
        sb_printf(&t, "  (waiver %s:%u expired on %s)", f->waiver->file ? f->waiver->file : "-", f->waiver->line, d);
    }
    for (size_t k = 0; k < t.len; k++)
        if (t.data[k] == '\n' || t.data[k] == '\r')
            t.data[k] = ' '; /* one line per finding, even for multi-line cells */
    sb_putc(&t, '\n');
    xml_text(b, t.data, false);
    sb_free(&t);
}

/* Which findings of a rule a list shows. */
typedef enum { LIST_FAILING, LIST_PASSING, LIST_WAIVED } list_kind;

static bool listed(const pa_report *r, const pa_finding *f, list_kind kind)
{
    if (kind == LIST_WAIVED)
        return f->waived;
    return !f->waived && gate_blocks(r, f) == (kind == LIST_FAILING);
}

/* The rule's findings of one kind, capped at JUNIT_PER_RULE lines; total
 * counts those past the cap too. */
static void finding_lines(sbuf *b, const pa_report *r, const rule_view *v, const pa_rule *rule, list_kind kind,
                          size_t total)
{
    size_t shown = 0, stored = 0;
    for (size_t x = v->first; x < v->end; x++) {
        const pa_finding *f = &r->all.v[x];
        if (!listed(r, f, kind))
            continue;
        stored++;
        if (shown < JUNIT_PER_RULE) {
            finding_line(b, f, rule);
            shown++;
        }
    }
    size_t past = total > stored ? total - stored : 0; /* past --max-findings: counted, never built */
    if (total <= shown)
        return;
    sb_printf(b, "... and %zu more finding%s", total - shown, total - shown == 1 ? "" : "s");
    if (!past)
        sb_puts(b, " (all of them are in -f json)\n");
    else
        sb_printf(b, " (%zu in -f json; %zu past --max-findings, counted but not listed anywhere)\n", stored - shown,
                  past);
}

/* "2 error findings", or "5 findings: 2 critical, 3 error". */
static void count_text(sbuf *m, const size_t sev[4], size_t total)
{
    int kinds = 0, only = 0;
    for (int s = 0; s < 4; s++)
        if (sev[s])
            kinds++, only = s;
    if (kinds == 1) {
        sb_printf(m, "%zu %s finding%s", total, sev_name((pa_sev)only), total == 1 ? "" : "s");
        return;
    }
    sb_printf(m, "%zu findings:", total);
    const char *sep = " ";
    for (int s = 3; s >= 0; s--)
        if (sev[s]) {
            sb_printf(m, "%s%zu %s", sep, sev[s], sev_name((pa_sev)s));
            sep = ", ";
        }
}

static int max_sev(const size_t sev[4])
{
    for (int s = 3; s > 0; s--)
        if (sev[s])
            return s;
    return 0;
}

/* <failure>: the findings that fail the run, its type their highest severity. */
static void failure(sbuf *b, const pa_report *r, const rule_view *v, const pa_rule *rule)
{
    sbuf m;
    sb_init(&m);
    count_text(&m, v->fail_sev, v->fail);
    if (r->baseline_path)
        sb_printf(&m, " (%zu new)", v->fail_new);
    sb_puts(b, "      <failure");
    attr(b, "message", m.data);
    attr(b, "type", sev_name((pa_sev)max_sev(v->fail_sev)));
    sb_puts(b, ">");
    finding_lines(b, r, v, rule, LIST_FAILING, v->fail);
    sb_puts(b, "</failure>\n");
    sb_free(&m);
}

/* Why open findings do not fail the run: "below --fail-on error",
 * "--fail-on never", or a gate's blocking severities; under --fail-on-new,
 * existing findings at those severities do not fail either. */
static void why_passing(sbuf *m, const pa_report *r)
{
    unsigned mask = report_fail_mask(r);
    if (!mask)
        sb_puts(m, "--fail-on never");
    else if (r->block) {
        sb_puts(m, "below the gate's blocking severities: ");
        const char *sep = "";
        for (int s = 3; s >= 0; s--)
            if (mask >> s & 1u) {
                sb_printf(m, "%s%s", sep, sev_name((pa_sev)s));
                sep = ", ";
            }
    } else
        sb_printf(m, "below --fail-on %s", sev_name(r->fail_on));
    if (mask && r->fail_on_new && r->baseline_path)
        sb_puts(m, "; or existing, with --fail-on-new");
}

/* The open findings that do not fail the run, for <system-out>: a line
 * saying why, then the findings. */
static void passing(sbuf *b, const pa_report *r, const rule_view *v, const pa_rule *rule, const pa_result *res)
{
    size_t sev[4];
    size_t total = open_by_sev(res, v, rule->sev, sev);
    for (int s = 0; s < 4; s++)
        sev[s] -= v->fail_sev[s] <= sev[s] ? v->fail_sev[s] : sev[s];
    total -= v->fail <= total ? v->fail : total;
    if (!total)
        return;
    sbuf m;
    sb_init(&m);
    sb_puts(&m, "not failing (");
    why_passing(&m, r);
    sb_puts(&m, "): ");
    count_text(&m, sev, total);
    sb_putc(&m, '\n');
    xml_text(b, m.data, false);
    sb_free(&m);
    finding_lines(b, r, v, rule, LIST_PASSING, total);
}

static void error_elem(sbuf *b, const pa_report *r, const rule_view *v, const pa_rule *rule, const pa_result *res)
{
    sb_puts(b, "      <error");
    attr(b, "message", res->message ? res->message : "the rule did not finish");
    attr(b, "type", "errored");
    sb_puts(b, ">");
    sbuf t;
    sb_init(&t);
    sb_printf(&t, "%s\ndeclared at %s:%d\n", res->message ? res->message : "", rule->file ? rule->file : "-",
              rule->line);
    xml_text(b, t.data, false);
    sb_free(&t);
    if (v->open) {
        sb_printf(b, "findings reported before the error: %zu\n", v->open);
        finding_lines(b, r, v, rule, LIST_FAILING, v->fail);
        finding_lines(b, r, v, rule, LIST_PASSING, v->open - v->fail);
    }
    sb_puts(b, "</error>\n");
}

/* Expired and unused waivers that name this rule (by id or glob). */
static void waiver_notes(sbuf *b, const pa_report *r, const pa_rule *rule)
{
    for (int i = 0; i < r->nwaivers; i++) {
        const pa_waiver *w = &r->waivers[i];
        if (!w->rule || fnmatch(w->rule, rule->id, 0) != 0 || (!w->expired && w->matched))
            continue;
        sbuf t;
        sb_init(&t);
        sb_printf(&t, "waiver %s:%u (%s)", w->file ? w->file : "-", w->line,
                  w->key ? w->key : w->fingerprint ? w->fingerprint : "");
        if (w->expired) {
            char d[16];
            date_format(w->expires, d);
            sb_printf(&t, " expired on %s and no longer applies (%zu finding%s)\n", d, w->matched,
                      w->matched == 1 ? "" : "s");
        } else
            sb_puts(&t, " matches no finding (unused)\n");
        xml_text(b, t.data, false);
        sb_free(&t);
    }
}

/* A rule's measured time in whole milliseconds, or 0 without --timings
 * (the default: the same input gives the same bytes). */
static long long millis(const pa_text_opts *o, const pa_result *res)
{
    return o && o->timings && res->seconds > 0 ? llround(res->seconds * 1000.0) : 0;
}

/* time="1.234" (seconds, as the schema's SUREFIRE_TIME), or time="0". */
static void time_attr(sbuf *b, long long ms)
{
    if (ms)
        sb_printf(b, " time=\"%lld.%03lld\"", ms / 1000, ms % 1000);
    else
        sb_puts(b, " time=\"0\"");
}

static void testcase(sbuf *b, const pa_report *r, const pa_text_opts *o, int i, const rule_view *v)
{
    const pa_rule *rule = &r->reg->v[i];
    const pa_result *res = &r->results[i];
    sbuf name, out;
    sb_init(&name);
    sb_init(&out);
    sb_printf(&name, "%s %s", rule->id, rule->title ? rule->title : "");
    sb_puts(b, "    <testcase");
    attr(b, "name", name.data);
    sb_puts(b, " classname=\"pmoaudit.");
    xml_text(b, domain_of(rule), true);
    sb_putc(b, '"');
    time_attr(b, millis(o, res));
    sb_free(&name);
    int oc = outcome(res, v);
    if (oc != 3) /* an error lists them itself */
        passing(&out, r, v, rule, res);
    if (v->waived) {
        sb_printf(&out, "waived: %zu finding%s\n", v->waived, v->waived == 1 ? "" : "s");
        finding_lines(&out, r, v, rule, LIST_WAIVED, v->waived);
    }
    waiver_notes(&out, r, rule);
    if (oc == 0 && !out.len) {
        sb_puts(b, "/>\n");
        sb_free(&out);
        return;
    }
    sb_puts(b, ">\n");
    if (oc == 1)
        failure(b, r, v, rule);
    else if (oc == 2) {
        sb_puts(b, "      <skipped");
        attr(b, "message", res->message ? res->message : "skipped");
        sb_puts(b, "/>\n");
    } else if (oc == 3)
        error_elem(b, r, v, rule, res);
    if (out.len) {
        sb_puts(b, "      <system-out>");
        sb_add(b, out.data, out.len);
        sb_puts(b, "</system-out>\n");
    }
    sb_free(&out);
    sb_puts(b, "    </testcase>\n");
}

static void property(sbuf *b, const char *name, const char *value)
{
    if (!value)
        return;
    sb_puts(b, "      <property");
    attr(b, "name", name);
    attr(b, "value", value);
    sb_puts(b, "/>\n");
}

static void properties(sbuf *b, const pa_report *r)
{
    char T[16];
    date_format(r->T, T);
    sb_puts(b, "    <properties>\n");
    property(b, "pmoaudit.version", r->version);
    property(b, "as_of", T);
    property(b, "data_dir", r->st->dir);
    property(b, "fail_on", sev_name(r->fail_on));
    property(b, "fail_on_new", r->fail_on_new ? "true" : NULL);
    property(b, "baseline", r->baseline_path);
    property(b, "waivers", r->waivers_path);
    property(b, "project", r->scope ? r->scope->spec : NULL);
    property(b, "gate", r->gate ? r->gate->name : NULL);
    if (r->part) {
        property(b, "split_by", r->part->by);
        property(b, r->part->by, r->part->name ? r->part->name : "");
    }
    sb_puts(b, "    </properties>\n");
}

/* One domain's testsuite, timed by the sum of its testcases' times. */
static void testsuite(sbuf *b, const pa_report *r, const pa_text_opts *o, const char *domain,
                           const rule_view *views)
{
    int n = 0, count[4] = {0, 0, 0, 0};
    long long ms = 0;
    for (int k = 0; k < r->nrules; k++) {
        int i = r->order[k];
        if (strcmp(domain_of(&r->reg->v[i]), domain) == 0) {
            n++;
            count[outcome(&r->results[i], &views[i])]++;
            ms += millis(o, &r->results[i]);
        }
    }
    sb_puts(b, "  <testsuite name=\"");
    xml_text(b, domain, true);
    sb_printf(b, "\" tests=\"%d\" failures=\"%d\" errors=\"%d\" skipped=\"%d\"", n, count[1], count[3], count[2]);
    time_attr(b, ms);
    sb_puts(b, ">\n");
    properties(b, r);
    for (int k = 0; k < r->nrules; k++) {
        int i = r->order[k];
        if (strcmp(domain_of(&r->reg->v[i]), domain) == 0) {
            testcase(b, r, o, i, &views[i]);
            out_flush(b); /* streamed: the report is never whole in memory */
        }
    }
    sb_puts(b, "  </testsuite>\n");
}

/* <testsuites> has no skipped attribute in the Jenkins schema: the
 * skipped rules are counted on each <testsuite>. Its time, the sum of its
 * suites' (every rule is in the suite of its domain), is the sum of every
 * rule's, so it is known before the suites are written. */
void report_junit(const pa_report *r, const pa_text_opts *o, sbuf *b)
{
    rule_view *views = make_views(r);
    add_dropped(r, views);
    int count[4] = {0, 0, 0, 0};
    long long ms = 0;
    for (int k = 0; k < r->nrules; k++) {
        count[outcome(&r->results[r->order[k]], &views[r->order[k]])]++;
        ms += millis(o, &r->results[r->order[k]]);
    }
    const char **d;
    int nd = domains(r, &d);
    sb_puts(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    sb_printf(b, "<testsuites name=\"pmoaudit\" tests=\"%d\" failures=\"%d\" errors=\"%d\"", r->nrules, count[1],
              count[3]);
    time_attr(b, ms);
    sb_puts(b, ">\n");
    for (int k = 0; k < nd; k++)
        testsuite(b, r, o, d[k], views);
    sb_puts(b, "</testsuites>\n");
    free(d);
    free(views);
}
