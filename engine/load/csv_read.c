/*
 * load/csv_read.c - feeding libcsv one physical line at a time.
 *
 * libcsv reports fields and rows but not where they are. We therefore cut
 * the input at every line terminator (LF, CRLF or a lone CR) and feed the
 * pieces separately, counting lines as we go. A row starts on the line at
 * whose beginning the parser was in its "no row begun" state and that then
 * produced a field; multi-line quoted fields keep the parser inside the row,
 * so the start line is not moved by them. libcsv drops blank lines, which is
 * what the data model wants; the caller is told of each (its row ledger
 * counts them), and strict mode reports stray quotes, which we
 * turn into a located error. Before any of that, sniff() settles the
 * dialect (load/dialect.c): a file in another encoding is converted to UTF-8 in
 * memory first.
 */
#include "load/csv_read.h"
#include "load/dialect.h"
#include "core/util.h"

#include <csv.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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
    bool line_clean;      /* the current line began outside any row */
    bool began;           /* a row began on the current line */
    bool prev_cr;         /* the previous piece ended in CR: a leading LF belongs to it */
    size_t col_base;      /* bytes of the current line fed before this piece */
    struct csv_parser p;
} reader;

/* libcsv grows its field buffer with this; refusing growth past the cap
 * makes csv_parse stop with CSV_ENOMEM instead of eating all memory when a
 * stray quote swallows the rest of a file. */
static _Thread_local size_t cell_cap;
/* libcsv grows its one field buffer by a fixed block at a time, which
 * copies a several-megabyte cell thousands of times over; we grow it
 * geometrically behind its back and answer smaller requests in place. */
static _Thread_local void *buf_seen;
static _Thread_local size_t buf_real;

static void *capped_realloc(void *p, size_t n)
{
    if (n > cell_cap)
        return NULL;
    if (p && p == buf_seen && n <= buf_real)
        return p;
    size_t want = p == buf_seen && buf_real * 2 > n ? buf_real * 2 : n;
    if (want > cell_cap)
        want = cell_cap;
    void *q = realloc(p, want);
    if (q) {
        buf_seen = q;
        buf_real = want;
    }
    return q;
}

static void on_field(void *data, size_t len, void *ud)
{
    reader *r = ud;
    if (r->stop)
        return;
    if (!r->in_row) {
        r->in_row = true;
        r->began = true;
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
            r->line_clean = r->p.pstate == ROW_NOT_BEGUN && !r->in_row;
            if (r->line_clean)
                r->pending = r->line;
            r->began = false;
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
        if (r->line_clean && !r->began && !r->in_row && r->p.pstate == ROW_NOT_BEGUN && r->o->blank && !r->stop)
            r->o->blank(r->o->ud, r->line);
        r->line++;
        r->at_line_start = true;
        pos = end;
    }
    return CSVR_OK;
}

static void reader_init(reader *r, const csvr_opts *o, char delim)
{
    memset(r, 0, sizeof *r);
    r->o = o;
    r->line = 1;
    r->pending = 1;
    r->at_line_start = true;
    csv_init(&r->p, CSV_STRICT | CSV_STRICT_FINI | CSV_EMPTY_IS_NULL);
    csv_set_delim(&r->p, (unsigned char)delim);
    cell_cap = o->max_cell ? o->max_cell : (16u << 20);
    buf_seen = NULL;
    buf_real = 0;
    csv_set_realloc_func(&r->p, capped_realloc);
    csv_set_blk_size(&r->p, 256);
}

static int finish(reader *r, csvr_error *err)
{
    int rc = CSVR_OK;
    if (!r->stop && csv_fini(&r->p, on_field, on_row, r) != 0) {
        set_err(err, CSVR_EPARSE, r->in_row ? r->row_line : r->pending, 0, "");
        snprintf(err->message, sizeof err->message,
                 "unterminated quoted field: the '\"' that opens field %zu of the row starting on this line is "
                 "never closed (the rest of the file was read as that field)", (r->in_row ? r->nfield : 0) + 1);
        rc = CSVR_EPARSE;
    }
    csv_free(&r->p);
    if (rc == CSVR_OK && r->stop)
        rc = CSVR_ESTOPPED;
    return rc;
}

/*
 * Work out the dialect from the first bytes: the BOM, the declared
 * encoding, the delimiter, and whether this is text at all. *convert is
 * set when the bytes after the BOM must go through iconv first (then the
 * delimiter is guessed later, on the converted text).
 */
