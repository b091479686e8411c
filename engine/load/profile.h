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

#endif
