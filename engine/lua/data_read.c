/*
 * lua/data_read.c - helpers for reading Lua data from C (see lua/data_read.h).
 */
#include "lua/data_read.h"
#include "core/util.h"

#include <stdlib.h>
#include <string.h>

#define LINES_KEY "pmoaudit.lines"

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

char **lx_sorted_keys(lua_State *L, int idx, size_t *n)
{
    char **keys = NULL;
    size_t cap = 0;
    idx = lua_absindex(L, idx);
    *n = 0;
    lua_pushnil(L);
    while (lua_next(L, idx)) {
        lua_pop(L, 1);
        if (lua_type(L, -1) == LUA_TSTRING) {
            GROW(keys, cap, *n + 1);
            keys[(*n)++] = xstrdup(lua_tostring(L, -1));
        }
    }
    if (*n > 1)
        qsort(keys, *n, sizeof *keys, cmp_str);
    return keys;
}

void lx_free_keys(char **keys, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(keys[i]);
    free(keys);
}

int lx_rawfield(lua_State *L, int idx, const char *key)
{
    idx = lua_absindex(L, idx);
    lua_pushstring(L, key);
    return lua_rawget(L, idx);
}

void lx_lines_init(lua_State *L)
{
    lua_newtable(L);
    lua_setfield(L, LUA_REGISTRYINDEX, LINES_KEY);
}

int lx_record_line(lua_State *L)
{
    lua_Debug ar;
    int line = 0;
    if (lua_getstack(L, 1, &ar) && lua_getinfo(L, "l", &ar))
        line = ar.currentline;
    lua_getfield(L, LUA_REGISTRYINDEX, LINES_KEY);
    lua_pushvalue(L, 2);
    lua_pushinteger(L, line);
    lua_rawset(L, -3);
    lua_pop(L, 1);
    lua_rawset(L, 1);
    return 0;
}

int lx_line_of(lua_State *L, const char *key)
{
    lua_getfield(L, LUA_REGISTRYINDEX, LINES_KEY);
    lua_getfield(L, -1, key);
    int line = (int)lua_tointeger(L, -1);
    lua_pop(L, 2);
    return line;
}
