/*
 * load/links.c - the predecessors links of a loaded table, read again now
 * that every task id is known.
 *
 * The data model lets task ids hold '-' and '+' (Jira keys ABC-123, many P6
 * activity ids): an entry without a TYPE that is exactly the id of a task
 * is that task with no lag, and only otherwise is its trailing signed
 * number a lag (model/value.c). While a file streams past, the tasks after
 * the current row are not known yet, so the loader reads such entries as
 * if no id held a sign and marks the table (links_split) when it split
 * one. Here, once the table is whole (every file, every byte range
 * joined), a marked table's links column is parsed again with its key
 * index answering "is this a task's id?", and its links rebuilt in row
 * order. A table with no such entry is not touched. Whether an entry
 * parses does not depend on the task ids, so the DAT-001 findings of
 * loading stand.
 */
#include "load/links.h"
#include "store/index.h"
#include "core/util.h"

#include <stdlib.h>
#include <string.h>

typedef struct {
    pa_table *t;
    const pa_index *ix;
    pa_tlink *links;
    size_t n, cap;
} relink;

static bool is_task(const char *id, size_t n, void *ud)
{
    const relink *r = ud;
    return idx_find_text(r->t, r->t->key_col, r->ix, id, n) >= 0;
}

static void add(const pa_link *lk, void *ud)
{
    relink *r = ud;
    GROW(r->links, r->cap, r->n + 1);
    r->links[r->n++] = tab_link_make(r->t, lk->id, lk->id_len, lk->type, lk->lag);
}

/* Table t's links column, parsed again knowing its keys. */
static void relink_table(pa_table *t, int col)
{
    relink r;
    memset(&r, 0, sizeof r);
    r.t = t;
    r.ix = idx_get(t, t->key_col);
    arena_free(&t->link_ids); /* the old links are not read again: their ids and lags go */
    tab_links_loaded(t);
    free(t->link_lags);
    t->link_lags = NULL;
    t->nlink_lags = t->link_lags_cap = 0;
    pa_column *c = &t->cols[col];
    for (size_t row = 0; row < t->nrows; row++) {
        c->link_start[row] = (uint32_t)r.n;
        size_t n = 0;
        const char *s = tab_is_null(c, row) ? NULL : tab_text(t, col, row, &n);
        if (s)
            val_parse_links_known(s, n, is_task, &r, add, &r);
    }
    c->link_start[t->nrows] = (uint32_t)r.n;
    free(t->links);
    t->links = r.links;
    t->nlinks = r.n;
    t->links_cap = r.cap;
}

void lnk_resolve(pa_store *st)
{
    for (int i = 0; i < st->ntables; i++) {
        pa_table *t = st->tables[i];
        int col = tab_links_column(t);
        if (t->links_split && col >= 0 && t->key_col >= 0)
            relink_table(t, col);
        tab_links_loaded(t);
    }
}
