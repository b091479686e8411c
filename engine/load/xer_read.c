/*
 * load/xer_read.c - the XER export of Primavera P6 read into one grid per
 * table (see load/xer_read.h).
 *
 * The format has no quoting: a line is a marker and tab-separated fields,
 * and P6 writes no tab or line break inside a field. So the reader works
 * a line at a time over the whole text, and every problem with the
 * file's structure is an error at its line and column (exit 2): a
 * schedule read half-way would pass for a smaller schedule. What a row
 * holds is judged later, by the mapping (load/xer_map.c), which gives each
 * %R row its place in the row ledger.
 */
#include "load/xer_read.h"
#include "load/dialect.h"
#include "core/util.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define XER_MAX_CELL_DEFAULT (16u << 20)

void xer_init(xer_file *x)
{
    memset(x, 0, sizeof *x);
}

void xer_free(xer_file *x)
{
    for (int i = 0; i < x->nt; i++) {
        free(x->t[i].name);
        grid_free(&x->t[i].g);
    }
    free(x->t);
    free(x->version);
    memset(x, 0, sizeof *x);
}

bool xer_sniff(const char *buf, size_t n)
{
    if (n >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0) {
        buf += 3;
        n -= 3;
    }
    return n >= 6 && memcmp(buf, "ERMHDR", 6) == 0 && (n == 6 || buf[6] == '\t' || buf[6] == '\r' || buf[6] == '\n');
}

static int fail(xer_error *e, uint32_t line, uint32_t col, const char *fmt, ...) __attribute__((format(printf, 4, 5)));
static int fail(xer_error *e, uint32_t line, uint32_t col, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    e->line = line;
    e->column = col;
    vsnprintf(e->message, sizeof e->message, fmt, ap);
    va_end(ap);
    return -1;
}

const xer_table *xer_table_named(const xer_file *x, const char *name)
{
    for (int i = 0; i < x->nt; i++)
        if (strcmp(x->t[i].name, name) == 0)
            return &x->t[i];
    return NULL;
}

size_t xer_field(const xer_table *t, const char *name)
{
    for (size_t c = 0; c < t->nfields; c++) {
        size_t n;
        const char *s = grid_at(&t->g, 0, c, &n);
        if (s && strlen(name) == n && memcmp(s, name, n) == 0)
            return c;
    }
    return SIZE_MAX;
}

/* One line of the file being parsed: its text (no line end) and number. */
typedef struct {
    const char *s;
    size_t n;
    uint32_t no;
} xline;

/* The fields after the marker (s[0..mark) is the marker) into t's grid as
 * one row; -1 with e when a field passes the cell limit. */
static int add_fields(xer_table *t, const xline *l, size_t mark, size_t max_cell, size_t *count, xer_error *e)
{
    size_t nf = 0, i = mark;
    while (i < l->n) { /* l->s[i] is the tab before a field */
        size_t start = i + 1, end = start;
        while (end < l->n && l->s[end] != '\t')
            end++;
        if (end - start > max_cell)
            return fail(e, l->no, (uint32_t)(start + 1), "a field of %zu bytes passes the limit of %zu (--max-cell)",
                        end - start, max_cell);
        grid_cell(&t->g, l->s + start, end - start);
        nf++;
        i = end;
    }
    grid_row(&t->g, nf, l->no);
    *count = nf;
    return 0;
}

/* A NUL byte in the line: its column, or 0. (Other control bytes are
 * text to P6: its calendar data separates entries with 0x7F.) */
static uint32_t control_at(const xline *l)
{
    const char *z = memchr(l->s, 0, l->n);
    return z ? (uint32_t)(z - l->s + 1) : 0;
}

/* A %T line: a new table, named once. */
static int begin_table(xer_file *x, const xline *l, xer_error *e)
{
    size_t start = 3, end = start;
    while (end < l->n && l->s[end] != '\t')
        end++;
    if (l->n < 3 || l->s[2] != '\t' || end == start)
        return fail(e, l->no, 1, "a %%T line must name its table (%%T, a tab, then the name)");
    char *name = xasprintf("%.*s", (int)(end - start), l->s + start);
    for (int i = 0; i < x->nt; i++)
        if (strcmp(x->t[i].name, name) == 0) {
            int rc = fail(e, l->no, 4, "table %s appears a second time (the first %%T %s is at line %u)", name, name,
                          x->t[i].line);
            free(name);
            return rc;
        }
    x->t = xrealloc(x->t, (size_t)(x->nt + 1) * sizeof *x->t);
    xer_table *t = &x->t[x->nt++];
    memset(t, 0, sizeof *t);
    t->name = name;
    t->line = l->no;
    grid_init(&t->g);
    return 0;
}

