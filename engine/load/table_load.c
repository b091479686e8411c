/*
 * load/table_load.c - from CSV files to typed tables.
 *
 * The first row of a file is its header; names are normalised and matched
 * against the data model. Canonical columns are created in schema order
 * (absent optional ones stay all-null), then every other header becomes an
 * extra text column. Each data cell is parsed into its column's type as it
 * streams past; a cell that does not parse stays null and is remembered, and
 * at the end of the row the DAT-001 and DAT-002 findings of that row are
 * emitted together, once the row's key is known.
 *
 * The file's shape is checked as it goes: a row with fewer or more cells
 * than the header, a repeated header name and a cell holding NUL bytes are
 * DAT-005 findings at their line, and the data is kept where it can be (a
 * short row's missing cells are null; nothing is dropped without a
 * finding). The same table sink (load_begin .. load_end) is fed by
 * load/profile.c when an import profile reshapes another tool's export.
 */
#include "load/table_load.h"
#include "load/xlsx.h"
#include "load/csv_read.h"
#include "model/date_format.h"
#include "core/progress.h"
#include "core/util.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define MAX_SHOWN_VALUE 200

typedef struct {
    int col;
    char *raw;
    const char *layout; /* a date's declared layout */
    char *msg;          /* the finding's message when the sink was told it (load_bad_cell), else NULL */
} bad_cell;

struct load_table {
    pa_store *st;
    pa_table *t;
    const pa_load_opts *o;
    const char **layout; /* header position -> date layout (NULL: the default) */
    size_t nlayout;
    const bool *iso_too; /* header position -> a date may also be ISO (computed by a profile) */
    char *cells_at;      /* a workbook's "file:Sheet": findings about a column name its cell */
    const pa_tabledef *def;
    pa_findings *out;
    const char *display;
    bool header_done;
    bool iso_any;        /* every date may also be ISO (a workbook's sheet) */
    uint32_t hdr_line;
    char **hdr;
    char **hnorm;        /* the header's names before repeats got _2, _3 (to spot a repeated header row) */
    size_t nhdr, hcap;
    pa_ledger_file *led; /* this file's row ledger (plain files; a profile keeps its own), or NULL */
    pa_ledger ledger;    /* holds led until load_end gives it to the store */
    bool hdr_like;       /* every cell of the current row so far equals the header's */
    sbuf held;           /* those cells, not stored yet (hold_cell) */
    bool skip_pre_blanks; /* a byte range after the first: blank lines before the header were counted */
    int *map;            /* header position -> column, -1 when ignored */
    bool row_open;
    size_t row;
    size_t nfields;
    bad_cell *bad;       /* DAT-001 cells of the current row */
    size_t nbad, badcap;
    sbuf extra;          /* cells past the header's width in the current row */
    bool extra_data;     /* one of them is not empty */
    char *fatal;
    size_t max_rows, max_cols;
    size_t nout;         /* findings in out before this table's */
};
typedef struct load_table loadctx;

static char *shown_value(const char *s, size_t n)
{
    str_trim(&s, &n);
    if (n <= MAX_SHOWN_VALUE)
        return xstrndup(s, n);
    char *v = xmalloc(MAX_SHOWN_VALUE + 4);
    memcpy(v, s, MAX_SHOWN_VALUE);
    memcpy(v + MAX_SHOWN_VALUE, "...", 4);
    return v;
}

void load_shape(load_table *c, uint32_t line, const char *column, const char *msg)
{
    fnd_add(c->out, "DAT-005", SEV_ERROR, c->t->name, NULL, NULL, c->display, line, column, NULL, msg, NULL);
}

