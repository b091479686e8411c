/*
 * load/parallel.h - loading a directory's files on several threads. The loader
 * queues one job per file; pload_run loads each into a private store and
 * then merges the stores in queue order, so tables, load notes, DAT
 * findings and the first error are the same as a one-thread load.
 */
#ifndef PA_PLOAD_H
#define PA_PLOAD_H

#include "load/table_load.h"

typedef struct {
    char *path;          /* owned by the job list */
    char *name;          /* table name, owned by the job list */
    bool extra;          /* not in the data model: a failure is a note, not an error */
} pload_job;

typedef struct {
    pload_job *v;
    int n;
    size_t cap;
} pload_jobs;

void pload_add(pload_jobs *q, char *path, char *name, bool extra);
void pload_free(pload_jobs *q);
/* Load every job on up to o->jobs threads. Returns 0, or -1 with the
 * message of the first failing canonical table (in queue order) in *err. */
int pload_run(pa_store *st, const pload_jobs *q, const pa_load_opts *o, pa_findings *out, char **err);

#endif
