/*
 * report/sarif.c - the SARIF 2.1.0 report, for code-scanning UIs and SARIF
 * viewers: one run whose tool.driver lists every selected rule as a
 * reportingDescriptor (sorted by id, so ruleIndex is the rule's position
 * in r->order), one result per finding located at its CSV file and line,
 * with the finding's fingerprint as partialFingerprints["pmoaudit/v1"].
 * Waived findings carry an external suppression, baselines give
 * baselineState, and rules that were skipped or errored (and expired or
 * unused waivers, and load notes) become toolExecutionNotifications. Keys
 * are written in a fixed order with no timestamps, so the same input gives
 * the same bytes; tests/fixtures/sarif/ holds the schema it is checked
 * against.
 */
#include "report/emit.h"
#include "report/json_escape.h"
#include "collect/report_model.h"

#include <stdlib.h>
#include <string.h>

#define SARIF_SCHEMA "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"

/* "key": with the key a literal, quoted at compile time (report/emit.h). */
#define key(b, k) EM_LIT((b), "\"" k "\": ")

/* "key": "value" (or null), and a comma. */
#define kv_str(b, k, v, comma) kv_put((b), "\"" k "\": ", sizeof("\"" k "\": ") - 1, (v), (comma))

static void kv_put(sbuf *b, const char *qk, size_t qn, const char *v, bool comma)
{
    em_add(b, qk, qn);
    json_str(b, v);
    if (comma)
        EM_LIT(b, ", ");
}

/* {"text": s} */
#define message(b, k, s) (key(b, k), message_obj((b), (s)))

static void message_obj(sbuf *b, const char *s)
{
    EM_LIT(b, "{\"text\": ");
    json_str(b, s ? s : "");
    em_putc(b, '}');
}

/* A message object's text: SARIF reads "{0}" there as a placeholder, so
 * literal braces are written doubled (SARIF 2.1.0, 3.11.5). Most messages
 * have none and are written as they are. */
static void message_text(sbuf *b, const char *s)
{
    if (!s || !strpbrk(s, "{}")) {
        message(b, "message", s);
        return;
    }
    sbuf t;
    sb_init(&t);
    for (const char *p = s; *p; p++) {
        if (*p == '{' || *p == '}')
            sb_putc(&t, *p);
        sb_putc(&t, *p);
    }
    message(b, "message", t.data);
    sb_free(&t);
}

static const char *level(pa_sev s)
{
    return s >= SEV_ERROR ? "error" : s == SEV_WARNING ? "warning" : "note";
}

/* A file path as a URI reference: relative paths stay relative, absolute
 * ones become file:/// URIs; everything but unreserved characters and '/'
 * is percent-encoded (UTF-8 bytes as they are). */
static void uri(sbuf *b, const char *path)
{
    static const char hex[] = "0123456789ABCDEF";
    sbuf u;
    sb_init(&u);
    if (path[0] == '/')
        sb_puts(&u, "file://");
    for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
        unsigned c = *p;
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
            c == '_' || c == '~' || c == '/') {
            sb_putc(&u, (char)c);
        } else {
            char esc[3] = {'%', hex[c >> 4], hex[c & 0xF]};
            sb_add(&u, esc, 3);
        }
    }
    json_str(b, u.data);
    sb_free(&u);
}

/*
 * The findings of one file all name the same path: results() keeps the
 * last path with its encoded URI and reuses it, instead of encoding the
 * path again for each of (possibly) a hundred thousand results. It also
 * keeps one scratch buffer for the results' logical location names.
 */
typedef struct {
    const char *path; /* the path as the finding holds it (owned by the table) */
    sbuf text;        /* its URI as JSON text */
    sbuf scratch;     /* locations()' logical name, reused */
} uri_cache;

static void uri_cached(sbuf *b, const char *path, uri_cache *c)
{
    if (!c) {
        uri(b, path);
        return;
    }
    if (!c->path || strcmp(c->path, path) != 0) {
        c->text.len = 0;
        uri(&c->text, path);
        c->path = path;
    }
    em_add(b, c->text.data, c->text.len);
}

