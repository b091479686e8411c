/*
 * load/profile_feed.c - feeding the tables of an import profile.
 *
 * Each source file is read whole into a grid (load/grid.c; an .xml file
 * by load/mspdi_read.c, whose dates are ISO whatever the table's layout);
 * its header is the row at the profile's header_row line. The mapped rows are then fed
 * to the loader's table sink (load_begin .. load_end) as if they were a
 * canonical CSV, so typing, DAT findings and line numbers are the same as
 * for a plain file: each row keeps the line where it started in its
 * source.
 *
 * A profile's functions get the source row as text (by header as written
 * and by normalised name, plus _file and _line) and typed in row._typed:
 * a cell of a column mapped to a typed column of the data model is that
 * type (a date as "YYYY-MM-DD", read with the column's date layout), any
 * other cell that reads as a date in the table's layout is that date, the
 * rest is text. A date a function returns may be ISO whatever the layout.
 *
 * Nothing is lost without a word: every row's fate is marked for the
 * ledger (load/row_ledger.c); a function that returns nothing for a
 * non-empty source cell is a DAT-001 naming the profile and the cell; a
 * value a map lacks passes through for DAT-001 to judge, or becomes the
 * map's default with a DAT-009; a mapped column the header lacks is an
 * error (required columns) or a note, with the header names that come
 * close and, when another line holds the columns, that line.
 */
#include "load/xlsx_load.h"
#include "core/cellref.h"
#include "load/profile_impl.h"
#include "load/mspdi_read.h"
#include "model/date_format.h"
#include "model/schema.h"
#include "model/value.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    size_t out;   /* output column */
    char *raw;
    char *msg;
} pending;

typedef struct {
    pa_profile *p;
    const tabspec *t;
    pa_store *st;
    load_table *lt;
    csvr_opts sink;   /* the loader's callbacks */
    const char *file; /* display name of the file being fed */
    size_t nout;      /* output columns: t->ncols mapped, then kept source columns */
    int *kept;        /* output column -> source position for kept columns */
    char **outname;
    const char **layout;
    bool *iso;        /* output column -> a computed date may be ISO */
    bool *iso_all;    /* every output column may be ISO: a file whose dates are (MS Project XML) */
    bool iso_file;    /* the current file's dates are ISO */
    bool header_sent;
    char *err;
    ldf_val joined;   /* the joined rows (an empty table without joins) */
    const char *date; /* the table's date layout (NULL: ISO) */
    int *ctype;       /* source position -> type of its mapped column (-1: none) */
    const char **clayout; /* source position -> its date layout */
    size_t nsrc;
    bool needs_row;   /* a function reads the row */
    ldf_val row;      /* the current row's Lua view, or 0 */
    srcrows *rows;    /* the ledger marks of the current file */
    size_t loaded;    /* rows of the current file sent */
    pending *bad;     /* DAT-001s of the current row, told to the sink before its end */
    size_t nbad, badcap;
} feeder;

static bool same_header(const char *a, size_t an, const char *b)
{
    char x[256], y[256];
    val_norm_header(a, an, x, sizeof x);
    val_norm_header(b, strlen(b), y, sizeof y);
    return strcmp(x, y) == 0;
}

/* ---- the row as a Lua table ---------------------------------------------------- */

/* The typed value of cell v of source column k into *out (buf holds its
 * text when it is a date or an enum); false when it has none (nil). */
static bool typed_value(const feeder *f, size_t k, const char *v, size_t n, char *buf, ldf_field_init *out)
{
    int ty = k < f->nsrc ? f->ctype[k] : -1;
    const char *layout = k < f->nsrc ? f->clayout[k] : f->date;
    pa_date d;
    int64_t i;
    bool b;
    out->s = v;
    out->n = n;
    out->kind = 0;
    switch (ty) {
    case TY_INT:
        if (!val_parse_int(v, n, &i))
            return false;
        out->s = NULL;
        out->i = (long long)i;
        return true;
    case TY_NUMBER:
        out->kind = LDF_NUMBER;
        return val_parse_number(v, n, &out->d);
    case TY_MONEY:
        out->kind = LDF_NUMBER;
        return val_parse_money(v, n, &out->d);
    case TY_BOOL:
        if (!val_parse_bool(v, n, &b))
            return false;
        out->kind = LDF_BOOLEAN;
        out->i = b;
        return true;
    case TY_ENUM:
        out->n = val_norm_enum(v, n, buf, 64);
        out->s = buf;
        return true;
    case TY_DATE:
    case -1:
        if (dfmt_parse(v, n, layout, &d) || (f->iso_file && dfmt_parse(v, n, NULL, &d))) {
            date_format(d, buf);
            out->s = buf;
            out->n = strlen(buf);
        }
        return ty == -1 || out->s == buf;
    default: /* text and links: the trimmed text */
        return true;
    }
}

/* The typed view of source row r (see the top of the file); 0 on error. */
static ldf_val typed_row(feeder *f, const grid *g, size_t hdr, size_t r)
{
    pa_profile *p = f->p;
    size_t w = g->width[hdr], n = 0;
    GROW(p->typed, p->typedcap, 2 * w + 1);
    GROW(p->tbuf, p->tbufcap, 64 * w + 1);
    for (size_t c = 0; c < w; c++) {
        size_t hn, vn;
        const char *h = grid_at(g, hdr, c, &hn), *v = grid_at(g, r, c, &vn);
        str_trim(&v, &vn);
        ldf_field_init x = {NULL, 0, NULL, 0, 0, 0, 0};
        if (!h || !v || vn == 0 || !typed_value(f, c, v, vn, p->tbuf + 64 * c, &x))
            continue;
        const char *norm = p->norms + 256 * c;
        x.key = norm;
        x.klen = strlen(norm);
        p->typed[n++] = x;
        x.key = h;
        x.klen = hn;
        p->typed[n++] = x;
    }
    return ldf_new_record(p->df, p->typed, n);
}

