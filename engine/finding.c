/*
 * finding.c - the finding list: append, merge, sort, fingerprint.
 */
#include "finding.h"
#include "util.h"

#include <stdio.h>
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
    free(f->table);
    free(f->key);
    free(f->project_id);
    free(f->column);
    free(f->value);
    free(f->message);
    free(f->disc);
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

static char *dup_or_null(const char *s)
{
    return s ? xstrdup(s) : NULL;
}

pa_finding *fnd_add(pa_findings *l, const char *rule, pa_sev sev, const char *table, const char *key,
                    const char *project_id, const char *file, uint32_t line, const char *column,
                    const char *value, const char *message, const char *disc)
{
    GROW(l->v, l->cap, l->n + 1);
    pa_finding *f = &l->v[l->n++];
    memset(f, 0, sizeof *f);
    f->rule = rule;
    f->sev = sev;
    f->table = dup_or_null(table);
    f->key = dup_or_null(key);
    f->project_id = dup_or_null(project_id);
    f->file = file;
    f->line = line;
    f->column = dup_or_null(column);
    f->value = dup_or_null(value);
    f->message = dup_or_null(message);
    f->disc = dup_or_null(disc);
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

static int cmp_str(const char *a, const char *b)
{
    return strcmp(a ? a : "", b ? b : "");
}

/* Report order: rule, table, key, column, discriminator, then line and
 * message so that the order is total and two runs agree byte for byte. */
int fnd_compare(const pa_finding *a, const pa_finding *b)
{
    int c;
    if ((c = strcmp(a->rule, b->rule)))
        return c;
    if ((c = cmp_str(a->table, b->table)))
        return c;
    if ((c = cmp_str(a->key, b->key)))
        return c;
    if ((c = cmp_str(a->column, b->column)))
        return c;
    if ((c = cmp_str(a->disc, b->disc)))
        return c;
    if (a->line != b->line)
        return a->line < b->line ? -1 : 1;
    if ((c = cmp_str(a->message, b->message)))
        return c;
    return cmp_str(a->value, b->value);
}

static int qcmp(const void *a, const void *b)
{
    return fnd_compare(a, b);
}

static uint64_t hash_field(uint64_t h, const char *s)
{
    h = hash_bytes(s ? s : "", s ? strlen(s) : 0, h);
    return hash_bytes("\x1f", 1, h);
}

/*
 * The fingerprint hashes rule, table, key, column and discriminator. When
 * several findings share all five (say, two rows with the same duplicated
 * key), an occurrence number tells them apart; sorting puts such findings
 * next to each other, so the number is stable under row reordering.
 */
static void fingerprint(pa_finding *f, unsigned occurrence)
{
    uint64_t h1 = 0x9e3779b97f4a7c15ULL, h2 = 0xc2b2ae3d27d4eb4fULL;
    const char *parts[] = {f->rule, f->table, f->key, f->column, f->disc};
    for (int i = 0; i < 5; i++) {
        h1 = hash_field(h1, parts[i]);
        h2 = hash_field(h2 ^ (uint64_t)(i + 1) * 0x100000001b3ULL, parts[i]);
    }
    if (occurrence) {
        h1 = hash_bytes(&occurrence, sizeof occurrence, h1);
        h2 = hash_bytes(&occurrence, sizeof occurrence, h2);
    }
    snprintf(f->fingerprint, sizeof f->fingerprint, "%016llx%016llx", (unsigned long long)h1,
             (unsigned long long)h2);
}

static bool same_identity(const pa_finding *a, const pa_finding *b)
{
    return strcmp(a->rule, b->rule) == 0 && !cmp_str(a->table, b->table) && !cmp_str(a->key, b->key) &&
           !cmp_str(a->column, b->column) && !cmp_str(a->disc, b->disc);
}

void fnd_finalize(pa_findings *l)
{
    if (l->n > 1)
        qsort(l->v, l->n, sizeof *l->v, qcmp);
    unsigned occ = 0;
    for (size_t i = 0; i < l->n; i++) {
        occ = (i > 0 && same_identity(&l->v[i - 1], &l->v[i])) ? occ + 1 : 0;
        fingerprint(&l->v[i], occ);
    }
}
