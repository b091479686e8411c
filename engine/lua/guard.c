/*
 * lua/guard.c - guards on standard functions that would otherwise let a rule
 * escape the runtime's limits. The instruction budget is charged by a count
 * hook, which only fires between VM instructions, so a standard function
 * that loops in C for as long as its arguments ask is a way around it, and
 * a finalizer runs whenever the collector decides, possibly with no budget
 * armed at all. Installed over the globals before the sandbox template is
 * built, so every rule environment gets the guarded versions:
 *
 *   setmetatable   refuses a metatable with __gc: a finalizer would run
 *                  outside its rule (in another rule's budget, or in
 *                  lua_close with no budget, where an endless one hangs).
 *   table.move     charges one instruction per element before moving: a
 *                  move of 10^15 absent elements allocates nothing and
 *                  would loop for days.
 */
#include "lua/api.h"
#include "lua/state.h"
#include "lua/guard.h"

#include <lauxlib.h>

static int l_setmetatable(lua_State *L)
{
    int t = lua_type(L, 2);
    if (lua_type(L, 1) != LUA_TTABLE) { /* here, so the message names setmetatable, and rows and dates */
        return luaL_error(L, "bad argument #1 to 'setmetatable' (table expected, got %s)", ldata_typename(L, 1));
    }
    luaL_argexpected(L, t == LUA_TNIL || t == LUA_TTABLE, 2, "nil or table");
    if (t == LUA_TTABLE) {
        /* raw: an __index on the metatable could add __gc during a plain
         * lookup, and Lua decides to finalize by a raw look too */
        lua_pushliteral(L, "__gc");
        if (lua_rawget(L, 2) != LUA_TNIL)
            return luaL_error(L, "setmetatable: __gc finalizers are not available %s",
                              RT(L)->data_file ? "in data files" : "to rules");
    }
    lua_settop(L, 2);
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, 1);
    lua_call(L, 2, 1);
    return 1;
}

static int l_table_move(lua_State *L)
{
    lua_Integer f = luaL_checkinteger(L, 2), e = luaL_checkinteger(L, 3);
    luaL_argcheck(L, f > 0 || e < LUA_MAXINTEGER + f, 3, "too many elements to move");
    if (e >= f) /* unsigned: e - f + 1 cannot overflow */
        lrt_charge(L, (uint64_t)e - (uint64_t)f + 1);
    int n = lua_gettop(L);
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, 1);
    lua_call(L, n, 1);
    return 1;
}

/* Replace table[name] (or the global name) by fn with the original as upvalue. */
static void wrap(lua_State *L, const char *table, const char *name, lua_CFunction fn)
{
    if (table)
        lua_getglobal(L, table);
    else
        lua_pushglobaltable(L);
    lua_getfield(L, -1, name);
    lua_pushcclosure(L, fn, 1);
    lua_setfield(L, -2, name);
    lua_pop(L, 1);
}

void lguard_install(lua_State *L)
{
    wrap(L, NULL, "setmetatable", l_setmetatable);
    wrap(L, "table", "move", l_table_move);
}
