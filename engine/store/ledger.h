/*
 * store/ledger.h - the row ledger: for every input file (or a part of one:
 * a sheet, a table of a multi-table export), how many rows were read, how
 * many reached each table, and how many were left out and why. The
 * loaders fill it (load/), the reports print it, and load/ledger.c turns
 * the reasons that are not an explicit filter into DAT-008 findings.
 *
 * Invariant, for every entry: read = loaded + the rows of every reason.
 * A row is "loaded" when it reached at least one table; `tables` says how
 * many reached each (one row can feed several tables under a profile).
 */
#ifndef PA_LEDGER_H
#define PA_LEDGER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The lines kept per reason, for messages and reports (the count is exact). */
#define LEDGER_LINES 20

typedef struct {
    char *reason;       /* "blank line", "repeats the header row", ... */
    bool chosen;        /* an explicit filter (header_row, a profile's drop or distinct): no finding */
    size_t rows;
    uint32_t lines[LEDGER_LINES]; /* the first rows' lines (record locations), in order */
    int nlines;
} pa_leftout;

typedef struct {
    char *table;
    size_t rows;
} pa_ledger_table;

typedef struct {
    char *file;         /* as findings name it */
    char *part;         /* a part of the file (a sheet, a table), or NULL for the whole file */
    char *where;        /* a workbook's sheet as findings name it ("book.xlsx:Sheet"), else NULL */
    size_t read, loaded;
    pa_ledger_table *tables;
    int ntables;
    pa_leftout *left;
    int nleft;
} pa_ledger_file;

typedef struct {
    pa_ledger_file *v;
    int n;
} pa_ledger;

void ledger_free(pa_ledger *l);
/* The entry of file (and part), made when absent; entries keep load order. */
pa_ledger_file *ledger_file(pa_ledger *l, const char *file, const char *part);
/* n more rows of the entry reached table. */
void ledger_table(pa_ledger_file *e, const char *table, size_t n);
/* One row at line was left out for reason (chosen: by an explicit filter);
 * it also counts as read. */
void ledger_leave(pa_ledger_file *e, const char *reason, bool chosen, uint32_t line);
/* Move src's entries to the end of dst (src ends empty). */
void ledger_move(pa_ledger *dst, pa_ledger *src);
/* Add src's counts to dst (the same file read in byte ranges, in file
 * order): the lines of src are moved by delta. */
void ledger_add(pa_ledger_file *dst, const pa_ledger_file *src, int64_t delta);
/* The number of files the entries name (a file's parts count once). */
int ledger_nfiles(const pa_ledger *l);
/* The sum of the entry's left-out rows. */
size_t ledger_left_rows(const pa_ledger_file *e);
/* The rows of the entry that reached table (0 when none). */
size_t ledger_table_rows(const pa_ledger_file *e, const char *table);

#endif