/* The Lua view of source row r: values by raw header and by normalised
 * header name (empty cells are nil), plus _file (the file's name without
 * .csv), _line and, when f is given, _typed. 0 when it cannot be made
 * (ldf_error says why). */
static ldf_val row_value(pa_profile *p, const char *file, const grid *g, size_t hdr, size_t r, feeder *f)
{
    size_t w = g->width[hdr], n = 0;
    GROW(p->fields, p->fieldcap, 2 * w + 2);
    GROW(p->norms, p->normcap, 256 * w + 1);
    const char *base = strrchr(file, '/') ? strrchr(file, '/') + 1 : file;
    size_t bn = strlen(base);
    bool ext = bn > 4 && (strcmp(base + bn - 4, ".csv") == 0 || mspdi_is_file(base));
    p->fields[n++] = (ldf_field_init){"_file", 5, base, ext ? bn - 4 : bn, 0, 0, 0};
    p->fields[n++] = (ldf_field_init){"_line", 5, NULL, 0, g->line[r], 0, 0};
    for (size_t c = 0; c < w; c++) {
        size_t hn, vn;
        const char *h = grid_at(g, hdr, c, &hn);
        const char *v = grid_at(g, r, c, &vn);
        char *norm = p->norms + 256 * c;
        norm[0] = '\0';
        if (h)
            val_norm_header(h, hn, norm, 256);
        str_trim(&v, &vn);
        if (!h || !v || vn == 0)
            continue;
        p->fields[n++] = (ldf_field_init){norm, strlen(norm), v, vn, 0, 0, 0};
        p->fields[n++] = (ldf_field_init){h, hn, v, vn, 0, 0, 0};
    }
    ldf_val row = ldf_new_record(p->df, p->fields, n);
    if (row && f) {
        ldf_val typed = typed_row(f, g, hdr, r);
        if (!typed || !ldf_set(p->df, row, "_typed", 6, typed))
            return 0;
    }
    return row;
}

/* ---- Lua steps ------------------------------------------------------------------ */

/* Where in the profile a Lua step runs: a column's fn or map
 * (tables.T.columns.C), or the table's where or drop (tables.T.where), for
 * the row at line. */
typedef struct {
    const char *column, *fn;
    uint32_t line;
} site;

/* A Lua step that failed: f->err says where and why. */
static bool step_failed(feeder *f, const site *at)
{
    const char *why = ldf_last_error(f->p->df);
    if (!why)
        why = ldf_error(f->p->df);
    char what[160];
    if (at->column)
        snprintf(what, sizeof what, "tables.%s.columns.%s", f->t->name, at->column);
    else
        snprintf(what, sizeof what, "tables.%s.%s", f->t->name, at->fn);
    if (!f->err)
        f->err = xasprintf("%s:%u: %s, %s: %s", f->file, at->line, f->p->origin, what, why ? why : "error");
    return false;
}

/* Call fn with nargs arguments under the per-call budget; one result. */
static bool call(feeder *f, ldf_val fn, const ldf_val *args, int nargs, const site *at, ldf_val *result)
{
    if (ldf_error(f->p->df)) /* making an argument failed */
        return step_failed(f, at);
    return ldf_call(f->p->df, fn, args, nargs, result) || step_failed(f, at);
}

/* The value v as cell text in b (nil: null, *present false). */
static bool value_text(feeder *f, ldf_val v, sbuf *b, bool *present, const site *at)
{
    ldf_file *df = f->p->df;
    b->len = 0;
    *present = true;
    switch (ldf_type(df, v)) {
    case LDF_NIL:
        *present = false;
        break;
    case LDF_BOOLEAN:
        sb_puts(b, ldf_truthy(df, v) ? "true" : "false");
        break;
    case LDF_NUMBER:
        if (ldf_is_integer(df, v))
            sb_printf(b, "%lld", ldf_integer(df, v));
        else
            sb_printf(b, "%.15g", ldf_number(df, v));
        break;
    default:
        if (!ldf_tostring(df, v, b))
            return step_failed(f, at);
    }
    return true;
}

/* The entry of map for key: exact, then as normalised enums (0: none). */
static ldf_val map_entry(ldf_file *df, ldf_val map, const char *key, size_t kn)
{
    ldf_val hit = ldf_rawfield(df, map, key, kn);
    if (hit)
        return hit;
    char want[128], have[128];
    val_norm_enum(key, kn, want, sizeof want);
    ldf_val k = 0, val = 0;
    while (!hit && ldf_next(df, map, &k, &val)) {
        size_t hn;
        const char *h = ldf_string(df, k, &hn);
        if (h) {
            val_norm_enum(h, hn, have, sizeof have);
            if (strcmp(want, have) == 0)
                hit = val;
        }
    }
    return hit;
}

/* Map a value through column c's map. A value the map lacks passes
 * through, so that DAT-001 can name it, or becomes the column's default
 * (counted for DAT-009). */
