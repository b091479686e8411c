/*
 * store/table_concat.c - concatenating two tables loaded from one file's header.
 *
 * Most of a table is position-free and is copied as is: numbers, dates,
 * enums and bools are arrays of cells, null bitmaps are bit strings (copied
 * at a bit offset), lines get the distance between the two parts added,
 * link lists and link targets are appended with their offsets moved.
 *
 * Text is where the order of loading shows. The loader interns text into
 * one pool per table, ids in order of first appearance, and moves a column
 * to an arena once its first TAB_TEXT_SAMPLE values prove nearly distinct
 * (store/table.h). To come out as a one-pass load would, the source's text cells
 * are replayed into the destination in the order the loader met them:
 * row by row, and within a row by header position. A column that is
 * already in an arena in the destination takes no part in interning, so it
 * is appended column-wise (the source's own arena in one copy when the
 * source chose an arena too). The other columns are replayed cell by cell
 * through tab_set_text_id, which also continues their sampling and can
 * move them to an arena half-way, exactly where a one-pass load would. A
 * per-source-id cache makes the replay of a repeated value an array read,
 * not a hash lookup.
 */
#include "store/table_concat.h"
#include "core/util.h"

#include <stdlib.h>
#include <string.h>

/*
 * Free a block of a range's table. A big block is mmapped by glibc, and
 * freeing one raises malloc's mmap threshold to its size (up to 32 MiB):
 * every later allocation below that size then comes from the heap, which
 * does not give memory back, and the run's peak RSS grew by 15% when the
 * ranges' columns were freed plainly. Shrinking the block to one page
 * first (mremap) and freeing that leaves the threshold where it was.
 */
static void drop(void *p)
{
    if (p)
        free(xrealloc(p, 1));
}

static void drop_arena(pa_arena *a)
{
    drop(a->data);
    a->data = NULL;
    a->len = a->cap = 0;
}

/* Copy bits [0, n) of src to bits [at, at + n) of dst (a null bitmap of
 * dbytes bytes). Bits past n in src are set, as the ones past the last
 * row of any bitmap are, so the copy keeps dst's tail set. */
static void copy_bits(uint8_t *dst, size_t at, const uint8_t *src, size_t n, size_t dbytes)
{
    size_t d = at >> 3, m = (n + 7) / 8;
    unsigned s = (unsigned)(at & 7);
    if (s == 0) {
        memcpy(dst + d, src, m);
        return;
    }
    uint8_t low = (uint8_t)((1u << s) - 1);
    for (size_t i = 0; i < m; i++) {
        dst[d + i] = (uint8_t)((dst[d + i] & low) | (src[i] << s));
        if (d + i + 1 < dbytes)
            dst[d + i + 1] = (uint8_t)((dst[d + i + 1] & (uint8_t)~low) | (src[i] >> (8 - s)));
    }
}

/* Link lists and their targets, offsets moved past dst's. */
static void append_links(pa_table *dst, const pa_table *src)
{
    dst->links_split |= src->links_split;
    if (src->nlinks == 0)
        return;
    uint32_t base = arena_append(&dst->link_ids, &src->link_ids);
    uint32_t lag_base = (uint32_t)dst->nlink_lags; /* src's odd lags go after dst's */
    if (src->nlink_lags) {
        GROW(dst->link_lags, dst->link_lags_cap, dst->nlink_lags + src->nlink_lags);
        memcpy(dst->link_lags + dst->nlink_lags, src->link_lags, src->nlink_lags * sizeof *src->link_lags);
        dst->nlink_lags += src->nlink_lags;
    }
    GROW(dst->links, dst->links_cap, dst->nlinks + src->nlinks);
    for (size_t i = 0; i < src->nlinks; i++) {
        pa_tlink l = src->links[i];
        l.target += base;
        if (l.tl & 4u)
            l.tl += lag_base << 3;
        dst->links[dst->nlinks++] = l;
    }
}

/* The text of a present source cell. */
static const char *src_text(const pa_table *src, const pa_column *s, size_t r, size_t *n)
{
    return s->arena ? arena_str(s->arena, s->v.sid[r], n) : sp_str(&src->pool, s->v.sid[r], n);
}

/* A column already in an arena in dst: its text never meets the pool. */
static void append_arena_column(pa_column *d, const pa_table *src, pa_column *s, size_t base)
{
    uint32_t *out = d->v.sid + base;
    if (s->arena) {
        uint32_t shift = arena_append(d->arena, s->arena);
        drop_arena(s->arena);
        for (size_t r = 0; r < src->nrows; r++)
            out[r] = tab_is_null(s, r) ? 0 : s->v.sid[r] + shift;
        return;
    }
    for (size_t r = 0; r < src->nrows; r++) {
        size_t n;
        out[r] = 0;
        if (!tab_is_null(s, r)) {
            const char *str = sp_str(&src->pool, s->v.sid[r], &n);
            out[r] = arena_add(d->arena, str, n);
        }
    }
}

