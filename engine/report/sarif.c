/*
 * report/sarif.c - the SARIF 2.1.0 report, for code-scanning UIs (GitHub
 * code scanning first) and SARIF viewers: one run whose tool.driver lists
 * every selected rule as a reportingDescriptor (sorted by id, so ruleIndex
 * is the rule's position in r->order), one result per finding located at
 * its CSV file and line, with the finding's fingerprint as
 * partialFingerprints["pmoaudit/v1"]. File URIs are relative to
 * --sarif-base (see uri below). Severity is level (critical and error are
 * both "error"), the result's rank and the rule's security-severity, which
 * order critical above error. A run holds at most SARIF_MAX_RESULTS
 * results, GitHub's limit: past it the most severe and newest are kept and
 * the run says what was left out. Waived findings carry an external
 * suppression, baselines give baselineState, and rules that were skipped
 * or errored (and expired or unused waivers, and load notes) become
 * toolExecutionNotifications. Keys are written in a fixed order with no
 * timestamps, so the same input (and base) gives the same bytes;
 * tests/fixtures/sarif/ holds the schema it is checked against.
 */
#include "core/outfile.h"
#include "report/emit.h"
#include "report/json_escape.h"
#include "core/cellref.h"
#include "collect/report_model.h"

#include "collect/split.h"

#include <stdlib.h>
#include <string.h>

#define SARIF_MAX_RESULTS 25000 /* results per run GitHub code scanning accepts */
#define SARIF_BASE_ID "%SRCROOT%"
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

/*
 * level has three values for four severities. GitHub code scanning reads a
 * rule's properties["security-severity"] (a score from 0.0 to 10.0: over
 * 9.0 is shown as critical, 7.0 to 8.9 high, 4.0 to 6.9 medium, below that
 * low) and sorts and filters alerts by it; SARIF's own result.rank (0 to
 * 100) orders results for other viewers. Both follow the severity.
 */
static const char *security_severity(pa_sev s)
{
    static const char *const score[] = {"2.0", "5.5", "8.0", "9.5"};
    return score[s & 3];
}

static unsigned rank(pa_sev s)
{
    static const unsigned r[] = {20, 55, 80, 95};
    return r[s & 3];
}

/*
 * Artifact URIs are relative references resolved against the uriBaseId
 * %SRCROOT%, the --sarif-base folder (o->sarif_base, absolute): what GitHub
 * code scanning maps to the files of the repository when the base is its
 * root. A path is made absolute (its folder with symbolic links resolved,
 * as the base is; lexically when the folder is gone), then taken relative
 * to the base; a file outside the base keeps a relative URI that climbs
 * out with "../" (and the run says so in a notification), never an
 * absolute file: URI, which ties the log to one machine. Each distinct
 * path is worked out once: a hundred thousand results name a few files.
 */
typedef struct {
    char *path;   /* as the finding or table holds it */
    char *json;   /* its URI as JSON text */
    bool outside; /* the URI leaves the base */
} uri_entry;

typedef struct {
    const char *base; /* absolute, resolved */
    char *own_base;   /* the current directory, when the options give no base */
    uri_entry *v;
    size_t n, cap;
    sbuf scratch;     /* locations()' logical name, reused */
} sarif_ctx;

/* The '/'-separated components of an absolute path with "." and ".."
 * applied, as (start, length) pairs into p; returns their count. */
static size_t components(const char *p, size_t (*at)[2], size_t max)
{
    size_t n = 0;
    for (size_t i = 0; p[i];) {
        while (p[i] == '/')
            i++;
        size_t j = i;
        while (p[j] && p[j] != '/')
            j++;
        size_t len = j - i;
        if (len == 0 || (len == 1 && p[i] == '.')) {
        } else if (len == 2 && p[i] == '.' && p[i + 1] == '.') {
            n -= n > 0;
        } else if (n < max) {
            at[n][0] = i;
            at[n++][1] = len;
        }
        i = j;
    }
    return n;
}

