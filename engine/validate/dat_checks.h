/*
 * validate/dat_checks.h - the schema checks that need whole tables: DAT-003 duplicate
 * keys, DAT-004 references to unknown projects or resources, DAT-006 empty
 * tables and DAT-007 tables that shrank since the baseline. (DAT-001,
 * DAT-002 and DAT-005 are found while loading.) Driven by the data model:
 * every table with a key and every column with a foreign key takes part.
 */
#ifndef PA_DATCHECK_H
#define PA_DATCHECK_H

#include "model/finding.h"
#include "store/store.h"

void dat_duplicates(const pa_store *st, pa_findings *out);
void dat_references(const pa_store *st, pa_findings *out);
/* DAT-006: one finding per table of the data model that is present but
 * has no data rows (an empty or truncated export). */
void dat_empty_tables(const pa_store *st, pa_findings *out);

/* A table's row count in an earlier run (the baseline's data.tables). */
typedef struct {
    const char *table;
    size_t rows;
} dat_rows;

/* DAT-007: one finding per table of before[0..n) whose row count fell by
 * more than max_drop (a share of the earlier count) since the run of date
 * since; a table that is gone counts 0 rows. */
void dat_row_drops(const pa_store *st, const dat_rows *before, int n, double max_drop, const char *since,
                   pa_findings *out);

#endif
