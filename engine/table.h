/*
 * table.h - the typed, column-oriented table store. A table holds one array
 * per column (text as string-pool ids, numbers as doubles, dates as day
 * numbers, ...), a null bitmap per column, the physical CSV line of every
 * row, and the parsed links of a `predecessors` column. Tables are filled by
 * the loader and never change afterwards; the only mutable part, the lazily
 * built indexes, is guarded by the table's mutex so that rule workers can
 * share one store.
 */
#ifndef PA_TABLE_H
#define PA_TABLE_H

#include "schema.h"
#include "strpool.h"
#include "value.h"

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct {
    uint32_t target; /* string-pool id of the predecessor's task id */
    uint8_t type;    /* pa_link_type */
    double lag;
} pa_tlink;

typedef struct {
    char *name;            /* normalised name */
    pa_type type;
    const pa_coldef *def;  /* NULL for an extra (text) column */
    int csv_pos;           /* position in the CSV header, -1 when absent */
    uint8_t *nulls;        /* bit set = null */
    union {
        uint32_t *sid;     /* TY_TEXT, TY_LINKS: string id (0 = null) */
        int64_t *i64;      /* TY_INT */
        double *f64;       /* TY_NUMBER, TY_MONEY */
        int32_t *date;     /* TY_DATE */
        uint8_t *u8;       /* TY_BOOL (0/1), TY_ENUM (index into def->enums) */
    } v;
    uint32_t *link_start;  /* TY_LINKS: links of row r are [start[r], start[r+1]) */
} pa_column;

struct pa_index;

typedef struct pa_table {
    char *name;
    char *file;              /* path as shown in findings (the first, when several files feed it) */
    char **more_files;       /* files 2.. when an import profile reads several */
    int nmore_files;
    uint16_t *row_file;      /* per row: 0 = file, k = more_files[k-1]; NULL while there is one file */
    const pa_tabledef *def;  /* NULL for an extra text table */
    pa_column *cols;
    int ncols;
    size_t nrows, cap;
    uint32_t *line;          /* physical line where each row starts */
    strpool pool;
    pa_tlink *links;
    size_t nlinks, links_cap;
    int key_col;             /* primary key column, or -1 */
    int project_col;         /* project_id column, or -1 */
    pthread_mutex_t lock;    /* guards idx */
    struct pa_index **idx;   /* per column, built on first use */
} pa_table;

pa_table *tab_new(const char *name, const char *file, const pa_tabledef *def);
void tab_free(pa_table *t);
int tab_add_column(pa_table *t, const char *name, pa_type type, const pa_coldef *def, int csv_pos);
int tab_column(const pa_table *t, const char *name);
/* Append a row whose cells are all null; returns its index. */
size_t tab_add_row(pa_table *t, uint32_t line);
/* Rows added from now on come from `file` (import profiles reading several). */
void tab_next_file(pa_table *t, const char *file);
/* The file row r was read from. */
static inline const char *tab_file(const pa_table *t, size_t r)
{
    return t->row_file && t->row_file[r] ? t->more_files[t->row_file[r] - 1] : t->file;
}

static inline bool tab_is_null(const pa_column *c, size_t r)
{
    return (c->nulls[r >> 3] >> (r & 7)) & 1;
}
static inline void tab_set_present(pa_column *c, size_t r)
{
    c->nulls[r >> 3] &= (uint8_t) ~(1u << (r & 7));
}

/* Text of a text/links cell (NULL when null). */
const char *tab_text(const pa_table *t, int col, size_t r, size_t *n);
/* The cell as display text into buf (dates ISO, numbers shortest); returns
 * NULL for a null cell. Text cells return a pointer into the pool. */
const char *tab_cell_text(const pa_table *t, int col, size_t r, char *buf, size_t cap, size_t *n);
/* The key used to name a row in findings: the primary key, the natural key
 * of a keyless table (values joined with '/'), or the first column. */
void tab_row_key(const pa_table *t, size_t r, char *buf, size_t cap);
size_t tab_bytes(const pa_table *t);

#endif
