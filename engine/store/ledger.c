/*
 * store/ledger.c - the row ledger of a run (see store/ledger.h): plain
 * counters per input file, filled by the loaders as rows go by. Nothing
 * here judges a row; a reason is a short text chosen by the loader, and
 * entries and reasons keep the order in which they first occurred, so two
 * runs on the same input print the same ledger.
 */
#include "store/ledger.h"
#include "core/cellref.h"
#include "core/util.h"

#include <stdlib.h>
#include <string.h>

static void free_entry(pa_ledger_file *e)
{
    free(e->file);
    free(e->part);
    free(e->where);
    for (int i = 0; i < e->ntables; i++)
        free(e->tables[i].table);
    free(e->tables);
    for (int i = 0; i < e->nleft; i++)
        free(e->left[i].reason);
    free(e->left);
}

void ledger_free(pa_ledger *l)
{
    for (int i = 0; i < l->n; i++)
        free_entry(&l->v[i]);
    free(l->v);
    memset(l, 0, sizeof *l);
}

static bool same(const char *a, const char *b)
{
    return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

pa_ledger_file *ledger_file(pa_ledger *l, const char *file, const char *part)
{
    for (int i = 0; i < l->n; i++)
        if (strcmp(l->v[i].file, file) == 0 && same(l->v[i].part, part))
            return &l->v[i];
    l->v = xrealloc(l->v, (size_t)(l->n + 1) * sizeof *l->v);
    pa_ledger_file *e = &l->v[l->n++];
    memset(e, 0, sizeof *e);
    e->file = xstrdup(file);
    e->part = part ? xstrdup(part) : NULL;
    e->where = part && cref_is_book(file) ? xasprintf("%s:%s", file, part) : NULL;
    return e;
}

void ledger_table(pa_ledger_file *e, const char *table, size_t n)
{
    for (int i = 0; i < e->ntables; i++)
        if (strcmp(e->tables[i].table, table) == 0) {
            e->tables[i].rows += n;
            return;
        }
    e->tables = xrealloc(e->tables, (size_t)(e->ntables + 1) * sizeof *e->tables);
    e->tables[e->ntables++] = (pa_ledger_table){xstrdup(table), n};
}

static pa_leftout *reason_of(pa_ledger_file *e, const char *reason, bool chosen)
{
    for (int i = 0; i < e->nleft; i++)
        if (strcmp(e->left[i].reason, reason) == 0)
            return &e->left[i];
    e->left = xrealloc(e->left, (size_t)(e->nleft + 1) * sizeof *e->left);
    pa_leftout *x = &e->left[e->nleft++];
    memset(x, 0, sizeof *x);
    x->reason = xstrdup(reason);
    x->chosen = chosen;
    return x;
}

static void note_line(pa_leftout *x, uint32_t line)
{
    if (x->nlines < LEDGER_LINES)
        x->lines[x->nlines++] = line;
}

void ledger_leave(pa_ledger_file *e, const char *reason, bool chosen, uint32_t line)
{
    pa_leftout *x = reason_of(e, reason, chosen);
    x->rows++;
    note_line(x, line);
    e->read++;
}

void ledger_move(pa_ledger *dst, pa_ledger *src)
{
    if (!src->n)
        return;
    dst->v = xrealloc(dst->v, (size_t)(dst->n + src->n) * sizeof *dst->v);
    memcpy(dst->v + dst->n, src->v, (size_t)src->n * sizeof *src->v);
    dst->n += src->n;
    free(src->v);
    src->v = NULL;
    src->n = 0;
}

void ledger_add(pa_ledger_file *dst, const pa_ledger_file *src, int64_t delta)
{
    dst->read += src->read;
    dst->loaded += src->loaded;
    for (int i = 0; i < src->ntables; i++)
        ledger_table(dst, src->tables[i].table, src->tables[i].rows);
    for (int i = 0; i < src->nleft; i++) {
        const pa_leftout *s = &src->left[i];
        pa_leftout *d = reason_of(dst, s->reason, s->chosen);
        d->rows += s->rows;
        for (int k = 0; k < s->nlines; k++)
            note_line(d, (uint32_t)((int64_t)s->lines[k] + delta));
    }
}

size_t ledger_left_rows(const pa_ledger_file *e)
{
    size_t n = 0;
    for (int i = 0; i < e->nleft; i++)
        n += e->left[i].rows;
    return n;
}

size_t ledger_table_rows(const pa_ledger_file *e, const char *table)
{
    for (int i = 0; i < e->ntables; i++)
        if (strcmp(e->tables[i].table, table) == 0)
            return e->tables[i].rows;
    return 0;
}

int ledger_nfiles(const pa_ledger *l)
{
    int n = 0;
    for (int i = 0; i < l->n; i++) {
        bool seen = false;
        for (int k = 0; k < i && !seen; k++)
            seen = strcmp(l->v[k].file, l->v[i].file) == 0;
        n += !seen;
    }
    return n;
}
