/*
 * collect/baseline.c - reading a previous report and marking findings
 * against it. A JSON report is read into the same list of findings that
 * history/ fills from the database, so both kinds of baseline mark a run
 * the same way. The baseline's entries are indexed by fingerprint in an
 * open-addressing table (built on history/'s reading thread when the
 * baseline is a history's), so each finding of this run costs one hash
 * lookup. A history's entries carry only fingerprint and first_seen; the
 * rest is filled in for the resolved candidates alone (b->fill).
 */
#include "collect/baseline.h"
#include "core/json_read.h"
#include "core/util.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *read_all(const char *path, size_t *len, char **err)
{
    char *text = read_whole_file(path, len);
    if (!text)
        *err = xasprintf("%s: cannot read the baseline: %s", path, xstrerror(errno));
    return text;
}

static char *dup_or_null(const char *s)
{
    return s ? xstrdup(s) : NULL;
}

/* Did this run judge the rule (ran to the end, every finding kept)? */
static bool judged(const pa_report *r, const char *rule)
{
    for (int k = 0; k < r->nrules; k++) {
        const pa_rule *x = &r->reg->v[r->order[k]];
        const pa_result *res = &r->results[r->order[k]];
        if (strcmp(x->id, rule) == 0)
            return (res->status == ST_PASSED || res->status == ST_FAILED) && res->dropped == 0;
    }
    return false;
}

static void copy_entry(pa_resolved *to, const pa_resolved *x)
{
    to->rule = dup_or_null(x->rule);
    to->severity = dup_or_null(x->severity);
    to->table = dup_or_null(x->table);
    to->key = dup_or_null(x->key);
    to->project_id = dup_or_null(x->project_id);
    to->file = dup_or_null(x->file);
    to->column = dup_or_null(x->column);
    to->message = dup_or_null(x->message);
    to->fingerprint = dup_or_null(x->fingerprint);
    to->first_seen = dup_or_null(x->first_seen);
    to->line = x->line;
}