static bool map_value(feeder *f, const colspec *c, sbuf *v, bool *present, const site *at)
{
    ldf_file *df = f->p->df;
    int mark = ldf_mark(df);
    const char *key = *present ? v->data : "";
    size_t kn = *present ? v->len : 0;
    str_trim(&key, &kn);
    ldf_val hit = map_entry(df, c->map, key, kn);
    bool ok = ldf_error(df) ? step_failed(f, at) : !hit || value_text(f, hit, v, present, at);
    ldf_release(df, mark);
    if (ok && !hit && c->dflt && kn) {
        char *value = xstrndup(key, kn);
        rled_unmapped(f->p, f->file, f->t, c, value, at->line);
        free(value);
        v->len = 0;
        sb_puts(v, c->dflt);
        *present = true;
    }
    return ok;
}

/* A function gave nothing for a non-empty source cell: a DAT-001 for the
 * output cell, told to the sink when the row's cells are all sent. */
static void gave_nothing(feeder *f, size_t o, const colspec *c, const char *s, size_t n)
{
    GROW(f->bad, f->badcap, f->nbad + 1);
    pending *x = &f->bad[f->nbad++];
    x->out = o;
    x->raw = xstrndup(s, n);
    x->msg = xasprintf("%s: tables.%s.columns.%s gave no value for \"%s\" (column '%s'): the cell is left empty; "
                       "fix the profile's function or the cell", f->p->origin, f->t->name, c->target, x->raw,
                       c->from);
}

/* One output cell o, of mapped column c, for source row r. */
static bool out_cell(feeder *f, const grid *g, size_t r, const colspec *c, size_t o, sbuf *v, bool *present)
{
    ldf_file *df = f->p->df;
    site at = {c->target, NULL, g->line[r]};
    size_t n = 0;
    const char *s = c->pos >= 0 ? grid_at(g, r, (size_t)c->pos, &n) : NULL;
    *present = s != NULL;
    v->len = 0;
    if (s)
        sb_add(v, s, n);
    if (c->constant && (!s || !n)) {
        v->len = 0;
        sb_puts(v, c->constant);
        *present = true;
    }
    if (c->fn) {
        int mark = ldf_mark(df);
        ldf_val args[3], result = 0;
        int nargs = 0;
        if (c->from)
            args[nargs++] = *present ? ldf_new_string(df, v->data, v->len) : 0;
        args[nargs++] = f->row;
        args[nargs++] = f->joined;
        bool ok = call(f, c->fn, args, nargs, &at, &result) && value_text(f, result, v, present, &at);
        ldf_release(df, mark);
        if (!ok)
            return false;
        const char *ts = s;
        str_trim(&ts, &n);
        if (c->from && !*present && s && n && o != SIZE_MAX)
            gave_nothing(f, o, c, ts, n);
    }
    return !c->map || map_value(f, c, v, present, &at);
}

enum { KEEP, REFUSED, DROPPED, FAILED };

/* drop, then where, for row r: KEEP, DROPPED (why says why), REFUSED (by
 * where) or FAILED (f->err). */
static int keep_row(feeder *f, const grid *g, size_t r, sbuf *why)
{
    ldf_file *df = f->p->df;
    const ldf_val fns[2] = {f->t->drop, f->t->where}; /* a drop is said of the row whatever where says */
    for (int k = 0; k < 2; k++) {
        if (!fns[k])
            continue;
        int mark = ldf_mark(df);
        site at = {NULL, k ? "where" : "drop", g->line[r]};
        ldf_val args[2] = {f->row, f->joined}, result = 0;
        bool ok = call(f, fns[k], args, 2, &at, &result);
        bool yes = ok && ldf_truthy(df, result);
        if (ok && yes && k == 0) {
            why->len = 0;
            const char *s = ldf_string(df, result, NULL);
            sb_printf(why, "%s%stables.%s.drop%s", s ? s : "", s ? " (" : "", f->t->name, s ? ")" : "");
        }
        ldf_release(df, mark);
        if (!ok)
            return FAILED;
        if (yes == (k == 0))
            return k ? REFUSED : DROPPED;
    }
    return KEEP;
}

/* ---- the header --------------------------------------------------------------- */

/* The header cell of g's row hdr closest to name, or NULL. */
static char *close_header(const grid *g, size_t hdr, const char *name)
{
    size_t w = g->width[hdr];
    char **names = xcalloc(w + 1, sizeof *names);
    for (size_t k = 0; k < w; k++) {
        size_t n;
        const char *h = grid_at(g, hdr, k, &n);
        names[k] = xstrndup(h ? h : "", n);
    }
    const char *s = str_suggest(name, (const char *const *)names);
    char *out = s ? xstrdup(s) : NULL;
    for (size_t k = 0; k < w; k++)
        free(names[k]);
    free(names);
    return out;
}

/* Header cell k of row hdr; an empty one is named column_K, as the
 * loader names it (buf holds that name). */
static const char *header_at(const grid *g, size_t hdr, size_t k, size_t *n, char buf[32])
{
    const char *h = grid_at(g, hdr, k, n);
    const char *t = h;
    size_t tn = *n;
    str_trim(&t, &tn);
    if (h && tn)
        return h;
    snprintf(buf, 32, "column_%zu", k + 1);
    *n = strlen(buf);
    return buf;
}

/* How many of t's source columns row r of g names. */
static int names_found(const tabspec *t, const grid *g, size_t r)
{
    int found = 0;
    for (int i = 0; i < t->ncols; i++) {
        bool hit = false;
        for (size_t k = 0; t->cols[i].from && k < g->width[r] && !hit; k++) {
            size_t n;
            const char *h = grid_at(g, r, k, &n);
            hit = h && same_header(h, n, t->cols[i].from);
        }
        found += hit;
    }
    return found;
}

/* The line of a row near the top that names more of t's source columns
 * than the header does (0: none): where the header probably is. */
