/*
 * lapi.h - the C side of the rule API, shared by the runtime's parts:
 * dates (ldate.c), regular expressions (lregex.c) and the data objects,
 * rows, tables and row sets (ldata.c). Each part registers its metatables
 * once per lua_State and protects them with __metatable so that rules can
 * neither read nor change them.
 */
#ifndef PA_LAPI_H
#define PA_LAPI_H

#include "table.h"
#include "value.h"

#include <lua.h>
#include <stdbool.h>

void ldate_open(lua_State *L);
void ldate_push(lua_State *L, pa_date d);
bool ldate_test(lua_State *L, int idx, pa_date *d);
int ldate_new(lua_State *L); /* pmo.date */

void lregex_open(lua_State *L, unsigned long match_limit);
int lregex_new(lua_State *L); /* pmo.re */

void ldata_open(lua_State *L);
/* Forget the row metatables cached per table: call when a new store is
 * bound, since a new table may reuse a freed table's address. */
void ldata_reset(lua_State *L);
void ldata_push_table(lua_State *L, pa_table *t);
/* Push the row metatable of t (created on first use). */
void ldata_push_row_meta(lua_State *L, pa_table *t);
/* Push row r of t using the row metatable at stack index mt. */
void ldata_push_row_with(lua_State *L, int mt, pa_table *t, uint32_t r);
void ldata_push_row(lua_State *L, pa_table *t, uint32_t r);
bool ldata_test_row(lua_State *L, int idx, pa_table **t, uint32_t *r);
void ldata_push_cell(lua_State *L, const pa_table *t, int col, uint32_t r);

#endif
