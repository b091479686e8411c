/*
 * store/store.c - the collection of loaded tables.
 */
#include "store/store.h"
#include "core/util.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

void store_init(pa_store *s, const char *dir)
{
    memset(s, 0, sizeof *s);
    s->dir = xstrdup(dir);
}

void store_free(pa_store *s)
{
    for (int i = 0; i < s->ntables; i++)
        tab_free(s->tables[i]);
    for (int i = 0; i < s->nnotes; i++)
        free(s->notes[i]);
    free(s->notes);
    ledger_free(&s->ledger);
    for (int i = 0; i < s->nskip; i++)
        free(s->skip[i]);
    free(s->skip);
    free(s->skip_why);
    free(s->profile);
    free(s->tables);
    free(s->dir);
    memset(s, 0, sizeof *s);
}

void store_drop_derived(pa_store *s)
{
    for (int i = 0; i < s->ntables; i++)
        tab_drop_derived(s->tables[i]);
}

pa_table *store_table(const pa_store *s, const char *name)
{
    for (int i = 0; i < s->ntables; i++)
        if (strcmp(s->tables[i]->name, name) == 0)
            return s->tables[i];
    return NULL;
}

void store_note(pa_store *s, const char *fmt, ...)
{
    sbuf b;
    va_list ap;
    sb_init(&b);
    va_start(ap, fmt);
    sb_vprintf(&b, fmt, ap);
    va_end(ap);
    s->notes = xrealloc(s->notes, (size_t)(s->nnotes + 1) * sizeof *s->notes);
    s->notes[s->nnotes++] = sb_steal(&b);
}
