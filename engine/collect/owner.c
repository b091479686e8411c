/*
 * collect/owner.c - the owner of each finding: the project manager of its
 * project_id, as projects.csv names them. A finding about several projects
 * (a resource booked on two) has the owner of its own project_id; the
 * other projects' managers see it in their --split-by report (collect/split.c).
 * Findings about no project, or about a project with a blank manager or
 * one projects.csv lacks, have none (NULL; JSON null, an empty CSV cell).
 */
#include "collect/owner.h"
#include "core/util.h"

#include <stdlib.h>
#include <string.h>

typedef struct {
    char *id, *name;
    size_t row;
} owner_row;

static int cmp_row(const void *a, const void *b)
{
    const owner_row *x = a, *y = b;
    int c = strcmp(x->id, y->id);
    return c ? c : x->row < y->row ? -1 : x->row > y->row;
}

/* A cell as trimmed text, or NULL when it is null or blank. */
static char *cell(const pa_table *t, int col, size_t r)
{
    char buf[64];
    size_t n = 0;
    const char *s = col < 0 ? NULL : tab_cell_text(t, col, r, buf, sizeof buf, &n);
    if (!s)
        return NULL;
    str_trim(&s, &n);
    return n ? xstrndup(s, n) : NULL;
}

void owners_load(pa_owners *o, const pa_store *st)
{
    memset(o, 0, sizeof *o);
    const pa_table *t = store_table(st, "projects");
    int ci = t ? tab_column(t, "project_id") : -1;
    if (ci < 0)
        return;
    int cm = tab_column(t, "manager");
    owner_row *rows = xmalloc((t->nrows + 1) * sizeof *rows);
    size_t n = 0;
    for (size_t r = 0; r < t->nrows; r++) {
        char *id = cell(t, ci, r);
        if (id)
            rows[n++] = (owner_row){id, cell(t, cm, r), r};
    }
    qsort(rows, n, sizeof *rows, cmp_row);
    o->ids = xmalloc((n + 1) * sizeof *o->ids);
    o->names = xmalloc((n + 1) * sizeof *o->names);
    for (size_t i = 0; i < n; i++) {
        if (o->n && strcmp(o->ids[o->n - 1], rows[i].id) == 0) {
            free(rows[i].id);
            free(rows[i].name);
            continue;
        }
        o->ids[o->n] = rows[i].id;
        o->names[o->n++] = rows[i].name;
    }
    free(rows);
}

long owners_find(const pa_owners *o, const char *id)
{
    if (!id)
        return -1;
    size_t lo = 0, hi = o->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(o->ids[mid], id);
        if (c == 0)
            return (long)mid;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return -1;
}

const char *owners_of(const pa_owners *o, const char *id)
{
    long k = owners_find(o, id);
    return k < 0 ? NULL : o->names[k];
}

void owners_apply(const pa_owners *o, pa_findings *all)
{
    const char *last = NULL, *owner = NULL; /* findings of one project often follow each other */
    for (size_t i = 0; i < all->n; i++) {
        pa_finding *f = &all->v[i];
        if (!f->project_id) {
            f->owner = NULL;
            continue;
        }
        if (!last || strcmp(last, f->project_id) != 0) {
            last = f->project_id;
            owner = owners_of(o, last);
        }
        f->owner = owner;
    }
}

void owners_free(pa_owners *o)
{
    for (size_t i = 0; i < o->n; i++) {
        free(o->ids[i]);
        free(o->names[i]);
    }
    free(o->ids);
    free(o->names);
    memset(o, 0, sizeof *o);
}
