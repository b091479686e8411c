/*
 * outfile.h - writing report files atomically: the bytes go to a temporary
 * file in the destination folder, are flushed to disk, and the file is then
 * renamed over the destination. A failed or interrupted write therefore
 * never leaves a truncated report in place of the previous one.
 */
#ifndef PA_OUTFILE_H
#define PA_OUTFILE_H

#include <stddef.h>

/* path "-" writes to standard output. Returns 0, or -1 with *err set. */
int out_write(const char *path, const char *data, size_t len, char **err);

#endif