/* A %F or %R line of the current table. */
static int table_line(xer_file *x, const xline *l, bool is_f, const xer_limits *lim, xer_error *e)
{
    xer_table *t = x->nt ? &x->t[x->nt - 1] : NULL;
    size_t max_cell = lim && lim->max_cell ? lim->max_cell : XER_MAX_CELL_DEFAULT, nf = 0;
    if (!t)
        return fail(e, l->no, 1, "a %s line before any %%T line: each table starts with %%T and its name",
                    is_f ? "%F" : "%R");
    if (is_f && t->nfields)
        return fail(e, l->no, 1, "a second %%F line in table %s (its %%F line is line %u)", t->name, t->g.line[0]);
    if (!is_f && !t->nfields)
        return fail(e, l->no, 1, "a %%R row before the %%F line of table %s (line %u): its fields have no names",
                    t->name, t->line);
    if (!is_f && lim && lim->max_rows && t->g.nrows > lim->max_rows)
        return fail(e, l->no, 1, "table %s has more than %zu rows (--max-rows)", t->name, lim->max_rows);
    if (add_fields(t, l, 2, max_cell, &nf, e) != 0)
        return -1;
    if (is_f && nf == 0)
        return fail(e, l->no, 1, "the %%F line of table %s names no fields", t->name);
    if (is_f && lim && lim->max_cols && nf > lim->max_cols)
        return fail(e, l->no, 1, "table %s has %zu fields, more than %zu (--max-columns)", t->name, nf,
                    lim->max_cols);
    if (is_f)
        t->nfields = nf;
    return 0;
}

/* The first line: ERMHDR and the version that wrote the file. */
static int header_line(xer_file *x, const xline *l, xer_error *e)
{
    size_t skip = l->n >= 3 && memcmp(l->s, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    if (!xer_sniff(l->s + skip, l->n - skip))
        return fail(e, 1, 1, "not an XER export: its first line must start with ERMHDR");
    const char *v = l->s + skip + 6;
    size_t vn = 0;
    if ((size_t)(v - l->s) < l->n && *v == '\t') {
        v++;
        while ((size_t)(v - l->s) + vn < l->n && v[vn] != '\t')
            vn++;
    }
    x->version = xasprintf("%.*s", (int)vn, v);
    return 0;
}

/* One line after the header; *ended is set by %E. */
static int body_line(xer_file *x, const xline *l, const xer_limits *lim, bool *ended, xer_error *e)
{
    if (*ended)
        return fail(e, l->no, 1, "text after the %%E line that ends the export");
    bool marker = l->n >= 2 && l->s[0] == '%' && (l->n == 2 || l->s[2] == '\t');
    char m = marker ? l->s[1] : 0;
    if (m == 'T')
        return begin_table(x, l, e);
    if (m == 'F' || m == 'R')
        return table_line(x, l, m == 'F', lim, e);
    if (m == 'E') {
        *ended = true;
        return 0;
    }
    return fail(e, l->no, 1, "a line starting '%.*s': expected %%T, %%F, %%R or %%E", (int)(l->n < 12 ? l->n : 12),
                l->s);
}

int xer_parse(const char *text, size_t n, const xer_limits *lim, xer_file *x, xer_error *e)
{
    memset(e, 0, sizeof *e);
    size_t pos = 0;
    uint32_t no = 0;
    bool ended = false;
    while (pos < n) {
        const char *nl = memchr(text + pos, '\n', n - pos);
        size_t end = nl ? (size_t)(nl - text) : n;
        xline l = {text + pos, end - pos, ++no};
        if (l.n && l.s[l.n - 1] == '\r')
            l.n--;
        pos = nl ? end + 1 : n;
        uint32_t bad = no == 1 ? 0 : control_at(&l);
        if (bad)
            return fail(e, no, bad, "a NUL byte in the line; an XER export is text");
        if (no == 1) {
            if (header_line(x, &l, e) != 0)
                return -1;
            continue;
        }
        if (l.n == 0)
            continue; /* a blank line is no row of any table */
        if (body_line(x, &l, lim, &ended, e) != 0)
            return -1;
    }
    if (no == 0)
        return fail(e, 1, 1, "not an XER export: the file is empty");
    if (!ended)
        return fail(e, no, 0, "the export ends at line %u without its %%E line: the file looks truncated", no);
    return 0;
}

/* The offset of the first byte of s that is not valid UTF-8, or n. */
static size_t utf8_invalid(const unsigned char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        unsigned c = s[i];
        size_t k = c < 0x80 ? 0 : (c >> 5) == 6 ? 1 : (c >> 4) == 14 ? 2 : (c >> 3) == 30 ? 3 : 9;
        if (k == 9 || k > n - 1 - i)
            return i;
        if ((k == 1 && c < 0xC2) || (k == 2 && c == 0xE0 && s[i + 1] < 0xA0) ||
            (k == 2 && c == 0xED && s[i + 1] >= 0xA0) || (k == 3 && c == 0xF0 && s[i + 1] < 0x90) ||
            (k == 3 && c > 0xF4) || (k == 3 && c == 0xF4 && s[i + 1] >= 0x90))
            return i;
        for (size_t j = 1; j <= k; j++)
            if ((s[i + j] & 0xC0) != 0x80)
                return i;
        i += k + 1;
    }
    return n;
}

