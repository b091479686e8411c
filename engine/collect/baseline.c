/*
 * collect/baseline.c - reading a previous report and marking findings against it.
 * The baseline's fingerprints are interned in a string pool, so each finding
 * of this run costs one hash lookup.
 */
#include "collect/baseline.h"
#include "core/json_read.h"
#include "core/strpool.h"
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

static char *dup_field(const jv *o, const char *k)
{
    const char *s = jv_str(o, k);
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

static void add_resolved(pa_report *r, const jv *f, const char *as_of, size_t *cap)
{
    GROW(r->resolved, *cap, r->nresolved + 1);
    pa_resolved *x = &r->resolved[r->nresolved++];
    memset(x, 0, sizeof *x);
    x->rule = dup_field(f, "rule");
    x->severity = dup_field(f, "severity");
    x->table = dup_field(f, "table");
    x->key = dup_field(f, "key");
    x->project_id = dup_field(f, "project_id");
    x->file = dup_field(f, "file");
    x->column = dup_field(f, "column");
    x->message = dup_field(f, "message");
    x->fingerprint = dup_field(f, "fingerprint");
    const char *fs = jv_str(f, "first_seen");
    x->first_seen = xstrdup(fs ? fs : as_of);
    const jv *line = jv_get(f, "line");
    x->line = line && line->type == JV_NUMBER ? (uint32_t)line->num : 0;
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
    b->path = path;
    b->doc = doc;
    b->as_of = as_of;
    return 0;
}

int baseline_tables(const pa_baseline *b, dat_rows **out)
{
    *out = NULL;
    const jv *tables = jv_get(jv_get(b->doc, "data"), "tables");
    if (!tables || tables->type != JV_OBJECT)
        return -1;
    int n = 0;
    *out = xmalloc((tables->n + 1) * sizeof **out);
    for (size_t i = 0; i < tables->n; i++) {
        const jv *rows = jv_get(&tables->items[i], "rows");
        if (rows && rows->type == JV_NUMBER && rows->num >= 0 && rows->num < 1e15)
            (*out)[n++] = (dat_rows){tables->keys[i], (size_t)rows->num};
    }
    return n;
}

void baseline_free(pa_baseline *b)
{
    jv_free(b->doc);
    memset(b, 0, sizeof *b);
}

void baseline_apply(pa_report *r, const pa_baseline *b)
{
    const jv *findings = jv_get(b->doc, "findings");
    const char *as_of = b->as_of;
    pa_date d;
    r->baseline_path = b->path;
    snprintf(r->baseline_as_of, sizeof r->baseline_as_of, "%s", as_of);
    strpool fps;
    sp_init(&fps);
    size_t nb = findings->n;
    uint32_t *index_of = xmalloc((nb + 2) * sizeof *index_of); /* fingerprint id -> baseline index */
    for (size_t i = 0; i < nb; i++) {
        const char *fp = jv_str(&findings->items[i], "fingerprint");
        if (!fp)
            continue;
        uint32_t id = sp_intern(&fps, fp, strlen(fp));
        if (id < nb + 2)
            index_of[id] = (uint32_t)i;
    }
    bool *seen = xcalloc(nb + 1, 1);
    for (size_t k = 0; k < r->all.n; k++) {
        pa_finding *f = &r->all.v[k];
        uint32_t id = sp_find(&fps, f->fingerprint, strlen(f->fingerprint));
        if (!id) {
            f->baseline = BL_NEW;
            r->nnew++;
            continue;
        }
        const jv *old = &findings->items[index_of[id]];
        seen[index_of[id]] = true;
        f->baseline = BL_EXISTING;
        r->nexisting++;
        const char *fs = jv_str(old, "first_seen");
        const char *keep = fs && val_parse_date(fs, strlen(fs), &d) ? fs : as_of;
        snprintf(f->first_seen, sizeof f->first_seen, "%s", keep);
    }
    size_t cap = 0;
    const char *last_rule = NULL; /* a report lists findings rule by rule: judge each rule once */
    bool last_judged = false;
    for (size_t i = 0; i < nb; i++) {
        const jv *old = &findings->items[i];
        const char *rule = jv_str(old, "rule");
        if (seen[i] || !rule || !jv_str(old, "fingerprint"))
            continue;
        if (!last_rule || strcmp(last_rule, rule) != 0) {
            last_rule = rule;
            last_judged = judged(r, rule);
        }
        if (last_judged)
            add_resolved(r, old, as_of, &cap);
    }
    free(seen);
    free(index_of);
    sp_free(&fps);
}
