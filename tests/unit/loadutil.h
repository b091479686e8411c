/*
 * loadutil.h - loading a data directory for the unit tests that compare
 * loads (test_pload.c: across files; test_chunk.c: one file in ranges).
 */
#ifndef PA_TEST_LOADUTIL_H
#define PA_TEST_LOADUTIL_H

#include "load/table_load.h"

typedef struct {
    pa_store st;
    pa_findings f;
    char *err;
    int rc;
} loaded;

/* load_dir of dir with -j jobs and --max-rows max_rows (0 = default). */
void load_with(loaded *l, const char *dir, int jobs, size_t max_rows);
void unload(loaded *l);

#endif
