/*
 * load/xlsx_load.c - the workbooks of a data directory (see
 * load/xlsx_load.h). A sheet feeds the table it is named after (case and
 * surrounding spaces ignored: a workbook with sheets "projects" and
 * "tasks" gives both tables); a workbook named after a table (tasks.xlsx)
 * without such a sheet gives that table its first sheet. A sheet is read
 * as a CSV file is, through the table sink, with its rows numbered as in
 * the sheet; findings about a column point at the cell
 * ("book.xlsx:tasks!C12", core/cellref.h). A workbook that cannot be
 * opened is an error naming it, as is a table given twice.
 */
#include "load/xlsx_load.h"
#include "load/xlsx.h"
#include "load/profile.h"
#include "core/cellref.h"
#include "core/util.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool ldx_is_book(const char *path)
{
    return cref_is_book(path);
}

static int cmp_strp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The workbooks of dir, sorted (Excel's "~$" lock files and hidden files skipped). */
static char **books(const char *dir, int *n)
{
    DIR *d = opendir(dir);
    char **v = NULL;
    size_t cap = 0;
    *n = 0;
    if (!d)
        return NULL;
    struct dirent *de;
    while ((de = readdir(d))) {
        if (de->d_name[0] == '.' || strncmp(de->d_name, "~$", 2) == 0 || !cref_is_book(de->d_name))
            continue;
        GROW(v, cap, (size_t)*n + 1);
        size_t dn = strlen(dir);
        v[(*n)++] = xasprintf("%s%s%s", dir, dn && dir[dn - 1] == '/' ? "" : "/", de->d_name);
    }
    closedir(d);
    if (*n > 1)
        qsort(v, (size_t)*n, sizeof *v, cmp_strp);
    return v;
}

/* Whether the file name of path, without .xlsx, is name (case ignored). */
static bool stem_is(const char *path, const char *name)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    size_t n = strlen(base) - 5;
    return str_ieq(base, n, name);
}

/* Whether a sheet is named after a table of the data model. */
static bool named_table(const char *sheet)
{
    for (int t = 0; t < schema_ntables; t++)
        if (str_ieq(sheet, strlen(sheet), schema_tables[t].name))
            return true;
    return false;
}

/* The sheet of b that feeds table name, or -1. */
static int sheet_for(const xlsx_book *b, const char *path, const char *name)
{
    int i = xlsx_find_sheet(b, name);
    if (i >= 0 || !stem_is(path, name))
        return i;
    for (int k = 0; k < xlsx_nsheets(b); k++) /* the first sheet named after no table */
        if (!named_table(xlsx_sheet_name(b, k)))
            return k;
    return -1;
}

static xlsx_book *open_book(const char *path, const pa_load_opts *o, char **err)
{
    xlsx_limits lim = {0, o && o->max_cols ? o->max_cols : LOAD_MAX_COLS_DEFAULT};
    char msg[256];
    xlsx_book *b = xlsx_open(path, &lim, msg, sizeof msg);
    if (!b)
        *err = xasprintf("%s: %s", path, msg);
    return b;
}

const char *ldx_table_of(const xlsx_book *b, const char *path, int i)
{
    for (int t = 0; t < schema_ntables; t++)
        if (sheet_for(b, path, schema_tables[t].name) == i)
            return schema_tables[t].name;
    return NULL;
}

char *ldx_find(const char *dir, const char *name, char **err)
{
    int n;
    char **v = books(dir, &n);
    char *found = NULL;
    for (int i = 0; i < n && !*err; i++) {
        xlsx_book *b = open_book(v[i], NULL, err);
        int s = b ? sheet_for(b, v[i], name) : -1;
        if (s >= 0 && found)
            *err = xasprintf("%s: table %s is given twice: by a sheet of %s and by sheet '%s' of this workbook; "
                             "keep one", v[i], name, found, xlsx_sheet_name(b, s));
        else if (s >= 0)
            found = xstrdup(v[i]);
        xlsx_close(b);
    }
    for (int i = 0; i < n; i++)
        free(v[i]);
    free(v);
    if (*err) {
        free(found);
        return NULL;
    }
    return found;
}

