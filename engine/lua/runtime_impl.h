/*
 * lua/runtime_impl.h - what lua/runtime.c offers the other files of lua/
 * beyond the public lua/runtime.h: states for data files, their
 * environment, and an error's text. Nothing outside lua/ includes this.
 */
#ifndef PA_LRT_IMPL_H
#define PA_LRT_IMPL_H

#include "lua/runtime.h"
#include "lua/state.h"

/* A state for a data file (lua/data_file.c): the rules' state, guards and
 * sandbox template, with a cap of mem bytes on the whole state and the
 * budget hook always on. A spent budget raises budget_msg (located at the
 * line), a refused allocation Lua's "not enough memory", a run or call
 * longer than timeout seconds (0: DATA_TIMEOUT) "the file ran past its
 * time limit of N seconds". NULL when the state cannot be made. */
lrt *lrt_new_data(size_t mem, const char *budget_msg, unsigned timeout);
/* Push a data file's environment: the rules' whitelist (base functions,
 * copies of string, table, math and utf8) without pmo, load, require,
 * print and collectgarbage. */
void lrt_push_data_env(lrt *rt);
char *lrt_error_text(lrt *rt, int status);

#endif
