/*
 * collect/split.c - --split-by owner|project (collect/split.h): which
 * findings go into which part, the part's file-name stem, and the report
 * model of one part. The parts are computed on the findings the whole
 * report holds, after baseline and waivers, so a part's report says
 * exactly what the whole report says about its findings: its counts are
 * those of its findings, its exit code is computed from them alone.
 */
#include "collect/split.h"
#include "collect/owner.h"
#include "collect/scope.h"
#include "core/util.h"

#include <stdlib.h>
#include <string.h>

#define STEM_MAX 60

/* The ASCII letter of a Latin-1 letter U+00C0..U+00FF ("é" -> 'e'), so
 * that "Chloé" is report-Chloe; '-' for the two signs among them. */
static char latin1_letter(unsigned cp)
{
    static const char map[] = "AAAAAAACEEEEIIIIDNOOOOO-OUUUUYTsaaaaaaaceeeeiiiidnooooo-ouuuuyty";
    return map[cp - 0xC0];
}

char *split_stem(const char *name)
{
    char *s = xmalloc(strlen(name ? name : "") + 1);
    size_t n = 0;
    for (const unsigned char *p = (const unsigned char *)(name ? name : ""); *p; p++) {
        unsigned c = *p;
        if ((c == 0xC3) && p[1] >= 0x80 && p[1] <= 0xBF) { /* UTF-8 of U+00C0..U+00FF */
            c = (unsigned char)latin1_letter(0xC0 + (p[1] & 0x3F));
            p++;
        }
        bool keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
                    c == '.' || c == '-';
        char out = keep ? (char)c : '-';
        if (out == '-' && n && s[n - 1] == '-')
            continue;
        if ((out == '-' || out == '.') && n == 0)
            continue; /* no leading dot (a hidden file, "..") or dash (an option) */
        s[n++] = out;
    }
    if (n > STEM_MAX)
        n = STEM_MAX;
    while (n && (s[n - 1] == '-' || s[n - 1] == '.'))
        n--;
    s[n] = '\0';
    if (!n) {
        free(s);
        return xstrdup("unnamed");
    }
    return s;
}

/* ---- the stems in use, compared without case ---- */

typedef struct {
    char **v; /* lower-cased stems; NULL slots are free */
    size_t cap, n;
} stem_set;

static uint64_t stem_hash(const char *s)
{
    return hash_bytes(s, strlen(s), 0x5eed);
}

static bool set_has(const stem_set *t, const char *low)
{
    for (size_t i = stem_hash(low) & (t->cap - 1); t->v[i]; i = (i + 1) & (t->cap - 1))
        if (strcmp(t->v[i], low) == 0)
            return true;
    return false;
}

static void set_add(stem_set *t, const char *low)
{
    size_t i = stem_hash(low) & (t->cap - 1);
    while (t->v[i])
        i = (i + 1) & (t->cap - 1);
    t->v[i] = xstrdup(low);
    t->n++;
}

static char *lower(const char *s)
{
    char *l = xstrdup(s);
    for (char *p = l; *p; p++)
        *p = ascii_lower(*p);
    return l;
}

/* Give every part its stem: the first part's is fixed; a stem already
 * taken (by another name, or in another case) gets "-2", "-3", ... */
static void name_parts(pa_split_part *parts, size_t n, bool owner)
{
    stem_set t = {NULL, 16, 0};
    while (t.cap < 2 * n + 2)
        t.cap *= 2;
    t.v = xcalloc(t.cap, sizeof *t.v);
    for (size_t i = 0; i < n; i++) {
        char *base = i ? split_stem(parts[i].name) : xstrdup(owner ? "unassigned" : "no-project");
        char *stem = xstrdup(base);
        char *low = lower(stem);
        for (int k = 2; set_has(&t, low); k++) {
            free(stem);
            free(low);
            stem = xasprintf("%s-%d", base, k);
            low = lower(stem);
        }
        set_add(&t, low);
        free(low);
        free(base);
        parts[i].stem = stem;
    }
    for (size_t i = 0; i < t.cap; i++)
        free(t.v[i]);
    free(t.v);
}

