/*
 * lua/api_rows.c - rows as Lua values (see lua/api_rows.h): pushing row r of
 * a table and telling whether a value is a row of the bound store. The
 * lowest file of the rule API: lua/api_date.c and lua/api_tables.c both
 * use it, and it uses neither.
 */
#include "lua/api.h"
#include "lua/api_rows.h"

#include <lauxlib.h>

const char lrows_key = 'r';

rowreg *lrows_registry(lua_State *L)
{
    lua_rawgetp(L, LUA_REGISTRYINDEX, &lrows_key);
    rowreg *g = lua_touserdata(L, -1);
    lua_pop(L, 1);
    return g;
}

int lrows_table_id(lua_State *L, const rowreg *g, const pa_table *t)
{
    for (int i = 0; g->st && i < g->st->ntables && i <= 0xffff; i++)
        if (g->st->tables[i] == t)
            return i;
    return luaL_error(L, "table %s is not part of the data being audited", t->name);
}

void lrows_push(lua_State *L, pa_table *t, uint32_t r)
{
    const rowreg *g = lrows_registry(L);
    lrows_push_id(L, g, lrows_table_id(L, g, t), r);
}

bool lrows_test(lua_State *L, int idx, pa_table **t, uint32_t *r)
{
    if (lua_type(L, idx) != LUA_TLIGHTUSERDATA)
        return false;
    pa_table *tt;
    uint32_t rr;
    int tid;
    if (!lrows_decode(lrows_registry(L), lua_touserdata(L, idx), &tt, &rr, &tid))
        return false;
    if (t)
        *t = tt;
    if (r)
        *r = rr;
    return true;
}
