/*
 * load/csv_read.h - streaming CSV reading on top of libcsv, adding what libcsv
 * lacks: the physical line where each row starts, the file's dialect
 * (encoding and delimiter, see load/dialect.h), a cap on the size of one cell,
 * refusal of binary files, and errors located by line and column. The
 * caller gets one callback per field and one per row.
 */
#ifndef PA_CSVREAD_H
#define PA_CSVREAD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* What the reader found out about a file (for `inspect` and messages). */
typedef struct {
    char delim;             /* the delimiter used */
    bool delim_guessed;     /* it was guessed from the header line */
    const char *encoding;   /* "UTF-8", "UTF-16LE", "WINDOWS-1252", ... */
    bool bom;               /* the file starts with a byte-order mark */
} csvr_dialect;

typedef struct {
    /* Field `index` (0-based) of the current row; data is NULL for an empty
     * unquoted field. data is only valid during the call; line is where the
     * row started. */
    void (*field)(void *ud, size_t index, const char *data, size_t len, uint32_t line);
    /* End of a row of nfields fields that started at physical line `line`.
     * Return false to stop reading. */
    bool (*row)(void *ud, size_t nfields, uint32_t line);
    void *ud;
    char delim;         /* 0 = guess from the header line */
    size_t max_cell;    /* bytes; 0 = default (16 MiB) */
    const char *encoding; /* declared encoding (load/dialect.h names); NULL = UTF-8. A BOM wins. */
    csvr_dialect *seen; /* when not NULL, filled in before the first row */
    /* A blank line (empty, or only spaces and tabs, outside any quoted
     * cell), which libcsv drops: told so that every line is accounted for.
     * NULL: not told. */
    void (*blank)(void *ud, uint32_t line);
} csvr_opts;

typedef struct {
    int code;           /* 0 ok, else errno-style or CSVR_E* */
    uint32_t line;      /* where the problem is (0 when not about a place) */
    uint32_t column;    /* 1-based byte column, 0 when unknown */
    char message[256];
} csvr_error;

enum { CSVR_OK = 0, CSVR_EIO = 1, CSVR_EPARSE, CSVR_ECELL, CSVR_EENCODING, CSVR_ESTOPPED, CSVR_EBINARY };

/* Read a whole file; returns CSVR_OK or an error code with *err filled in. */
int csvr_file(const char *path, const csvr_opts *opts, csvr_error *err);
/* The same over a memory buffer (used by tests and fuzzers). */
int csvr_buffer(const char *data, size_t len, const csvr_opts *opts, csvr_error *err);

/*
 * Reading one file in byte ranges (load/chunk.c). csvr_plain_head looks at the
 * first block as csvr_file does and says whether the file can be split: it
 * sniffs cleanly as UTF-8 (no conversion), and its header row ends in that
 * block with a line feed (LF or CRLF). It gives the delimiter, the bytes of
 * the BOM and the offset just past the header row.
 */
bool csvr_plain_head(const char *path, const csvr_opts *opts, char *delim, size_t *skip, size_t *hdr_end);

typedef struct {
    size_t hdr_start, hdr_end; /* fed first: the header row (empty when the range holds it) */
    size_t start, end;         /* then these bytes of the file */
    bool last;                 /* the range ends the file: finish as csvr_file does */
    char delim;
    uint32_t hdr_lines;        /* out: line terminators in the header bytes */
    uint32_t lines;            /* out: line terminators in all the bytes fed */
    bool clean;                /* out: the bytes ended at a row boundary outside quotes */
} csvr_range;

/* Parse rg's bytes of path with lines counted from 1 at rg->hdr_start. */
int csvr_file_range(const char *path, csvr_range *rg, const csvr_opts *opts, csvr_error *err);

#endif
