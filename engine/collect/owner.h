/*
 * collect/owner.h - who must act on a finding: its owner is the project
 * manager of its project (the manager column of projects.csv, trimmed).
 * The map from project ids to managers is read once per run; findings
 * point into it (pa_finding.owner), so it lives as long as the report.
 */
#ifndef PA_OWNER_H
#define PA_OWNER_H

#include "model/finding.h"
#include "store/store.h"

#include <stddef.h>

typedef struct pa_owners {
    char **ids;   /* the ids of projects.csv, sorted, unique (the first row of a duplicated id wins) */
    char **names; /* names[i]: the manager of ids[i], trimmed; NULL when blank or without a manager column */
    size_t n;
} pa_owners;

/* Read projects.csv's project_id and manager columns. A store without a
 * projects table, or one without those columns, gives an empty map or
 * one where every name is NULL: then no finding has an owner. */
void owners_load(pa_owners *o, const pa_store *st);
/* The index of a project id in o->ids, or -1 when projects.csv lacks it. */
long owners_find(const pa_owners *o, const char *id);
/* The manager of a project, or NULL. */
const char *owners_of(const pa_owners *o, const char *id);
/* Set each finding's owner from its project_id. */
void owners_apply(const pa_owners *o, pa_findings *all);
void owners_free(pa_owners *o);

#endif