static void add_header(loadctx *c, const char *data, size_t len)
{
    char name[256];
    size_t n = data ? val_norm_header(data, len, name, sizeof name) : 0;
    if (n == 0)
        snprintf(name, sizeof name, "column_%zu", c->nhdr + 1);
    /* A repeated name keeps its data under name_2, name_3, ... */
    char unique[300];
    snprintf(unique, sizeof unique, "%s", name);
    for (int k = 2;; k++) {
        bool clash = false;
        for (size_t i = 0; i < c->nhdr; i++)
            if (strcmp(c->hdr[i], unique) == 0)
                clash = true;
        if (!clash)
            break;
        snprintf(unique, sizeof unique, "%s_%d", name, k);
    }
    if (strcmp(unique, name) != 0) {
        char *msg = xasprintf("header column %zu repeats the name '%s'; its cells are loaded as column '%s'",
                              c->nhdr + 1, name, unique);
        load_shape(c, c->hdr_line, name, msg);
        free(msg);
    }
    size_t cap = c->hcap;
    GROW(c->hdr, c->hcap, c->nhdr + 1);
    if (c->hcap != cap)
        c->hnorm = xrealloc(c->hnorm, c->hcap * sizeof *c->hnorm);
    c->hnorm[c->nhdr] = xstrdup(n ? name : "");
    c->hdr[c->nhdr++] = xstrdup(unique);
}

/* Whether a data cell equals the header's cell at index (normalised as
 * header names are): a row made only of such cells repeats the header. */
static bool like_header(const loadctx *c, size_t index, const char *data, size_t len)
{
    if (index >= c->nhdr)
        return false;
    char name[256];
    size_t n = data ? val_norm_header(data, len, name, sizeof name) : 0;
    name[n < sizeof name ? n : sizeof name - 1] = '\0';
    return strcmp(name, c->hnorm[index]) == 0;
}

/* Create the table's columns from the header; fails on a missing required column. */
static bool build_columns(loadctx *c)
{
    pa_table *t = c->t;
    c->map = xmalloc((c->nhdr ? c->nhdr : 1) * sizeof *c->map);
    for (size_t i = 0; i < c->nhdr; i++)
        c->map[i] = -1;
    if (c->def) {
        for (int k = 0; k < c->def->ncols; k++) {
            const pa_coldef *cd = &c->def->cols[k];
            int pos = -1;
            for (size_t i = 0; i < c->nhdr && pos < 0; i++)
                if (strcmp(c->hdr[i], cd->name) == 0)
                    pos = (int)i;
            if (pos < 0 && cd->required) {
                sbuf b;
                sb_init(&b);
                sb_printf(&b, "%s:1: missing required column '%s' in table %s (the header has:", c->display,
                          cd->name, c->def->name);
                for (size_t i = 0; i < c->nhdr; i++)
                    sb_printf(&b, "%s%s", i ? ", " : " ", c->hdr[i]);
                sb_puts(&b, "); add the column or rename the header");
                c->fatal = sb_steal(&b);
                return false;
            }
            int col = tab_add_column(t, cd->name, cd->type, cd, pos);
            if (pos >= 0)
                c->map[pos] = col;
        }
    }
    for (size_t i = 0; i < c->nhdr; i++)
        if (c->map[i] < 0)
            c->map[i] = tab_add_column(t, c->hdr[i], TY_TEXT, NULL, (int)i);
    if (c->cells_at) { /* "book.xlsx:Sheet!C" per column found in the header */
        t->col_where = xcalloc((size_t)t->ncols + 1, sizeof *t->col_where);
        for (int k = 0; k < t->ncols; k++) {
            char letters[8];
            if (t->cols[k].csv_pos < 0)
                continue;
            xlsx_col_name((uint32_t)t->cols[k].csv_pos, letters);
            t->col_where[k] = xasprintf("%s!%s", c->cells_at, letters);
        }
    }
    return true;
}

typedef struct {
    pa_table *t;
} link_sink;

static void add_link(const pa_link *lk, void *ud)
{
    pa_table *t = ((link_sink *)ud)->t;
    GROW(t->links, t->links_cap, t->nlinks + 1);
    t->links[t->nlinks++] = tab_link_make(t, lk->id, lk->id_len, lk->type, lk->lag);
    t->links_split |= lk->split;
}

