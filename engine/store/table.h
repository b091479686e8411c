/*
 * store/table.h - the typed, column-oriented table store. A table holds one array
 * per column (text as string-pool ids, numbers as doubles, dates as day
 * numbers, ...), a null bitmap per column, the physical CSV line of every
 * row, and the parsed links of a `predecessors` column. Tables are filled by
 * the loader and never change afterwards; the only mutable part, the lazily
 * built indexes, is guarded by the table's mutex so that rule workers can
 * share one store.
 *
 * Text is stored one of two ways, chosen per column while loading. A
 * column whose values repeat (project_id, resource_id, status, owner) is
 * interned in the table's string pool: four bytes a cell, and equal cells
 * have equal ids. A column whose values are nearly all distinct (task ids,
 * names, WBS codes, a predecessors cell) would make the pool a hash table
 * of millions of strings, each insert a cache miss; such a column keeps its
 * text in an arena of its own instead (core/arena.h), which costs a copy per
 * cell and no hashing. The choice is made on the column's first
 * TAB_TEXT_SAMPLE non-null cells: when at least three in four of them are
 * distinct, the column moves to an arena for good (tab_set_text). Readers
 * use tab_text and never see the difference; the index of an arena column
 * hashes the text (store/index.c), and link targets always live in an arena.
 */
#ifndef PA_TABLE_H
#define PA_TABLE_H

#include "core/arena.h"
#include "model/schema.h"
#include "core/strpool.h"
#include "model/value.h"

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Data derived from a table and kept with it (an index, the schedule
 * figures): the table frees it with free_fn, without knowing its type. */
typedef struct {
    void *data;
    void (*free_fn)(void *data);
} tab_derived;

/*
 * One link, in 8 bytes (a million dense tasks have four million links):
 * the target id, and the type and lag packed into tl. A lag that is a
 * whole number of thousandths of a day (nearly all are whole days), read
 * back bit for bit the same, is kept in tl; any other (-0, 1e-9, a huge
 * one) in the table's link_lags, tl holding its index. Read them with
 * tab_link_type and tab_link_lag; make one with tab_link_make.
 */
typedef struct {
    uint32_t target; /* the predecessor's task id: a reference into the table's link_ids */
    uint32_t tl;     /* bits 0-1 pa_link_type; bit 2 set: bits 3-31 index link_lags,
                        else bits 3-31 are the lag in thousandths of a day, signed */
} pa_tlink;

typedef struct {
    char *name;            /* normalised name */
    pa_type type;
    const pa_coldef *def;  /* NULL for an extra (text) column */
    int csv_pos;           /* position in the CSV header, -1 when absent */
    uint8_t *nulls;        /* bit set = null */
    union {
        uint32_t *sid;     /* TY_TEXT, TY_LINKS: string-pool id (0 = null), or arena reference */
        int64_t *i64;      /* TY_INT */
        double *f64;       /* TY_NUMBER, TY_MONEY */
        int32_t *date;     /* TY_DATE */
        uint8_t *u8;       /* TY_BOOL (0/1), TY_ENUM (index into def->enums) */
    } v;
    uint32_t *link_start;  /* TY_LINKS: links of row r are [start[r], start[r+1]) */
    pa_arena *arena;       /* TY_TEXT, TY_LINKS: the column's text when not interned, else NULL */
    uint32_t sampled;      /* non-null cells seen while choosing pool or arena */
    uint32_t distinct;     /* distinct values among them */
    uint32_t *seen;        /* the set of those values while sampling (store/table.c) */
} pa_column;

/* Cells a text column is judged on (see above). */
#define TAB_TEXT_SAMPLE 4096

struct pa_index;

typedef struct pa_table {
    char *name;
    char *file;              /* path as shown in findings (the first, when several files feed it) */
    char **more_files;       /* files 2.. when an import profile reads several */
    int nmore_files;
    uint16_t *row_file;      /* per row: 0 = file, k = more_files[k-1]; NULL while there is one file */
    char **col_where;        /* per column: where findings about it point ("book.xlsx:Sheet!C"), or
                                NULL (then the row's file); set for a workbook's sheet (load/xlsx_load.c) */
    const pa_tabledef *def;  /* NULL for an extra text table */
    pa_column *cols;
    int ncols;
    size_t nrows, cap;
    uint32_t *line;          /* physical line where each row starts */
    strpool pool;
    pa_tlink *links;
    pa_arena link_ids;       /* the target task ids of links, most of them once (tab_add_link_id) */
    uint32_t *link_seen;     /* while loading: per hash of a target id, 1 + its reference in link_ids */
    double *link_lags;       /* the lags a pa_tlink cannot hold itself */
    size_t nlinks, links_cap;
    size_t nlink_lags, link_lags_cap;
    bool links_split;        /* an entry without a TYPE was split into ID and lag (load/links.c checks it) */
    int key_col;             /* primary key column, or -1 */
    int project_col;         /* project_id column, or -1 */
    pthread_mutex_t lock;    /* guards derived and building */
    pthread_cond_t built;    /* signalled when a slot's build ends */
    uint8_t *building;       /* per slot (tab_slot_wait): being built */
    tab_derived *derived;    /* per slot: what was built there (see below) */
} pa_table;

pa_table *tab_new(const char *name, const char *file, const pa_tabledef *def);