/* "physicalLocation": {"artifactLocation": {"uri": ...}, "region": {...}} */
static void physical_member(sbuf *b, const char *file, uint32_t line, const char *column, uri_cache *cache)
{
    sb_puts(b, "\"physicalLocation\": {\"artifactLocation\": {\"uri\": ");
    uri_cached(b, file, cache);
    sb_putc(b, '}');
    if (line) {
        EM_LIT(b, ", \"region\": {\"startLine\": ");
        em_uint(b, line);
        if (column) {
            sb_puts(b, ", \"properties\": {");
            kv_str(b, "column", column, false);
            sb_putc(b, '}');
        }
        sb_putc(b, '}');
    }
    sb_putc(b, '}');
}

/* A location object with only a physical location. */
static void physical(sbuf *b, const char *file, uint32_t line)
{
    sb_putc(b, '{');
    physical_member(b, file, line, NULL, NULL);
    sb_putc(b, '}');
}

/* A title as a CamelCase identifier: "Changes are approved" -> "ChangesAreApproved". */
static void camel(sbuf *b, const char *title)
{
    sbuf n;
    sb_init(&n);
    bool up = true;
    for (const char *p = title ? title : ""; *p; p++) {
        char c = *p;
        bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        if (!alnum) {
            up = true;
            continue;
        }
        sb_putc(&n, up && c >= 'a' && c <= 'z' ? (char)(c - 'a' + 'A') : c);
        up = false;
    }
    json_str(b, n.len ? n.data : "Rule");
    sb_free(&n);
}

/* The doc's first paragraph with its line breaks turned into spaces. */
static void first_paragraph(sbuf *b, const char *doc)
{
    sbuf p;
    sb_init(&p);
    const char *s = doc;
    while (*s == '\n' || *s == ' ')
        s++;
    for (; *s; s++) {
        if (s[0] == '\n') {
            const char *t = s + 1;
            while (*t == ' ' || *t == '\t')
                t++;
            if (*t == '\n' || *t == 0)
                break;
            sb_putc(&p, ' ');
            s = t - 1;
            continue;
        }
        sb_putc(&p, *s);
    }
    message(b, "fullDescription", p.data ? p.data : "");
    sb_free(&p);
}

static void descriptor(sbuf *b, const pa_rule *rule)
{
    sb_puts(b, "{");
    kv_str(b, "id", rule->id, true);
    key(b, "name");
    camel(b, rule->title);
    sb_puts(b, ", ");
    message(b, "shortDescription", rule->title ? rule->title : rule->id);
    sb_puts(b, ", ");
    if (rule->doc && *rule->doc)
        first_paragraph(b, rule->doc);
    else
        message(b, "fullDescription", rule->title ? rule->title : rule->id);
    sb_puts(b, ", ");
    message(b, "help", rule->doc && *rule->doc ? rule->doc : rule->title);
    sb_printf(b, ", \"defaultConfiguration\": {\"level\": \"%s\"}, \"properties\": {", level(rule->sev));
    kv_str(b, "severity", sev_name(rule->sev), true);
    kv_str(b, "domain", rule->domain, true);
    sb_puts(b, "\"tables\": [");
    for (int t = 0; t < rule->ntables; t++) {
        const char *name = rule->tables[t];
        size_t n = strlen(name);
        sb_puts(b, t ? ", " : "");
        json_strn(b, name, n && name[n - 1] == '?' ? n - 1 : n);
    }
    sb_puts(b, "], \"tags\": [\"pmoaudit\"");
    if (rule->domain && strcmp(rule->domain, "pmoaudit") != 0) { /* tags are unique */
        sb_puts(b, ", ");
        json_str(b, rule->domain);
    }
    sb_puts(b, "]}}");
}