/* Parse one cell into its column; false when it does not parse. */
static bool store_cell(pa_table *t, int col, size_t r, const char *s, size_t n, const char *layout, bool iso_too)
{
    pa_column *c = &t->cols[col];
    const char *ts = s;
    size_t tn = n;
    str_trim(&ts, &tn);
    if (tn == 0)
        return true; /* null */
    bool ok = true;
    switch (c->type) {
    case TY_TEXT:
        tab_set_text(t, col, r, ts, tn);
        break;
    case TY_LINKS: {
        tab_set_text(t, col, r, ts, tn);
        link_sink sink = {t};
        ok = val_parse_links(ts, tn, add_link, &sink) == 0;
        c->link_start[r + 1] = (uint32_t)t->nlinks;
        break;
    }
    case TY_INT:
        ok = val_parse_int(ts, tn, &c->v.i64[r]);
        break;
    case TY_NUMBER:
        ok = val_parse_number(ts, tn, &c->v.f64[r]);
        break;
    case TY_MONEY:
        ok = val_parse_money(ts, tn, &c->v.f64[r]);
        break;
    case TY_DATE:
        ok = dfmt_parse(ts, tn, layout, &c->v.date[r]) || (iso_too && dfmt_parse(ts, tn, NULL, &c->v.date[r]));
        break;
    case TY_BOOL: {
        bool b = false;
        ok = val_parse_bool(ts, tn, &b);
        c->v.u8[r] = b;
        break;
    }
    case TY_ENUM: {
        char norm[64];
        int k = -1;
        if (tn < sizeof norm) {
            val_norm_enum(ts, tn, norm, sizeof norm);
            k = schema_enum_index(c->def, norm);
        }
        ok = k >= 0;
        c->v.u8[r] = (uint8_t)(k < 0 ? 0 : k);
        break;
    }
    }
    /* A links cell keeps its text even with a bad entry; others become null. */
    if (ok || c->type == TY_LINKS)
        tab_set_present(c, r);
    return ok;
}

/* The row limit, checked before a data row is added; sets c->fatal. */
static bool row_allowed(loadctx *c, uint32_t line)
{
    if (c->t->nrows < c->max_rows)
        return true;
    if (!c->fatal)
        c->fatal = xasprintf("%s:%u: more than %zu data rows, the limit (raise it with --max-rows or "
                             "limits.max_rows)", c->display, line, c->max_rows);
    return false;
}

/* A data cell into the current row (its column's type, DAT-001 noted). */
static void data_cell(loadctx *c, size_t index, const char *data, size_t len, uint32_t line)
{
    if (index >= c->nhdr) {
        c->extra_data |= data && len;
        if (c->extra.len < MAX_SHOWN_VALUE) {
            char *v = data ? shown_value(data, len) : xstrdup("");
            sb_printf(&c->extra, "%s\"%s\"", c->extra.len ? ", " : "", v);
            free(v);
        }
        return;
    }
    if (!data)
        return;
    int col = c->map[index];
    char *clean = NULL;
    if (memchr(data, 0, len)) {
        clean = xmalloc(len);
        size_t k = 0;
        for (size_t i = 0; i < len; i++)
            if (data[i])
                clean[k++] = data[i];
        char *msg = xasprintf("the cell holds %zu NUL byte(s), which are removed", len - k);
        load_shape(c, line, c->t->cols[col].name, msg);
        free(msg);
        data = clean;
        len = k;
    }
    const char *layout = index < c->nlayout && c->layout[index] ? c->layout[index] : c->o ? c->o->date_format : NULL;
    bool iso_too = c->iso_any || (c->iso_too && index < c->nlayout && c->iso_too[index]);
    if (!store_cell(c->t, col, c->row, data, len, layout, iso_too)) {
        GROW(c->bad, c->badcap, c->nbad + 1);
        c->bad[c->nbad] = (bad_cell){col, shown_value(data, len), layout, NULL};
        c->nbad++;
    }
    free(clean);
}

/*
 * The cells of a row that may repeat the header are held back (in
 * c->held: a null flag, the length, the bytes, per cell) until a cell
 * differs from the header's: then they are stored in order. A row that
 * repeats the header to its end is dropped before any of its text reached
 * the table, so its pool and storage choices are those of a file without
 * it (what a load in byte ranges gives too).
 */
