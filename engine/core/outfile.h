/*
 * core/outfile.h - writing report files atomically: the bytes go to a temporary
 * file in the destination folder, are flushed to disk, and the file is then
 * renamed over the destination. A failed or interrupted write therefore
 * never leaves a truncated report in place of the previous one.
 */
#ifndef PA_OUTFILE_H
#define PA_OUTFILE_H

#include "core/util.h"

#include <stdbool.h>
#include <stddef.h>

/* SIGINT/SIGTERM remove the staged files and exit 130/143; SIGXFSZ is
 * ignored (a file-size limit becomes a write error). Call once per run. */
void out_signals_install(void);
/* Write data to a temporary file beside path and fsync it; path "-" writes
 * to standard output at once. Returns 0, or -1 with *err set (the path and
 * the OS error); on failure every staged file of the batch is removed. */
int out_stage(const char *path, const char *data, size_t len, char **err);
/*
 * A report written as it is rendered: the writer appends to an sbuf tied to
 * the stream, and out_flush sends the buffer's bytes on once it holds
 * OUT_CHUNK, so a report of any size needs that much memory, not its size.
 * The bytes go where out_stage would put them: standard output, a device or
 * FIFO in place, else a temporary file beside the path, staged for
 * out_commit. A failed write is kept (err) and the rest of the report is
 * dropped; out_close then says so.
 */
typedef struct out_stream {
    int fd;
    int err;    /* errno of the first failed write, 0 while none */
    int kind;   /* OUT_STDOUT, OUT_SPECIAL or OUT_STAGED */
    char *path; /* as given */
} out_stream;
enum { OUT_STDOUT, OUT_SPECIAL, OUT_STAGED };
#define OUT_CHUNK ((size_t)64 * 1024)

/* Open the stream for path ("-": standard output) and tie b to it (b->to).
 * Returns 0, or -1 with *err set and every staged file of the batch removed. */
int out_open(out_stream *s, sbuf *b, const char *path, char **err);
/* Write b's bytes to its stream and empty b; nothing without a stream. */
void out_drain(sbuf *b);
/* At a point of a writer where what b holds is final: drain b once it
 * holds OUT_CHUNK bytes. Cheap enough for once per finding. */
static inline void out_flush(sbuf *b)
{
    if (b->to && b->len >= OUT_CHUNK)
        out_drain(b);
}
/* Write the rest of b, flush the file to disk and close it; b is untied
 * and empty. Returns 0, or -1 with *err set (the path and the OS error of
 * the first failed write) and every staged file of the batch removed. */
int out_close(out_stream *s, sbuf *b, char **err);
/* Rename every staged file over its destination; 0, or -1 with *err. */
int out_commit(char **err);
/* Remove the staged files without renaming them. */
void out_abort(void);
/* out_stage then out_commit of one file. */
int out_write(const char *path, const char *data, size_t len, char **err);

#endif
