/*
 * store/index.c - building and probing column indexes. Two passes over the
 * column: the first assigns group numbers and counts rows per group, the
 * second lays the row ids out contiguously per group. Rows stay in file
 * order within a group, so "the first row with this key" is rows[start[g]].
 *
 * A key is 64 bits: the value itself for numbers, dates, booleans, enums
 * and interned text (its string id). Text kept in an arena has no id, so
 * its key is a 64-bit hash of the bytes, and two cells are in one group
 * only when their hashes and their bytes are equal (same_text).
 */
#include "store/index.h"
#include "store/table.h"
#include "core/util.h"

#include <stdlib.h>
#include <string.h>

/* FNV-1a over 64 bits: the key of arena text. */
static uint64_t text_hash(const char *s, size_t n)
{
    uint64_t h = 0xcbf29ce484222325ULL;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 0x100000001b3ULL;
    }
    return h;
}

/* Does the (non-null) arena cell at row hold s? */
static bool same_text(const pa_table *t, int col, uint32_t row, const char *s, size_t n)
{
    size_t m = 0;
    const char *x = tab_text(t, col, row, &m);
    return m == n && memcmp(x, s, n) == 0;
}

uint64_t idx_cell_key(const pa_table *t, int col, uint32_t row)
{
    const pa_column *c = &t->cols[col];
    switch (c->type) {
    case TY_TEXT:
    case TY_LINKS:
        if (c->arena) {
            size_t n = 0;
            const char *s = tab_text(t, col, row, &n);
            return text_hash(s, n);
        }
        return c->v.sid[row];
    case TY_INT:
        return (uint64_t)c->v.i64[row];
    case TY_NUMBER:
    case TY_MONEY: {
        double d = c->v.f64[row];
        uint64_t bits;
        if (d == 0)
            d = 0; /* fold -0.0 into 0.0 */
        memcpy(&bits, &d, sizeof bits);
        return bits;
    }
    case TY_DATE:
        return (uint64_t)(int64_t)c->v.date[row];
    case TY_BOOL:
    case TY_ENUM:
        return c->v.u8[row];
    }
    return 0;
}

static uint32_t mix(uint64_t k)
{
    k ^= k >> 33;
    k *= 0xff51afd7ed558ccdULL;
    k ^= k >> 33;
    return (uint32_t)k;
}

int64_t idx_find(const pa_index *ix, uint64_t key)
{
    uint32_t mask = ix->nslots - 1;
    for (uint32_t i = mix(key) & mask;; i = (i + 1) & mask) {
        uint32_t g = ix->slots[i];
        if (g == 0)
            return -1;
        if (ix->keys[g - 1] == key)
            return g - 1;
    }
}

int64_t idx_find_text(const pa_table *t, int col, const pa_index *ix, const char *s, size_t n)
{
    const pa_column *c = &t->cols[col];
    if (!c->arena) {
        uint32_t sid = sp_find(&t->pool, s, n);
        return sid ? idx_find(ix, sid) : -1;
    }
    uint64_t key = text_hash(s, n);
    uint32_t mask = ix->nslots - 1;
    for (uint32_t i = mix(key) & mask;; i = (i + 1) & mask) {
        uint32_t g = ix->slots[i];
        if (g == 0)
            return -1;
        if (ix->keys[g - 1] == key && same_text(t, col, ix->rows[ix->start[g - 1]], s, n))
            return g - 1;
    }
}

static bool cells_equal(const pa_table *t, int col, uint32_t a, uint32_t b)
{
    size_t n = 0;
    const char *s = tab_text(t, col, b, &n);
    return same_text(t, col, a, s, n);
}

/*
 * Double the hash slots and place every group again, in group order (so
 * groups with one key keep their order along a probe). The slots are kept
 * at most half full; sizing them by the groups rather than the rows saves,
 * on a million-row column of a few thousand values (tasks.project_id,
 * timesheets.resource_id), 8 MiB of slots touched at random.
 */