static void hold_cell(loadctx *c, const char *data, size_t len)
{
    uint8_t null = data == NULL;
    sb_add(&c->held, (const char *)&null, 1);
    sb_add(&c->held, (const char *)&len, sizeof len);
    if (data)
        sb_add(&c->held, data, len);
}

static void release_held(loadctx *c, uint32_t line)
{
    size_t at = 0, index = 0;
    while (at < c->held.len) {
        uint8_t null = (uint8_t)c->held.data[at];
        size_t len;
        memcpy(&len, c->held.data + at + 1, sizeof len);
        at += 1 + sizeof len;
        data_cell(c, index++, null ? NULL : c->held.data + at, len, line);
        at += null ? 0 : len;
    }
    c->held.len = 0;
}

static void on_field(void *ud, size_t index, const char *data, size_t len, uint32_t line)
{
    loadctx *c = ud;
    if (c->fatal)
        return;
    if (!c->header_done) {
        c->hdr_line = line;
        if (c->nhdr >= c->max_cols) {
            c->fatal = xasprintf("%s:%u: the header has more than %zu columns, the limit (raise it with "
                                 "--max-columns or limits.max_columns)", c->display, line, c->max_cols);
            return;
        }
        add_header(c, data, len);
        return;
    }
    if (!c->row_open) {
        if (!row_allowed(c, line))
            return;
        c->row = tab_add_row(c->t, line);
        c->row_open = true;
        c->nbad = 0;
        c->hdr_like = c->led != NULL;
        c->held.len = 0;
    }
    c->nfields = index + 1;
    if (c->hdr_like && like_header(c, index, data, len)) {
        hold_cell(c, data, len);
        return;
    }
    if (c->hdr_like) {
        c->hdr_like = false;
        release_held(c, line);
    }
    data_cell(c, index, data, len, line);
}

static const char *expect_text(const pa_column *col)
{
    switch (col->type) {
    case TY_INT:
        return "an integer";
    case TY_NUMBER:
        return "a number (decimal point '.', optional '%')";
    case TY_MONEY:
        return "an amount of money (e.g. $1,250.00)";
    case TY_BOOL:
        return "true/false, yes/no, y/n or 1/0";
    case TY_LINKS:
        return "links ID[:FS|SS|FF|SF][+/-LAGd] separated by ';'";
    default:
        return "a value";
    }
}

static void enum_expect(const pa_column *col, sbuf *b)
{
    sb_puts(b, "one of ");
    for (int i = 0; col->def->enums[i]; i++)
        sb_printf(b, "%s%s", i ? ", " : "", col->def->enums[i]);
}

/* A date cell: the layout it was read with; a slash date read as ISO
 * says that it needs a layout, and which two it could be. */
static void date_expect(const bad_cell *b, sbuf *m)
{
    const char *l = b->layout;
    if (l && strcmp(l, "excel") == 0)
        sb_puts(m, "an Excel serial day number (layout excel)");
    else if (l && strcmp(l, "ISO") != 0)
        sb_printf(m, "a date %s", l);
    else if (dfmt_ambiguous(b->raw, strlen(b->raw)))
        sb_puts(m, "a date YYYY-MM-DD (this one is ambiguous: DD/MM/YYYY or MM/DD/YYYY? declare the layout with "
                   "date_format)");
    else
        sb_puts(m, "a date YYYY-MM-DD");
}

/* The DAT-001 message of a bad cell: the one the sink was given, or what
 * the column expects. */
static void bad_message(const bad_cell *b, const pa_column *col, sbuf *m)
{
    if (b->msg) {
        sb_puts(m, b->msg);
        return;
    }
    sb_printf(m, "%s \"%s\" in column %s is not valid: expected ", type_name(col->type), b->raw, col->name);
    if (col->type == TY_ENUM)
        enum_expect(col, m);
    else if (col->type == TY_DATE)
        date_expect(b, m);
    else
        sb_puts(m, expect_text(col));
}

