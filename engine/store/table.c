/*
 * store/table.c - storage of the column store. Columns grow together: every row
 * append makes room in every column and marks the new cells null; the
 * loader then fills the cells that parse.
 */
#include "store/table.h"
#include "core/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

pa_table *tab_new(const char *name, const char *file, const pa_tabledef *def)
{
    pa_table *t = xcalloc(1, sizeof *t);
    t->name = xstrdup(name);
    t->file = xstrdup(file);
    t->def = def;
    t->key_col = -1;
    t->project_col = -1;
    sp_init(&t->pool);
    pthread_mutex_init(&t->lock, NULL);
    pthread_cond_init(&t->built, NULL);
    return t;
}

void tab_slot_wait(pa_table *t, int slot)
{
    pthread_mutex_lock(&t->lock);
    if (!t->building) {
        t->building = xcalloc(TAB_NSLOTS(t), 1);
        t->derived = xcalloc(TAB_NSLOTS(t), sizeof *t->derived);
    }
    while (t->building[slot])
        pthread_cond_wait(&t->built, &t->lock);
}

void tab_slot_build(pa_table *t, int slot)
{
    t->building[slot] = 1;
    pthread_mutex_unlock(&t->lock);
}

void tab_slot_done(pa_table *t, int slot, void *data, void (*free_fn)(void *))
{
    pthread_mutex_lock(&t->lock);
    t->derived[slot].data = data;
    t->derived[slot].free_fn = free_fn;
    t->building[slot] = 0;
    pthread_cond_broadcast(&t->built);
}

size_t tab_elem_size(pa_type ty)
{
    switch (ty) {
    case TY_TEXT:
    case TY_LINKS:
        return sizeof(uint32_t);
    case TY_INT:
        return sizeof(int64_t);
    case TY_NUMBER:
    case TY_MONEY:
        return sizeof(double);
    case TY_DATE:
        return sizeof(int32_t);
    case TY_BOOL:
    case TY_ENUM:
        return 1;
    }
    return 8;
}

static void col_resize(pa_column *c, size_t cap, size_t old)
{
    c->v.u8 = xrealloc(c->v.u8, cap * tab_elem_size(c->type));
    size_t ob = (old + 7) / 8, nb = (cap + 7) / 8;
    c->nulls = xrealloc(c->nulls, nb);
    if (nb > ob)
        memset(c->nulls + ob, 0xff, nb - ob);
    if (c->type == TY_LINKS)
        c->link_start = xrealloc(c->link_start, (cap + 1) * sizeof *c->link_start);
}

int tab_add_column(pa_table *t, const char *name, pa_type type, const pa_coldef *def, int csv_pos)
{
    t->cols = xrealloc(t->cols, (size_t)(t->ncols + 1) * sizeof *t->cols);
    pa_column *c = &t->cols[t->ncols];
    memset(c, 0, sizeof *c);
    c->name = xstrdup(name);
    c->type = type;
    c->def = def;
    c->csv_pos = csv_pos;
    col_resize(c, t->cap ? t->cap : 1, 0);
    if (type == TY_LINKS)
        c->link_start[0] = 0;
    if (t->def && t->def->key && strcmp(name, t->def->key) == 0)
        t->key_col = t->ncols;
    if (strcmp(name, "project_id") == 0)
        t->project_col = t->ncols;
    return t->ncols++;
}

int tab_links_column(const pa_table *t)
{
    for (int i = 0; i < t->ncols; i++)
        if (t->cols[i].type == TY_LINKS)
            return i;
    return -1;
}

int tab_column(const pa_table *t, const char *name)
{
    for (int i = 0; i < t->ncols; i++)
        if (strcmp(t->cols[i].name, name) == 0)
            return i;
    return -1;
}

