/*
 * core/cellref.h - locations inside a workbook. A finding's location is a
 * file and a line; for a sheet of an Excel workbook the "file" is
 * "path.xlsx:Sheet" (a finding about the whole row) or "path.xlsx:Sheet!C"
 * (a finding about the cell in column C), and the line is the row number.
 * These helpers split such a location and write it the way spreadsheet
 * users read it: "path.xlsx:Sheet!C12", or "path.xlsx:Sheet!12:12" for a
 * whole row. Any other file is "path:line" as before.
 */
#ifndef PA_CELLREF_H
#define PA_CELLREF_H

#include "core/util.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct {
    size_t path_len;   /* the file's own path: loc[0 .. path_len) */
    const char *sheet; /* NULL when loc is not in a workbook */
    size_t sheet_len;
    char cell[32];     /* "C12", "12:12" (a whole row), "" (no line) */
} cref_loc;

/* Whether path names an Excel workbook (.xlsx, case ignored). */
bool cref_is_book(const char *path);
/* Whether loc is in a workbook's sheet (cheap: most paths hold no ':'). */
bool cref_has_sheet(const char *loc);
/* Split loc (a finding's file) at line. */
void cref_split(const char *loc, uint32_t line, cref_loc *out);
/* "path:line", "path:line" without a line when line is 0, or, in a
 * workbook, "path:Sheet!C12" / "path:Sheet!12:12" / "path:Sheet". */
void cref_where(sbuf *b, const char *loc, uint32_t line);

#endif
