/*
 * lua/pattern_match.h - string.find, string.match, string.gmatch and
 * string.gsub with Lua's semantics and a step-counted matcher charged to
 * the instruction budget (see lua/pattern_match.c). Installed over the
 * string library by lua/guard.c.
 */
#ifndef PA_PATTERN_MATCH_H
#define PA_PATTERN_MATCH_H

#include <lua.h>

int lpat_find(lua_State *L);
int lpat_match(lua_State *L);
int lpat_gmatch(lua_State *L);
int lpat_gsub(lua_State *L);

#endif
