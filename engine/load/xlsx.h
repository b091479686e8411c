/*
 * load/xlsx.h - an Excel workbook (.xlsx: a zip of XML parts) read one
 * sheet at a time through the CSV reader's callbacks (load/csv_read.h), so
 * that a sheet feeds a table, or a grid, exactly as a CSV file does. The
 * container is opened with libzip and every part is parsed as a stream
 * with expat: no part is ever held whole, and each is capped in size.
 * A row's location is its row number in the sheet. See load/xlsx.c.
 */
#ifndef PA_XLSX_H
#define PA_XLSX_H

#include "load/csv_read.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Bytes one part (a sheet, the shared strings) may decompress to. */
#define XLSX_MAX_PART_DEFAULT ((size_t)256 << 20)
/* Entries of the shared-string table. */
#define XLSX_MAX_STRINGS 16000000u
/* Excel's own bounds: columns A..XFD, rows 1..1048576. */
#define XLSX_MAX_COL 16384u
#define XLSX_MAX_ROW 1048576u

typedef struct xlsx_book xlsx_book;

typedef struct {
    size_t max_part; /* 0 = XLSX_MAX_PART_DEFAULT */
    size_t max_cols; /* a value past this column is an error; 0 = XLSX_MAX_COL */
} xlsx_limits;

/* Open a workbook: its sheet list, date system, styles and shared strings.
 * NULL with a message in err (without the file name) when the file is not
 * a workbook this reader can read. */
xlsx_book *xlsx_open(const char *path, const xlsx_limits *lim, char *err, size_t errn);
/* The same from memory (tests, fuzzing); data must outlive the book. */
xlsx_book *xlsx_open_mem(const void *data, size_t len, const xlsx_limits *lim, char *err, size_t errn);
void xlsx_close(xlsx_book *b);

int xlsx_nsheets(const xlsx_book *b);
const char *xlsx_sheet_name(const xlsx_book *b, int i);
/* The sheet named name (case and surrounding spaces ignored), or -1. */
int xlsx_find_sheet(const xlsx_book *b, const char *name);
bool xlsx_date1904(const xlsx_book *b);

/*
 * Stream sheet i through co: field per cell (NULL data for an empty one),
 * row at the end of each row that holds a value, blank for a row without
 * one (and for each row number skipped between two rows). Rows are as wide
 * as their last value, and never narrower than the first row. A merged
 * range's value is read in every row of the range, in its first column.
 * Returns CSVR_OK, CSVR_ESTOPPED, or an error with e->message located:
 * "!B12: ..." for a cell, else the part and its line.
 */
int xlsx_read_sheet(xlsx_book *b, int i, const csvr_opts *co, csvr_error *e);

/* Helpers, public for the unit tests. */
/* "B12" -> column 1 (0-based), row 12; false when not a cell reference. */
bool xlsx_ref(const char *s, uint32_t *col, uint32_t *row);
/* Column 0 -> "A", 27 -> "AB" (out: at least 4 bytes). */
void xlsx_col_name(uint32_t col, char *out);
/* A serial day number as an ISO date (with a time when it has one);
 * false when outside 1900..9999. */
bool xlsx_serial_date(double serial, bool d1904, char *out, size_t n);
/* Whether number format id (or its custom code, when not NULL) shows a date. */
bool xlsx_format_is_date(int id, const char *code);

#endif