static uint32_t header_elsewhere(const tabspec *t, const grid *g, size_t hdr)
{
    int have = names_found(t, g, hdr), best = have;
    uint32_t line = 0;
    for (size_t r = 0; r < g->nrows && r < 50; r++) {
        int n = r == hdr ? 0 : names_found(t, g, r);
        if (n > best) {
            best = n;
            line = g->line[r];
        }
    }
    return line;
}

/* A mapped column's source is not in the header: an error for a required
 * column with nothing else to go by, else a note (the column is empty). */
static bool missing_column(feeder *f, const grid *g, size_t hdr, const colspec *c, bool required)
{
    sbuf hint;
    sb_init(&hint);
    char *close = close_header(g, hdr, c->from);
    uint32_t elsewhere = header_elsewhere(f->t, g, hdr);
    if (close)
        sb_printf(&hint, "; did you mean '%s'?", close);
    if (elsewhere)
        sb_printf(&hint, "; line %u holds more of the profile's column names: is the header there (header_row = %u)?",
                  elsewhere, elsewhere);
    free(close);
    if (required) {
        sbuf b;
        sb_init(&b);
        for (size_t k = 0; k < g->width[hdr]; k++) {
            size_t n;
            const char *h = grid_at(g, hdr, k, &n);
            sb_printf(&b, "%s%.*s", k ? ", " : "", (int)n, h ? h : "");
        }
        if (!f->err)
            f->err = xasprintf("%s:%u: %s: tables.%s.columns.%s reads column '%s', which the header lacks (it has: "
                               "%s)%s", f->file, g->line[hdr], f->p->origin, f->t->name, c->target, c->from,
                               b.data ? b.data : "", hint.data ? hint.data : "");
        sb_free(&b);
    } else {
        store_note(f->st, "%s:%u: %s: tables.%s.columns.%s reads column '%s', which the header lacks: the column is "
                          "empty%s", f->file, g->line[hdr], f->p->origin, f->t->name, c->target, c->from,
                   hint.data ? hint.data : "");
    }
    if (f->p->explain)
        sb_printf(f->p->explain, "    %-22s <- \"%s\": MISSING%s%s\n", c->target, c->from,
                  required ? " (required: the table cannot load)" : "", hint.data ? hint.data : "");
    sb_free(&hint);
    return !required;
}

/* Where each mapped column's source is in this file's header (c->pos),
 * and the type each source column's cells have in row._typed. */
static bool find_sources(feeder *f, const grid *g, size_t hdr)
{
    const tabspec *t = f->t;
    const pa_tabledef *def = schema_table(t->name);
    size_t w = g->width[hdr];
    f->ctype = xrealloc(f->ctype, (w + 1) * sizeof *f->ctype);
    f->clayout = xrealloc(f->clayout, (w + 1) * sizeof *f->clayout);
    f->nsrc = w;
    for (size_t k = 0; k < w; k++) {
        f->ctype[k] = -1;
        f->clayout[k] = f->date;
    }
    bool ok = true;
    for (int i = 0; i < t->ncols && (ok || f->p->explain); i++) { /* inspect lists every column */
        colspec *c = &t->cols[i];
        c->pos = -1;
        for (size_t k = 0; c->from && k < w && c->pos < 0; k++) {
            char unnamed[32];
            size_t n;
            const char *h = header_at(g, hdr, k, &n, unnamed);
            if ((n == strlen(c->from) && memcmp(h, c->from, n) == 0) || same_header(h, n, c->from))
                c->pos = (int)k;
        }
        const pa_coldef *cd = def ? schema_column(def, c->target) : NULL;
        if (c->from && c->pos < 0)
            ok &= missing_column(f, g, hdr, c, !c->constant && !c->fn && cd && cd->required);
        else if (c->from && f->p->explain)
            sb_printf(f->p->explain, "    %-22s <- \"%s\": found (column %d)\n", c->target, c->from, c->pos + 1);
        if (c->pos >= 0 && cd && f->ctype[c->pos] < 0) {
            f->ctype[c->pos] = (int)cd->type;
            f->clayout[c->pos] = c->date ? c->date : f->date;
        }
    }
    return ok;
}

static void add_output(feeder *f, const char *name, int kept, const char *layout, bool iso)
{
    f->outname = xrealloc(f->outname, (f->nout + 1) * sizeof *f->outname);
    f->kept = xrealloc(f->kept, (f->nout + 1) * sizeof *f->kept);
    f->layout = xrealloc(f->layout, (f->nout + 1) * sizeof *f->layout);
    f->iso = xrealloc(f->iso, (f->nout + 1) * sizeof *f->iso);
    f->outname[f->nout] = xstrdup(name);
    f->kept[f->nout] = kept;
    f->layout[f->nout] = layout;
    f->iso[f->nout] = iso;
    f->nout++;
}

/* Resolve the mapped columns against this file's header; the first file
 * also fixes the output columns and sends them as the header row. */
