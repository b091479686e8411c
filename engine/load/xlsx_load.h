/*
 * load/xlsx_load.h - Excel workbooks in a data directory: which sheet
 * feeds which table, and a sheet loaded as a table through the same sink
 * as a CSV file (load/table_load.h), its rows in the row ledger under the
 * workbook and the sheet's name. See load/xlsx_load.c.
 */
#ifndef PA_XLSX_LOAD_H
#define PA_XLSX_LOAD_H

#include "load/table_load.h"

/* Whether path names a workbook (.xlsx). */
bool ldx_is_book(const char *path);
/*
 * The workbook in dir with a sheet for table name, as a path (to free), or
 * NULL when none has one. *err (and NULL) when a workbook of dir cannot be
 * opened, or two give the table.
 */
char *ldx_find(const char *dir, const char *name, char **err);
/* Load table name from the workbook at path (the sheet ldx_find chose),
 * as load_file does from a CSV file. */
int ldx_load(pa_store *st, const char *path, const char *name, const pa_load_opts *o, pa_findings *out,
             char **err);
/* A note for each sheet of dir's workbooks that feeds no table. */
void ldx_notes(pa_store *st, const char *dir, const pa_load_opts *o);

#endif
