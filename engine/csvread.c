/*
 * csvread.c - feeding libcsv one physical line at a time.
 *
 * libcsv reports fields and rows but not where they are. We therefore cut
 * the input at every line terminator (LF, CRLF or a lone CR) and feed the
 * pieces separately, counting lines as we go. A row starts on the line at
 * whose beginning the parser was in its "no row begun" state and that then
 * produced a field; multi-line quoted fields keep the parser inside the row,
 * so the start line is not moved by them. libcsv drops blank lines, which is
 * what the data model wants, and strict mode reports stray quotes, which we
 * turn into a located error.
 */
#include "csvread.h"

#include <csv.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ROW_NOT_BEGUN 0 /* libcsv's pstate value before a row's first byte */
#define CHUNK (1u << 20)

typedef struct {
    const csvr_opts *o;
    size_t nfield;
    uint32_t line;        /* line being fed, 1-based */
    uint32_t pending;     /* start line of the next row to begin */
    uint32_t row_line;    /* start line of the current row */
    bool in_row;
    bool stop;
    bool at_line_start;
    bool prev_cr;         /* the previous piece ended in CR: a leading LF belongs to it */
    size_t col_base;      /* bytes of the current line fed before this piece */
    struct csv_parser p;
} reader;

/* libcsv grows its field buffer with this; refusing growth past the cap
 * makes csv_parse stop with CSV_ENOMEM instead of eating all memory when a
 * stray quote swallows the rest of a file. */
static _Thread_local size_t cell_cap;

static void *capped_realloc(void *p, size_t n)
{
    if (n > cell_cap)
        return NULL;
    return realloc(p, n);
}

static void on_field(void *data, size_t len, void *ud)
{
    reader *r = ud;
    if (r->stop)
        return;
    if (!r->in_row) {
        r->in_row = true;
        r->row_line = r->pending;
        r->nfield = 0;
    }
    r->o->field(r->o->ud, r->nfield++, data, len, r->row_line);
}

static void on_row(int c, void *ud)
{
    reader *r = ud;
    (void)c;
    if (r->stop)
        return;
    if (!r->in_row) { /* cannot happen without CSV_REPALL_NL; be safe */
        r->row_line = r->pending;
        r->nfield = 0;
    }
    r->in_row = false;
    if (!r->o->row(r->o->ud, r->nfield, r->row_line))
        r->stop = true;
}

static void set_err(csvr_error *e, int code, uint32_t line, uint32_t col, const char *msg)
{
    e->code = code;
    e->line = line;
    e->column = col;
    snprintf(e->message, sizeof e->message, "%s", msg);
}

/* Feed one piece (never spanning two lines) and turn libcsv errors into ours. */
static int feed(reader *r, const char *s, size_t n, csvr_error *err)
{
    size_t done = csv_parse(&r->p, s, n, on_field, on_row, r);
    if (done == n)
        return CSVR_OK;
    int e = csv_error(&r->p);
    if (e == CSV_EPARSE) {
        uint32_t col = (uint32_t)(r->col_base + done + 1);
        set_err(err, CSVR_EPARSE, r->line, col,
                "malformed quoting: a '\"' inside an unquoted field, or text right after a closing quote "
                "(quote the whole field and double any '\"' inside it)");
    } else {
        set_err(err, CSVR_ECELL, r->in_row ? r->row_line : r->pending, 0, "");
        snprintf(err->message, sizeof err->message,
                 "a cell is larger than the %zu-byte limit (often an unclosed '\"' that swallows the rest of the file)",
                 cell_cap);
    }
    return err->code;
}

