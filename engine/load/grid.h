/*
 * load/grid.h - a source table held whole as a grid of cells: what import
 * profiles map onto the data model. A CSV file is read into one with
 * grid_read_csv; a reader of another format (a workbook's sheet, one
 * table of a multi-table export) fills one with grid_cell and grid_row,
 * giving each row the location findings will name (a line, or a row
 * number of its sheet). Blank lines are kept aside, so that the row
 * ledger can account for them.
 */
#ifndef PA_GRID_H
#define PA_GRID_H

#include "load/csv_read.h"
#include "core/util.h"

#include <stddef.h>
#include <stdint.h>

typedef struct {
    sbuf text;       /* every cell's bytes, each followed by a NUL */
    size_t *off;     /* cell -> offset in text, SIZE_MAX for a null cell */
    size_t *len;
    size_t ncells, cellcap;
    size_t *first;   /* row -> its first cell */
    size_t *width;   /* row -> its number of cells */
    uint32_t *line;  /* row -> where it starts (a physical line of a CSV file) */
    size_t nrows, rowcap;
    uint32_t *blank; /* lines that were blank (CSV: empty or only white space) */
    size_t nblank, blankcap;
    bool transposed; /* rows are the source's columns (line: the column number) */
    bool iso_dates;  /* its dates are ISO 8601 whatever the table's layout (an XML source) */
    const char *part; /* the part of the file the rows are (a static name, "Tasks"), or NULL */
} grid;

void grid_init(grid *g);
void grid_free(grid *g);
/* Append a cell to the row being built (data NULL: a null cell). */
void grid_cell(grid *g, const char *data, size_t len);
/* End the row being built: its nfields cells start at `line`. */
void grid_row(grid *g, size_t nfields, uint32_t line);
/* Read a CSV file whole (opts: the dialect; its callbacks are set here). */
int grid_read_csv(grid *g, const char *path, const csvr_opts *opts, csvr_error *e);
struct xlsx_book;
/* Read sheet i of a workbook (load/xlsx.h) whole, its rows numbered as in the sheet. */
int grid_read_sheet(grid *g, struct xlsx_book *b, int i, const csvr_opts *opts, csvr_error *e);
/* Cell c of row r, or NULL (*n = 0) when null or past the row's end. */
const char *grid_at(const grid *g, size_t r, size_t c, size_t *n);
/* Records that run down the columns: record j becomes column j. */
void grid_transpose(grid *g);
/* The row whose location is the first at or after line (nrows: none). */
size_t grid_row_at(const grid *g, uint32_t line);

#endif
