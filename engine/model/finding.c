/*
 * model/finding.c - the finding list: severities, append (one string block
 * per finding), the projects a finding names, merge. Sorting into report
 * order and fingerprints are collect/findings_sort.c.
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

void fnd_free(pa_findings *l)
{
    for (size_t i = 0; i < l->n; i++)
        fnd_clear(&l->v[i]);
    free(l->v);
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

void fnd_set_projects(pa_finding *f, const char *const *ids, int n)
{
    for (int i = 0; i < f->nprojects; i++)
        free(f->projects[i]);
    free(f->projects);
    f->projects = NULL;
    f->nprojects = 0;
    if (n <= 0)
        return;
    f->projects = xmalloc((size_t)n * sizeof *f->projects);
    for (int i = 0; i < n; i++)
        if (ids[i])
            f->projects[f->nprojects++] = xstrdup(ids[i]);
    if (f->nprojects > 1)
        qsort(f->projects, (size_t)f->nprojects, sizeof *f->projects, cmp_strp);
    int k = 0;
    for (int i = 0; i < f->nprojects; i++) {
        if (k > 0 && strcmp(f->projects[k - 1], f->projects[i]) == 0)
            free(f->projects[i]);
        else
            f->projects[k++] = f->projects[i];
    }
    f->nprojects = k;
}

void fnd_move(pa_findings *dst, pa_findings *src)
{
    GROW(dst->v, dst->cap, dst->n + src->n);
    if (src->n)
        memcpy(dst->v + dst->n, src->v, src->n * sizeof *src->v);
    dst->n += src->n;
    free(src->v);
    fnd_init(src);
}
