/*
 * report/md_escape.h - text from the data inside a Markdown table cell (see
 * report/md_escape.c).
 */
#ifndef PA_MD_ESCAPE_H
#define PA_MD_ESCAPE_H

#include "core/util.h"

/* The longest text a cell shows, in bytes; longer text ends with "…". */
#define MD_CELL_MAX 240

/* Append s (NULL appends nothing) as the inert text of one table cell. */
void md_cell(sbuf *b, const char *s);

/* Append s as the text of a code span (`...`): backticks become ' (a code
 * span cannot escape them) and line breaks spaces; in a table cell a pipe
 * is escaped too (GFM reads it as a cell break even in a code span). */
void md_code(sbuf *b, const char *s, bool in_table);

#endif
