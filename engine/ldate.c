/*
 * ldate.c - dates for rules. A date is a full userdata holding a day number;
 * it compares with < <= ==, subtracts to a whole number of days, adds or
 * subtracts days, prints as YYYY-MM-DD, and exposes year, month, day and
 * weekday. Dates never see the clock: T comes from --as-of.
 */
#include "lapi.h"

#include <lauxlib.h>
#include <string.h>

#define DATE_MT "pmoaudit.date"

static const char date_cache_key = 0; /* registry: day number -> date userdata */

/* Days from 1900-01-01 to 2199-12-31 (relative to 1970-01-01): the dates
 * worth keeping in the cache below. */
#define CACHE_FIRST (-25567)
#define CACHE_LAST 84005

static void new_date(lua_State *L, pa_date d)
{
    pa_date *p = lua_newuserdatauv(L, sizeof *p, 0);
    *p = d;
    luaL_setmetatable(L, DATE_MT);
}

/*
 * Push the date of day number d. Reading a date cell is the commonest thing
 * a schedule rule does (a million tasks, several dates each), and a fresh
 * userdata per read made malloc and the garbage collector the top of the
 * rules' profile. Dates are immutable values, so each Lua state keeps one
 * userdata per day number in a registry table and hands out that one: a
 * table lookup instead of an allocation. Only days of 1900-2199 are cached,
 * which bounds the table at 110,000 entries (a portfolio uses a few
 * thousand). Sharing is invisible to rules: dates compare by value, and as
 * table keys equal dates are now even the same key.
 */
void ldate_push(lua_State *L, pa_date d)
{
    if (d < CACHE_FIRST || d > CACHE_LAST) {
        new_date(L, d);
        return;
    }
    if (lua_rawgetp(L, LUA_REGISTRYINDEX, &date_cache_key) != LUA_TTABLE) {
        lua_pop(L, 1);
        lua_createtable(L, 0, 1024);
        lua_pushvalue(L, -1);
        lua_rawsetp(L, LUA_REGISTRYINDEX, &date_cache_key);
    }
    if (lua_rawgeti(L, -1, d) == LUA_TUSERDATA) {
        lua_remove(L, -2);
        return;
    }
    lua_pop(L, 1);
    new_date(L, d);
    lua_pushvalue(L, -1);
    lua_rawseti(L, -3, d);
    lua_remove(L, -2);
}

bool ldate_test(lua_State *L, int idx, pa_date *d)
{
    pa_date *p = luaL_testudata(L, idx, DATE_MT);
    if (p && d)
        *d = *p;
    return p != NULL;
}

static pa_date check_date(lua_State *L, int idx)
{
    pa_date d = 0;
    if (!ldate_test(L, idx, &d))
        luaL_typeerror(L, idx, "date");
    return d;
}

/* pmo.date("YYYY-MM-DD") or pmo.date(y, m, d): a date, or nil and a reason. */
int ldate_new(lua_State *L)
{
    pa_date d = 0;
    if (lua_type(L, 1) == LUA_TSTRING) {
        size_t n;
        const char *s = lua_tolstring(L, 1, &n);
        if (!val_parse_date(s, n, &d)) {
            lua_pushnil(L);
            lua_pushfstring(L, "not a date: \"%s\" (expected YYYY-MM-DD)", s);
            return 2;
        }
    } else if (ldate_test(L, 1, &d)) {
        /* already a date */
    } else {
        lua_Integer y = luaL_checkinteger(L, 1), m = luaL_checkinteger(L, 2), dd = luaL_checkinteger(L, 3);
        if (!date_valid_ymd((int)y, (int)m, (int)dd)) {
            lua_pushnil(L);
            lua_pushfstring(L, "not a date: %d-%d-%d", (int)y, (int)m, (int)dd);
            return 2;
        }
        d = date_from_ymd((int)y, (int)m, (int)dd);
    }
    ldate_push(L, d);
    return 1;
}

static int d_tostring(lua_State *L)
{
    char buf[16];
    date_format(check_date(L, 1), buf);
    lua_pushstring(L, buf);
    return 1;
}

static int d_eq(lua_State *L)
{
    pa_date a = 0, b = 0;
    lua_pushboolean(L, ldate_test(L, 1, &a) && ldate_test(L, 2, &b) && a == b);
    return 1;
}

static int d_lt(lua_State *L)
{
    lua_pushboolean(L, check_date(L, 1) < check_date(L, 2));
    return 1;
}

static int d_le(lua_State *L)
{
    lua_pushboolean(L, check_date(L, 1) <= check_date(L, 2));
    return 1;
}

/* date - date = days (integer); date - n = date. */
static int d_sub(lua_State *L)
{
    pa_date a = check_date(L, 1), b = 0;
    if (ldate_test(L, 2, &b)) {
        lua_pushinteger(L, (lua_Integer)a - b);
        return 1;
    }
    ldate_push(L, (pa_date)(a - (pa_date)luaL_checkinteger(L, 2)));
    return 1;
}

/* date + n or n + date. */
static int d_add(lua_State *L)
{
    pa_date d = 0;
    if (ldate_test(L, 1, &d))
        ldate_push(L, (pa_date)(d + (pa_date)luaL_checkinteger(L, 2)));
    else
        ldate_push(L, (pa_date)(check_date(L, 2) + (pa_date)luaL_checkinteger(L, 1)));
    return 1;
}

static int d_concat(lua_State *L)
{
    for (int i = 1; i <= 2; i++) {
        pa_date d = 0;
        if (ldate_test(L, i, &d)) {
            char buf[16];
            date_format(d, buf);
            lua_pushstring(L, buf);
        } else {
            luaL_tolstring(L, i, NULL);
        }
    }
    lua_concat(L, 2);
    return 1;
}

static int d_index(lua_State *L)
{
    pa_date d = check_date(L, 1);
    const char *k = luaL_checkstring(L, 2);
    int y, m, dd;
    date_to_ymd(d, &y, &m, &dd);
    if (strcmp(k, "year") == 0)
        lua_pushinteger(L, y);
    else if (strcmp(k, "month") == 0)
        lua_pushinteger(L, m);
    else if (strcmp(k, "day") == 0)
        lua_pushinteger(L, dd);
    else if (strcmp(k, "weekday") == 0) /* 1 = Monday .. 7 = Sunday (ISO) */
        lua_pushinteger(L, ((d % 7) + 7 + 3) % 7 + 1);
    else if (strcmp(k, "days") == 0) /* days since 1970-01-01 */
        lua_pushinteger(L, d);
    else
        return luaL_error(L, "dates have no field '%s' (they have year, month, day, weekday, days)", k);
    return 1;
}

void ldate_open(lua_State *L)
{
    static const luaL_Reg mt[] = {{"__tostring", d_tostring}, {"__eq", d_eq},         {"__lt", d_lt},
                                  {"__le", d_le},             {"__sub", d_sub},       {"__add", d_add},
                                  {"__concat", d_concat},     {"__index", d_index},   {NULL, NULL}};
    luaL_newmetatable(L, DATE_MT);
    luaL_setfuncs(L, mt, 0);
    lua_pushboolean(L, 0);
    lua_setfield(L, -2, "__metatable");
    lua_pushliteral(L, "date");
    lua_setfield(L, -2, "__name");
    lua_pop(L, 1);
}
