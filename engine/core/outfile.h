/*
 * core/outfile.h - writing report files atomically: the bytes go to a temporary
 * file in the destination folder, are flushed to disk, and the file is then
 * renamed over the destination. A failed or interrupted write therefore
 * never leaves a truncated report in place of the previous one.
 */
#ifndef PA_OUTFILE_H
#define PA_OUTFILE_H

#include <stddef.h>

/* SIGINT/SIGTERM remove the staged files and exit 130/143; SIGXFSZ is
 * ignored (a file-size limit becomes a write error). Call once per run. */
void out_signals_install(void);
/* Write data to a temporary file beside path and fsync it; path "-" writes
 * to standard output at once. Returns 0, or -1 with *err set (the path and
 * the OS error); on failure every staged file of the batch is removed. */
int out_stage(const char *path, const char *data, size_t len, char **err);
/* Rename every staged file over its destination; 0, or -1 with *err. */
int out_commit(char **err);
/* Remove the staged files without renaming them. */
void out_abort(void);
/* out_stage then out_commit of one file. */
int out_write(const char *path, const char *data, size_t len, char **err);

#endif
