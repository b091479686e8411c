/*
 * lua/data_read.h - small helpers for C code of lua/ that reads Lua data: the data
 * files (config, import profiles, waiver files, through lua/data_file.c),
 * the test cases and the rule runtime all walk tables by sorted key
 * (so that output and the first error do not depend on hash order), and
 * record the line of each top-level assignment (so that a bad setting is
 * reported at its line).
 */
#ifndef PA_LUAX_H
#define PA_LUAX_H

#include <lua.h>
#include <stddef.h>

/* The string keys of the table at idx, sorted (NULL when there are none);
 * other keys are skipped. Free with lx_free_keys. */
char **lx_sorted_keys(lua_State *L, int idx, size_t *n);
void lx_free_keys(char **keys, size_t n);
/* Push the table at idx's own field key, raw (no __index runs); its type. */
int lx_rawfield(lua_State *L, int idx, const char *key);

/* __newindex for an environment: records the line of the assignment under
 * the key in the registry (lx_line_of reads it back), then sets the value.
 * The state must have run lx_lines_init. */
void lx_lines_init(lua_State *L);
int lx_record_line(lua_State *L);
int lx_line_of(lua_State *L, const char *key);

#endif