static void clear_bad(loadctx *c)
{
    for (size_t i = 0; i < c->nbad; i++) {
        free(c->bad[i].raw);
        free(c->bad[i].msg);
    }
    c->nbad = 0;
}

static bool cell_was_bad(const loadctx *c, int col)
{
    for (size_t i = 0; i < c->nbad; i++)
        if (c->bad[i].col == col)
            return true;
    return false;
}

/* Whether the row has an empty required cell that parsed (a DAT-002). */
static bool has_missing_required(const loadctx *c)
{
    const pa_table *t = c->t;
    for (int k = 0; k < t->ncols; k++) {
        const pa_column *col = &t->cols[k];
        if (col->def && col->def->required && tab_is_null(col, c->row) && !cell_was_bad(c, k))
            return true;
    }
    return false;
}

/*
 * Emit the row's DAT-001 and DAT-002 findings, now that its key is known.
 * Most rows have none, so the key is only built for rows that do: this runs
 * once per row of every file.
 */
static void finish_row(loadctx *c)
{
    if (c->nbad == 0 && !has_missing_required(c))
        return;
    pa_table *t = c->t;
    size_t r = c->row;
    char key[512];
    tab_row_key(t, r, key, sizeof key);
    const char *pid = t->project_col >= 0 ? tab_text(t, t->project_col, r, NULL) : NULL;
    for (size_t i = 0; i < c->nbad; i++) {
        const pa_column *col = &t->cols[c->bad[i].col];
        sbuf m;
        sb_init(&m);
        bad_message(&c->bad[i], col, &m);
        fnd_add(c->out, "DAT-001", SEV_ERROR, t->name, key[0] ? key : NULL, pid, tab_where(t, r, c->bad[i].col),
                t->line[r], col->name, c->bad[i].raw, m.data, NULL);
        sb_free(&m);
    }
    for (int k = 0; k < t->ncols; k++) {
        const pa_column *col = &t->cols[k];
        if (!col->def || !col->def->required || !tab_is_null(col, r) || cell_was_bad(c, k))
            continue;
        char *msg = xasprintf("required value %s is empty", col->name);
        fnd_add(c->out, "DAT-002", SEV_ERROR, t->name, key[0] ? key : NULL, pid, tab_where(t, r, k), t->line[r],
                col->name, NULL, msg, NULL);
        free(msg);
    }
    clear_bad(c);
}

/* A row whose width differs from the header's: one DAT-005 finding that
 * says what happened to the cells. */
static void ragged_row(loadctx *c, size_t nfields, uint32_t line)
{
    char *msg;
    if (nfields < c->nhdr)
        msg = xasprintf("the row has %zu cell(s) but the header has %zu; the missing cells (from column %s) read "
                        "as empty", nfields, c->nhdr, c->hdr[nfields]);
    else
        msg = xasprintf("the row has %zu cells but the header has %zu; the extra cells are not loaded: %s",
                        nfields, c->nhdr, c->extra.data ? c->extra.data : "");
    load_shape(c, line, NULL, msg);
    free(msg);
}

static bool on_row(void *ud, size_t nfields, uint32_t line)
{
    loadctx *c = ud;
    if (c->fatal)
        return false;
    if (!c->header_done) {
        c->header_done = true;
        c->hdr_line = line;
        return build_columns(c);
    }
    if (!c->row_open) { /* a row of only empty fields still is a row */
        if (!row_allowed(c, line))
            return false;
        c->row = tab_add_row(c->t, line);
        c->hdr_like = false;
    }
    c->row_open = false;
    if (c->hdr_like && nfields == c->nhdr) { /* the header again: exports pasted one after another */
        c->held.len = 0;
        tab_drop_last_row(c->t);
        ledger_leave(c->led, "repeats the header row", false, line);
        return true;
    }
    if (c->hdr_like) /* a row that began like the header but is shorter */
        release_held(c, line);
    c->hdr_like = false;
    if ((c->t->nrows & 0xFFFF) == 0)
        progress_load(c->display, c->t->nrows);
    if (nfields < c->nhdr || (nfields > c->nhdr && c->extra_data))
        ragged_row(c, nfields, line);
    c->extra_data = false;
    c->extra.len = 0;
    finish_row(c);
    return true;
}