static bool resolve(feeder *f, const grid *g, size_t hdr)
{
    const tabspec *t = f->t;
    if (f->p->explain)
        sb_printf(f->p->explain, "  table %s: header on line %u\n", t->name, g->line[hdr]);
    if (!find_sources(f, g, hdr))
        return false;
    if (f->header_sent)
        return true;
    for (int i = 0; i < t->ncols; i++)
        add_output(f, t->cols[i].target, -1, t->cols[i].date ? t->cols[i].date : f->date, t->cols[i].fn != 0);
    for (size_t k = 0; t->keep_other && k < g->width[hdr]; k++) {
        bool used = false;
        for (int i = 0; i < t->ncols; i++)
            used |= t->cols[i].pos == (int)k;
        size_t n;
        const char *h = grid_at(g, hdr, k, &n);
        char norm[256];
        if (!h || !val_norm_header(h, n, norm, sizeof norm))
            snprintf(norm, sizeof norm, "column_%zu", k + 1);
        /* A mapped column already has the name: the source column is left
         * to it. A name two unmapped columns share is kept twice: the
         * loader gives the second name_2, with a DAT-005. */
        for (size_t o = 0; o < (size_t)t->ncols && o < f->nout && !used; o++)
            used = strcmp(f->outname[o], norm) == 0;
        if (!used)
            add_output(f, norm, (int)k, f->date, false);
    }
    load_set_layouts(f->lt, f->layout, f->nout);
    load_set_iso(f->lt, f->iso);
    for (size_t o = 0; o < f->nout; o++)
        f->sink.field(f->sink.ud, o, f->outname[o], strlen(f->outname[o]), g->line[hdr]);
    f->sink.row(f->sink.ud, f->nout, g->line[hdr]);
    f->header_sent = true;
    return true;
}

/* ---- the rows ------------------------------------------------------------------ */

/* Whether row r repeats the header row hdr (exports pasted together). */
static bool repeats_header(const grid *g, size_t hdr, size_t r)
{
    if (g->width[r] != g->width[hdr])
        return false;
    for (size_t k = 0; k < g->width[r]; k++) {
        size_t hn, n;
        const char *h = grid_at(g, hdr, k, &hn), *s = grid_at(g, r, k, &n);
        if (!same_header(s ? s : "", n, h ? h : ""))
            return false;
    }
    return g->width[r] > 0;
}

/* The distinct column's value seen before? (A Lua table is the set.) */
static bool seen_before(feeder *f, ldf_val set, const char *s, size_t n)
{
    ldf_file *df = f->p->df;
    int mark = ldf_mark(df);
    bool seen = ldf_rawfield(df, set, s, n) != 0;
    if (!seen)
        ldf_set(df, set, s, n, ldf_new_boolean(df, true));
    ldf_release(df, mark);
    return seen;
}

/* A row wider or narrower than the header: one DAT-005 per file. */
static void check_shape(feeder *f, const grid *g, size_t hdr, size_t r)
{
    size_t width = g->width[hdr];
    bool lost = false;
    for (size_t c = width; c < g->width[r]; c++) {
        size_t n;
        lost |= grid_at(g, r, c, &n) && n;
    }
    if (g->width[r] < width || lost) {
        char *m = xasprintf("the row has %zu cell(s) but the header has %zu; %s", g->width[r], width,
                            g->width[r] < width ? "the missing cells read as empty" : "the extra cells are not loaded");
        load_shape(f->lt, g->line[r], NULL, m);
        free(m);
    }
}

/* Send row r's cells and end the row. */
static bool send_row(feeder *f, const grid *g, size_t r, sbuf *v)
{
    bool ok = true;
    for (size_t o = 0; o < f->nout && ok; o++) {
        size_t n;
        if (f->kept[o] >= 0) {
            const char *s = grid_at(g, r, (size_t)f->kept[o], &n);
            f->sink.field(f->sink.ud, o, s, n, g->line[r]);
            continue;
        }
        bool present;
        ok = out_cell(f, g, r, &f->t->cols[o], o, v, &present);
        if (ok)
            f->sink.field(f->sink.ud, o, present ? (v->data ? v->data : "") : NULL, present ? v->len : 0, g->line[r]);
    }
    for (size_t i = 0; i < f->nbad; i++) {
        if (ok)
            load_bad_cell(f->lt, f->bad[i].out, f->bad[i].raw, strlen(f->bad[i].raw), f->bad[i].msg);
        free(f->bad[i].raw);
        free(f->bad[i].msg);
    }
    f->nbad = 0;
    if (ok)
        f->sink.row(f->sink.ud, f->nout, g->line[r]);
    return ok;
}

typedef struct {
    int distinct;  /* the distinct column's index, or -1 */
    ldf_val set;   /* its values so far */
    bool shaped;   /* the file's row shapes were reported already */
    sbuf v, dv, why;
} rowctx;

/* Row r of the file: refused, dropped, skipped or fed; false on an error. */
static bool feed_row(feeder *f, const grid *g, size_t hdr, size_t r, rowctx *x)
{
    srcrows *s = f->rows;
    if (repeats_header(g, hdr, r)) {
        s->state[r] |= RS_REPEAT;
        return true;
    }
    if (f->needs_row && !(f->row = row_value(f->p, f->file, g, hdr, r, f))) {
        site at = {NULL, "the row", g->line[r]};
        return step_failed(f, &at);
    }
    int keep = keep_row(f, g, r, &x->why);
    if (keep == FAILED)
        return false;
    if (keep == REFUSED)
        s->state[r] |= RS_WHERE;
    if (keep == DROPPED)
        rled_drop(s, r, x->why.data, true);
    if (keep != KEEP)
        return true;
    if (x->distinct >= 0) {
        bool present;
        if (!out_cell(f, g, r, &f->t->cols[x->distinct], SIZE_MAX, &x->dv, &present))
            return false;
        bool seen = present && seen_before(f, x->set, x->dv.data, x->dv.len);
        if (ldf_error(f->p->df)) { /* the set could not grow */
            site at = {f->t->cols[x->distinct].target, NULL, g->line[r]};
            return step_failed(f, &at);
        }
        if (seen) {
            s->state[r] |= RS_DISTINCT;
            return true;
        }
    }
    if (g->width[r] != g->width[hdr] && !x->shaped)
        check_shape(f, g, hdr, r);
    if (!send_row(f, g, r, &x->v))
        return false;
    s->state[r] |= RS_LOADED;
    f->loaded++;
    return true;
}

