/*
 * store/store.h - the loaded data directory: the canonical tables present (in
 * schema order) followed by extra CSV files as text tables (by name). Built
 * by the loader, read-only afterwards and shared by all rule workers.
 */
#ifndef PA_STORE_H
#define PA_STORE_H

#include "store/ledger.h"
#include "store/table.h"

typedef struct {
    char *dir;
    pa_table **tables;
    int ntables;
    char **notes;       /* load notes that are not findings (ragged rows ...) */
    int nnotes;
    pa_ledger ledger;   /* every input file's rows: read, loaded, left out */
    char *profile;      /* the import profile the data was read with, or NULL */
    char **skip;        /* the rules it says do not fit its data (ids or globs) */
    int nskip;
    char *skip_why;     /* why, as it says */
    bool skip_off;      /* they ran anyway (--only, --all-rules) */
} pa_store;

void store_init(pa_store *s, const char *dir);
void store_free(pa_store *s);
/* Free every table's derived data (tab_drop_derived): after the rules,
 * once every rule worker and its Lua state are gone. */
void store_drop_derived(pa_store *s);
pa_table *store_table(const pa_store *s, const char *name);
void store_note(pa_store *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