static int sniff(const char *buf, size_t len, const csvr_opts *o, csvr_dialect *d, size_t *skip, bool *convert,
                 csvr_error *err)
{
    memset(d, 0, sizeof *d);
    const char *bom = dia_bom(buf, len, skip);
    const char *enc = bom ? bom : o->encoding ? dia_encoding_name(o->encoding) : "UTF-8";
    if (!enc) {
        set_err(err, CSVR_EENCODING, 0, 0, "");
        snprintf(err->message, sizeof err->message, "unknown encoding '%s' (known: %s)", o->encoding,
                 dia_encodings_help);
        return CSVR_EENCODING;
    }
    d->bom = bom != NULL;
    d->encoding = enc;
    *convert = strcmp(enc, "UTF-8") != 0;
    if (*convert)
        return CSVR_OK;
    uint32_t line, col;
    unsigned byte;
    if (dia_binary(buf + *skip, len - *skip, &line, &col, &byte)) {
        set_err(err, CSVR_EBINARY, line, col, "");
        snprintf(err->message, sizeof err->message,
                 "this is not a CSV text file: binary data (byte 0x%02X); export the table as CSV", byte);
        return CSVR_EBINARY;
    }
    d->delim = o->delim ? o->delim : dia_guess_delim(buf + *skip, len - *skip);
    d->delim_guessed = !o->delim;
    return CSVR_OK;
}

/* Parse text that is already UTF-8 with the dialect in d. */
static int parse_utf8(const char *data, size_t len, const csvr_opts *o, csvr_dialect *d, csvr_error *err)
{
    if (!d->delim) {
        uint32_t line, col;
        unsigned byte;
        if (dia_binary(data, len, &line, &col, &byte)) {
            set_err(err, CSVR_EBINARY, line, col, "");
            snprintf(err->message, sizeof err->message,
                     "this is not a CSV text file: binary data (byte 0x%02X) after converting from %s", byte,
                     d->encoding);
            return CSVR_EBINARY;
        }
        d->delim = o->delim ? o->delim : dia_guess_delim(data, len);
        d->delim_guessed = !o->delim;
    }
    if (o->seen)
        *o->seen = *d;
    reader r;
    reader_init(&r, o, d->delim);
    int rc = feed_chunk(&r, data, len, err);
    if (rc) {
        csv_free(&r.p);
        return rc;
    }
    return finish(&r, err);
}

/* Convert from d->encoding, then parse. */
static int parse_converted(const char *data, size_t len, const csvr_opts *o, csvr_dialect *d, csvr_error *err)
{
    char *utf8;
    size_t n;
    uint32_t line, col;
    unsigned byte;
    if (dia_to_utf8(data, len, d->encoding, &utf8, &n, &line, &col, &byte) != 0) {
        set_err(err, CSVR_EENCODING, line, col, "");
        snprintf(err->message, sizeof err->message,
                 "byte 0x%02X is not valid %s text; check the encoding the file was saved in", byte, d->encoding);
        return CSVR_EENCODING;
    }
    int rc = parse_utf8(utf8, n, o, d, err);
    free(utf8);
    return rc;
}

int csvr_buffer(const char *data, size_t len, const csvr_opts *o, csvr_error *err)
{
    size_t skip;
    bool convert;
    csvr_dialect d;
    memset(err, 0, sizeof *err);
    int rc = sniff(data, len, o, &d, &skip, &convert, err);
    if (rc)
        return rc;
    if (convert)
        return parse_converted(data + skip, len - skip, o, &d, err);
    return parse_utf8(data + skip, len - skip, o, &d, err);
}