static char *csv_error_message(const char *display, const csvr_error *e)
{
    if (e->code == CSVR_EIO)
        return xasprintf("%s: cannot read: %s", display, e->message);
    if (e->line == 0) /* "!B12: ..." names a cell of a workbook's sheet */
        return xasprintf("%s%s%s", display, e->message[0] == '!' ? "" : ": ", e->message);
    if (e->column)
        return xasprintf("%s:%u:%u: %s", display, e->line, e->column, e->message);
    return xasprintf("%s:%u: %s", display, e->line, e->message);
}

typedef int (*reader_fn)(const void *src, size_t len, const csvr_opts *o, csvr_error *e);

static int read_path(const void *src, size_t len, const csvr_opts *o, csvr_error *e)
{
    (void)len;
    return csvr_file(src, o, e);
}

static int read_mem(const void *src, size_t len, const csvr_opts *o, csvr_error *e)
{
    return csvr_buffer(src, len, o, e);
}

typedef struct {
    const char *path;
    csvr_range *rg;
} range_src;

static int read_range(const void *src, size_t len, const csvr_opts *o, csvr_error *e)
{
    const range_src *rs = src;
    (void)len;
    return csvr_file_range(rs->path, rs->rg, o, e);
}

load_table *load_begin(pa_store *st, const char *display, const char *name, const pa_load_opts *o,
                       pa_findings *out)
{
    loadctx *c = xcalloc(1, sizeof *c);
    progress_file();
    c->st = st;
    c->o = o;
    c->def = usch_table(o ? o->schemas : NULL, name);
    c->t = tab_new(name, display, c->def);
    c->out = out;
    c->nout = out->n;
    c->display = c->t->file;
    c->max_rows = o && o->max_rows ? o->max_rows : LOAD_MAX_ROWS_DEFAULT;
    c->max_cols = o && o->max_cols ? o->max_cols : LOAD_MAX_COLS_DEFAULT;
    sb_init(&c->extra);
    sb_init(&c->held);
    return c;
}

void load_next_file(load_table *c, const char *file)
{
    tab_next_file(c->t, file);
    if (c->t->nmore_files)
        c->display = c->t->more_files[c->t->nmore_files - 1];
}

void load_set_layouts(load_table *c, const char **layout, size_t n)
{
    c->layout = layout;
    c->nlayout = n;
}

void load_set_iso(load_table *c, const bool *iso_too)
{
    c->iso_too = iso_too;
}

void load_ledger(load_table *c, const char *file, const char *part)
{
    c->led = ledger_file(&c->ledger, file, part);
}

void load_sheet_cells(load_table *c, const char *where)
{
    c->iso_any = true;
    if (where) {
        free(c->cells_at);
        c->cells_at = xstrdup(where);
    }
}

void load_bad_cell(load_table *c, size_t index, const char *raw, size_t n, const char *msg)
{
    if (c->fatal || !c->row_open || index >= c->nhdr)
        return;
    GROW(c->bad, c->badcap, c->nbad + 1);
    c->bad[c->nbad++] = (bad_cell){c->map[index], shown_value(raw, n), NULL, xstrdup(msg)};
}

/* A blank line counts as a row read and left out; in a byte range after
 * the first, those before the header were counted by the first range. */
static void on_blank(void *ud, uint32_t line)
{
    loadctx *c = ud;
    if (c->led && !c->fatal && (c->header_done || !c->skip_pre_blanks))
        ledger_leave(c->led, "blank line", false, line);
}

void load_callbacks(load_table *c, csvr_opts *co)
{
    memset(co, 0, sizeof *co);
    co->field = on_field;
    co->row = on_row;
    co->blank = on_blank;
    co->ud = c;
    if (c->o) {
        co->max_cell = c->o->max_cell;
        co->delim = c->o->delim;
        co->encoding = c->o->encoding;
    }
}