/* path made absolute: its folder resolved by realpath, or (a folder that
 * no longer exists) joined to the current directory. */
static char *absolute(const char *path)
{
    const char *slash = strrchr(path, '/');
    char *dir = slash ? xstrndup(path, slash == path ? 1 : (size_t)(slash - path)) : xstrdup(".");
    char *real = realpath(dir, NULL);
    const char *name = slash ? slash + 1 : path;
    char *abs;
    if (real)
        abs = xasprintf("%s/%s", strcmp(real, "/") == 0 ? "" : real, name);
    else if (path[0] == '/')
        abs = xstrdup(path);
    else {
        char *cwd = realpath(".", NULL);
        abs = xasprintf("%s/%s", cwd ? cwd : "", path);
        free(cwd);
    }
    free(real);
    free(dir);
    return abs;
}

/* The relative reference from the folder base to path, into u; returns
 * whether it climbs out of base. */
static bool relative(const char *base, const char *path, sbuf *u)
{
    char *abs = absolute(path);
    size_t mb = strlen(base) / 2 + 1, mp = strlen(abs) / 2 + 1;
    size_t(*bc)[2] = xmalloc(mb * sizeof *bc), (*pc)[2] = xmalloc(mp * sizeof *pc);
    size_t nb = components(base, bc, mb), np = components(abs, pc, mp), same = 0;
    while (same < nb && same + 1 < np && bc[same][1] == pc[same][1] &&
           memcmp(base + bc[same][0], abs + pc[same][0], bc[same][1]) == 0)
        same++;
    for (size_t i = same; i < nb; i++)
        sb_puts(u, "../");
    for (size_t i = same; i < np; i++) {
        sb_add(u, abs + pc[i][0], pc[i][1]);
        if (i + 1 < np)
            sb_putc(u, '/');
    }
    free(abs);
    free(bc);
    free(pc);
    return same < nb;
}

/* A relative reference as a URI: everything but unreserved characters and
 * '/' percent-encoded (UTF-8 bytes as they are), as JSON text. */
static void uri_json(sbuf *b, const char *ref)
{
    static const char hex[] = "0123456789ABCDEF";
    sbuf u;
    sb_init(&u);
    for (const unsigned char *p = (const unsigned char *)ref; *p; p++) {
        unsigned c = *p;
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
            c == '_' || c == '~' || c == '/') {
            sb_putc(&u, (char)c);
        } else {
            char esc[3] = {'%', hex[c >> 4], hex[c & 0xF]};
            sb_add(&u, esc, 3);
        }
    }
    json_str(b, u.data ? u.data : "");
    sb_free(&u);
}

/* A new artifact entry for path, made relative to the base. */
static const uri_entry *add_uri(sarif_ctx *c, const char *path)
{
    sbuf rel, js;
    sb_init(&rel);
    sb_init(&js);
    bool outside = relative(c->base, path, &rel);
    uri_json(&js, rel.data ? rel.data : "");
    GROW(c->v, c->cap, c->n + 1);
    c->v[c->n] = (uri_entry){xstrdup(path), js.data, outside};
    sb_free(&rel);
    return &c->v[c->n++];
}

static const uri_entry *uri_entry_of(sarif_ctx *c, const char *loc)
{
    cref_loc cl; /* a workbook's sheet: the workbook's own path */
    cref_split(loc, 0, &cl);
    char *cut = cl.sheet ? xstrndup(loc, cl.path_len) : NULL;
    const char *path = cut ? cut : loc;
    const uri_entry *e = NULL;
    for (size_t i = c->n; i-- > 0 && !e;)
        if (strcmp(c->v[i].path, path) == 0)
            e = &c->v[i];
    if (!e)
        e = add_uri(c, path);
    free(cut);
    return e;
}

