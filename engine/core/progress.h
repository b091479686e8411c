/*
 * core/progress.h - a one-line progress display on stderr for long runs: rows
 * per second while loading, the rule being evaluated. It appears only when
 * stderr is a terminal and neither --no-progress nor --quiet is given, is
 * redrawn at most ten times a second, and is erased before anything else is
 * printed, so logs and pipes never see it.
 */
#ifndef PA_PROGRESS_H
#define PA_PROGRESS_H

#include <stddef.h>

void progress_enable(int on);
/* Loading: a file starts; then its rows so far, every few thousand rows. */
void progress_file(void);
void progress_load(const char *file, size_t rows);
/* Evaluating: a rule finished (thread-safe). */
void progress_rule(const char *id, int done, int total);
/* Erase the line. */
void progress_clear(void);

#endif