static int feed_chunk(reader *r, const char *buf, size_t len, csvr_error *err)
{
    size_t pos = 0;
    if (r->prev_cr && len && buf[0] == '\n') {
        int rc = feed(r, buf, 1, err);
        if (rc)
            return rc;
        pos = 1;
    }
    r->prev_cr = false;
    while (pos < len && !r->stop) {
        if (r->at_line_start) {
            if (r->p.pstate == ROW_NOT_BEGUN && !r->in_row)
                r->pending = r->line;
            r->at_line_start = false;
            r->col_base = 0;
        }
        size_t e = pos;
        while (e < len && buf[e] != '\n' && buf[e] != '\r')
            e++;
        if (e == len) {
            int rc = feed(r, buf + pos, len - pos, err);
            if (rc)
                return rc;
            r->col_base += len - pos;
            break;
        }
        size_t end = e + 1;
        if (buf[e] == '\r') {
            if (end < len && buf[end] == '\n')
                end++;
            else if (end == len)
                r->prev_cr = true;
        }
        int rc = feed(r, buf + pos, end - pos, err);
        if (rc)
            return rc;
        r->line++;
        r->at_line_start = true;
        pos = end;
    }
    return CSVR_OK;
}

static void reader_init(reader *r, const csvr_opts *o)
{
    memset(r, 0, sizeof *r);
    r->o = o;
    r->line = 1;
    r->pending = 1;
    r->at_line_start = true;
    csv_init(&r->p, CSV_STRICT | CSV_STRICT_FINI | CSV_EMPTY_IS_NULL);
    if (o->delim)
        csv_set_delim(&r->p, (unsigned char)o->delim);
    cell_cap = o->max_cell ? o->max_cell : (16u << 20);
    csv_set_realloc_func(&r->p, capped_realloc);
    csv_set_blk_size(&r->p, 256);
}

static int finish(reader *r, csvr_error *err)
{
    int rc = CSVR_OK;
    if (!r->stop && csv_fini(&r->p, on_field, on_row, r) != 0) {
        set_err(err, CSVR_EPARSE, r->in_row ? r->row_line : r->pending, 0,
                "unterminated quoted field: a '\"' opened in this row is never closed");
        rc = CSVR_EPARSE;
    }
    csv_free(&r->p);
    if (rc == CSVR_OK && r->stop)
        rc = CSVR_ESTOPPED;
    return rc;
}

/* Leading bytes: skip a UTF-8 BOM; refuse UTF-16 (it needs transcoding). */
static int check_bom(const char *buf, size_t len, size_t *skip, csvr_error *err)
{
    const unsigned char *u = (const unsigned char *)buf;
    *skip = 0;
    if (len >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF) {
        *skip = 3;
    } else if (len >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF))) {
        set_err(err, CSVR_EENCODING, 1, 1,
                "the file is UTF-16 (it starts with a UTF-16 byte-order mark); save it as UTF-8 CSV");
        return CSVR_EENCODING;
    }
    return CSVR_OK;
}

int csvr_buffer(const char *data, size_t len, const csvr_opts *o, csvr_error *err)
{
    reader r;
    size_t skip;
    memset(err, 0, sizeof *err);
    int rc = check_bom(data, len, &skip, err);
    if (rc)
        return rc;
    reader_init(&r, o);
    rc = feed_chunk(&r, data + skip, len - skip, err);
    if (rc) {
        csv_free(&r.p);
        return rc;
    }
    return finish(&r, err);
}

int csvr_file(const char *path, const csvr_opts *o, csvr_error *err)
{
    memset(err, 0, sizeof *err);
    FILE *f = fopen(path, "rb");
    if (!f) {
        set_err(err, CSVR_EIO, 0, 0, strerror(errno));
        return CSVR_EIO;
    }
    char *buf = malloc(CHUNK);
    if (!buf) {
        fclose(f);
        set_err(err, CSVR_EIO, 0, 0, "out of memory");
        return CSVR_EIO;
    }
    reader r;
    reader_init(&r, o);
    int rc = CSVR_OK;
    bool first = true;
    size_t n;
    while (rc == CSVR_OK && !r.stop && (n = fread(buf, 1, CHUNK, f)) > 0) {
        size_t skip = 0;
        if (first) {
            rc = check_bom(buf, n, &skip, err);
            first = false;
            if (rc)
                break;
        }
        rc = feed_chunk(&r, buf + skip, n - skip, err);
    }
    if (rc == CSVR_OK && ferror(f)) {
        set_err(err, CSVR_EIO, 0, 0, strerror(errno));
        rc = CSVR_EIO;
    }
    free(buf);
    fclose(f);
    if (rc) {
        csv_free(&r.p);
        return rc;
    }
    return finish(&r, err);
}
