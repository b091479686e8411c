/*
 * collect/scope.c - --project ID,... (globs allowed): which projects a run reports
 * on. The patterns are resolved once against the ids of projects.csv
 * (store/project_ids.c) into a flag per id and a sorted list of the
 * selected ones; a finding is in scope when its project_id or one of the
 * projects it names (report{projects = ...}, e.g. RES-001's allocations on
 * the day of the overload) is selected, or when it is about the whole data
 * (DAT-006, DAT-007). The evaluation applies the flags as rules report,
 * so the rules' view of the data, and thus any cross-project judgement, is
 * the same as in a whole-portfolio run, and a rule's --max-findings cap
 * counts only findings in scope.
 */
#include "collect/scope.h"
#include "core/util.h"

#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>

/* Select every id that pattern matches; returns how many matched. */
static int select_matches(pa_scope *s, const char *pattern)
{
    int hits = 0;
    for (int i = 0; i < s->pids.n; i++)
        if (fnmatch(pattern, s->pids.ids[i], 0) == 0) {
            s->pids.selected[i] = true;
            hits++;
        }
    return hits;
}

int scope_resolve(pa_scope *s, const char *spec, const pa_store *st, char **err)
{
    memset(s, 0, sizeof *s);
    pids_build(&s->pids, st);
    if (!spec)
        return 0;
    s->spec = spec;
    const pa_table *t = store_table(st, "projects");
    if (!t || tab_column(t, "project_id") < 0) {
        *err = xasprintf("--project %s: %s/projects.csv has no project_id column to select from", spec, st->dir);
        return -1;
    }
    s->pids.selected = xcalloc((size_t)s->pids.n + 1, sizeof *s->pids.selected);
    char *copy = xstrdup(spec);
    int rc = 0, patterns = 0;
    for (char *save = NULL, *tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
        patterns += *tok != '\0';
        if (*tok && select_matches(s, tok) == 0 && rc == 0) {
            *err = xasprintf("--project %s: no project in %s matches '%s'", spec, t->file, tok);
            rc = -1;
        }
    }
    free(copy);
    if (rc == 0 && patterns == 0) {
        *err = xasprintf("--project: no project id given");
        rc = -1;
    }
    for (int i = 0; i < s->pids.n; i++)
        if (s->pids.selected[i]) {
            s->ids = xrealloc(s->ids, (size_t)(s->nids + 1) * sizeof *s->ids);
            s->ids[s->nids++] = xstrdup(s->pids.ids[i]);
        }
    return rc;
}

bool scope_has(const pa_scope *s, const pa_finding *f)
{
    return !s->spec || f->every_project || pids_in_scope(&s->pids, f->project_id, f->projects, f->nprojects);
}

void scope_free(pa_scope *s)
{
    for (int i = 0; i < s->nids; i++)
        free(s->ids[i]);
    free(s->ids);
    pids_free(&s->pids);
    memset(s, 0, sizeof *s);
}