/* "artifactLocation": {"uri": ..., "uriBaseId": "%SRCROOT%"}, as members. */
static void uri(sbuf *b, sarif_ctx *c, const char *path)
{
    EM_LIT(b, "\"uri\": ");
    em_str(b, uri_entry_of(c, path)->json);
    EM_LIT(b, ", \"uriBaseId\": \"" SARIF_BASE_ID "\"");
}

static void ctx_init(sarif_ctx *c, const pa_text_opts *o)
{
    memset(c, 0, sizeof *c);
    c->base = o && o->sarif_base ? o->sarif_base : NULL;
    if (!c->base) {
        c->own_base = realpath(".", NULL);
        c->base = c->own_base ? c->own_base : "/";
    }
}

static void ctx_free(sarif_ctx *c)
{
    for (size_t i = 0; i < c->n; i++) {
        free(c->v[i].path);
        free(c->v[i].json);
    }
    free(c->v);
    free(c->own_base);
    sb_free(&c->scratch);
}

/* "physicalLocation": {"artifactLocation": {...}, "region": {...}}; in a
 * workbook the region's line is the sheet's row, and its properties name
 * the sheet and the cell (core/cellref.h). */
static void physical_member(sbuf *b, sarif_ctx *c, const char *file, uint32_t line, const char *column)
{
    EM_LIT(b, "\"physicalLocation\": {\"artifactLocation\": {");
    uri(b, c, file);
    em_putc(b, '}');
    cref_loc cl;
    cref_split(file, line, &cl);
    if (line) {
        EM_LIT(b, ", \"region\": {\"startLine\": ");
        em_uint(b, line);
        if (column || cl.sheet) {
            sb_puts(b, ", \"properties\": {");
            if (cl.sheet) {
                EM_LIT(b, "\"sheet\": ");
                json_strn(b, cl.sheet, cl.sheet_len);
                EM_LIT(b, ", ");
                kv_str(b, "cell", cl.cell, column != NULL);
            }
            if (column)
                kv_str(b, "column", column, false);
            sb_putc(b, '}');
        }
        sb_putc(b, '}');
    }
    sb_putc(b, '}');
}

/* A location object with only a physical location. */
static void physical(sbuf *b, sarif_ctx *c, const char *file, uint32_t line)
{
    sb_putc(b, '{');
    physical_member(b, c, file, line, NULL);
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
    kv_str(b, "security-severity", security_severity(rule->sev), true);
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
static void notification(sbuf *b, sarif_ctx *c, bool *first, const char *lvl, const char *text, const char *file,
                         uint32_t line, const char *rule_id, int rule_index)
{
    sb_puts(b, *first ? "\n          {" : ",\n          {");
    *first = false;
    kv_str(b, "level", lvl, true);
    message_text(b, text);
    if (file) {
        sb_puts(b, ", \"locations\": [");
        physical(b, c, file, line);
        sb_putc(b, ']');
    }
    if (rule_id) {
        sb_puts(b, ", \"associatedRule\": {");
        kv_str(b, "id", rule_id, true);
        sb_printf(b, "\"index\": %d}", rule_index);
    }
    sb_putc(b, '}');
}

static void waiver_notes(sbuf *b, sarif_ctx *c, const pa_report *r, bool *first)
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
            notification(b, c, first, "warning", text, w->file, w->line, NULL, 0);
        free(text);
    }
}

/* Which findings become results: every one, or past SARIF_MAX_RESULTS
 * the most severe and newest. */
typedef struct {
    bool *keep;         /* NULL: every finding */
    size_t written;     /* results written */
    size_t left;        /* findings left out, */
    size_t left_sev[4]; /* by severity */
    size_t outside;     /* data files whose URI climbs out of the base */
} result_set;

/* A finding's claim to a place among the results. */
typedef struct {
    const pa_finding *f;
    size_t i;
} claim;

/* Open before waived, then the highest severity, the latest first_seen
 * (new findings before existing ones), then report order. */
