/*
 * store/index.h - a hash index over one column: the distinct non-null values in
 * order of first appearance, and for each the rows holding it, stored as
 * compressed row lists (CSR). One structure serves key lookups (the first
 * row of a value), joins (all rows of a value) and group-bys (iterate the
 * groups). Built once per column on first use and shared by every rule and
 * worker.
 */
#ifndef PA_INDEX_H
#define PA_INDEX_H

#include <stddef.h>
#include <stdint.h>

struct pa_table;

typedef struct pa_index {
    uint32_t ngroups;
    uint64_t *keys;     /* the value of each group, as raw bits (a hash for arena text) */
    uint32_t *start;    /* rows of group g: rows[start[g] .. start[g+1]) */
    uint32_t *rows;     /* ascending within each group */
    uint32_t *slots;    /* hash slots holding group + 1; 0 = empty */
    uint32_t nslots;
} pa_index;

/* The index of column col, built on first call (thread-safe). */
const pa_index *idx_get(struct pa_table *t, int col);
/* The group holding key, or -1. */
int64_t idx_find(const pa_index *ix, uint64_t key);
/* The group of text s in text/links column col, or -1: by string id for an
 * interned column, by hash and bytes for an arena one. */
int64_t idx_find_text(const struct pa_table *t, int col, const pa_index *ix, const char *s, size_t n);
/* Raw key bits of a cell (the cell must not be null). */
uint64_t idx_cell_key(const struct pa_table *t, int col, uint32_t row);
void idx_free(pa_index *ix);

#endif
