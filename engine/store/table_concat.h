/*
 * store/table_concat.h - appending a table to another one read from the same header,
 * with the result the loader would have built had it read the second
 * table's rows right after the first one's (load/chunk.c).
 */
#ifndef PA_TABCAT_H
#define PA_TABCAT_H

#include "store/table.h"

/* Append src's rows to dst, adding line_delta to every row's line. Both
 * tables must have the same columns. The arrays of src's columns are
 * released as they are copied, to keep one copy of the data at a time;
 * only tab_free(src) is left to do. */
void tabcat_append(pa_table *dst, pa_table *src, int64_t line_delta);

#endif
