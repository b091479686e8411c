/*
 * model/finding.c - the finding list: severities, append (one string block
 * per finding), the projects a finding names, merge; and the packed form
 * the rules' findings are kept in until the report is built. Sorting into
 * report order and fingerprints are collect/findings_sort.c.
 */
#include "model/finding.h"
#include "core/util.h"

#include <stdlib.h>
#include <string.h>

static const char *const sev_names[] = {"info", "warning", "error", "critical", "never"};

const char *sev_name(pa_sev s)
{
    return sev_names[s];
}

int sev_parse(const char *s, bool allow_never)
{
    for (int i = 0; i < 5; i++)
        if (strcmp(s, sev_names[i]) == 0)
            return (i == SEV_NEVER && !allow_never) ? -1 : i;
    return -1;
}

void fnd_init(pa_findings *l)
{
    memset(l, 0, sizeof *l);
}

void fnd_clear(pa_finding *f)
{
    free(f->strs);
    for (int i = 0; i < f->nprojects; i++)
        free(f->projects[i]);
    free(f->projects);
}

struct pa_fpack_blk {
    struct pa_fpack_blk *next;
    size_t len, cap;
    char data[];
};

static void free_blocks(struct pa_fpack_blk *b)
{
    while (b) {
        struct pa_fpack_blk *next = b->next;
        free(b);
        b = next;
    }
}

void fnd_free(pa_findings *l)
{
    for (size_t i = 0; i < l->n; i++)
        fnd_clear(&l->v[i]);
    free(l->v);
    free_blocks(l->blocks);
    fnd_init(l);
}

/*
 * A finding's seven strings live in one block, allocated once: a run can
 * keep a hundred thousand findings per rule, and seven malloc/free pairs
 * each (plus the allocator's per-chunk overhead) were a good part of what
 * ctx.report() cost. The fields point into the block; NULL stays NULL.
 */
pa_finding *fnd_add(pa_findings *l, const char *rule, pa_sev sev, const char *table, const char *key,
                    const char *project_id, const char *file, uint32_t line, const char *column,
                    const char *value, const char *message, const char *disc)
{
    const char *src[7] = {table, key, project_id, column, value, message, disc};
    size_t len[7], total = 0;
    for (int i = 0; i < 7; i++) {
        len[i] = src[i] ? strlen(src[i]) + 1 : 0;
        total += len[i];
    }
    GROW(l->v, l->cap, l->n + 1);
    pa_finding *f = &l->v[l->n++];
    memset(f, 0, sizeof *f);
    f->rule = rule;
    f->sev = sev;
    f->file = file;
    f->line = line;
    char *p = f->strs = total ? xmalloc(total) : NULL;
    char **dst[7] = {&f->table, &f->key, &f->project_id, &f->column, &f->value, &f->message, &f->disc};
    for (int i = 0; i < 7; i++) {
        if (!src[i])
            continue;
        memcpy(p, src[i], len[i]);
        *dst[i] = p;
        p += len[i];
    }
    return f;
}

static int cmp_strp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int fnd_sort_projects(const char **ids, int n)
{
    int k = 0;
    for (int i = 0; i < n; i++)
        if (ids[i])
            ids[k++] = ids[i];
    if (k > 1)
        qsort(ids, (size_t)k, sizeof *ids, cmp_strp);
    int m = 0;
    for (int i = 0; i < k; i++)
        if (m == 0 || strcmp(ids[m - 1], ids[i]) != 0)
            ids[m++] = ids[i];
    return m;
}

void fnd_set_projects(pa_finding *f, const char *const *ids, int n)
{
    for (int i = 0; i < f->nprojects; i++)
        free(f->projects[i]);
    free(f->projects);
    f->projects = NULL;
    f->nprojects = 0;
    if (n <= 0)
        return;
    const char **v = xmalloc((size_t)n * sizeof *v);
    memcpy(v, ids, (size_t)n * sizeof *v);
    int k = fnd_sort_projects(v, n);
    f->projects = xmalloc((size_t)n * sizeof *f->projects);
    for (int i = 0; i < k; i++)
        f->projects[i] = xstrdup(v[i]);
    f->nprojects = k;
    free(v);
}

/* Put the chain of blocks b in front of *to. */
static void chain_blocks(struct pa_fpack_blk *b, struct pa_fpack_blk **to)
{
    if (!b)
        return;
    struct pa_fpack_blk *end = b;
    while (end->next)
        end = end->next;
    end->next = *to;
    *to = b;
}