void tab_next_file(pa_table *t, const char *file)
{
    if (t->nmore_files >= 65535)
        return; /* more files than rows can name: they stay under the last one */
    t->more_files = xrealloc(t->more_files, (size_t)(t->nmore_files + 1) * sizeof *t->more_files);
    t->more_files[t->nmore_files++] = xstrdup(file);
    if (!t->row_file)
        t->row_file = xcalloc(t->cap ? t->cap : 1, sizeof *t->row_file);
}

/* Room for nrows rows; the capacity doubles from 256 as rows are added,
 * and store/table_concat.c reserves the same capacity at once. */
void tab_reserve(pa_table *t, size_t nrows)
{
    if (nrows <= t->cap)
        return;
    size_t ncap = t->cap ? t->cap : 256;
    while (ncap < nrows)
        ncap *= 2;
    for (int i = 0; i < t->ncols; i++)
        col_resize(&t->cols[i], ncap, t->cap);
    t->line = xrealloc(t->line, ncap * sizeof *t->line);
    if (t->row_file)
        t->row_file = xrealloc(t->row_file, ncap * sizeof *t->row_file);
    t->cap = ncap;
}

size_t tab_add_row(pa_table *t, uint32_t line)
{
    if (t->nrows == t->cap)
        tab_reserve(t, t->nrows + 1);
    size_t r = t->nrows++;
    t->line[r] = line;
    if (t->row_file)
        t->row_file[r] = (uint16_t)t->nmore_files;
    for (int i = 0; i < t->ncols; i++) {
        pa_column *c = &t->cols[i];
        c->nulls[r >> 3] |= (uint8_t)(1u << (r & 7));
        if (c->type == TY_TEXT || c->type == TY_LINKS)
            c->v.sid[r] = 0;
        if (c->type == TY_LINKS)
            c->link_start[r + 1] = (uint32_t)t->nlinks;
    }
    return r;
}

void tab_drop_last_row(pa_table *t)
{
    if (!t->nrows)
        return;
    size_t r = --t->nrows;
    for (int i = 0; i < t->ncols; i++) {
        pa_column *c = &t->cols[i];
        c->nulls[r >> 3] |= (uint8_t)(1u << (r & 7));
        if (c->type == TY_LINKS)
            t->nlinks = c->link_start[r]; /* its links were the last ones added */
    }
}

/*
 * Free what was derived from the table (indexes, schedule figures,
 * networks), leaving the slots empty, so that the next asker builds them
 * again. Only for when no thread uses them and no Lua state that may hold
 * a pointer into them (a row set keeps its index) is open: store_drop_derived.
 */
void tab_drop_derived(pa_table *t)
{
    for (size_t i = 0; t->derived && i < TAB_NSLOTS(t); i++) {
        if (t->derived[i].data)
            t->derived[i].free_fn(t->derived[i].data);
        t->derived[i].data = NULL;
        t->derived[i].free_fn = NULL;
    }
}

void tab_free(pa_table *t)
{
    if (!t)
        return;
    for (int i = 0; i < t->ncols; i++) {
        free(t->cols[i].name);
        free(t->cols[i].nulls);
        free(t->cols[i].v.u8);
        free(t->cols[i].link_start);
        free(t->cols[i].seen);
        if (t->cols[i].arena) {
            arena_free(t->cols[i].arena);
            free(t->cols[i].arena);
        }
    }
    tab_drop_derived(t);
    free(t->derived);
    free(t->cols);
    free(t->line);
    free(t->links);
    arena_free(&t->link_ids);
    free(t->link_seen);
    free(t->link_lags);
    sp_free(&t->pool);
    pthread_mutex_destroy(&t->lock);
    pthread_cond_destroy(&t->built);
    free(t->building);
    free(t->name);
    free(t->file);
    for (int i = 0; i < t->nmore_files; i++)
        free(t->more_files[i]);
    for (int i = 0; t->col_where && i < t->ncols; i++)
        free(t->col_where[i]);
    free(t->col_where);
    free(t->more_files);
    free(t->row_file);
    free(t);
}