static void locate(const char *s, size_t at, uint32_t *line, uint32_t *col)
{
    *line = 1;
    size_t start = 0;
    for (size_t i = 0; i < at; i++)
        if (s[i] == '\n') {
            (*line)++;
            start = i + 1;
        }
    *col = (uint32_t)(at - start + 1);
}

/* data (BOM removed) as UTF-8 in *out (NULL: data itself is UTF-8). */
static int to_utf8(const char *data, size_t n, const char *declared, xer_file *x, char **out, size_t *outn,
                   xer_error *e)
{
    const char *enc = declared ? dia_encoding_name(declared) : NULL;
    *out = NULL;
    if (declared && !enc)
        return fail(e, 0, 0, "unknown encoding '%s' (accepted: %s)", declared, dia_encodings_help);
    size_t bad = utf8_invalid((const unsigned char *)data, n);
    if (!enc)
        enc = bad == n ? "UTF-8" : "WINDOWS-1252";
    x->encoding = enc;
    if (strcmp(enc, "UTF-8") == 0) {
        if (bad == n)
            return 0;
        uint32_t line, col;
        locate(data, bad, &line, &col);
        return fail(e, line, col, "byte 0x%02X is not valid UTF-8 text; check the encoding the file was saved in",
                    (unsigned char)data[bad]);
    }
    uint32_t line, col;
    unsigned byte;
    if (dia_to_utf8(data, n, enc, out, outn, &line, &col, &byte) != 0)
        return fail(e, line, col, "byte 0x%02X is not valid %s text; check the encoding the file was saved in", byte,
                    enc);
    return 0;
}

int xer_read_buffer(const char *data, size_t n, const char *encoding, const xer_limits *lim, xer_file *x,
                    xer_error *e)
{
    memset(e, 0, sizeof *e);
    size_t skip = n >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    char *conv = NULL;
    size_t cn = 0;
    int rc = to_utf8(data + skip, n - skip, skip ? "UTF-8" : encoding, x, &conv, &cn, e);
    if (rc == 0)
        rc = conv ? xer_parse(conv, cn, lim, x, e) : xer_parse(data + skip, n - skip, lim, x, e);
    free(conv);
    return rc;
}

int xer_read_file(const char *path, const char *encoding, const xer_limits *lim, xer_file *x, xer_error *e)
{
    memset(e, 0, sizeof *e);
    size_t n;
    char *data = read_whole_file(path, &n);
    if (!data)
        return fail(e, 0, 0, "cannot read the file: %s", xstrerror(errno));
    int rc = xer_read_buffer(data, n, encoding, lim, x, e);
    free(data);
    return rc;
}
