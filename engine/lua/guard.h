/*
 * lua/guard.h - guards on standard functions that could dodge the limits
 * (see lua/guard.c).
 */
#ifndef PA_GUARD_H
#define PA_GUARD_H

#include <lua.h>

void lguard_install(lua_State *L); /* before the sandbox template is built */

#endif
