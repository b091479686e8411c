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

/* Limits on one file; exceeding one is a located error (exit 2). */
#define LOAD_MAX_ROWS_DEFAULT 10000000u
#define LOAD_MAX_COLS_DEFAULT 1024u

typedef struct {
    size_t max_cell;     /* bytes per cell, 0 = default */
    const pa_userschema *schemas; /* tables a rule pack declared, or NULL */
    int jobs;            /* files loaded at once (pload.c), 0 or 1 = one at a time */
    size_t max_rows;     /* data rows per file, 0 = LOAD_MAX_ROWS_DEFAULT */
    size_t max_cols;     /* header columns per file, 0 = LOAD_MAX_COLS_DEFAULT */
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
