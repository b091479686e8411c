/*
 * lua/traceback.h - errors of rule code located at the author's line (see
 * lua/traceback.c).
 */
#ifndef PA_TRACEBACK_H
#define PA_TRACEBACK_H

#include "lua/state.h"

int ltrace_msgh(lua_State *L); /* message handler of protected calls into rule code */
char *ltrace_take(lrt *rt);
size_t ltrace_loc_len(const char *msg); /* "file:line:" at the start of msg, or 0 */

#endif
