/*
 * validate/dat_checks.h - the schema checks that need whole tables: DAT-003 duplicate
 * keys and DAT-004 references to unknown projects or resources. (DAT-001
 * and DAT-002 are found while loading.) Driven by the data model: every
 * table with a key and every column with a foreign key takes part.
 */
#ifndef PA_DATCHECK_H
#define PA_DATCHECK_H

#include "model/finding.h"
#include "store/store.h"

void dat_duplicates(const pa_store *st, pa_findings *out);
void dat_references(const pa_store *st, pa_findings *out);

#endif