int ldx_load(pa_store *st, const char *path, const char *name, const pa_load_opts *o, pa_findings *out,
             char **err)
{
    xlsx_book *b = open_book(path, o, err);
    if (!b)
        return -1;
    int s = sheet_for(b, path, name);
    char *where = xasprintf("%s:%s", path, s >= 0 ? xlsx_sheet_name(b, s) : name);
    load_table *lt = load_begin(st, where, name, o, out);
    load_ledger(lt, path, s >= 0 ? xlsx_sheet_name(b, s) : name);
    load_sheet_cells(lt, where);
    csvr_opts co;
    load_callbacks(lt, &co);
    csvr_error e;
    int rc = xlsx_read_sheet(b, s, &co, &e);
    rc = load_end(lt, rc, &e, err);
    free(where);
    xlsx_close(b);
    return rc;
}

char *ldx_sheet_loc(const char *path, const char *sheet, const char *table, char **err)
{
    xlsx_book *b = open_book(path, NULL, err);
    if (!b)
        return NULL;
    int s = sheet ? xlsx_find_sheet(b, sheet) : xlsx_find_sheet(b, table);
    if (s < 0 && !sheet)
        s = 0;
    char *loc = NULL;
    if (s >= 0) {
        loc = xasprintf("%s:%s", path, xlsx_sheet_name(b, s));
    } else {
        sbuf m;
        sb_init(&m);
        sb_printf(&m, "%s: no sheet '%s' for table %s (the workbook has:", path, sheet, table);
        for (int k = 0; k < xlsx_nsheets(b); k++)
            sb_printf(&m, "%s '%s'", k ? "," : "", xlsx_sheet_name(b, k));
        sb_puts(&m, ")");
        *err = sb_steal(&m);
    }
    xlsx_close(b);
    return loc;
}

int ldx_grid(grid *g, const char *loc, const csvr_opts *co, csvr_error *e)
{
    if (!cref_is_book(loc) && !cref_has_sheet(loc))
        return grid_read_csv(g, loc, co, e);
    cref_loc c;
    cref_split(loc, 0, &c);
    char *path = xstrndup(loc, c.path_len), *sheet = c.sheet ? xstrndup(c.sheet, c.sheet_len) : NULL;
    char msg[sizeof e->message];
    xlsx_book *b = xlsx_open(path, NULL, msg, sizeof msg);
    int rc;
    if (!b) {
        memset(e, 0, sizeof *e);
        e->code = rc = CSVR_EIO;
        snprintf(e->message, sizeof e->message, "%s", msg);
    } else {
        rc = grid_read_sheet(g, b, sheet ? xlsx_find_sheet(b, sheet) : 0, co, e);
        xlsx_close(b);
    }
    free(path);
    free(sheet);
    return rc;
}

void ldx_notes(pa_store *st, const char *dir, const pa_load_opts *o)
{
    int n;
    char **v = books(dir, &n);
    for (int i = 0; i < n; i++) {
        char *err = NULL;
        const char *base = strrchr(v[i], '/');
        xlsx_book *b = prof_uses_file(o ? o->profile : NULL, dir, base ? base + 1 : v[i]) ? NULL
                                                                                          : open_book(v[i], o, &err);
        for (int k = 0; b && k < xlsx_nsheets(b); k++) {
            const char *s = xlsx_sheet_name(b, k);
            bool used = false;
            for (int t = 0; t < schema_ntables && !used; t++)
                used = sheet_for(b, v[i], schema_tables[t].name) == k;
            if (!used)
                store_note(st, "%s: sheet '%s' is not read: no table is named after it (name the sheet after a "
                               "table, e.g. tasks, or map it with tables.<name> = { file = ..., sheet = ... })",
                           v[i], s);
        }
        xlsx_close(b);
        free(err);
        free(v[i]);
    }
    free(v);
}
