/*
 * lua/schema_decl.h - schema{...} in rule files: the declaration checked
 * completely at its line and added to the runtime's user schema
 * (model/user_schema.h).
 */
#ifndef PA_SCHEMA_DECL_H
#define PA_SCHEMA_DECL_H

#include "model/user_schema.h"

#include <lua.h>

/* The schema{...} function of rule files; the runtime is found through L. */
int lschema_declare(lua_State *L);

#endif