static int by_claim(const void *a, const void *b)
{
    const claim *x = a, *y = b;
    if (x->f->waived != y->f->waived)
        return x->f->waived ? 1 : -1;
    if (x->f->sev != y->f->sev)
        return x->f->sev > y->f->sev ? -1 : 1;
    int c = strcmp(y->f->first_seen, x->f->first_seen);
    if (c)
        return c;
    return x->i < y->i ? -1 : x->i > y->i;
}

static void choose_results(const pa_report *r, result_set *rs)
{
    memset(rs, 0, sizeof *rs);
    rs->written = r->all.n;
    if (r->all.n <= SARIF_MAX_RESULTS)
        return;
    claim *c = xmalloc(r->all.n * sizeof *c);
    for (size_t i = 0; i < r->all.n; i++)
        c[i] = (claim){&r->all.v[i], i};
    qsort(c, r->all.n, sizeof *c, by_claim);
    rs->keep = xcalloc(r->all.n, sizeof *rs->keep);
    for (size_t k = 0; k < r->all.n; k++) {
        if (k < SARIF_MAX_RESULTS)
            rs->keep[c[k].i] = true;
        else
            rs->left_sev[c[k].f->sev & 3]++;
    }
    rs->written = SARIF_MAX_RESULTS;
    rs->left = r->all.n - SARIF_MAX_RESULTS;
    free(c);
}

/* "45019 findings left out (45019 warning)" */
static void left_text(sbuf *t, const result_set *rs)
{
    sb_printf(t, "%zu finding%s left out (", rs->left, rs->left == 1 ? "" : "s");
    const char *sep = "";
    for (int s = SEV_CRITICAL; s >= SEV_INFO; s--)
        if (rs->left_sev[s]) {
            sb_printf(t, "%s%zu %s", sep, rs->left_sev[s], sev_name((pa_sev)s));
            sep = ", ";
        }
    sb_putc(t, ')');
}

/* The notifications about the log itself: results left out, data files
 * outside the base. */
static void log_notes(sbuf *b, sarif_ctx *c, const pa_report *r, const result_set *rs, bool *first)
{
    if (rs->left) {
        sbuf t;
        sb_init(&t);
        sb_printf(&t, "%zu findings, more than the %d results GitHub code scanning accepts in one run: the %d most "
                      "severe and newest are written, ",
                  r->all.n, SARIF_MAX_RESULTS, SARIF_MAX_RESULTS);
        left_text(&t, rs);
        sb_puts(&t, "; -f json and -f csv list every finding");
        notification(b, c, first, "warning", t.data, NULL, 0, NULL, 0);
        sb_free(&t);
    }
    if (rs->outside) {
        char *t = xasprintf("%zu data file%s outside the --sarif-base folder: %s URI%s start%s with ../, and code "
                            "scanning cannot show %s in the repository",
                            rs->outside, rs->outside == 1 ? " is" : "s are", rs->outside == 1 ? "its" : "their",
                            rs->outside == 1 ? "" : "s", rs->outside == 1 ? "s" : "",
                            rs->outside == 1 ? "it" : "them");
        notification(b, c, first, "warning", t, NULL, 0, NULL, 0);
        free(t);
    }
}

static void invocation(sbuf *b, sarif_ctx *c, const pa_report *r, const result_set *rs)
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
        notification(b, c, &first, err ? "error" : "note", text, err ? rule->file : NULL, (uint32_t)rule->line,
                     rule->id, k);
        free(text);
    }
    waiver_notes(b, c, r, &first);
    for (int i = 0; i < r->st->nnotes; i++)
        notification(b, c, &first, "warning", r->st->notes[i], NULL, 0, NULL, 0);
    log_notes(b, c, r, rs, &first);
    sb_puts(b, first ? "]}],\n" : "\n        ]}],\n");
}

