/*
 * load/xer_map.h - Primavera P6 XER exports of a data directory mapped
 * onto the data model: projects, tasks (with their predecessors and
 * resources) and resources, with a row ledger entry per XER table. See
 * load/xer_map.c and docs/importing.md (Primavera P6 XER).
 */
#ifndef PA_XER_MAP_H
#define PA_XER_MAP_H

#include "load/table_load.h"

/*
 * Load every XER export in st->dir (*.xer, and any *.csv whose first line
 * starts with ERMHDR) into st, unless the run's import profile is another
 * tool's (st->profile set and not "p6"). Returns the number of exports
 * read (0: none), or -1 with *err (exit 2): a file that is not a valid
 * export, with its line and column, or a <table>.csv beside an export that
 * fills the same table.
 */
int xmap_load_dir(pa_store *st, const pa_load_opts *o, pa_findings *out, char **err);

/* Whether file base of dir is an XER export that xmap_load_dir reads (so
 * that it is not also loaded as an extra CSV table). */
bool xmap_claims(const pa_store *st, const char *base);

/* One export already in memory (tests, fuzzing): parsed and mapped into
 * st as if it were the file `display`. Returns 0 or -1 with *err. */
int xmap_load_buffer(pa_store *st, const char *data, size_t n, const char *display, const pa_load_opts *o,
                     pa_findings *out, char **err);

#endif