void fnd_move(pa_findings *dst, pa_findings *src)
{
    GROW(dst->v, dst->cap, dst->n + src->n);
    if (src->n)
        memcpy(dst->v + dst->n, src->v, src->n * sizeof *src->v);
    dst->n += src->n;
    chain_blocks(src->blocks, &dst->blocks);
    free(src->v);
    fnd_init(src);
}

void fpack_init(pa_fpack *p)
{
    memset(p, 0, sizeof *p);
}

void fpack_free(pa_fpack *p)
{
    free_blocks(p->first);
    fpack_init(p);
}

/* A record's head, before its strings: 16 bytes, copied in and out with
 * memcpy (records are not aligned). */
typedef struct {
    uint32_t line;
    uint32_t bits; /* bits 0-6: string i of table, key, project_id, column, value, message,
                      disc is there; 7-9: the severity; 10-31: how many projects */
    const char *file;
} fpack_head;

#define FPACK_MAX_PROJECTS ((1u << 22) - 1)

#define FPACK_BLOCK ((size_t)1 << 20)

/* Room for n more bytes at the end of p's last block (a new block when it
 * has none: a megabyte, or the record's size when bigger). */
static char *fpack_room(pa_fpack *p, size_t n)
{
    struct pa_fpack_blk *b = p->last;
    if (!b || b->cap - b->len < n) {
        size_t cap = n > FPACK_BLOCK ? n : FPACK_BLOCK;
        b = xmalloc(sizeof *b + cap);
        b->next = NULL;
        b->len = 0;
        b->cap = cap;
        if (p->last)
            p->last->next = b;
        else
            p->first = b;
        p->last = b;
    }
    char *at = b->data + b->len;
    b->len += n;
    return at;
}

size_t fpack_add(pa_fpack *p, pa_sev sev, const char *table, const char *key, const char *project_id,
                 const char *file, uint32_t line, const char *column, const char *value, const char *message,
                 const char *disc, const char *const *projects, int nprojects)
{
    const char *src[7] = {table, key, project_id, column, value, message, disc};
    size_t len[7], strs = 0, pl = 0;
    uint32_t np = nprojects > 0 ? (uint32_t)nprojects : 0;
    if (np > FPACK_MAX_PROJECTS) /* four million: the rules' API stops at 100,000 */
        np = FPACK_MAX_PROJECTS;
    fpack_head h = {line, (uint32_t)sev << 7 | np << 10, file};
    for (int i = 0; i < 7; i++) {
        len[i] = src[i] ? strlen(src[i]) + 1 : 0;
        strs += len[i];
        h.bits |= src[i] ? 1u << i : 0;
    }
    for (uint32_t i = 0; i < np; i++)
        pl += strlen(projects[i]) + 1;
    char *at = fpack_room(p, sizeof h + strs + pl);
    memcpy(at, &h, sizeof h);
    at += sizeof h;
    for (int i = 0; i < 7; i++) {
        memcpy(at, src[i] ? src[i] : "", len[i]);
        at += len[i];
    }
    for (uint32_t i = 0; i < np; i++) {
        size_t n = strlen(projects[i]) + 1;
        memcpy(at, projects[i], n);
        at += n;
    }
    p->n++;
    return sizeof(pa_finding) + strs + pl + (size_t)np * sizeof(char *);
}

/* One record at *at into f; returns the record's end. */
static char *fpack_read(char *at, const char *rule, pa_finding *f)
{
    fpack_head h;
    memcpy(&h, at, sizeof h);
    at += sizeof h;
    memset(f, 0, sizeof *f);
    f->rule = rule;
    f->sev = (pa_sev)(h.bits >> 7 & 7u);
    f->file = h.file;
    f->line = h.line;
    char **dst[7] = {&f->table, &f->key, &f->project_id, &f->column, &f->value, &f->message, &f->disc};
    for (int i = 0; i < 7; i++) {
        if (!(h.bits >> i & 1u))
            continue;
        *dst[i] = at;
        at += strlen(at) + 1;
    }
    int np = (int)(h.bits >> 10);
    if (np) {
        f->projects = xmalloc((size_t)np * sizeof *f->projects);
        for (int i = 0; i < np; i++) {
            f->projects[i] = xstrdup(at);
            at += strlen(at) + 1;
        }
        f->nprojects = np;
    }
    return at;
}

void fpack_unpack(pa_fpack *p, const char *rule, pa_findings *dst)
{
    GROW(dst->v, dst->cap, dst->n + p->n);
    for (struct pa_fpack_blk *b = p->first; b; b = b->next)
        for (char *at = b->data; at < b->data + b->len;)
            at = fpack_read(at, rule, &dst->v[dst->n++]);
    chain_blocks(p->first, &dst->blocks);
    fpack_init(p);
}