/* run.originalUriBaseIds: %SRCROOT% is the --sarif-base folder. It has no
 * uri: an absolute one would name this machine's folder, and a consumer
 * such as code scanning resolves it to the repository's root itself. */
static void base_ids(sbuf *b)
{
    sb_puts(b, "      \"originalUriBaseIds\": {\"" SARIF_BASE_ID "\": {\"description\": {\"text\": \"The folder given "
               "by --sarif-base (by default the working directory of the run): the root of the repository that "
               "holds the data.\"}}},\n");
}

/* The CSV files read, as run.artifacts; counts those outside the base. */
static void artifacts(sbuf *b, sarif_ctx *c, const pa_report *r)
{
    sb_puts(b, "      \"artifacts\": [");
    for (int i = 0; i < r->st->ntables; i++) {
        const pa_table *t = r->st->tables[i];
        sb_puts(b, i ? ",\n        " : "\n        ");
        sb_puts(b, "{\"location\": {");
        uri(b, c, t->file);
        cref_loc cl;
        cref_split(t->file, 0, &cl);
        sb_printf(b, "}, \"mimeType\": \"%s\", \"roles\": [\"analysisTarget\"], \"properties\": {",
                  cl.sheet ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" : "text/csv");
        if (cl.sheet) {
            EM_LIT(b, "\"sheet\": ");
            json_strn(b, cl.sheet, cl.sheet_len);
            EM_LIT(b, ", ");
        }
        kv_str(b, "table", t->name, true);
        sb_printf(b, "\"rows\": %zu}}", t->nrows);
    }
    sb_puts(b, r->st->ntables ? "\n      ],\n" : "],\n");
}

/* The data files outside the base (before anything is written, for the
 * notification). */
static size_t count_outside(sarif_ctx *c, const pa_report *r)
{
    size_t n = 0;
    for (int i = 0; i < r->st->ntables; i++)
        n += uri_entry_of(c, r->st->tables[i]->file)->outside;
    return n;
}

/* locations[0]: the CSV file and line, and the row (and column) as a
 * logical location "table/key[/column]". */
static void locations(sbuf *b, sarif_ctx *c, const pa_finding *f)
{
    if (!f->file && !f->key)
        return;
    sb_puts(b, "\"locations\": [{");
    if (f->file)
        physical_member(b, c, f->file, f->line, f->column);
    if (f->key) {
        sbuf q = c->scratch; /* table/key[/column], in a buffer kept across results */
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
        c->scratch = q;
    }
    sb_puts(b, "}], ");
}

static void suppression(sbuf *b, sarif_ctx *c, const pa_waiver *w)
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
        physical(b, c, w->file, w->line);
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

/* result.properties: what the JSON report says of the finding. */
static void result_properties(sbuf *b, const pa_finding *f)
{
    sb_puts(b, ", \"properties\": {");
    kv_str(b, "severity", sev_name(f->sev), true);
    kv_str(b, "table", f->table, true);
    kv_str(b, "key", f->key, true);
    kv_str(b, "project_id", f->project_id, true);
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
    kv_str(b, "column", f->column, true);
    kv_str(b, "value", f->value, true);
    if (f->first_seen[0])
        kv_str(b, "first_seen", f->first_seen, true);
    if (f->baseline != BL_NONE)
        kv_str(b, "baseline", f->baseline == BL_NEW ? "new" : "existing", true);
    if (f->reopened)
        EM_LIT(b, "\"reopened\": true, ");
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

static void result(sbuf *b, sarif_ctx *c, const pa_finding *f, int rule_index)
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
    EM_LIT(b, "\", \"rank\": ");
    em_uint(b, rank(f->sev));
    EM_LIT(b, ", ");
    message_text(b, f->message ? f->message : f->rule);
    sb_puts(b, ", ");
    locations(b, c, f);
    sb_puts(b, "\"partialFingerprints\": {");
    kv_str(b, "pmoaudit/v1", f->fingerprint, false);
    sb_puts(b, "}");
    if (f->baseline == BL_NEW)
        EM_LIT(b, ", \"baselineState\": \"new\"");
    else if (f->baseline == BL_EXISTING)
        EM_LIT(b, ", \"baselineState\": \"unchanged\"");
    if (f->waived)
        suppression(b, c, f->waiver);
    result_properties(b, f);
}

static void results(sbuf *b, sarif_ctx *c, const pa_report *r, const result_set *rs)
{
    sb_puts(b, "      \"results\": [");
    const char *last = NULL;
    int index = -1;
    bool first = true;
    for (size_t i = 0; i < r->all.n; i++) {
        const pa_finding *f = &r->all.v[i];
        if (rs->keep && !rs->keep[i])
            continue;
        if (!last || strcmp(last, f->rule) != 0) {
            last = f->rule;
            index = -1;
            for (int k = 0; k < r->nrules; k++)
                if (strcmp(r->reg->v[r->order[k]].id, f->rule) == 0)
                    index = k;
        }
        if (first)
            EM_LIT(b, "\n        ");
        else
            EM_LIT(b, ",\n        ");
        first = false;
        result(b, c, f, index);
        out_flush(b); /* streamed: the report is never whole in memory */
    }
    sb_puts(b, first ? "],\n" : "\n      ],\n");
}

static void resolved(sbuf *b, const pa_report *r)
{
    sb_puts(b, ", \"baseline\": {");
    kv_str(b, "file", r->baseline_path, true);
    kv_str(b, "as_of", r->baseline_as_of[0] ? r->baseline_as_of : NULL, true);
    sb_printf(b, "\"new\": %zu, \"existing\": %zu, ", r->nnew, r->nexisting);
    if (r->history)
        sb_printf(b, "\"reopened\": %zu, ", r->nreopened);
    sb_puts(b, "\"resolved\": [");
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
        out_flush(b);
    }
    sb_puts(b, r->nresolved ? "\n        ]}" : "]}");
}

