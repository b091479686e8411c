/*
 * load/table_load.h - loading a data directory into a store: finds the CSV files,
 * maps headers onto the data model, types every cell, and reports the
 * load-time schema findings (DAT-001 cells that do not parse, DAT-002 empty
 * required cells). Fatal problems (missing directory or projects.csv, a
 * missing required column, malformed CSV) return an error for exit 2.
 */
#ifndef PA_LOAD_H
#define PA_LOAD_H

#include "load/csv_read.h"
#include "model/finding.h"
#include "store/store.h"
#include "model/user_schema.h"

/* Limits on one file; exceeding one is a located error (exit 2). */
#define LOAD_MAX_ROWS_DEFAULT 10000000u
#define LOAD_MAX_COLS_DEFAULT 1024u

struct pa_profile;

typedef struct {
    size_t max_cell;     /* bytes per cell, 0 = default */
    const pa_userschema *schemas; /* tables a rule pack declared, or NULL */
    int jobs;            /* files loaded at once (load/parallel.c), 0 or 1 = one at a time */
    size_t max_rows;     /* data rows per file, 0 = LOAD_MAX_ROWS_DEFAULT */
    size_t max_cols;     /* header columns per file, 0 = LOAD_MAX_COLS_DEFAULT */
    char delim;              /* 0 = guess from each file's header line */
    const char *encoding;    /* NULL = UTF-8 (a BOM still wins) */
    const char *date_format; /* NULL = ISO; see model/date_format.h */
    struct pa_profile *profile; /* which files feed which tables, or NULL */
} pa_load_opts;

/* Load one file as table `name` (canonical when the schema knows it). */
int load_file(pa_store *st, const char *path, const char *display, const char *name,
              const pa_load_opts *o, pa_findings *out, char **err);
/* The same from memory (tests, fuzzing, rule test fixtures). */
int load_buffer(pa_store *st, const char *data, size_t len, const char *display, const char *name,
                const pa_load_opts *o, pa_findings *out, char **err);

/* One byte range of a plain UTF-8 file, after its header row (load/chunk.c). */
int load_range(pa_store *st, const char *path, const char *display, const char *name, const pa_load_opts *o,
               csvr_range *rg, pa_findings *out, char **err);

/* A table sink, for readers other than the plain one (load/profile.c): begin,
 * feed rows through the csvread callbacks (the first row is the header),
 * end. load_end adds the table to the store, or fails like load_file. */
typedef struct load_table load_table;
load_table *load_begin(pa_store *st, const char *display, const char *name, const pa_load_opts *o,
                       pa_findings *out);
/* Date layouts by header position (the array must outlive the load). */
void load_set_layouts(load_table *lt, const char **layout, size_t n);
/* By header position (as many as the layouts): a date cell that does not
 * read in its layout may also be ISO (a value a profile's function made). */
void load_set_iso(load_table *lt, const bool *iso_too);
/* A DAT-001 finding, with message msg, for cell index of the row being
 * fed (before its row callback); raw is the source text it came from. */
void load_bad_cell(load_table *lt, size_t index, const char *raw, size_t n, const char *msg);
void load_callbacks(load_table *lt, csvr_opts *co);
/* Account the rows in the row ledger under file and part (a sheet). */
void load_ledger(load_table *lt, const char *file, const char *part);
/* The rows come from a workbook's sheet, where = "book.xlsx:Sheet": a
 * finding about a column names its cell (where!C12), and a date cell may
 * also be ISO (a date the workbook stored as a number is written so).
 * where NULL (an import profile, whose columns are not the sheet's): only
 * the dates. */
void load_sheet_cells(load_table *lt, const char *where);
/* The rows fed from now on come from another file (findings name it). */
void load_next_file(load_table *lt, const char *file);
int load_end(load_table *lt, int rc, const csvr_error *e, char **err);
/* A DAT-005 finding (the file's shape) at a line of the table's file. */
void load_shape(load_table *lt, uint32_t line, const char *column, const char *msg);

#endif