static void grow_slots(pa_index *ix)
{
    free(ix->slots);
    ix->nslots *= 2;
    ix->slots = xcalloc(ix->nslots, sizeof *ix->slots);
    uint32_t mask = ix->nslots - 1;
    for (uint32_t g = 0; g < ix->ngroups; g++) {
        uint32_t i = mix(ix->keys[g]) & mask;
        while (ix->slots[i])
            i = (i + 1) & mask;
        ix->slots[i] = g + 1;
    }
}

static pa_index *build(const pa_table *t, int col)
{
    pa_index *ix = xcalloc(1, sizeof *ix);
    const pa_column *c = &t->cols[col];
    size_t n = t->nrows;
    ix->nslots = 16;
    ix->slots = xcalloc(ix->nslots, sizeof *ix->slots);
    uint32_t *group_of = xmalloc((n ? n : 1) * sizeof *group_of);
    size_t kcap = 0, ccap = 1, fcap = 1;
    uint32_t *count = xmalloc(ccap * sizeof *count); /* never NULL, even with no groups */
    uint32_t *first = xmalloc(fcap * sizeof *first); /* a row of each group, for same_text */
    uint32_t mask = ix->nslots - 1;
    for (size_t r = 0; r < n; r++) {
        if (tab_is_null(c, r)) {
            group_of[r] = UINT32_MAX;
            continue;
        }
        uint64_t key = idx_cell_key(t, col, (uint32_t)r);
        uint32_t i = mix(key) & mask;
        while (ix->slots[i] && !(ix->keys[ix->slots[i] - 1] == key &&
                                 (!c->arena || cells_equal(t, col, first[ix->slots[i] - 1], (uint32_t)r))))
            i = (i + 1) & mask;
        if (!ix->slots[i] && (ix->ngroups + 1) * 2 > ix->nslots) {
            grow_slots(ix); /* then probe again for the free slot */
            mask = ix->nslots - 1;
            for (i = mix(key) & mask; ix->slots[i]; i = (i + 1) & mask)
                ;
        }
        if (!ix->slots[i]) {
            GROW(ix->keys, kcap, ix->ngroups + 1);
            GROW(count, ccap, ix->ngroups + 1);
            GROW(first, fcap, ix->ngroups + 1);
            first[ix->ngroups] = (uint32_t)r;
            ix->keys[ix->ngroups] = key;
            count[ix->ngroups] = 0;
            ix->slots[i] = ++ix->ngroups;
        }
        group_of[r] = ix->slots[i] - 1;
        count[group_of[r]]++;
    }
    ix->start = xmalloc((ix->ngroups + 1) * sizeof *ix->start);
    uint32_t total = 0;
    for (uint32_t g = 0; g < ix->ngroups; g++) {
        ix->start[g] = total;
        total += count[g];
        count[g] = ix->start[g]; /* reuse as fill cursor */
    }
    ix->start[ix->ngroups] = total;
    ix->rows = xmalloc((total ? total : 1) * sizeof *ix->rows);
    for (size_t r = 0; r < n; r++)
        if (group_of[r] != UINT32_MAX)
            ix->rows[count[group_of[r]]++] = (uint32_t)r;
    free(group_of);
    free(count);
    free(first);
    return ix;
}

static void free_index(void *ix)
{
    idx_free(ix);
}

const pa_index *idx_get(pa_table *t, int col)
{
    tab_slot_wait(t, col);
    pa_index *ix = t->derived[col].data;
    if (!ix) {
        tab_slot_build(t, col); /* build reads the table only: no lock held */
        ix = build(t, col);
        tab_slot_done(t, col, ix, free_index);
    }
    pthread_mutex_unlock(&t->lock);
    return ix;
}

void idx_free(pa_index *ix)
{
    if (!ix)
        return;
    free(ix->keys);
    free(ix->start);
    free(ix->rows);
    free(ix->slots);
    free(ix);
}
