/*
 * load/profile_impl.h - what the files of an import profile share inside
 * load/: the parsed specs (profile.c reads them), the feeding of tables
 * (profile_feed.c) and the rows' fate per source file for the ledger
 * (row_ledger.c). Not for other folders: they use load/profile.h.
 */
#ifndef PA_PROFILE_IMPL_H
#define PA_PROFILE_IMPL_H

#include "load/grid.h"
#include "load/profile.h"
#include "lua/data_file.h"
#include "store/ledger.h"

typedef struct {
    char *target;   /* column of the table */
    char *from;     /* source header, or NULL */
    char *constant; /* a constant value (NULL: none) */
    ldf_val fn;     /* function(row) or, with from, function(value, row); 0: none */
    ldf_val map;    /* value map table; 0: none */
    char *dflt;     /* with map: what a value the map lacks becomes (DAT-009); NULL: it passes through */
    char *date;     /* date layout of this column */
    int pos;        /* source position of `from` in the current file, or -1 */
} colspec;

typedef struct {
    char *name;
    char **globs;
    int nglobs;
    int header_row;  /* the line (a transposed file: the column) where the header is */
    bool transpose;  /* records run down the columns */
    bool keep_other; /* unmapped source columns become extra columns */
    char delim;
    char *encoding, *date;
    ldf_val where, drop; /* functions of the row; 0: none */
    ldf_val joins;       /* { name = { file =, key =, header_row = } }; 0: none */
    char *distinct;  /* keep the first row for each value of this column */
    char *sheet;     /* a workbook's sheet that feeds the table (NULL: the one named after it, else the first) */
    colspec *cols;
    int ncols;
} tabspec;

/* What became of each row of one source file, over every table that
 * reads it (a row may feed several). */
enum {
    RS_LOADED = 1,   /* reached a table */
    RS_HEADER = 2,   /* a table's header row */
    RS_ABOVE = 4,    /* above a table's header row */
    RS_REPEAT = 8,   /* repeats the header row */
    RS_WHERE = 16,   /* a table's where refused it */
    RS_DISTINCT = 32 /* a table's distinct column had its value already */
};

typedef struct {
    char *file;          /* as findings name it */
    const char *part;    /* the part of the file its rows are (grid.h), or NULL */
    size_t nrows;
    uint32_t *line;      /* row -> location */
    uint8_t *state;      /* row -> RS_* bits */
    uint16_t *drop;      /* row -> 1 + index of the drop reason (0: not dropped) */
    char **reasons;
    bool *chosen;        /* per reason: a choice the profile states (no finding) */
    int nreasons;
    uint32_t *blank;     /* blank lines */
    size_t nblank;
    uint32_t first_header; /* the first table header's line */
    char *where_tables;  /* "tasks, issues": the tables whose where reads the file */
    char *header_row;    /* "header_row = 6" when a table sets it, for the reason's text */
    char *distinct;      /* the reason for a row a distinct column skipped */
    pa_ledger_table *counts; /* rows per table */
    int ncounts;
} srcrows;

/* A value a column's map lacks, read as the column's default (DAT-009):
 * counted per file, table, column and value. */
typedef struct {
    char *file, *table, *column, *from, *value, *dflt;
    size_t rows;
    uint32_t lines[LEDGER_LINES];
    int nlines;
} unmapped;

struct pa_profile {
    ldf_file *df;
    char *origin;
    char *name;     /* as given: a bundled name or a path */
    char delim;
    char *encoding, *date;
    tabspec *t;
    int nt;
    char **shaped; /* files whose row shapes were already reported (by another table) */
    int nshaped;
    ldf_field_init *fields; /* a source row's fields (row_value), reused */
    size_t fieldcap;
    ldf_field_init *typed;  /* its typed values, reused */
    size_t typedcap;
    char *norms; /* their normalised header names, 256 bytes each */
    size_t normcap;
    char *tbuf;  /* their typed text (dates, enums), 64 bytes each */
    size_t tbufcap;
    char **skip;    /* rules that do not fit the source (ids or globs) */
    int nskip;
    char *skip_why; /* why, for the report */
    srcrows *src;   /* the rows of each source file read so far */
    int nsrc;
    unmapped *um;
    int num;
    const char *only; /* inspect: read only this file (a name in the data directory) */
    sbuf *explain;    /* inspect: how each table's columns were found, or NULL */
};

/* profile.c */
const tabspec *prof_find_tab(const pa_profile *p, const char *name);
bool prof_matches(const tabspec *t, const char *base);

/* row_ledger.c: the rows of one source file (made on first use). */
srcrows *rled_file(pa_profile *p, const char *file, const grid *g, const tabspec *t);
void rled_drop(srcrows *s, size_t r, const char *reason, bool chosen);
void rled_count(srcrows *s, const char *table, size_t n);
void rled_unmapped(pa_profile *p, const char *file, const tabspec *t, const colspec *c, const char *value,
                   uint32_t line);
/* Every source file's rows into the store's ledger, and the DAT-009
 * findings of values read as a default. */
void rled_finish(pa_profile *p, pa_store *st, pa_findings *out);
void rled_free(pa_profile *p);

#endif
