/*
 * load/dir_load.h - loading a whole data directory (see load/dir_load.c).
 */
#ifndef PA_DIR_LOAD_H
#define PA_DIR_LOAD_H

#include "load/table_load.h"

/* Returns 0, or -1 with a located message in *err (caller frees). */
int load_dir(pa_store *st, const pa_load_opts *o, pa_findings *out, char **err);

#endif