static void driver(sbuf *b, const pa_report *r)
{
    sb_puts(b, "      \"tool\": {\"driver\": {\"name\": \"pmoaudit\", ");
    kv_str(b, "version", r->version, true);
    kv_str(b, "semanticVersion", r->version, true);
    sb_puts(b, "\"rules\": [");
    for (int k = 0; k < r->nrules; k++) {
        sb_puts(b, k ? ",\n        " : "\n        ");
        descriptor(b, &r->reg->v[r->order[k]]);
    }
    sb_puts(b, r->nrules ? "\n      ]}},\n" : "]}},\n");
}

/* One notification of invocations[0].toolExecutionNotifications. */
static void notification(sbuf *b, bool *first, const char *lvl, const char *text, const char *file, uint32_t line,
                         const char *rule_id, int rule_index)
{
    sb_puts(b, *first ? "\n          {" : ",\n          {");
    *first = false;
    kv_str(b, "level", lvl, true);
    message_text(b, text);
    if (file) {
        sb_puts(b, ", \"locations\": [");
        physical(b, file, line);
        sb_putc(b, ']');
    }
    if (rule_id) {
        sb_puts(b, ", \"associatedRule\": {");
        kv_str(b, "id", rule_id, true);
        sb_printf(b, "\"index\": %d}", rule_index);
    }
    sb_putc(b, '}');
}

static void waiver_notes(sbuf *b, const pa_report *r, bool *first)
{
    for (int i = 0; i < r->nwaivers; i++) {
        const pa_waiver *w = &r->waivers[i];
        const char *what = w->key ? w->key : w->fingerprint ? w->fingerprint : "";
        char *text = NULL;
        if (w->expired) {
            char d[16];
            date_format(w->expires, d);
            text = xasprintf("waiver for %s %s expired on %s; %zu finding%s no longer waived",
                             w->rule ? w->rule : "*", what, d, w->matched,
                             w->matched == 1 ? " is" : "s are");
        } else if (w->matched == 0)
            text = xasprintf("waiver for %s %s matches no finding (unused)",
                             w->rule ? w->rule : "*", what);
        if (text)
            notification(b, first, "warning", text, w->file, w->line, NULL, 0);
        free(text);
    }
}

static void invocation(sbuf *b, const pa_report *r)
{
    sb_printf(b, "      \"invocations\": [{\"executionSuccessful\": %s, \"exitCode\": %d",
              r->errored ? "false" : "true", r->exit_code);
    sb_puts(b, ", \"toolExecutionNotifications\": [");
    bool first = true;
    for (int k = 0; k < r->nrules; k++) {
        const pa_rule *rule = &r->reg->v[r->order[k]];
        const pa_result *res = &r->results[r->order[k]];
        if (res->status != ST_SKIPPED && res->status != ST_ERRORED)
            continue;
        bool err = res->status == ST_ERRORED;
        char *text = xasprintf("%s %s: %s", rule->id, err ? "errored" : "skipped",
                               res->message ? res->message : "");
        notification(b, &first, err ? "error" : "note", text, err ? rule->file : NULL, (uint32_t)rule->line,
                     rule->id, k);
        free(text);
    }
    waiver_notes(b, r, &first);
    for (int i = 0; i < r->st->nnotes; i++)
        notification(b, &first, "warning", r->st->notes[i], NULL, 0, NULL, 0);
    sb_puts(b, first ? "]}],\n" : "\n        ]}],\n");
}

/* The CSV files read, as run.artifacts. */
static void artifacts(sbuf *b, const pa_report *r)
{
    sb_puts(b, "      \"artifacts\": [");
    for (int i = 0; i < r->st->ntables; i++) {
        const pa_table *t = r->st->tables[i];
        sb_puts(b, i ? ",\n        " : "\n        ");
        sb_puts(b, "{\"location\": {\"uri\": ");
        uri(b, t->file);
        sb_puts(b, "}, \"mimeType\": \"text/csv\", \"roles\": [\"analysisTarget\"], \"properties\": {");
        kv_str(b, "table", t->name, true);
        sb_printf(b, "\"rows\": %zu}}", t->nrows);
    }
    sb_puts(b, r->st->ntables ? "\n      ],\n" : "],\n");
}

