/*
 * store/project_ids.h - the project ids of projects.csv as one sorted list,
 * so that a finding's project maps to a number. --project selects numbers
 * (which findings are in scope is decided while a rule reports, before any
 * cap), and the findings past a rule's --max-findings cap, counted but not
 * kept, are counted per number (store/project_ids.c).
 */
#ifndef PA_PROJECT_IDS_H
#define PA_PROJECT_IDS_H

#include "model/result.h"
#include "store/store.h"

#include <stdbool.h>

typedef struct pa_project_ids {
    const char **ids; /* projects.csv's project_id values: sorted, unique, non-empty; they point into the store */
    int n;
    bool *selected;   /* --project: selected[i] when ids[i] is in scope; NULL when every finding is */
} pa_project_ids;

/* The ids of st's projects table (none without one). */
void pids_build(pa_project_ids *p, const pa_store *st);
/* The number of id, or -1 when projects.csv has no such id (or id is NULL). */
int pids_find(const pa_project_ids *p, const char *id);
/* Whether a finding about project_id that names projects[0..n) is in
 * scope: always without --project, else when one of them is selected. */
bool pids_in_scope(const pa_project_ids *p, const char *project_id, char *const *projects, int n);
/* Count one finding past res's cap: total, severity, and its project's
 * slot (the last slot when it has none in projects.csv). p may be NULL
 * (no slots are kept then). */
void pids_count_unlisted(const pa_project_ids *p, pa_result *res, pa_sev sev, const char *project_id);
void pids_free(pa_project_ids *p);

#endif