static void clear_entry(pa_resolved *x)
{
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

void baseline_init(pa_baseline *b, const char *path, const char *as_of)
{
    memset(b, 0, sizeof *b);
    b->path = xstrdup(path);
    snprintf(b->as_of, sizeof b->as_of, "%s", as_of);
    b->ntables = -1;
}

void baseline_add(pa_baseline *b, const pa_resolved *x)
{
    GROW(b->v, b->cap, b->n + 1);
    copy_entry(&b->v[b->n++], x);
}

void baseline_fill(pa_resolved *x, const pa_resolved *from)
{
    char *fp = x->fingerprint, *fs = x->first_seen;
    pa_resolved copy = *from;
    copy.fingerprint = copy.first_seen = NULL;
    copy_entry(x, &copy);
    x->fingerprint = fp;
    x->first_seen = fs;
}

pa_resolved *baseline_add_keys(pa_baseline *b, size_t n)
{
    GROW(b->v, b->cap, b->n + n + 1);
    memset(b->v + b->n, 0, n * sizeof *b->v);
    b->n += n;
    b->keyed = b->n;
    return b->v + b->n - n;
}

#define KEEP_BLOCK (1u << 20)

char *baseline_keep(pa_baseline *b, const char *s, size_t n)
{
    if (!b->nblocks || b->block_used + n + 1 > KEEP_BLOCK) {
        b->blocks = xrealloc(b->blocks, (b->nblocks + 1) * sizeof *b->blocks);
        b->blocks[b->nblocks++] = xmalloc(n + 1 > KEEP_BLOCK ? n + 1 : KEEP_BLOCK);
        b->block_used = 0;
    }
    char *p = b->blocks[b->nblocks - 1] + b->block_used;
    memcpy(p, s, n);
    p[n] = '\0';
    b->block_used += n + 1 > KEEP_BLOCK ? KEEP_BLOCK : n + 1;
    return p;
}

void baseline_add_table(pa_baseline *b, const char *name, size_t rows)
{
    int n = b->ntables < 0 ? 0 : b->ntables;
    b->names = xrealloc(b->names, (size_t)(n + 1) * sizeof *b->names);
    b->rows = xrealloc(b->rows, (size_t)(n + 1) * sizeof *b->rows);
    b->names[n] = xstrdup(name);
    b->rows[n] = rows;
    b->ntables = n + 1;
}

/* A report's findings that have a fingerprint; first_seen falls back to
 * the report's date when missing or not a date. */
static void take_findings(pa_baseline *b, const jv *findings)
{
    pa_date d;
    for (size_t i = 0; i < findings->n; i++) {
        const jv *f = &findings->items[i];
        const char *fp = jv_str(f, "fingerprint"), *fs = jv_str(f, "first_seen");
        if (!fp)
            continue;
        const jv *line = jv_get(f, "line");
        pa_resolved x = {.rule = (char *)jv_str(f, "rule"), .severity = (char *)jv_str(f, "severity"),
                         .table = (char *)jv_str(f, "table"), .key = (char *)jv_str(f, "key"),
                         .project_id = (char *)jv_str(f, "project_id"), .file = (char *)jv_str(f, "file"),
                         .column = (char *)jv_str(f, "column"), .message = (char *)jv_str(f, "message"),
                         .fingerprint = (char *)fp,
                         .first_seen = (char *)(fs && val_parse_date(fs, strlen(fs), &d) ? fs : b->as_of),
                         .line = line && line->type == JV_NUMBER ? (uint32_t)line->num : 0};
        baseline_add(b, &x);
    }
}

static void take_tables(pa_baseline *b, const jv *doc)
{
    const jv *tables = jv_get(jv_get(doc, "data"), "tables");
    if (!tables || tables->type != JV_OBJECT)
        return;
    b->ntables = 0;
    for (size_t i = 0; i < tables->n; i++) {
        const jv *rows = jv_get(&tables->items[i], "rows");
        if (rows && rows->type == JV_NUMBER && rows->num >= 0 && rows->num < 1e15)
            baseline_add_table(b, tables->keys[i], (size_t)rows->num);
    }
}

int baseline_load(pa_baseline *b, const char *path, char **err)
{
    memset(b, 0, sizeof *b);
    size_t len;
    char *text = read_all(path, &len, err);
    if (!text)
        return -1;
    char *perr = NULL;
    jv *doc = jv_parse(text, len, &perr);
    free(text);
    if (!doc) {
        *err = xasprintf("%s: not valid JSON: %s", path, perr);
        free(perr);
        return -1;
    }
    const jv *findings = jv_get(doc, "findings");
    const char *as_of = jv_str(doc, "as_of");
    pa_date d;
    if (!findings || findings->type != JV_ARRAY || !as_of || !val_parse_date(as_of, strlen(as_of), &d)) {
        *err = xasprintf("%s: not a pmoaudit JSON report (it needs \"as_of\" and \"findings\"); give the "
                         "report.json of an earlier run", path);
        jv_free(doc);
        return -1;
    }
    const jv *sv = jv_get(doc, "schema_version"); /* absent in reports before 0.2.0 */
    if (sv && (sv->type != JV_NUMBER || sv->num > PA_REPORT_SCHEMA)) {
        *err = xasprintf("%s: the report's schema_version is newer than the %d this pmoaudit reads; give a "
                         "baseline written by this version, or upgrade pmoaudit", path, PA_REPORT_SCHEMA);
        jv_free(doc);
        return -1;
    }
    baseline_init(b, path, as_of);
    take_findings(b, findings);
    take_tables(b, doc);
    jv_free(doc);
    return 0;
}

int baseline_tables(const pa_baseline *b, dat_rows **out)
{
    *out = NULL;
    if (b->ntables < 0)
        return -1;
    *out = xmalloc(((size_t)b->ntables + 1) * sizeof **out);
    for (int i = 0; i < b->ntables; i++)
        (*out)[i] = (dat_rows){b->names[i], b->rows[i]};
    return b->ntables;
}

void baseline_free(pa_baseline *b)
{
    if (b->ready)
        b->ready(b->fill_ctx, NULL);
    for (size_t i = 0; i < b->n; i++) {
        if (i < b->keyed) /* baseline_keep's: freed with the blocks */
            b->v[i].fingerprint = b->v[i].first_seen = NULL;
        clear_entry(&b->v[i]);
    }
    for (size_t i = 0; i < b->nblocks; i++)
        free(b->blocks[i]);
    free(b->slots);
    free(b->blocks);
    for (int i = 0; i < b->ntables; i++)
        free(b->names[i]);
    free(b->v);
    free(b->names);
    free(b->rows);
    free(b->path);
    free(b->match);
    memset(b, 0, sizeof *b);
}

/* The resolved findings of a history's baseline in a fixed order: by rule
 * (as a report lists them), then fingerprint. */
static int by_rule_fingerprint(const void *a, const void *b)
{
    const pa_resolved *x = a, *y = b;
    int c = strcmp(x->rule, y->rule);
    return c ? c : strcmp(x->fingerprint, y->fingerprint);
}

/* A string's hash for the fingerprint index: 8 bytes at a time. */
static uint64_t fp_hash(const char *s, size_t n)
{
    uint64_t h = 0x9e3779b97f4a7c15ULL ^ n;
    for (; n >= 8; n -= 8, s += 8) {
        uint64_t w;
        memcpy(&w, s, 8);
        h = (h ^ w) * 0xff51afd7ed558ccdULL;
        h ^= h >> 32;
    }
    uint64_t w = 0;
    memcpy(&w, s, n);
    h = (h ^ w) * 0xc4ceb9fe1a85ec53ULL;
    return h ^ (h >> 29);
}

/* The entry with this fingerprint (the last one when several), or -1. */
static long find_entry(const pa_baseline *b, const char *fp)
{
    if (!b->slots)
        return -1;
    size_t n = strlen(fp);
    for (size_t i = fp_hash(fp, n) & b->mask;; i = (i + 1) & b->mask) {
        uint32_t at = b->slots[i];
        if (!at)
            return -1;
        if (strcmp(b->v[at - 1].fingerprint, fp) == 0)
            return (long)at - 1;
    }
}

/* Mark one finding of this run: existing (first_seen carried), or new,
 * and then reopened when the history saw it in an earlier run. Returns 1 +
 * the baseline entry it matched, 0 when new. */
static uint32_t mark(pa_report *r, const pa_baseline *b, pa_finding *f, bool *seen)
{
    long at = find_entry(b, f->fingerprint);
    if (at < 0) {
        f->baseline = BL_NEW;
        r->nnew++;
        if (b->seen_before && b->seen_before(b->seen_ctx, f->fingerprint)) {
            f->reopened = true;
            r->nreopened++;
        }
        return 0;
    }
    const pa_resolved *old = &b->v[at];
    seen[at] = true;
    f->baseline = BL_EXISTING;
    r->nexisting++;
    const char *fs = old->first_seen ? old->first_seen : b->as_of;
    size_t n = strnlen(fs, sizeof f->first_seen - 1);
    memcpy(f->first_seen, fs, n);
    f->first_seen[n] = '\0';
    return (uint32_t)at + 1;
}

/* An open-addressing table of the entries by fingerprint, sized at twice
 * their number: one probe or two per finding of the run. */
void baseline_index(pa_baseline *b)
{
    if (b->slots || !b->n)
        return;
    size_t cap = 16;
    while (cap < 2 * b->n)
        cap *= 2;
    b->slots = xcalloc(cap, sizeof *b->slots);
    b->mask = cap - 1;
    for (size_t e = 0; e < b->n && e < UINT32_MAX - 1; e++) {
        const char *fp = b->v[e].fingerprint;
        size_t i = fp_hash(fp, strlen(fp)) & b->mask;
        while (b->slots[i] && strcmp(b->v[b->slots[i] - 1].fingerprint, fp) != 0)
            i = (i + 1) & b->mask;
        b->slots[i] = (uint32_t)e + 1; /* a repeated fingerprint: the last entry */
    }
}

/* Let b->fill complete the entries no finding matched (a history's
 * entries carry only fingerprint and first_seen until then). */
static int fill_unseen(pa_baseline *b, const bool *seen, char **err)
{
    if (!b->fill)
        return 0;
    size_t *idx = xmalloc((b->n + 1) * sizeof *idx), n = 0;
    for (size_t i = 0; i < b->n; i++)
        if (!seen[i] && !b->v[i].rule)
            idx[n++] = i;
    int rc = n ? b->fill(b->fill_ctx, b, idx, n, err) : 0;
    free(idx);
    return rc;
}

int baseline_apply(pa_report *r, pa_baseline *b, char **err)
{
    if (b->ready && b->ready(b->fill_ctx, err) != 0)
        return -1;
    r->baseline_path = b->path;
    r->history = b->seen_before != NULL;
    snprintf(r->baseline_as_of, sizeof r->baseline_as_of, "%s", b->as_of);
    baseline_index(b);
    size_t nb = b->n;
    bool *seen = xcalloc(nb + 1, 1);
    free(b->match);
    b->match = b->want_match ? xcalloc(r->all.n + 1, sizeof *b->match) : NULL;
    for (size_t k = 0; k < r->all.n; k++) {
        uint32_t at = mark(r, b, &r->all.v[k], seen);
        if (b->match)
            b->match[k] = at;
    }
    int rc = fill_unseen(b, seen, err);
    size_t cap = 0;
    const char *last_rule = NULL; /* a report lists findings rule by rule: judge each rule once */
    bool last_judged = false;
    for (size_t i = 0; i < nb && rc == 0; i++) {
        const pa_resolved *old = &b->v[i];
        if (seen[i] || !old->rule)
            continue;
        if (!last_rule || strcmp(last_rule, old->rule) != 0) {
            last_rule = old->rule;
            last_judged = judged(r, old->rule);
        }
        if (last_judged) {
            GROW(r->resolved, cap, r->nresolved + 1);
            copy_entry(&r->resolved[r->nresolved++], old);
        }
    }
    if (b->sort_resolved && r->nresolved > 1) /* a history's rows come in storage order */
        qsort(r->resolved, r->nresolved, sizeof *r->resolved, by_rule_fingerprint);
    free(seen);
    return rc;
}
