/*
 * load/dir_load.c - a data directory into the store: the tables of the
 * import profile first (load/profile.c), then one job per CSV file the
 * model knows, in schema order, then every other *.csv as an extra table,
 * all loaded on N threads by load/parallel.c; then, every file's rows
 * being known, links whose reading depends on the task ids
 * (load/links.c) and the DAT-008 findings of the row ledger. The top of load/: it uses the
 * other files of the folder, and none of them uses it.
 */
#include "load/dir_load.h"
#include "load/parallel.h"
#include "load/profile.h"
#include "load/links.h"
#include "load/row_ledger.h"
#include "load/xer_map.h"
#include "load/xlsx_load.h"
#include "core/util.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static int cmp_strp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Extra tables: every other *.csv in the directory, by name, as text. */
static char **extra_files(const char *dir, int *n)
{
    DIR *d = opendir(dir);
    char **names = NULL;
    size_t cap = 0;
    *n = 0;
    if (!d)
        return NULL;
    struct dirent *de;
    while ((de = readdir(d))) {
        size_t len = strlen(de->d_name);
        if (len <= 4 || strcmp(de->d_name + len - 4, ".csv") != 0 || de->d_name[0] == '.')
            continue;
        char base[256];
        snprintf(base, sizeof base, "%.*s", (int)(len - 4), de->d_name);
        if (schema_table(base))
            continue;
        GROW(names, cap, (size_t)*n + 1);
        names[(*n)++] = xstrdup(base);
    }
    closedir(d);
    if (*n > 1)
        qsort(names, (size_t)*n, sizeof *names, cmp_strp);
    return names;
}

static char *join_path(const char *dir, const char *name)
{
    size_t n = strlen(dir);
    return xasprintf("%s%s%s.csv", dir, (n && dir[n - 1] == '/') ? "" : "/", name);
}

/* Table name from a workbook's sheet (load/xlsx_load.c): *path becomes the
 * workbook when one gives the table and no CSV file does; false with *err
 * when both do, or a workbook cannot be opened. */
static bool xlsx_table(const char *dir, const char *name, char **path, char **book, struct stat *sb, char **err)
{
    *book = ldx_find(dir, name, err);
    if (*err)
        return false;
    if (!*book)
        return true;
    if (stat(*path, sb) == 0) {
        *err = xasprintf("%s: table %s is given twice: by %s and by a sheet of %s; keep one", dir, name, *path,
                         *book);
        free(*book);
        return false;
    }
    free(*path);
    *path = *book;
    return true;
}

/*
 * A table that is neither in the data model nor declared by a pack is kept
 * as an extra table that no built-in rule reads. When its name is one or
 * two letters off a data-model table (taks.csv, or tables = { taks = ...
 * } in the config), that is likely a typo that leaves the rules of the
 * real table skipped: say so in the run's notes.
 */
static void near_model_notes(pa_store *st, const pa_load_opts *o)
{
    for (int i = 0; i < st->ntables; i++) {
        const char *t = st->tables[i]->name;
        if (usch_find(o ? o->schemas : NULL, t))
            continue;
        const char *s = schema_table_suggest(t);
        if (s && !store_table(st, s))
            store_note(st, "table %s is not a table of the data model (did you mean %s?): its rows are kept as an "
                           "extra table that no built-in rule reads, and the rules of %s are skipped",
                       t, s, s);
    }
}

int load_dir(pa_store *st, const pa_load_opts *o, pa_findings *out, char **err)
{
    struct stat sb;
    if (stat(st->dir, &sb) != 0 || !S_ISDIR(sb.st_mode)) {
        *err = xasprintf("%s: data directory not found (%s); give the folder that holds projects.csv",
                         st->dir, stat(st->dir, &sb) != 0 ? strerror(errno) : "not a directory");
        return -1;
    }
    pa_profile *prof = o ? o->profile : NULL;
    prof_note_source(prof, st);
    int xer = xmap_load_dir(st, o, out, err); /* Primavera P6 XER exports take the p6 profile's place */
    if (xer < 0 || (prof && !xer && prof_load_tables(prof, st, o, out, err) != 0))
        return -1;
    pload_jobs q = {NULL, 0, 0}; /* the files, in schema order then extra tables by name */
    for (int i = 0; i < schema_ntables; i++) {
        const char *name = schema_tables[i].name;
        if (prof_has_table(prof, name) || store_table(st, name))
            continue;
        char *path = join_path(st->dir, name), *book = NULL;
        if (!xlsx_table(st->dir, name, &path, &book, &sb, err)) {
            free(path);
            pload_free(&q);
            return -1;
        }
        if (stat(path, &sb) != 0) {
            if (strcmp(name, "projects") == 0) {
                *err = xasprintf("%s: projects.csv not found (nor a workbook with a sheet 'projects'): it is the "
                                 "one required table", st->dir);
                free(path);
                pload_free(&q);
                return -1;
            }
            free(path);
            continue;
        }
        pload_add(&q, path, xstrdup(name), false);
    }
    int n;
    char **extra = extra_files(st->dir, &n);
    for (int i = 0; i < n; i++) {
        char *base = xasprintf("%s.csv", extra[i]);
        bool claimed = prof_uses_file(prof, st->dir, base) || prof_has_table(prof, extra[i]) || xmap_claims(st, base);
        free(base);
        if (claimed) /* the profile read it already */
            free(extra[i]);
        else /* a declared table must load; others are left out with a note */
            pload_add(&q, join_path(st->dir, extra[i]), extra[i], !usch_find(o ? o->schemas : NULL, extra[i]));
    }
    free(extra);
    int rc = pload_run(st, &q, o, out, err);
    pload_free(&q);
    if (rc == 0)
        ldx_notes(st, st->dir, o);
    if (rc == 0) {
        lnk_resolve(st);
        rled_findings(&st->ledger, out);
        near_model_notes(st, o);
    }
    return rc;
}
