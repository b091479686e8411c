/*
 * load/profile.h - import profiles: Lua data (plus small functions) saying which
 * files of a data directory feed which tables and how their columns map
 * onto the data model. Bundled profiles (the .lua files of profiles/, embedded in the
 * binary) are found by name; a user's by path. See docs/importing.md.
 */
#ifndef PA_PROFILE_H
#define PA_PROFILE_H

#include "load/table_load.h"
#include "core/util.h"

typedef struct pa_profile pa_profile;

/*
 * Load a profile by bundled name or path (a name ending in .lua, or holding
 * a '/'), or none (NULL) when only the config's `tables` overlay is given.
 * tables_src is that overlay as Lua source (`{ tasks = { file = ... } }`),
 * origin where it was written. Returns NULL with a located *err on error.
 */
pa_profile *prof_load(const char *name, const char *tables_src, const char *origin, char **err);
void prof_free(pa_profile *p);

/* Whether the profile fills table `name` (then <name>.csv is not read). */
bool prof_has_table(const pa_profile *p, const char *name);
/* Whether file `base` (a name in the data directory) feeds a profile table,
 * so that it is not also loaded as an extra table. */
bool prof_uses_file(const pa_profile *p, const char *dir, const char *base);
/* Load every table of the profile from st->dir (schema tables first). */
int prof_load_tables(pa_profile *p, pa_store *st, const pa_load_opts *o, pa_findings *out, char **err);

/* Bundled profiles: name and one-line description, for help and inspect. */
int prof_bundled(int i, const char **name, const char **description);

/* The source-to-table mapping of one file for `inspect`: writes, for each
 * table the file feeds, "table: column <- source" lines into b. */
void prof_describe_file(pa_profile *p, const char *base, sbuf *b);

/*
 * What the profile does with one file, for `inspect`: every table that
 * file base (a name in st->dir) feeds is loaded into st as a run loads it,
 * from that file alone (joined files are read too), with the row ledger
 * in st and the findings in out. explain gets, per table, the header line
 * used and each mapped column found or missing; errs one line per table
 * that could not load. Returns the number of tables loaded.
 */
int prof_load_file(pa_profile *p, pa_store *st, const char *base, const pa_load_opts *o, pa_findings *out,
                   sbuf *explain, sbuf *errs);

/* The rules the profile says do not fit its data (ids or globs) and why;
 * returns how many (0, with NULLs, without a profile). */
int prof_skips(const pa_profile *p, const char *const **globs, const char **why);
/* The profile's name and the rules it says do not fit its data, kept in
 * st for the run and the reports (nothing without a named profile). */
void prof_note_source(const pa_profile *p, pa_store *st);

#endif
