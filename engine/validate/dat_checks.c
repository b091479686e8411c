/*
 * validate/dat_checks.c - DAT-003 and DAT-004 over the loaded store, using the column
 * indexes: a duplicate key is a group with more than one row; a reference
 * is resolved by finding the referencing text in the referenced table's
 * key index (idx_find_text), with the answer cached per distinct
 * referencing string when the referencing column is interned. DAT-006 and
 * DAT-007 judge whole tables by their row counts, so that an empty or
 * truncated export cannot pass as clean data; their findings are about
 * the whole data and so in every --project scope.
 */
#include "validate/dat_checks.h"
#include "store/index.h"
#include "model/schema.h"
#include "core/util.h"

#include <stdlib.h>
#include <string.h>

static const char *row_project(const pa_table *t, size_t r)
{
    return t->project_col >= 0 ? tab_text(t, t->project_col, r, NULL) : NULL;
}

void dat_duplicates(const pa_store *st, pa_findings *out)
{
    for (int i = 0; i < st->ntables; i++) {
        pa_table *t = st->tables[i];
        if (t->key_col < 0)
            continue;
        const pa_index *ix = idx_get(t, t->key_col);
        for (uint32_t g = 0; g < ix->ngroups; g++) {
            uint32_t first = ix->rows[ix->start[g]];
            for (uint32_t k = ix->start[g] + 1; k < ix->start[g + 1]; k++) {
                uint32_t r = ix->rows[k];
                const char *key = tab_text(t, t->key_col, r, NULL);
                char *msg = xasprintf("duplicate %s \"%s\": the same key is already used at line %u",
                                      t->cols[t->key_col].name, key, t->line[first]);
                fnd_add(out, "DAT-003", SEV_ERROR, t->name, key, row_project(t, r), tab_file(t, r), t->line[r],
                        t->cols[t->key_col].name, key, msg, NULL);
                free(msg);
            }
        }
    }
}

/*
 * known[sid]: 1 = known, 2 = unknown, 0 = not looked up yet; indexed by
 * string id. An arena column (every value nearly distinct) is looked up
 * cell by cell, which is what a cache would do anyway. For an interned
 * column the answer is read from the cell's string id alone: the text is
 * fetched only for the first lookup of each distinct value and for the
 * findings, not for each of a million rows that are fine.
 */
static void check_column(pa_table *t, int col, pa_table *ref, const char *what, pa_findings *out)
{
    int refcol = ref->key_col;
    const pa_index *rix = idx_get(ref, refcol);
    const pa_column *c = &t->cols[col];
    uint8_t *known = c->arena ? NULL : xcalloc(t->pool.count, 1);
    for (size_t r = 0; r < t->nrows; r++) {
        if (tab_is_null(c, r))
            continue;
        uint8_t k = known ? known[c->v.sid[r]] : 0;
        if (k == 1)
            continue;
        size_t n = 0;
        const char *v = tab_text(t, col, r, &n);
        if (!k) {
            k = idx_find_text(ref, refcol, rix, v, n) >= 0 ? 1 : 2;
            if (known)
                known[c->v.sid[r]] = k;
        }
        if (k == 1)
            continue;
        char key[512];
        tab_row_key(t, r, key, sizeof key);
        char *msg = xasprintf("%s \"%s\" is not a known %s (no such %s in %s)", c->name, v, what, c->name,
                              ref->file);
        fnd_add(out, "DAT-004", SEV_ERROR, t->name, key[0] ? key : NULL, row_project(t, r), tab_file(t, r), t->line[r],
                c->name, v, msg, NULL);
        free(msg);
    }
    free(known);
}

void dat_references(const pa_store *st, pa_findings *out)
{
    for (int i = 0; i < st->ntables; i++) {
        pa_table *t = st->tables[i];
        for (int k = 0; k < t->ncols; k++) {
            const pa_coldef *cd = t->cols[k].def;
            if (!cd || !cd->fk)
                continue;
            pa_table *ref = store_table(st, cd->fk);
            if (!ref || ref->key_col < 0)
                continue; /* resources.csv absent: resource ids are not checked */
            check_column(t, k, ref,
                         strcmp(cd->fk, "projects") == 0    ? "project"
                         : strcmp(cd->fk, "resources") == 0 ? "resource"
                                                            : cd->fk,
                         out);
        }
    }
}

void dat_empty_tables(const pa_store *st, pa_findings *out)
{
    for (int i = 0; i < st->ntables; i++) {
        const pa_table *t = st->tables[i];
        if (t->nrows || !schema_table(t->name))
            continue;
        char *msg = xasprintf("table %s has no data rows, only a header: an empty or truncated export, so every "
                              "rule that reads %s judges nothing",
                              t->name, t->name);
        pa_finding *f = fnd_add(out, "DAT-006", SEV_ERROR, t->name, t->name, NULL, t->file, 1, NULL, NULL, msg, NULL);
        f->every_project = true;
        free(msg);
    }
}

/* The drop as a whole percentage, rounded down, so that "51%" is never
 * shown for a drop the threshold let through. */
static unsigned drop_percent(size_t before, size_t now)
{
    return (unsigned)(((before - now) * 100) / before);
}

void dat_row_drops(const pa_store *st, const dat_rows *before, int n, double max_drop, const char *since,
                   pa_findings *out)
{
    for (int i = 0; i < n; i++) {
        const pa_table *t = store_table(st, before[i].table);
        size_t was = before[i].rows, now = t ? t->nrows : 0;
        if (was == 0 || now >= was || (double)(was - now) <= max_drop * (double)was)
            continue;
        char *msg;
        if (t)
            msg = xasprintf("table %s fell from %zu rows in the baseline of %s to %zu: %u%% fewer, more than "
                            "max_drop = %g allows; a truncated export?",
                            t->name, was, since, now, drop_percent(was, now), max_drop);
        else
            msg = xasprintf("table %s had %zu rows in the baseline of %s and is gone now (no %s.csv); a "
                            "truncated export?",
                            before[i].table, was, since, before[i].table);
        pa_finding *f = fnd_add(out, "DAT-007", SEV_WARNING, before[i].table, before[i].table, NULL,
                                t ? t->file : NULL, t ? 1 : 0, NULL, NULL, msg, NULL);
        f->every_project = true;
        free(msg);
    }
}
