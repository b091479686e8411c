/*
 * load/xer_read.h - Primavera P6's XER export read into its tables: the
 * ERMHDR line, then for each table a %T line (its name), a %F line (its
 * field names) and %R lines (its rows), all tab-separated, and %E at the
 * end. Each table becomes a grid (load/grid.h) whose first row is the %F
 * names and whose other rows are the %R rows, each at its line of the
 * file. The mapping onto the data model is load/xer_map.c.
 */
#ifndef PA_XER_READ_H
#define PA_XER_READ_H

#include "load/grid.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct {
    char *name;     /* the %T name: TASK, PROJECT, ... */
    uint32_t line;  /* the %T line */
    size_t nfields; /* the %F names (0 before a %F line) */
    grid g;         /* row 0: the %F names (at the %F line); then the %R rows */
} xer_table;

typedef struct {
    char *version;      /* ERMHDR's second field (the P6 release that wrote it), "" when absent */
    const char *encoding; /* what the bytes were read as: "UTF-8" or the declared or assumed code page */
    xer_table *t;
    int nt;
} xer_file;

typedef struct {
    uint32_t line, column; /* 1-based; 0 when the problem has no place */
    char message[256];
} xer_error;

typedef struct {
    size_t max_cell; /* bytes per field (0: 16 MiB) */
    size_t max_rows; /* %R rows per table (0: no limit) */
    size_t max_cols; /* %F fields per table (0: no limit) */
} xer_limits;

/* Whether buf holds an XER export: its first line starts with ERMHDR (a
 * UTF-8 byte-order mark before it is allowed). */
bool xer_sniff(const char *buf, size_t n);

/* Parse UTF-8 text into x (x is freed by the caller, even on error).
 * Returns 0, or -1 with e: a line that is not ERMHDR, %T, %F, %R or %E, a
 * %F or %R line outside a table, a table named twice, a control byte, a
 * limit passed, text after %E or no %E at all (a truncated file). A %R
 * row with fewer or more fields than its %F line is kept as it is: the
 * mapping decides (P6 leaves out trailing empty fields). */
int xer_parse(const char *text, size_t n, const xer_limits *lim, xer_file *x, xer_error *e);

/* Read and parse the file at path. encoding NULL: UTF-8 when the bytes are
 * valid UTF-8 (or start with its byte-order mark), else Windows-1252, the
 * code page P6 writes on Western Windows; a declared encoding is used as
 * given. A byte not valid in the encoding is an error at its line and
 * column. Returns 0, or -1 with e (line 0: the file could not be read). */
int xer_read_file(const char *path, const char *encoding, const xer_limits *lim, xer_file *x, xer_error *e);

/* The same from memory (tests, fuzzing). */
int xer_read_buffer(const char *data, size_t n, const char *encoding, const xer_limits *lim, xer_file *x,
                    xer_error *e);

void xer_init(xer_file *x);
void xer_free(xer_file *x);

/* The table named name, or NULL. */
const xer_table *xer_table_named(const xer_file *x, const char *name);
/* The position of field name in t's %F line, or SIZE_MAX. */
size_t xer_field(const xer_table *t, const char *name);

#endif