/* Whether another table already reported the shapes of this file's rows
 * (one DAT-005 per ragged row, not one per table that reads it). */
static bool shaped_before(pa_profile *p, const char *file)
{
    for (int i = 0; i < p->nshaped; i++)
        if (strcmp(p->shaped[i], file) == 0)
            return true;
    p->shaped = xrealloc(p->shaped, (size_t)(p->nshaped + 1) * sizeof *p->shaped);
    p->shaped[p->nshaped++] = xstrdup(file);
    return false;
}

static bool feed_grid(feeder *f, const grid *g, ldf_val set)
{
    const tabspec *t = f->t;
    size_t hdr = grid_row_at(g, (uint32_t)t->header_row);
    f->rows = rled_file(f->p, f->file, g, t);
    for (size_t r = 0; r < hdr && r < g->nrows; r++)
        f->rows->state[r] |= RS_ABOVE;
    if (hdr >= g->nrows)
        return true; /* no header: an empty file, judged by load_end */
    f->rows->state[hdr] |= RS_HEADER;
    if (g->line[hdr] < f->rows->first_header)
        f->rows->first_header = g->line[hdr];
    if (!resolve(f, g, hdr))
        return false;
    if (g->iso_dates && !f->iso_all) {
        f->iso_all = xmalloc((f->nout + 1) * sizeof *f->iso_all);
        for (size_t o = 0; o < f->nout; o++)
            f->iso_all[o] = true;
    }
    f->iso_file = g->iso_dates;
    load_set_iso(f->lt, g->iso_dates ? f->iso_all : f->iso);
    rowctx x = {-1, set, shaped_before(f->p, f->file), {0}, {0}, {0}};
    for (int i = 0; t->distinct && i < t->ncols; i++)
        if (strcmp(t->cols[i].target, t->distinct) == 0)
            x.distinct = i;
    sb_init(&x.v);
    sb_init(&x.dv);
    sb_init(&x.why);
    bool ok = true;
    for (size_t r = hdr + 1; r < g->nrows && ok; r++) {
        int mark = ldf_mark(f->p->df);
        ok = feed_row(f, g, hdr, r, &x);
        f->row = 0;
        ldf_release(f->p->df, mark);
    }
    sb_free(&x.v);
    sb_free(&x.dv);
    sb_free(&x.why);
    return ok;
}

/* ---- files and joins ---------------------------------------------------------- */

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The files of dir that t reads, sorted (only p->only under inspect). */
static char **matching_files(const pa_profile *p, const char *dir, const tabspec *t, int *n)
{
    DIR *d = opendir(dir);
    char **names = NULL;
    size_t cap = 0;
    *n = 0;
    if (!d)
        return NULL;
    struct dirent *de;
    while ((de = readdir(d)))
        if (de->d_name[0] != '.' && prof_matches(t, de->d_name) && (!p->only || strcmp(p->only, de->d_name) == 0)) {
            GROW(names, cap, (size_t)*n + 1);
            names[(*n)++] = xstrdup(de->d_name);
        }
    closedir(d);
    if (*n > 1)
        qsort(names, (size_t)*n, sizeof *names, cmp_str);
    return names;
}

static char *csv_message(const char *file, int rc, const csvr_error *e)
{
    if (rc == CSVR_EIO || e->line == 0)
        return xasprintf("%s: %s", file, e->message);
    if (e->column)
        return xasprintf("%s:%u:%u: %s", file, e->line, e->column, e->message);
    return xasprintf("%s:%u: %s", file, e->line, e->message);
}

/* The key column's position in row hdr of g, or SIZE_MAX. */
static size_t key_position(const grid *g, size_t hdr, const char *key)
{
    size_t kpos = SIZE_MAX;
    for (size_t c = 0; hdr < g->nrows && c < g->width[hdr]; c++) {
        size_t n;
        const char *h = grid_at(g, hdr, c, &n);
        if (h && same_header(h, n, key))
            kpos = c;
    }
    return kpos;
}

/* The rows of join file path, grouped by its key column into groups, each
 * marked in the ledger: joined into table t, or left out without a key. */
static char *join_file(pa_profile *p, const tabspec *t, const tabspec *jt, const char *key, ldf_val groups,
                       const char *path, const pa_load_opts *lo)
{
    ldf_file *f = p->df;
    grid g;
    grid_init(&g);
    csvr_opts co = {NULL, NULL, NULL, lo->delim, lo->max_cell, lo->encoding, NULL, NULL};
    csvr_error e;
    int rc = ldx_grid(&g, path, &co, &e); /* a CSV file or a workbook's sheet */
    size_t hdr = grid_row_at(&g, (uint32_t)jt->header_row), kpos = key_position(&g, hdr, key);
    char *err = rc != CSVR_OK ? csv_message(path, rc, &e)
                : kpos == SIZE_MAX ? xasprintf("%s: %s: tables.%s.join: no column '%s' in the header", path,
                                               p->origin, t->name, key)
                                   : NULL;
    if (err) {
        grid_free(&g);
        return err;
    }
    srcrows *s = rled_file(p, path, &g, jt);
    for (size_t r = 0; r < hdr && r < g.nrows; r++)
        s->state[r] |= RS_ABOVE;
    if (hdr < g.nrows) {
        s->state[hdr] |= RS_HEADER;
        s->first_header = g.line[hdr];
    }
    char *nokey = xasprintf("no value in the join key column '%s' (tables.%s.join)", key, t->name);
    for (size_t r = hdr + 1; !err && r < g.nrows; r++) {
        size_t n;
        const char *k = grid_at(&g, r, kpos, &n);
        if (!k || !n) {
            rled_drop(s, r, nokey, false);
            continue;
        }
        int mark = ldf_mark(f);
        ldf_val list = ldf_rawfield(f, groups, k, n);
        if (!list && (list = ldf_new_table(f)))
            ldf_set(f, groups, k, n, list);
        ldf_append(f, list, row_value(p, path, &g, hdr, r, NULL));
        ldf_release(f, mark);
        s->state[r] |= RS_LOADED;
        rled_count(s, t->name, 1);
        if (ldf_error(f))
            err = xasprintf("%s: %s: tables.%s.join: %s", path, p->origin, t->name, ldf_error(f));
    }
    free(nokey);
    grid_free(&g);
    return err;
}

