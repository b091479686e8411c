/*
 * collect/scope.h - --project: audit some projects of a portfolio. Rules still see
 * every row (a resource's over-allocation needs every project's
 * allocations); the scope only decides which findings are reported and
 * counted: those whose project_id, or one of whose projects, is selected,
 * and those about the whole data (an empty table). The decision is made as
 * each finding is reported (store/project_ids.h), before --max-findings
 * caps a rule's list, so caps never change what the scope counts.
 */
#ifndef PA_SCOPE_H
#define PA_SCOPE_H

#include "model/finding.h"
#include "store/project_ids.h"
#include "store/store.h"

typedef struct pa_scope {
    const char *spec;     /* the --project value as given; NULL when not scoped */
    char **ids;           /* the projects.csv ids it selects, sorted, unique */
    int nids;
    pa_project_ids pids;  /* every projects.csv id, with the selection; built for every run */
} pa_scope;

/* Resolve spec (comma list of ids or globs) against projects.csv; with
 * spec NULL, only the ids are read. Returns -1 with *err when a pattern
 * selects no project, so that a typo in a CI job cannot pass a gate by
 * auditing nothing. */
int scope_resolve(pa_scope *s, const char *spec, const pa_store *st, char **err);
/* Whether a finding is in scope. */
bool scope_has(const pa_scope *s, const pa_finding *f);
void scope_free(pa_scope *s);

#endif
