/*
 * load/xlsx_load.h - Excel workbooks in a data directory: which sheet
 * feeds which table, and a sheet loaded as a table through the same sink
 * as a CSV file (load/table_load.h), its rows in the row ledger under the
 * workbook and the sheet's name. See load/xlsx_load.c.
 */
#ifndef PA_XLSX_LOAD_H
#define PA_XLSX_LOAD_H

#include "load/grid.h"
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
/*
 * For an import profile: the workbook at path as findings will name the
 * rows of its sheet `sheet` (NULL: the one named after table, else the
 * first), "path:Sheet" (to free); NULL with *err when the workbook cannot
 * be opened or lacks that sheet.
 */
char *ldx_sheet_loc(const char *path, const char *sheet, const char *table, char **err);
/* Read a CSV file, or a workbook's sheet ("book.xlsx:Sheet"; a bare
 * "book.xlsx" is its first sheet), into a grid. */
int ldx_grid(grid *g, const char *loc, const csvr_opts *co, csvr_error *e);
/* The table sheet i of the workbook at path feeds when it is in a data
 * directory (a sheet named after a table; the first sheet of
 * <table>.xlsx), or NULL. */
const char *ldx_table_of(const struct xlsx_book *b, const char *path, int i);
/* A note for each sheet of dir's workbooks that feeds no table (workbooks
 * the import profile reads are its business). */
void ldx_notes(pa_store *st, const char *dir, const pa_load_opts *o);

#endif
