/*
 * lua/readonly.h - deep read-only views of tables (lua/readonly.c), for
 * what require() hands to rules.
 */
#ifndef PA_LREADONLY_H
#define PA_LREADONLY_H

#include <lua.h>

/* Register the views' metatable and cache in L; once per state. */
void lro_open(lua_State *L);
/* Replace the value on top of the stack by its read-only view when it is a
 * table (the same view for the same table); name is what error messages
 * call it ("schedule" -> "cannot assign schedule.pct"). Other values stay. */
void lro_wrap(lua_State *L, const char *name);

#endif