/* ---- which parts a finding is in ---- */

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static bool in_scope(const pa_report *r, const char *id)
{
    if (!id)
        return false;
    if (!r->scope || !r->scope->spec)
        return true;
    return bsearch(&id, r->scope->ids, (size_t)r->scope->nids, sizeof *r->scope->ids, cmp_str) != NULL;
}

/* The part of a project: by its id, or its owner's name; 0 (the first
 * part) when it has no owner. */
static size_t part_of(const pa_report *r, bool owner, const char *id, const char **names, size_t nnames)
{
    const char *key = owner ? owners_of(r->owners, id) : id;
    if (!key || !nnames)
        return 0;
    const char **hit = bsearch(&key, names, nnames, sizeof *names, cmp_str);
    return hit ? (size_t)(hit - names) + 1 : 0;
}

static void push_idx(pa_split_part *p, size_t i)
{
    if (p->n && p->idx[p->n - 1] == i)
        return;
    GROW(p->idx, p->cap, p->n + 1);
    p->idx[p->n++] = i;
}

/* The names the parts are for, sorted and unique. */
static size_t part_names(const pa_report *r, bool owner, const char ***out)
{
    const pa_owners *o = r->owners;
    const char **names = NULL;
    size_t n = 0, cap = 0;
    for (size_t i = 0; i < o->n; i++)
        if (in_scope(r, o->ids[i]) && (!owner || o->names[i])) {
            GROW(names, cap, n + 1);
            names[n++] = owner ? o->names[i] : o->ids[i];
        }
    for (size_t i = 0; !owner && i < r->all.n; i++) { /* ids projects.csv lacks */
        const pa_finding *f = &r->all.v[i];
        for (int k = -1; k < f->nprojects; k++) {
            const char *id = k < 0 ? f->project_id : f->projects[k];
            if (in_scope(r, id) && owners_find(o, id) < 0) {
                GROW(names, cap, n + 1);
                names[n++] = id;
            }
        }
    }
    if (n)
        qsort(names, n, sizeof *names, cmp_str);
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (!k || strcmp(names[k - 1], names[i]) != 0)
            names[k++] = names[i];
    *out = names;
    return k;
}

size_t split_parts(const pa_report *r, const char *by, pa_split_part **out)
{
    bool owner = strcmp(by, "owner") == 0;
    const char **names;
    size_t nn = part_names(r, owner, &names);
    pa_split_part *p = xcalloc(nn + 1, sizeof *p);
    for (size_t i = 0; i <= nn; i++) {
        p[i].by = owner ? "owner" : "project";
        p[i].name = i ? names[i - 1] : NULL;
    }
    for (size_t i = 0; i < r->all.n; i++) {
        const pa_finding *f = &r->all.v[i];
        bool any = false;
        for (int k = -1; k < f->nprojects; k++) {
            const char *id = k < 0 ? f->project_id : f->projects[k];
            if (in_scope(r, id)) {
                push_idx(&p[part_of(r, owner, id, names, nn)], i);
                any = true;
            }
        }
        if (!any)
            push_idx(&p[0], i);
    }
    const pa_owners *o = r->owners;
    for (size_t i = 0; i < o->n; i++) {
        if (!in_scope(r, o->ids[i]))
            continue;
        pa_split_part *q = &p[part_of(r, owner, o->ids[i], names, nn)];
        if (!owner && !q->name)
            continue;
        q->projects = xrealloc(q->projects, (q->nprojects + 1) * sizeof *q->projects);
        q->projects[q->nprojects++] = o->ids[i];
    }
    for (size_t i = 1; !owner && i <= nn; i++)
        if (!p[i].nprojects) { /* an id projects.csv lacks: the part is about it all the same */
            p[i].projects = xmalloc(sizeof *p[i].projects);
            p[i].projects[p[i].nprojects++] = p[i].name;
        }
    free(names);
    name_parts(p, nn + 1, owner);
    *out = p;
    return nn + 1;
}