/* locations[0]: the CSV file and line, and the row (and column) as a
 * logical location "table/key[/column]". */
static void locations(sbuf *b, const pa_finding *f, uri_cache *cache)
{
    if (!f->file && !f->key)
        return;
    sb_puts(b, "\"locations\": [{");
    if (f->file)
        physical_member(b, f->file, f->line, f->column, cache);
    if (f->key) {
        sbuf q = cache->scratch; /* table/key[/column], in a buffer kept across results */
        q.len = 0;
        if (f->table)
            em_str(&q, f->table);
        em_putc(&q, '/');
        em_str(&q, f->key);
        if (f->column) {
            em_putc(&q, '/');
            em_str(&q, f->column);
        }
        sb_puts(b, f->file ? ", \"logicalLocations\": [{" : "\"logicalLocations\": [{");
        kv_str(b, "name", f->column ? f->column : f->key, true);
        kv_str(b, "fullyQualifiedName", q.data, true);
        kv_str(b, "kind", f->column ? "property" : "object", false);
        EM_LIT(b, "}]");
        cache->scratch = q;
    }
    sb_puts(b, "}], ");
}

static void suppression(sbuf *b, const pa_waiver *w)
{
    sb_puts(b, ", \"suppressions\": [{\"kind\": \"external\", \"status\": \"accepted\"");
    if (!w) {
        sb_puts(b, "}]");
        return;
    }
    if (w->reason) {
        sb_puts(b, ", ");
        kv_str(b, "justification", w->reason, false);
    }
    if (w->file) {
        sb_puts(b, ", \"location\": ");
        physical(b, w->file, w->line);
    }
    sb_puts(b, ", \"properties\": {");
    kv_str(b, "approved_by", w->approved_by, true);
    if (w->has_expiry) {
        char d[16];
        date_format(w->expires, d);
        kv_str(b, "expires", d, false);
    } else
        sb_puts(b, "\"expires\": null");
    sb_puts(b, "}}]");
}

static void result(sbuf *b, const pa_finding *f, int rule_index, uri_cache *cache)
{
    sb_puts(b, "{");
    kv_str(b, "ruleId", f->rule, true);
    if (rule_index >= 0) {
        EM_LIT(b, "\"ruleIndex\": ");
        em_uint(b, (unsigned)rule_index);
        EM_LIT(b, ", ");
    }
    EM_LIT(b, "\"level\": \"");
    em_str(b, level(f->sev));
    EM_LIT(b, "\", ");
    message_text(b, f->message ? f->message : f->rule);
    sb_puts(b, ", ");
    locations(b, f, cache);
    sb_puts(b, "\"partialFingerprints\": {");
    kv_str(b, "pmoaudit/v1", f->fingerprint, false);
    sb_puts(b, "}");
    if (f->baseline == BL_NEW)
        EM_LIT(b, ", \"baselineState\": \"new\"");
    else if (f->baseline == BL_EXISTING)
        EM_LIT(b, ", \"baselineState\": \"unchanged\"");
    if (f->waived)
        suppression(b, f->waiver);
    sb_puts(b, ", \"properties\": {");
    kv_str(b, "severity", sev_name(f->sev), true);
    kv_str(b, "table", f->table, true);
    kv_str(b, "key", f->key, true);
    kv_str(b, "project_id", f->project_id, true);
    kv_str(b, "column", f->column, true);
    kv_str(b, "value", f->value, true);
    if (f->first_seen[0])
        kv_str(b, "first_seen", f->first_seen, true);
    if (f->baseline != BL_NONE)
        kv_str(b, "baseline", f->baseline == BL_NEW ? "new" : "existing", true);
    if (!f->waived && f->waiver && f->waiver->expired) {
        char d[16];
        date_format(f->waiver->expires, d);
        kv_str(b, "waiver_expired", d, true);
    }
    if (f->waived)
        EM_LIT(b, "\"waived\": true}}");
    else
        EM_LIT(b, "\"waived\": false}}");
}