static void free_ctx(loadctx *c)
{
    for (size_t i = 0; i < c->nhdr; i++)
        free(c->hdr[i]);
    clear_bad(c);
    for (size_t i = 0; i < c->nhdr; i++)
        free(c->hnorm[i]);
    free(c->hnorm);
    ledger_free(&c->ledger);
    free(c->cells_at);
    free(c->hdr);
    free(c->map);
    free(c->bad);
    sb_free(&c->extra);
    sb_free(&c->held);
    free(c);
}

/* The rows of table t in its file's ledger: loaded, or (when the table is
 * left out) left out with it. */
static void account_rows(pa_ledger_file *led, const pa_table *t, bool loaded)
{
    if (loaded) {
        led->read += t->nrows;
        led->loaded += t->nrows;
        ledger_table(led, t->name, t->nrows);
        return;
    }
    for (size_t r = 0; r < t->nrows; r++)
        ledger_leave(led, "the file could not be read (see the notes)", false, t->line[r]);
}

/*
 * Finish one table after its reader returned rc. A problem that stops
 * reading a canonical table is an error for the caller (exit 2). An extra
 * table is only visible to custom rules, so a malformed one does not stop
 * the audit: the rows read before the problem are kept and the problem
 * becomes a load note in the report.
 */
int load_end(load_table *c, int rc, const csvr_error *e, char **err)
{
    const char *display = c->display, *name = c->t->name;
    pa_store *st = c->st;
    if (!c->fatal && !c->header_done && (rc == CSVR_OK || rc == CSVR_ESTOPPED)) {
        if (c->def) {
            c->fatal = xasprintf("%s:1: the file is empty: expected a header row with the columns of table %s "
                                 "(see `pmoaudit schema`)", display, name);
        } else {
            c->header_done = true;
            build_columns(c);
        }
    }
    int result = 0;
    if (c->fatal) {
        *err = c->fatal;
        c->fatal = NULL;
        result = -1;
    } else if (rc != CSVR_OK && rc != CSVR_ESTOPPED) {
        char *msg = csv_error_message(display, e);
        if (c->def || !c->header_done) {
            *err = msg;
            result = -1;
        } else {
            store_note(st, "%s (extra table %s: the rows before this point are loaded)", msg, name);
            free(msg);
        }
    }
    pa_table *t = c->t;
    if (result < 0) { /* the table is left out, and so are its findings (they name its file) */
        while (c->out->n > c->nout)
            fnd_clear(&c->out->v[--c->out->n]);
    }
    if (c->led) {
        account_rows(c->led, t, result == 0);
        ledger_move(&st->ledger, &c->ledger);
    }
    free_ctx(c);
    if (result < 0) {
        tab_free(t);
        return -1;
    }
    st->tables = xrealloc(st->tables, (size_t)(st->ntables + 1) * sizeof *st->tables);
    st->tables[st->ntables++] = t;
    return 0;
}

static int load_any(pa_store *st, reader_fn rd, const void *src, size_t len, const char *display,
                    const char *name, const pa_load_opts *o, pa_findings *out, char **err, bool tail)
{
    load_table *c = load_begin(st, display, name, o, out);
    c->led = ledger_file(&c->ledger, display, NULL);
    c->skip_pre_blanks = tail;
    csvr_opts co;
    load_callbacks(c, &co);
    csvr_error e;
    int rc = rd(src, len, &co, &e);
    return load_end(c, rc, &e, err);
}

int load_file(pa_store *st, const char *path, const char *display, const char *name, const pa_load_opts *o,
              pa_findings *out, char **err)
{
    return load_any(st, read_path, path, 0, display, name, o, out, err, false);
}

int load_buffer(pa_store *st, const char *data, size_t len, const char *display, const char *name,
                const pa_load_opts *o, pa_findings *out, char **err)
{
    return load_any(st, read_mem, data, len, display, name, o, out, err, false);
}

int load_range(pa_store *st, const char *path, const char *display, const char *name, const pa_load_opts *o,
               csvr_range *rg, pa_findings *out, char **err)
{
    range_src rs = {path, rg};
    return load_any(st, read_range, &rs, 0, display, name, o, out, err, rg->hdr_end > rg->hdr_start);
}