/*
 * Data derived from a loaded table and shared by the rule workers (an
 * index per column, slot = column; the schedule figures, slot =
 * TAB_SLOT_SCHED(t); the networks built on them, TAB_SLOT_NET(t)) is built once, by the first worker to ask, without
 * holding the table's lock: indexes of two columns of the tasks table, or
 * an index and the schedule figures, then build side by side instead of
 * one worker waiting for the other. A worker asking for a slot that is
 * being built waits for it.
 *
 *   tab_slot_wait(t, slot);        locks; waits while slot is being built
 *   if (!t->derived[slot].data) {
 *       tab_slot_build(t, slot);   marks it and unlocks; build it now
 *       ...;
 *       tab_slot_done(t, slot, data, free_fn);
 *                                  relocks, keeps data, unmarks and wakes
 *   }
 *   pthread_mutex_unlock(&t->lock);
 */
#define TAB_SLOT_SCHED(t) ((t)->ncols)
#define TAB_SLOT_NET(t) ((t)->ncols + 1)
#define TAB_NSLOTS(t) ((size_t)(t)->ncols + 2)
void tab_slot_wait(pa_table *t, int slot);
void tab_slot_build(pa_table *t, int slot);
void tab_slot_done(pa_table *t, int slot, void *data, void (*free_fn)(void *));
void tab_free(pa_table *t);
/* Free the table's derived data; the slots are built again when asked. */
void tab_drop_derived(pa_table *t);
int tab_add_column(pa_table *t, const char *name, pa_type type, const pa_coldef *def, int csv_pos);
int tab_column(const pa_table *t, const char *name);
/* The first links column (what t:links(row) reads by default), or -1. */
int tab_links_column(const pa_table *t);
/* Make room for nrows rows (the capacity tab_add_row would reach). */
void tab_reserve(pa_table *t, size_t nrows);
/* Bytes of one cell of a column of type ty. */
size_t tab_elem_size(pa_type ty);
/* Append a row whose cells are all null; returns its index. */
size_t tab_add_row(pa_table *t, uint32_t line);
/* Take back the last row added (a loader that found out it is not data);
 * text it stored stays in the pool or arena, unused. */
void tab_drop_last_row(pa_table *t);
/* Rows added from now on come from `file` (import profiles reading several). */
void tab_next_file(pa_table *t, const char *file);
/* The file row r was read from. */
static inline const char *tab_file(const pa_table *t, size_t r)
{
    return t->row_file && t->row_file[r] ? t->more_files[t->row_file[r] - 1] : t->file;
}

/* Where a finding about column col (-1: the whole row) of row r points. */
static inline const char *tab_where(const pa_table *t, size_t r, int col)
{
    return col >= 0 && t->col_where && t->col_where[col] ? t->col_where[col] : tab_file(t, r);
}

static inline bool tab_is_null(const pa_column *c, size_t r)
{
    return (c->nulls[r >> 3] >> (r & 7)) & 1;
}
static inline void tab_set_present(pa_column *c, size_t r)
{
    c->nulls[r >> 3] &= (uint8_t) ~(1u << (r & 7));
}

/* Store the text of a text/links cell (the loader; the caller marks it present). */
void tab_set_text(pa_table *t, int col, size_t r, const char *s, size_t n);
/* The same for text already interned in t's pool as id, while the column
 * is interned (c->arena is NULL): what tab_set_text does after interning. */
void tab_set_text_id(pa_table *t, int col, size_t r, uint32_t id);
/* Store the target task id of a link; returns the pa_tlink.target to keep.
 * An id met recently (in the table's link_seen cache) is not stored again. */
uint32_t tab_add_link_id(pa_table *t, const char *s, size_t n);
/* The table's links are complete: free what tab_add_link_id kept to find ids again. */
void tab_links_loaded(pa_table *t);
/* A link of t to the task named s (n bytes), of pa_link_type type, with
 * lag days: its id stored (tab_add_link_id), its lag packed or kept in
 * t->link_lags. The caller appends it to its links. */
pa_tlink tab_link_make(pa_table *t, const char *s, size_t n, int type, double lag);
static inline int tab_link_type(const pa_tlink *l)
{
    return (int)(l->tl & 3u);
}
static inline double tab_link_lag(const pa_table *t, const pa_tlink *l)
{
    if (l->tl & 4u)
        return t->link_lags[l->tl >> 3];
    return (double)((int32_t)l->tl >> 3) / 1000.0;
}
/* The target task id of a link. */
static inline const char *tab_link_id(const pa_table *t, const pa_tlink *l, size_t *n)
{
    return arena_str(&t->link_ids, l->target, n);
}
/* Text of a text/links cell (NULL when null). */
static inline const char *tab_text(const pa_table *t, int col, size_t r, size_t *n)
{
    const pa_column *c = &t->cols[col];
    if (tab_is_null(c, r))
        return NULL;
    return c->arena ? arena_str(c->arena, c->v.sid[r], n) : sp_str(&t->pool, c->v.sid[r], n);
}
/* The cell as display text into buf (dates ISO, numbers shortest); returns
 * NULL for a null cell. Text cells return a pointer into the pool. */
const char *tab_cell_text(const pa_table *t, int col, size_t r, char *buf, size_t cap, size_t *n);
/* The key used to name a row in findings: the primary key, the natural key
 * of a keyless table (values joined with '/'), or the first column. */
void tab_row_key(const pa_table *t, size_t r, char *buf, size_t cap);
size_t tab_bytes(const pa_table *t);

#endif
