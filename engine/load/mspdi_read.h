/*
 * load/mspdi_read.h - MS Project XML (MSPDI, the .xml that Microsoft
 * Project saves) read into a grid of task rows, with the column names of
 * MS Project's CSV export, so that the msproject profile maps both the
 * same way (see load/mspdi_read.c and docs/importing.md).
 */
#ifndef PA_MSPDI_READ_H
#define PA_MSPDI_READ_H

#include "load/grid.h"
#include "load/csv_read.h"

#include <stdbool.h>
#include <stddef.h>

/* The XML namespace of MSPDI. */
#define MSPDI_NS "http://schemas.microsoft.com/project"

/* Whether path names an XML file (its name ends in .xml, in any case). */
bool mspdi_is_file(const char *path);
/* Read an MSPDI file into g: a header row, then one row per Task element
 * at that element's line. Returns CSVR_OK, or CSVR_EIO / CSVR_EPARSE with
 * e filled in (line and column of the fault, message). */
int mspdi_read_file(grid *g, const char *path, csvr_error *e);
/* The same over a memory buffer (tests and fuzzers). */
int mspdi_read_buffer(grid *g, const char *data, size_t len, csvr_error *e);

#endif