/* A file to convert is read whole; a UTF-8 one is streamed in chunks. */
int csvr_file(const char *path, const csvr_opts *o, csvr_error *err)
{
    memset(err, 0, sizeof *err);
    FILE *f = fopen_input(path);
    if (!f) {
        set_err(err, CSVR_EIO, 0, 0, xstrerror(errno));
        return CSVR_EIO;
    }
    char *buf = xmalloc(CHUNK);
    size_t n = fread(buf, 1, CHUNK, f), skip;
    bool convert;
    csvr_dialect d;
    int rc = sniff(buf, n, o, &d, &skip, &convert, err);
    if (rc == CSVR_OK && convert) {
        fclose(f);
        free(buf);
        size_t len;
        char *all = read_whole_file(path, &len);
        if (!all) {
            set_err(err, CSVR_EIO, 0, 0, strerror(errno));
            return CSVR_EIO;
        }
        rc = parse_converted(all + skip, len - skip, o, &d, err);
        free(all);
        return rc;
    }
    if (rc) {
        fclose(f);
        free(buf);
        return rc;
    }
    if (o->seen)
        *o->seen = d;
    reader r;
    reader_init(&r, o, d.delim);
    const char *p = buf + skip;
    n -= skip;
    while (n > 0 && (rc = feed_chunk(&r, p, n, err)) == CSVR_OK && !r.stop) {
        p = buf;
        n = fread(buf, 1, CHUNK, f);
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

/*
 * The end of the header row in buf[skip, n): the byte after the first line
 * feed outside quotes. Toggling on every '"' follows libcsv's strict mode
 * for any file it accepts (a quote can only open a field or be doubled
 * inside one); a file it refuses fails in the reader anyway. A lone CR ends
 * the header too in csvr_file; such files are not split (0).
 */
static size_t header_end(const char *buf, size_t skip, size_t n)
{
    bool quoted = false;
    for (size_t i = skip; i < n; i++) {
        if (buf[i] == '"')
            quoted = !quoted;
        else if (!quoted && buf[i] == '\n')
            return i + 1;
        else if (!quoted && buf[i] == '\r')
            return i + 1 < n && buf[i + 1] == '\n' ? i + 2 : 0;
    }
    return 0;
}

bool csvr_plain_head(const char *path, const csvr_opts *o, char *delim, size_t *skip, size_t *hdr_end)
{
    FILE *f = fopen_input(path);
    if (!f)
        return false;
    char *buf = xmalloc(CHUNK);
    size_t n = fread(buf, 1, CHUNK, f);
    fclose(f);
    bool convert;
    csvr_dialect d;
    csvr_error e;
    bool ok = sniff(buf, n, o, &d, skip, &convert, &e) == CSVR_OK && !convert;
    if (ok) {
        *delim = d.delim;
        *hdr_end = header_end(buf, *skip, n);
        ok = *hdr_end > 0;
    }
    free(buf);
    return ok;
}

/* Feed bytes [from, to) of fd, a block at a time. */
static int feed_file_bytes(reader *r, int fd, size_t from, size_t to, char *buf, csvr_error *err)
{
    while (from < to && !r->stop) {
        size_t want = to - from < CHUNK ? to - from : CHUNK;
        ssize_t got = pread(fd, buf, want, (off_t)from);
        if (got <= 0) {
            set_err(err, CSVR_EIO, 0, 0, got < 0 ? strerror(errno) : "the file shrank while being read");
            return CSVR_EIO;
        }
        int rc = feed_chunk(r, buf, (size_t)got, err);
        if (rc)
            return rc;
        from += (size_t)got;
    }
    return CSVR_OK;
}

/*
 * A range is parsed like the middle of csvr_file: the header bytes first
 * (so the caller sees the same header row), then the range. A range that
 * does not end the file is not finished with csv_fini: whether it ended at
 * a row boundary outside quotes is reported in rg->clean instead, which is
 * what tells the caller that the next range started where a row starts.
 */
int csvr_file_range(const char *path, csvr_range *rg, const csvr_opts *o, csvr_error *err)
{
    memset(err, 0, sizeof *err);
    rg->hdr_lines = rg->lines = 0;
    rg->clean = false;
    int fd = open_input(path);
    if (fd < 0) {
        set_err(err, CSVR_EIO, 0, 0, xstrerror(errno));
        return CSVR_EIO;
    }
    reader r;
    reader_init(&r, o, rg->delim);
    char *buf = xmalloc(CHUNK);
    int rc = feed_file_bytes(&r, fd, rg->hdr_start, rg->hdr_end, buf, err);
    rg->hdr_lines = r.line - 1;
    if (rc == CSVR_OK)
        rc = feed_file_bytes(&r, fd, rg->start, rg->end, buf, err);
    rg->lines = r.line - 1;
    free(buf);
    close(fd);
    if (rc == CSVR_OK && rg->last)
        return finish(&r, err);
    if (rc == CSVR_OK)
        rg->clean = !r.stop && !r.in_row && r.at_line_start && r.p.pstate == ROW_NOT_BEGUN;
    csv_free(&r.p);
    return rc == CSVR_OK && r.stop ? CSVR_ESTOPPED : rc;
}
