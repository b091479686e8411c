/*
 * loadutil.c - see loadutil.h.
 */
#include "loadutil.h"
#include "load/dir_load.h"

#include <stdlib.h>

void load_with(loaded *l, const char *dir, int jobs, size_t max_rows)
{
    pa_load_opts o = {.jobs = jobs, .max_rows = max_rows};
    store_init(&l->st, dir);
    fnd_init(&l->f);
    l->err = NULL;
    l->rc = load_dir(&l->st, &o, &l->f, &l->err);
}

void unload(loaded *l)
{
    free(l->err);
    fnd_free(&l->f);
    store_free(&l->st);
}
