/*
 * load/links.h - predecessors links read again once every task id is
 * known (see load/links.c).
 */
#ifndef PA_LINKS_H
#define PA_LINKS_H

#include "store/store.h"

/* Every loaded table whose links need the task ids to split right. */
void lnk_resolve(pa_store *st);

#endif