/* ---- the report of a part ---- */

/* Whether a resolved finding (by its project_id) belongs to the part. */
static bool resolved_in(const pa_report *r, const pa_split_part *p, const pa_resolved *x)
{
    bool owner = strcmp(p->by, "owner") == 0;
    const char *key = !in_scope(r, x->project_id) ? NULL : owner ? owners_of(r->owners, x->project_id) : x->project_id;
    return p->name ? key && strcmp(key, p->name) == 0 : !key;
}

/* Each rule's count, by severity and status, from the part's findings
 * alone; rules that were skipped or errored stay so. */
static pa_result *part_results(const pa_report *r, const pa_findings *all)
{
    int n = r->reg->n;
    pa_result *res = xcalloc((size_t)n + 1, sizeof *res);
    for (int i = 0; i < n; i++) {
        res[i] = r->results[i];
        memset(&res[i].findings, 0, sizeof res[i].findings);
        if (res[i].status == ST_PASSED || res[i].status == ST_FAILED) {
            res[i].status = ST_PASSED;
            res[i].count = res[i].dropped = 0;
            memset(res[i].by_sev, 0, sizeof res[i].by_sev);
        }
    }
    const char *last = NULL;
    int k = -1;
    for (size_t i = 0; i < all->n; i++) {
        const pa_finding *f = &all->v[i];
        if (!last || strcmp(last, f->rule) != 0) {
            last = f->rule;
            k = reg_index(r->reg, f->rule);
        }
        if (k < 0 || (res[k].status != ST_PASSED && res[k].status != ST_FAILED))
            continue;
        res[k].count++;
        res[k].by_sev[f->sev]++;
        res[k].status = ST_FAILED;
    }
    return res;
}

void split_report(const pa_report *r, pa_split_part *part, pa_report *sub)
{
    *sub = *r;
    sub->part = part;
    sub->trend = NULL; /* the history's trend is the whole run's: a part shows none */
    fnd_init(&sub->all);
    sub->all.v = xmalloc((part->n + 1) * sizeof *sub->all.v);
    sub->all.cap = part->n + 1;
    sub->nnew = sub->nexisting = 0;
    for (size_t i = 0; i < part->n; i++) {
        const pa_finding *f = &r->all.v[part->idx[i]];
        sub->all.v[sub->all.n++] = *f; /* the strings stay the whole report's */
        sub->nnew += f->baseline == BL_NEW;
        sub->nexisting += f->baseline == BL_EXISTING;
    }
    sub->results = part_results(r, &sub->all);
    sub->passed = sub->failed = sub->skipped = sub->errored = 0;
    for (int k = 0; k < r->nrules; k++)
        switch (sub->results[r->order[k]].status) {
        case ST_PASSED: sub->passed++; break;
        case ST_FAILED: sub->failed++; break;
        case ST_SKIPPED: sub->skipped++; break;
        case ST_ERRORED: sub->errored++; break;
        }
    sub->resolved = xmalloc((r->nresolved + 1) * sizeof *sub->resolved);
    sub->nresolved = 0;
    for (size_t i = 0; i < r->nresolved; i++)
        if (resolved_in(r, part, &r->resolved[i]))
            sub->resolved[sub->nresolved++] = r->resolved[i];
    report_tally(sub);
    memcpy(part->by_sev, sub->by_sev, sizeof part->by_sev);
    part->waived = sub->waived;
    part->exit_code = sub->exit_code;
}

void split_report_free(pa_report *sub)
{
    free(sub->all.v);
    free((void *)sub->results);
    free(sub->resolved);
    memset(sub, 0, sizeof *sub);
}

void split_free(pa_split_part *parts, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(parts[i].stem);
        free(parts[i].projects);
        free(parts[i].idx);
    }
    free(parts);
}
