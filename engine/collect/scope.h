/*
 * collect/scope.h - --project: audit some projects of a portfolio. Rules still see
 * every row (a resource's over-allocation needs every project's
 * allocations); the scope only decides which findings are reported and
 * counted: those whose project_id, or one of whose projects, is selected.
 */
#ifndef PA_SCOPE_H
#define PA_SCOPE_H

#include "model/finding.h"
#include "model/result.h"
#include "model/registry.h"
#include "store/store.h"

typedef struct pa_scope {
    const char *spec; /* the --project value as given; NULL when not scoped */
    char **ids;       /* the projects.csv ids it selects, sorted, unique */
    int nids;
} pa_scope;

/* Resolve spec (comma list of ids or globs) against projects.csv. Returns
 * -1 with *err when a pattern selects no project, so that a typo in a CI
 * job cannot pass a gate by auditing nothing. */
int scope_resolve(pa_scope *s, const char *spec, const pa_store *st, char **err);
/* Whether a finding involves a selected project. */
bool scope_has(const pa_scope *s, const pa_finding *f);
/* Keep only the in-scope findings of every selected rule's result and
 * recount it (count, by severity, status). */
void scope_apply(const pa_scope *s, const pa_registry *reg, pa_result *results);
void scope_free(pa_scope *s);

#endif