/*
 * Move column c to an arena: the cells stored so far (rows up to r; a cell
 * never set holds id 0) are copied out of the pool. Their strings stay in
 * the pool, unused: at most TAB_TEXT_SAMPLE of them.
 */
static void to_arena(pa_table *t, pa_column *c, size_t r)
{
    c->arena = xcalloc(1, sizeof *c->arena);
    for (size_t i = 0; i <= r; i++) {
        if (c->v.sid[i] == 0)
            continue;
        size_t n;
        const char *s = sp_str(&t->pool, c->v.sid[i], &n);
        c->v.sid[i] = arena_add(c->arena, s, n);
    }
}

/*
 * Count sid among the distinct values of the sample: a set of string ids
 * (open addressing, 2 x TAB_TEXT_SAMPLE slots, 0 = empty) that lives only
 * while the column is sampled. Distinct within the column is what counts:
 * a predecessors cell "T12" is often the same string as a task id, so
 * "new to the pool" would call it a repeat.
 */
static void sample_value(pa_column *c, uint32_t sid)
{
    enum { NSLOTS = 2 * TAB_TEXT_SAMPLE };
    if (!c->seen)
        c->seen = xcalloc(NSLOTS, sizeof *c->seen);
    uint32_t i = (sid * 2654435761u) & (NSLOTS - 1);
    while (c->seen[i] && c->seen[i] != sid)
        i = (i + 1) & (NSLOTS - 1);
    if (!c->seen[i]) {
        c->seen[i] = sid;
        c->distinct++;
    }
}

void tab_set_text(pa_table *t, int col, size_t r, const char *s, size_t n)
{
    pa_column *c = &t->cols[col];
    if (c->arena) {
        c->v.sid[r] = arena_add(c->arena, s, n);
        return;
    }
    tab_set_text_id(t, col, r, sp_intern(&t->pool, s, n));
}

void tab_set_text_id(pa_table *t, int col, size_t r, uint32_t id)
{
    pa_column *c = &t->cols[col];
    c->v.sid[r] = id;
    if (c->sampled < TAB_TEXT_SAMPLE) {
        sample_value(c, id);
        if (++c->sampled == TAB_TEXT_SAMPLE) {
            free(c->seen);
            c->seen = NULL;
            if (c->distinct * 4 >= TAB_TEXT_SAMPLE * 3)
                to_arena(t, c, r);
        }
    }
}

/*
 * Most tasks are the predecessor of several others (five to seven links a
 * task on the dense shape), named by nearby rows: storing each link's
 * target id anew made link_ids as big as the links themselves (67 MiB at a
 * million dense tasks). A direct-mapped cache of the last id stored under
 * each hash finds nearly every repeat; an id it has lost is stored again,
 * which costs bytes, never a wrong target. TAB_LINK_SEEN slots, 256 KiB.
 */
#define TAB_LINK_SEEN 65536

uint32_t tab_add_link_id(pa_table *t, const char *s, size_t n)
{
    uint32_t h = 2166136261u; /* FNV-1a */
    for (size_t i = 0; i < n; i++)
        h = (h ^ (uint8_t)s[i]) * 16777619u;
    h &= TAB_LINK_SEEN - 1;
    if (!t->link_seen)
        t->link_seen = xcalloc(TAB_LINK_SEEN, sizeof *t->link_seen);
    uint32_t e = t->link_seen[h];
    if (e) {
        size_t m = 0;
        const char *x = arena_str(&t->link_ids, e - 1, &m);
        if (m == n && memcmp(x, s, n) == 0)
            return e - 1;
    }
    uint32_t ref = arena_add(&t->link_ids, s, n);
    t->link_seen[h] = ref < UINT32_MAX ? ref + 1 : 0;
    return ref;
}

/* Packing a lag: see pa_tlink. The shift of a negative int32 is
 * arithmetic on every compiler this builds with (gcc, clang). */