/* The files of one join, grouped by key column key, into groups; false
 * with *err on a CSV error or a missing key column. */
static bool join_files(pa_profile *p, const tabspec *t, const tabspec *jt, const char *key, ldf_val groups,
                       const char *dir, const pa_load_opts *lo, char **err)
{
    int nfiles;
    const char *only = p->only;
    p->only = NULL; /* inspect reads one file, and every file it joins */
    char **files = matching_files(p, dir, jt, &nfiles);
    p->only = only;
    size_t dn = strlen(dir);
    for (int i = 0; i < nfiles; i++) {
        char *path = xasprintf("%s%s%s", dir, dn && dir[dn - 1] == '/' ? "" : "/", files[i]);
        char *e = *err ? NULL : join_file(p, t, jt, key, groups, path, lo);
        if (e)
            *err = e;
        free(path);
        free(files[i]);
    }
    free(files);
    return !*err;
}

/*
 * join = { rel = { file = "*relationships*.csv", key = "Successor" } }: read
 * those files first and group their rows by the key column, so that a
 * column function can look up the rows that belong to its row (P6 keeps
 * an activity's predecessors in a separate relationships export). The
 * functions get { rel = { [key] = {row, row, ...} } } as their last
 * argument, which this returns (0 with *err on an error).
 */
static ldf_val read_joins(pa_profile *p, const tabspec *t, const char *dir, const pa_load_opts *lo, char **err)
{
    ldf_file *f = p->df;
    ldf_val out = ldf_new_table(f);
    if (!out) {
        *err = xasprintf("%s: tables.%s: %s", p->origin, t->name, ldf_error(f));
        return 0;
    }
    ldf_val name = 0, spec = 0;
    while (t->joins && ldf_next(f, t->joins, &name, &spec)) {
        int mark = ldf_mark(f);
        const char *glob = ldf_string(f, ldf_field(f, spec, "file"), NULL);
        const char *key = ldf_string(f, ldf_field(f, spec, "key"), NULL);
        ldf_val hr = ldf_field(f, spec, "header_row");
        size_t nn;
        const char *nm = ldf_string(f, name, &nn);
        char *g0 = glob ? xstrdup(glob) : NULL;
        tabspec jt = {.name = t->name, .globs = &g0, .nglobs = 1, .header_row = 1};
        if (ldf_type(f, hr) == LDF_NUMBER)
            jt.header_row = (int)ldf_integer(f, hr);
        if (!glob || !key || !nm || jt.header_row < 1) {
            *err = xasprintf("%s: tables.%s.join: each join needs file = \"glob\" and key = \"source column\"",
                             p->origin, t->name);
            free(g0);
            return 0;
        }
        ldf_val groups = ldf_new_table(f);
        bool ok = join_files(p, t, &jt, key, groups, dir, lo, err) && ldf_set(f, out, nm, nn, groups);
        free(g0);
        ldf_release(f, mark);
        if (!ok) {
            if (!*err)
                *err = xasprintf("%s: tables.%s.join: %s", p->origin, t->name, ldf_error(f));
            return 0;
        }
    }
    return out;
}

/* ---- a table ------------------------------------------------------------------- */

static void free_feeder(feeder *f)
{
    for (size_t i = 0; i < f->nout; i++)
        free(f->outname[i]);
    free(f->outname);
    free(f->kept);
    free(f->layout);
    free(f->iso);
    free(f->iso_all);
    free(f->ctype);
    free(f->clayout);
    free(f->bad);
}

/* Whether any of t's steps is a function of the row. */
static bool reads_row(const tabspec *t)
{
    bool yes = t->where || t->drop;
    for (int i = 0; i < t->ncols && !yes; i++)
        yes = t->cols[i].fn != 0;
    return yes;
}

/* Feed every file (paths) into f's table; the error that stopped it, or NULL. */
static char *feed_files(feeder *f, char **paths, int nfiles, const pa_load_opts *lo)
{
    ldf_val set = ldf_new_table(f->p->df); /* of the distinct column's values */
    char *fatal = NULL;
    for (int i = 0; i < nfiles && !fatal; i++) {
        grid g;
        grid_init(&g);
        csvr_opts co = {NULL, NULL, NULL, lo->delim, lo->max_cell, lo->encoding, NULL, NULL};
        csvr_error e;
        int rc = mspdi_is_file(paths[i]) ? mspdi_read_file(&g, paths[i], &e)
                                         : ldx_grid(&g, paths[i], &co, &e); /* a CSV file or a workbook's sheet */
        if (cref_has_sheet(paths[i]))
            load_sheet_cells(f->lt, NULL); /* a workbook's dates are ISO */
        f->file = paths[i];
        f->loaded = 0;
        if (i > 0)
            load_next_file(f->lt, paths[i]);
        if (rc != CSVR_OK) {
            fatal = csv_message(paths[i], rc, &e);
        } else {
            if (f->t->transpose)
                grid_transpose(&g);
            if (!feed_grid(f, &g, set))
                fatal = f->err ? f->err : xstrdup("the profile failed");
            else
                rled_count(f->rows, f->t->name, f->loaded);
            f->err = NULL;
        }
        grid_free(&g);
    }
    return fatal;
}

