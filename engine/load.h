/*
 * load.h - loading a data directory into a store: finds the CSV files,
 * maps headers onto the data model, types every cell, and reports the
 * load-time schema findings (DAT-001 cells that do not parse, DAT-002 empty
 * required cells). Fatal problems (missing directory or projects.csv, a
 * missing required column, malformed CSV) return an error for exit 2.
 */
#ifndef PA_LOAD_H
#define PA_LOAD_H

#include "finding.h"
#include "store.h"
#include "usch.h"

typedef struct {
    size_t max_cell;     /* bytes per cell, 0 = default */
    const pa_userschema *schemas; /* tables a rule pack declared, or NULL */
    int jobs;            /* files loaded at once (pload.c), 0 or 1 = one at a time */
} pa_load_opts;

/* Returns 0, or -1 with a located message in *err (caller frees). */
int load_dir(pa_store *st, const pa_load_opts *o, pa_findings *out, char **err);
/* Load one file as table `name` (canonical when the schema knows it). */
int load_file(pa_store *st, const char *path, const char *display, const char *name,
              const pa_load_opts *o, pa_findings *out, char **err);
/* The same from memory (tests, fuzzing, rule test fixtures). */
int load_buffer(pa_store *st, const char *data, size_t len, const char *display, const char *name,
                const pa_load_opts *o, pa_findings *out, char **err);

#endif