/* One cell of a column that was interned in dst when the replay began. */
static void replay_cell(pa_table *dst, const pa_table *src, int col, size_t r, size_t base, uint32_t *cache)
{
    const pa_column *s = &src->cols[col];
    pa_column *d = &dst->cols[col];
    if (tab_is_null(s, r)) {
        d->v.sid[base + r] = 0;
        return;
    }
    size_t n;
    if (d->arena) { /* moved to an arena earlier in this replay */
        const char *str = src_text(src, s, r, &n);
        d->v.sid[base + r] = arena_add(d->arena, str, n);
        return;
    }
    uint32_t id;
    if (!s->arena && cache[s->v.sid[r]]) {
        id = cache[s->v.sid[r]];
    } else {
        const char *str = src_text(src, s, r, &n);
        id = sp_intern(&dst->pool, str, n);
        if (!s->arena)
            cache[s->v.sid[r]] = id;
    }
    tab_set_text_id(dst, col, base + r, id);
}

/* The text columns dst still interns, replayed row by row in header order. */
static void replay_pooled(pa_table *dst, const pa_table *src, size_t base)
{
    int npos = 0;
    for (int i = 0; i < dst->ncols; i++)
        if (dst->cols[i].csv_pos >= npos)
            npos = dst->cols[i].csv_pos + 1;
    int *at = xmalloc(((size_t)npos + 1) * sizeof *at), m = 0;
    for (int p = 0; p < npos; p++)
        at[p] = -1;
    for (int i = 0; i < dst->ncols; i++) {
        const pa_column *d = &dst->cols[i];
        if ((d->type == TY_TEXT || d->type == TY_LINKS) && !d->arena && d->csv_pos >= 0)
            at[d->csv_pos] = i;
    }
    for (int p = 0; p < npos; p++) /* the columns in header order, packed */
        if (at[p] >= 0)
            at[m++] = at[p];
    uint32_t *cache = xcalloc(src->pool.count, sizeof *cache);
    for (size_t r = 0; r < src->nrows && m > 0; r++)
        for (int j = 0; j < m; j++)
            replay_cell(dst, src, at[j], r, base, cache);
    free(cache);
    free(at);
}

/* Release a column's arrays once they are copied (tab_free skips them). */
static void release(pa_column *s)
{
    drop(s->v.u8);
    drop(s->nulls);
    drop(s->link_start);
    s->v.u8 = NULL;
    s->nulls = NULL;
    s->link_start = NULL;
}

void tabcat_append(pa_table *dst, pa_table *src, int64_t line_delta)
{
    size_t base = dst->nrows, n = src->nrows;
    tab_reserve(dst, base + n);
    arena_populate(dst->line + base, n * sizeof *dst->line);
    for (size_t r = 0; r < n; r++)
        dst->line[base + r] = (uint32_t)((int64_t)src->line[r] + line_delta);
    drop(src->line);
    src->line = NULL;
    size_t link_base = dst->nlinks;
    append_links(dst, src);
    drop_arena(&src->link_ids);
    tab_links_loaded(src);
    drop(src->links);
    src->links = NULL;
    size_t dbytes = (dst->cap + 7) / 8;
    for (int i = 0; i < dst->ncols; i++) {
        pa_column *d = &dst->cols[i];
        pa_column *s = &src->cols[i];
        arena_populate(d->v.u8 + base * tab_elem_size(d->type), n * tab_elem_size(d->type));
        copy_bits(d->nulls, base, s->nulls, n, dbytes);
        if (d->type == TY_LINKS)
            for (size_t r = 0; r < n; r++)
                d->link_start[base + r + 1] = (uint32_t)(s->link_start[r + 1] + link_base);
        if (d->type != TY_TEXT && d->type != TY_LINKS) {
            size_t es = tab_elem_size(d->type);
            memcpy(d->v.u8 + base * es, s->v.u8, n * es);
        } else if (d->arena) {
            append_arena_column(d, src, s, base);
        } else if (d->csv_pos < 0) {
            memset(d->v.sid + base, 0, n * sizeof *d->v.sid);
        } else {
            continue; /* replayed below, row by row */
        }
        release(s);
    }
    replay_pooled(dst, src, base);
    for (int i = 0; i < src->ncols; i++)
        release(&src->cols[i]);
    dst->nrows = base + n;
}
