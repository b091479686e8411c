/*
 * lua/readonly.c - read-only views of tables, for what require() hands to
 * rules. A helper (lib/NAME.lua) runs once per pack and state, and every
 * rule of the pack that requires it shares its tables; a rule that could
 * assign into them would change what the other rules see (replace a
 * function, and their checks pass silently).
 *
 * A view is a full userdata, not a table: rawset, rawget, next and rawlen
 * refuse it ("table expected"), so there is no raw way around the
 * metamethods, and one view per table can be shared by every rule. Its
 * metatable (hidden: getmetatable gives false) reads through to the real
 * table and wraps every table it reaches in a view of its own, so the
 * protection is deep: `m.sub.x = 1` fails like `m.x = 1`. Reading (`m.x`,
 * pairs, ipairs, `#`, calling a callable table, tostring) works as on the
 * table; assigning is an error naming the field. The same table always
 * gets the same view (a weak-keyed cache), so `require("x") ==
 * require("x")` holds and cycles terminate. The helper's own code keeps the
 * real tables and may still update them (a counter, a cache).
 */
#include "lua/readonly.h"

#include <lauxlib.h>
#include <string.h>

#define RO_MT "pmoaudit.readonly"
#define RO_CACHE "pmoaudit.readonly.cache"
#define RO_KEY_MAX 60 /* bytes of a key shown in a name */

/* The real table behind the view at idx, pushed. */
static void push_real(lua_State *L, int idx)
{
    lua_getiuservalue(L, idx, 1);
}

/* Push parent's name followed by the key at key: "m.x", "m[2]", "m[table]". */
static void push_child_name(lua_State *L, int parent, int key)
{
    key = lua_absindex(L, key);
    lua_getiuservalue(L, parent, 2);
    if (lua_type(L, key) == LUA_TSTRING) {
        size_t n;
        const char *k = lua_tolstring(L, key, &n);
        lua_pushfstring(L, "%s.%s%s", lua_tostring(L, -1), n > RO_KEY_MAX ? "" : k, n > RO_KEY_MAX ? "(long key)" : "");
    } else if (lua_isinteger(L, key)) {
        lua_pushfstring(L, "%s[%I]", lua_tostring(L, -1), (LUAI_UACINT)lua_tointeger(L, key));
    } else {
        lua_pushfstring(L, "%s[%s]", lua_tostring(L, -1), luaL_typename(L, key));
    }
    lua_remove(L, -2);
}

/*
 * Replace the value on top of the stack by its view when it is a table. The
 * name (on the stack below it, popped) is used only when the view is new.
 */
static void wrap_top(lua_State *L)
{
    if (lua_type(L, -1) != LUA_TTABLE) {
        lua_remove(L, -2);
        return;
    }
    lua_getfield(L, LUA_REGISTRYINDEX, RO_CACHE);
    lua_pushvalue(L, -2);
    if (lua_rawget(L, -2) == LUA_TUSERDATA) { /* name, table, cache, view */
        lua_replace(L, -4);
        lua_pop(L, 2);
        return;
    }
    lua_pop(L, 1);
    lua_newuserdatauv(L, 0, 2); /* name, table, cache, view */
    lua_pushvalue(L, -3);
    lua_setiuservalue(L, -2, 1);
    lua_pushvalue(L, -4);
    lua_setiuservalue(L, -2, 2);
    luaL_setmetatable(L, RO_MT);
    lua_pushvalue(L, -3);
    lua_pushvalue(L, -2);
    lua_rawset(L, -4); /* cache[table] = view */
    lua_replace(L, -4);
    lua_pop(L, 2);
}

/* __index(view, key): the table's value (its own metamethods apply), a
 * table wrapped in a view. */
static int ro_index(lua_State *L)
{
    push_real(L, 1);
    lua_pushvalue(L, 2);
    if (lua_gettable(L, -2) != LUA_TTABLE)
        return 1;
    push_child_name(L, 1, 2);
    lua_insert(L, -2);
    wrap_top(L);
    return 1;
}

static int ro_newindex(lua_State *L)
{
    push_child_name(L, 1, 2);
    return luaL_error(L, "cannot assign %s: what require returns is read-only", lua_tostring(L, -1));
}

static int ro_len(lua_State *L)
{
    push_real(L, 1);
    lua_len(L, -1);
    return 1;
}

/* The iterator of pairs(view): next over the real table, values wrapped.
 * A rule holds this function and may call it with anything: the first
 * argument must be a view before its user value is read. */
static int ro_next(lua_State *L)
{
    if (!luaL_testudata(L, 1, RO_MT))
        return luaL_typeerror(L, 1, "read-only table");
    lua_settop(L, 2);
    push_real(L, 1);
    lua_pushvalue(L, 2);
    if (!lua_next(L, -2))
        return 0;
    push_child_name(L, 1, -2);
    lua_insert(L, -2);
    wrap_top(L);
    return 2;
}

static int ro_pairs(lua_State *L)
{
    lua_pushcfunction(L, ro_next);
    lua_pushvalue(L, 1);
    lua_pushnil(L);
    return 3;
}

/* A callable table stays callable: the call goes to the table itself. */
static int ro_call(lua_State *L)
{
    push_real(L, 1);
    lua_replace(L, 1);
    lua_call(L, lua_gettop(L) - 1, LUA_MULTRET);
    return lua_gettop(L);
}

static int ro_tostring(lua_State *L)
{
    push_real(L, 1);
    luaL_tolstring(L, -1, NULL);
    return 1;
}

void lro_open(lua_State *L)
{
    static const luaL_Reg mt[] = {{"__index", ro_index}, {"__newindex", ro_newindex}, {"__len", ro_len},
                                  {"__pairs", ro_pairs}, {"__call", ro_call},         {"__tostring", ro_tostring},
                                  {NULL, NULL}};
    luaL_newmetatable(L, RO_MT);
    luaL_setfuncs(L, mt, 0);
    lua_pushboolean(L, 0);
    lua_setfield(L, -2, "__metatable");
    lua_pushliteral(L, "read-only table"); /* "table expected, got read-only table" from rawset and next */
    lua_setfield(L, -2, "__name");
    lua_pop(L, 1);
    lua_newtable(L);
    lua_newtable(L);
    lua_pushliteral(L, "k");
    lua_setfield(L, -2, "__mode");
    lua_setmetatable(L, -2);
    lua_setfield(L, LUA_REGISTRYINDEX, RO_CACHE);
}

void lro_wrap(lua_State *L, const char *name)
{
    if (lua_type(L, -1) != LUA_TTABLE)
        return;
    lua_pushstring(L, name);
    lua_insert(L, -2);
    wrap_top(L);
}