/* "truncated": what SARIF_MAX_RESULTS left out. */
static void truncated(sbuf *b, const result_set *rs, size_t total)
{
    sb_printf(b,
              ", \"truncated\": {\"limit\": %d, \"findings\": %zu, \"results\": %zu, \"left_out\": {\"critical\": %zu, "
              "\"error\": %zu, \"warning\": %zu, \"info\": %zu}}",
              SARIF_MAX_RESULTS, total, rs->written, rs->left_sev[SEV_CRITICAL], rs->left_sev[SEV_ERROR],
              rs->left_sev[SEV_WARNING], rs->left_sev[SEV_INFO]);
}

/* run.properties: T, the data folder, the summary of the JSON report, the
 * part of a --split-by run, what a truncation left out, and the baseline
 * with the findings it had that this run no longer has. */
static void run_properties(sbuf *b, const pa_report *r, const result_set *rs)
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
    if (r->part) {
        sb_puts(b, ", \"split\": {");
        kv_str(b, "by", r->part->by, true);
        kv_str(b, "name", r->part->name, false);
        sb_putc(b, '}');
    }
    if (rs->left)
        truncated(b, rs, r->all.n);
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
    sarif_ctx c;
    ctx_init(&c, o);
    result_set rs;
    choose_results(r, &rs);
    rs.outside = count_outside(&c, r);
    sb_puts(b, "{\n  \"$schema\": \"" SARIF_SCHEMA "\",\n  \"version\": \"2.1.0\",\n  \"runs\": [\n    {\n");
    driver(b, r);
    invocation(b, &c, r, &rs);
    base_ids(b);
    artifacts(b, &c, r);
    results(b, &c, r, &rs);
    run_properties(b, r, &rs);
    sb_puts(b, "    }\n  ]\n}\n");
    free(rs.keep);
    ctx_free(&c);
}