static void results(sbuf *b, const pa_report *r)
{
    sb_puts(b, "      \"results\": [");
    const char *last = NULL;
    int index = -1;
    uri_cache cache = {NULL, {NULL, 0, 0}, {NULL, 0, 0}};
    for (size_t i = 0; i < r->all.n; i++) {
        const pa_finding *f = &r->all.v[i];
        if (!last || strcmp(last, f->rule) != 0) {
            last = f->rule;
            index = -1;
            for (int k = 0; k < r->nrules; k++)
                if (strcmp(r->reg->v[r->order[k]].id, f->rule) == 0)
                    index = k;
        }
        if (i)
            EM_LIT(b, ",\n        ");
        else
            EM_LIT(b, "\n        ");
        result(b, f, index, &cache);
    }
    sb_free(&cache.text);
    sb_free(&cache.scratch);
    sb_puts(b, r->all.n ? "\n      ],\n" : "],\n");
}

static void resolved(sbuf *b, const pa_report *r)
{
    sb_puts(b, ", \"baseline\": {");
    kv_str(b, "file", r->baseline_path, true);
    kv_str(b, "as_of", r->baseline_as_of[0] ? r->baseline_as_of : NULL, true);
    sb_printf(b, "\"new\": %zu, \"existing\": %zu, \"resolved\": [", r->nnew, r->nexisting);
    for (size_t i = 0; i < r->nresolved; i++) {
        const pa_resolved *x = &r->resolved[i];
        sb_puts(b, i ? ",\n          {" : "\n          {");
        kv_str(b, "rule", x->rule, true);
        kv_str(b, "severity", x->severity, true);
        kv_str(b, "table", x->table, true);
        kv_str(b, "key", x->key, true);
        kv_str(b, "project_id", x->project_id, true);
        kv_str(b, "file", x->file, true);
        if (x->line)
            sb_printf(b, "\"line\": %u, ", x->line);
        kv_str(b, "column", x->column, true);
        kv_str(b, "message", x->message, true);
        kv_str(b, "fingerprint", x->fingerprint, true);
        kv_str(b, "first_seen", x->first_seen, false);
        sb_putc(b, '}');
    }
    sb_puts(b, r->nresolved ? "\n        ]}" : "]}");
}

/* run.properties: T, the data folder, the summary of the JSON report, and
 * the baseline with the findings it had that this run no longer has. */
static void run_properties(sbuf *b, const pa_report *r)
{
    char T[16];
    date_format(r->T, T);
    sb_puts(b, "      \"properties\": {");
    kv_str(b, "as_of", T, true);
    kv_str(b, "data_dir", r->st->dir, true);
    sb_printf(b,
              "\"summary\": {\"rules\": %d, \"passed\": %d, \"failed\": %d, \"skipped\": %d, \"errored\": %d, "
              "\"findings\": {\"critical\": %zu, \"error\": %zu, \"warning\": %zu, \"info\": %zu}, "
              "\"waived\": %zu",
              r->nrules, r->passed, r->failed, r->skipped, r->errored, r->by_sev[SEV_CRITICAL],
              r->by_sev[SEV_ERROR], r->by_sev[SEV_WARNING], r->by_sev[SEV_INFO], r->waived);
    if (r->unlisted) /* past --max-findings: counted above, no result */
        sb_printf(b, ", \"not_listed\": %zu", r->unlisted);
    sb_putc(b, '}');
    if (r->baseline_path)
        resolved(b, r);
    if (r->waivers_path) {
        sb_puts(b, ", ");
        kv_str(b, "waivers", r->waivers_path, false);
    }
    sb_puts(b, "}\n");
}

void report_sarif(const pa_report *r, const pa_text_opts *o, sbuf *b)
{
    (void)o;
    sb_puts(b, "{\n  \"$schema\": \"" SARIF_SCHEMA "\",\n  \"version\": \"2.1.0\",\n  \"runs\": [\n    {\n");
    driver(b, r);
    invocation(b, r);
    artifacts(b, r);
    results(b, r);
    run_properties(b, r);
    sb_puts(b, "    }\n  ]\n}\n");
}
