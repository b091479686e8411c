/*
 * collect/scope.c - --project ID,... (globs allowed): which projects a run reports
 * on. The patterns are resolved once against projects.csv into a sorted
 * list of ids; a finding is in scope when its project_id or one of the
 * projects it names (report{projects = ...}, e.g. RES-001's allocations on
 * the day of the overload) is in that list. Filtering happens on the
 * results after every rule ran, so the rules' view of the data, and thus
 * any cross-project judgement, is the same as in a whole-portfolio run.
 */
#include "collect/scope.h"
#include "core/util.h"

#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>

static int cmp_strp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Add every projects.csv id that pattern matches; returns how many rows matched. */
static size_t add_matches(pa_scope *s, const char *pattern, const pa_table *t, int col)
{
    size_t hits = 0;
    for (size_t r = 0; r < t->nrows; r++) {
        const char *id = tab_text(t, col, r, NULL);
        if (!id || fnmatch(pattern, id, 0) != 0)
            continue;
        hits++;
        s->ids = xrealloc(s->ids, (size_t)(s->nids + 1) * sizeof *s->ids);
        s->ids[s->nids++] = xstrdup(id);
    }
    return hits;
}

int scope_resolve(pa_scope *s, const char *spec, const pa_store *st, char **err)
{
    memset(s, 0, sizeof *s);
    if (!spec)
        return 0;
    s->spec = spec;
    const pa_table *t = store_table(st, "projects");
    int col = t ? tab_column(t, "project_id") : -1;
    if (col < 0) {
        *err = xasprintf("--project %s: %s/projects.csv has no project_id column to select from", spec, st->dir);
        return -1;
    }
    char *copy = xstrdup(spec);
    int rc = 0;
    for (char *save = NULL, *tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
        if (*tok && add_matches(s, tok, t, col) == 0 && rc == 0) {
            *err = xasprintf("--project %s: no project in %s matches '%s'", spec, t->file, tok);
            rc = -1;
        }
    }
    free(copy);
    if (rc == 0 && s->nids == 0) {
        *err = xasprintf("--project: no project id given");
        rc = -1;
    }
    if (s->nids > 1)
        qsort(s->ids, (size_t)s->nids, sizeof *s->ids, cmp_strp);
    int k = 0;
    for (int i = 0; i < s->nids; i++) {
        if (k > 0 && strcmp(s->ids[k - 1], s->ids[i]) == 0)
            free(s->ids[i]);
        else
            s->ids[k++] = s->ids[i];
    }
    s->nids = k;
    return rc;
}

static bool selected(const pa_scope *s, const char *id)
{
    return id && bsearch(&id, s->ids, (size_t)s->nids, sizeof *s->ids, cmp_strp) != NULL;
}

bool scope_has(const pa_scope *s, const pa_finding *f)
{
    if (!s->spec || selected(s, f->project_id))
        return true;
    for (int i = 0; i < f->nprojects; i++)
        if (selected(s, f->projects[i]))
            return true;
    return false;
}

/*
 * Findings past a rule's --max-findings cap were counted but not kept, so
 * nobody can tell which projects they were about; the scoped counts cover
 * the kept ones, and the rule's message says so.
 */
static void scope_result(const pa_scope *s, pa_result *res)
{
    size_t k = 0;
    memset(res->by_sev, 0, sizeof res->by_sev);
    for (size_t i = 0; i < res->findings.n; i++) {
        pa_finding *f = &res->findings.v[i];
        if (!scope_has(s, f)) {
            fnd_clear(f);
            continue;
        }
        res->by_sev[f->sev]++;
        res->findings.v[k++] = *f;
    }
    if (res->dropped) {
        free(res->message);
        res->message = xasprintf("%zu findings in the whole portfolio; only the first %zu were kept "
                                 "(raise with --max-findings), and --project counts the %zu of them in scope",
                                 res->count, res->findings.n, k);
        res->dropped = 0;
    }
    res->findings.n = k;
    res->count = k;
    res->status = k ? ST_FAILED : ST_PASSED;
}

void scope_apply(const pa_scope *s, const pa_registry *reg, pa_result *results)
{
    if (!s->spec)
        return;
    for (int i = 0; i < reg->n; i++)
        if (reg->v[i].selected && (results[i].status == ST_FAILED || results[i].status == ST_PASSED))
            scope_result(s, &results[i]);
}

void scope_free(pa_scope *s)
{
    for (int i = 0; i < s->nids; i++)
        free(s->ids[i]);
    free(s->ids);
    memset(s, 0, sizeof *s);
}