pa_tlink tab_link_make(pa_table *t, const char *s, size_t n, int type, double lag)
{
    pa_tlink l = {tab_add_link_id(t, s, n), (uint32_t)type & 3u};
    double k = lag * 1000.0;
    if (k > -268435456.0 && k < 268435456.0) {
        int64_t m = (int64_t)(k < 0 ? k - 0.5 : k + 0.5);
        double back = (double)m / 1000.0;
        uint64_t b1, b2; /* the same bits: -0 is not 0 */
        memcpy(&b1, &back, sizeof b1);
        memcpy(&b2, &lag, sizeof b2);
        if (m >= -268435456 && m < 268435456 && b1 == b2) { /* within 29 bits, signed */
            l.tl |= (uint32_t)(int32_t)m << 3;
            return l;
        }
    }
    if (t->nlink_lags >= (1u << 29)) { /* half a billion: fatal like an allocation failure */
        fprintf(stderr, "pmoaudit: out of memory: more than 2^29 links with a fractional lag in table %s\n", t->name);
        exit(70);
    }
    GROW(t->link_lags, t->link_lags_cap, t->nlink_lags + 1);
    t->link_lags[t->nlink_lags] = lag;
    l.tl |= 4u | (uint32_t)t->nlink_lags++ << 3;
    return l;
}

void tab_links_loaded(pa_table *t)
{
    free(t->link_seen);
    t->link_seen = NULL;
}

const char *tab_cell_text(const pa_table *t, int col, size_t r, char *buf, size_t cap, size_t *n)
{
    const pa_column *c = &t->cols[col];
    if (tab_is_null(c, r))
        return NULL;
    switch (c->type) {
    case TY_TEXT:
    case TY_LINKS:
        return tab_text(t, col, r, n);
    case TY_INT:
        snprintf(buf, cap, "%lld", (long long)c->v.i64[r]);
        break;
    case TY_NUMBER:
    case TY_MONEY:
        val_format_number(c->v.f64[r], buf, cap);
        break;
    case TY_DATE:
        date_format(c->v.date[r], buf);
        break;
    case TY_BOOL:
        snprintf(buf, cap, "%s", c->v.u8[r] ? "true" : "false");
        break;
    case TY_ENUM:
        snprintf(buf, cap, "%s", c->def->enums[c->v.u8[r]]);
        break;
    }
    *n = strlen(buf);
    return buf;
}

static void append_cell(const pa_table *t, int col, size_t r, sbuf *b)
{
    char tmp[64];
    size_t n;
    const char *s = col < 0 ? NULL : tab_cell_text(t, col, r, tmp, sizeof tmp, &n);
    if (s)
        sb_add(b, s, n);
}

void tab_row_key(const pa_table *t, size_t r, char *buf, size_t cap)
{
    sbuf b;
    sb_init(&b);
    if (t->key_col >= 0) {
        append_cell(t, t->key_col, r, &b);
    } else if (t->def && t->def->natural_key) {
        for (int i = 0; t->def->natural_key[i]; i++) {
            if (i)
                sb_putc(&b, '/');
            append_cell(t, tab_column(t, t->def->natural_key[i]), r, &b);
        }
    } else if (t->ncols > 0) {
        append_cell(t, 0, r, &b);
    }
    size_t n = b.len < cap ? b.len : cap - 1; /* cap > 0: callers pass a buffer */
    if (n)
        memcpy(buf, b.data, n);
    buf[n] = '\0';
    sb_free(&b);
}

size_t tab_bytes(const pa_table *t)
{
    size_t total = sp_bytes(&t->pool) + t->cap * sizeof *t->line + t->links_cap * sizeof *t->links +
                   t->link_ids.cap;
    for (int i = 0; i < t->ncols; i++) {
        if (t->cols[i].arena)
            total += t->cols[i].arena->cap;
        total += t->cap * tab_elem_size(t->cols[i].type) + (t->cap + 7) / 8;
        if (t->cols[i].link_start)
            total += (t->cap + 1) * sizeof(uint32_t);
    }
    return total;
}
