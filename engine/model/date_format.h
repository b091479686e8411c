/*
 * model/date_format.h - date layouts other than ISO: `DD/MM/YYYY`, `MM/DD/YYYY`,
 * `D-Mon-YYYY`, `Month D, YYYY`, Excel serial numbers and any layout built
 * from the same tokens. Declared per column (profiles), per file or for the
 * whole run (config `date_format`); the data model's ISO form is the default.
 */
#ifndef PA_DATEFMT_H
#define PA_DATEFMT_H

#include "model/value.h"

/* NULL when the layout is usable, else why not (a static string). */
const char *dfmt_check(const char *layout);
/* Parse s by layout (NULL or "ISO": the data model's YYYY-MM-DD and ISO
 * date-times). Surrounding white space is ignored. */
bool dfmt_parse(const char *s, size_t n, const char *layout, pa_date *out);
/* Whether s is a slash date that reads as a valid date both day-first and
 * month-first (03/04/2026): what a user must settle with a layout. */
bool dfmt_ambiguous(const char *s, size_t n);

#endif
