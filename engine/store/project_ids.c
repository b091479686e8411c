/*
 * store/project_ids.c - the project ids of projects.csv, sorted and unique,
 * with the flags --project sets. A finding is in scope when its project or
 * one of the projects it names is selected; the evaluation asks this as a
 * rule reports, so an out-of-scope finding is neither counted nor kept and
 * never takes a place under the --max-findings cap. A finding past the cap
 * is counted here by severity and by project, which keeps every count of
 * the reports exact while memory stays bounded by the number of projects.
 */
#include "store/project_ids.h"
#include "core/util.h"

#include <stdlib.h>
#include <string.h>

static int cmp_strp(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

void pids_build(pa_project_ids *p, const pa_store *st)
{
    memset(p, 0, sizeof *p);
    const pa_table *t = store_table(st, "projects");
    int col = t ? tab_column(t, "project_id") : -1;
    if (col < 0 || t->nrows == 0)
        return;
    p->ids = xmalloc(t->nrows * sizeof *p->ids);
    for (size_t r = 0; r < t->nrows; r++) {
        const char *id = tab_text(t, col, r, NULL);
        if (id && *id)
            p->ids[p->n++] = id;
    }
    if (p->n > 1)
        qsort(p->ids, (size_t)p->n, sizeof *p->ids, cmp_strp);
    int k = 0;
    for (int i = 0; i < p->n; i++)
        if (k == 0 || strcmp(p->ids[k - 1], p->ids[i]) != 0)
            p->ids[k++] = p->ids[i];
    p->n = k;
}

int pids_find(const pa_project_ids *p, const char *id)
{
    if (!id || !p->n)
        return -1;
    const char **hit = bsearch(&id, p->ids, (size_t)p->n, sizeof *p->ids, cmp_strp);
    return hit ? (int)(hit - p->ids) : -1;
}

static bool selected(const pa_project_ids *p, const char *id)
{
    int k = pids_find(p, id);
    return k >= 0 && p->selected[k];
}

bool pids_in_scope(const pa_project_ids *p, const char *project_id, char *const *projects, int n)
{
    if (!p || !p->selected || selected(p, project_id))
        return true;
    for (int i = 0; i < n; i++)
        if (selected(p, projects[i]))
            return true;
    return false;
}

void pids_count_unlisted(const pa_project_ids *p, pa_result *res, pa_sev sev, const char *project_id)
{
    res->count++;
    res->by_sev[sev]++;
    res->dropped++;
    res->unlisted_sev[sev]++;
    if (!p)
        return;
    if (!res->unlisted_proj) {
        res->nproj_slots = p->n + 1;
        res->unlisted_proj = xcalloc((size_t)res->nproj_slots, sizeof *res->unlisted_proj);
    }
    int k = pids_find(p, project_id);
    res->unlisted_proj[k < 0 ? p->n : k][sev]++;
}

void pids_free(pa_project_ids *p)
{
    free(p->ids);
    free(p->selected);
    memset(p, 0, sizeof *p);
}