/* The paths of t's files in st->dir; NULL (and *err for projects, the one
 * required table, outside inspect) when none matches. */
static char **table_paths(pa_profile *p, const tabspec *t, const pa_store *st, int *n, char **err)
{
    char **files = matching_files(p, st->dir, t, n);
    if (*n == 0) {
        free(files);
        if (strcmp(t->name, "projects") == 0 && !p->only)
            *err = xasprintf("%s: %s: no file matches '%s' for table projects (the one required table)", st->dir,
                             p->origin, t->globs[0]);
        return NULL;
    }
    size_t dn = strlen(st->dir);
    for (int i = 0; i < *n; i++) {
        char *path = xasprintf("%s%s%s", st->dir, dn && st->dir[dn - 1] == '/' ? "" : "/", files[i]);
        free(files[i]);
        files[i] = path;
        if (cref_is_book(path) && !*err) /* a workbook: "book.xlsx:Sheet" from here on */
            files[i] = ldx_sheet_loc(path, t->sheet, t->name, err);
        if (files[i] != path)
            free(path);
    }
    if (*err) {
        for (int i = 0; i < *n; i++)
            free(files[i]);
        free(files);
        return NULL;
    }
    return files;
}

static void free_paths(char **paths, int n)
{
    for (int i = 0; i < n; i++)
        free(paths[i]);
    free(paths);
}

/* Read every file of table t into one table of the store. */
static int load_table_spec(pa_profile *p, const tabspec *t, pa_store *st, const pa_load_opts *o, pa_findings *out,
                           char **err)
{
    int nfiles;
    char **paths = table_paths(p, t, st, &nfiles, err);
    if (!paths)
        return *err ? -1 : 0; /* absent: the rules that need it are skipped */
    pa_load_opts lo = *o;
    lo.delim = t->delim ? t->delim : p->delim ? p->delim : o->delim;
    lo.encoding = t->encoding ? t->encoding : p->encoding ? p->encoding : o->encoding;
    /* The layout the user gave (--date-format, the config's date_format)
     * is the file's: it wins over the profile's default (MS Project's CSV
     * dates follow the Windows locale, not the profile's M/D/YY); a table's
     * own layout wins over both. */
    lo.date_format = t->date ? t->date : o->date_format ? o->date_format : p->date;
    feeder f;
    memset(&f, 0, sizeof f);
    f.p = p;
    f.t = t;
    f.st = st;
    f.date = lo.date_format;
    f.needs_row = reads_row(t);
    int mark = ldf_mark(p->df);
    if (!(f.joined = read_joins(p, t, st->dir, &lo, err))) {
        ldf_release(p->df, mark);
        free_paths(paths, nfiles);
        return -1;
    }
    f.lt = load_begin(st, paths[0], t->name, &lo, out);
    load_callbacks(f.lt, &f.sink);
    char *fatal = feed_files(&f, paths, nfiles, &lo);
    ldf_release(p->df, mark);
    int result;
    if (fatal) {
        csvr_error none;
        memset(&none, 0, sizeof none);
        char *ignored = NULL;
        if (load_end(f.lt, CSVR_OK, &none, &ignored) == 0) /* added: take it back out */
            tab_free(st->tables[--st->ntables]);
        free(ignored);
        *err = fatal;
        result = -1;
    } else {
        csvr_error none;
        memset(&none, 0, sizeof none);
        result = load_end(f.lt, CSVR_OK, &none, err);
    }
    free_feeder(&f);
    free_paths(paths, nfiles);
    return result;
}

int prof_load_tables(pa_profile *p, pa_store *st, const pa_load_opts *o, pa_findings *out, char **err)
{
    for (int i = 0; i < schema_ntables; i++) {
        const tabspec *t = prof_find_tab(p, schema_tables[i].name);
        if (t && load_table_spec(p, t, st, o, out, err) != 0)
            return -1;
    }
    for (int i = 0; i < p->nt; i++) /* tables outside the data model, by name */
        if (!schema_table(p->t[i].name) && load_table_spec(p, &p->t[i], st, o, out, err) != 0)
            return -1;
    rled_finish(p, st, out);
    return 0;
}

int prof_load_file(pa_profile *p, pa_store *st, const char *base, const pa_load_opts *o, pa_findings *out,
                   sbuf *explain, sbuf *errs)
{
    p->only = base;
    p->explain = explain;
    int loaded = 0;
    for (int pass = 0; pass < 2; pass++) /* tables of the data model first, as a run loads them */
        for (int i = 0; i < p->nt; i++) {
            const tabspec *t = &p->t[i];
            if ((schema_table(t->name) != NULL) != (pass == 0) || !prof_matches(t, base))
                continue;
            char *err = NULL;
            if (load_table_spec(p, t, st, o, out, &err) == 0) {
                loaded++;
            } else {
                sb_printf(errs, "  table %s: %s\n", t->name, err);
                free(err);
            }
        }
    rled_finish(p, st, out);
    p->only = NULL;
    p->explain = NULL;
    return loaded;
}
