/*
 * lua/api_date.c - dates for rules. A date is a light userdata carrying its day
 * number (see ldate_push); it compares with < <= ==, subtracts to a whole
 * number of days, adds or subtracts days, prints as YYYY-MM-DD, and exposes
 * year, month, day and weekday. Lua gives all light userdata one shared
 * metatable, which lua/api_tables.c owns: it sends the events of dates here. Dates
 * never see the clock: T comes from --as-of.
 */
#include "lua/api.h"

#include <lauxlib.h>
#include <string.h>

/*
 * Push the date of day number d. Reading a date cell is the commonest thing
 * a schedule rule does (a million tasks, several dates each). A date used to
 * be a full userdata, first one per read (malloc and the collector topped
 * the rules' profile), then one per day kept in a registry cache (two table
 * lookups per read, and a metatable check by name per comparison). Now the
 * day number travels inside the value itself: the top 16 bits hold
 * LDATE_TAG, which neither a heap pointer nor a row (lua/api_tables.c) can have, and
 * the low 32 bits the day. Pushing allocates nothing, equal dates are equal
 * values (so == and table keys need no metamethod), and telling a date is
 * one type test and a shift.
 */
void ldate_push(lua_State *L, pa_date d)
{
    lua_pushlightuserdata(L, (void *)(uintptr_t)(((uint64_t)LDATE_TAG << 48) | (uint32_t)d));
}

bool ldate_test(lua_State *L, int idx, pa_date *d)
{
    if (lua_type(L, idx) != LUA_TLIGHTUSERDATA)
        return false;
    const void *p = lua_touserdata(L, idx);
    if (!ldate_tagged(p))
        return false;
    if (d)
        *d = (pa_date)(int32_t)(uint32_t)(uintptr_t)p;
    return true;
}

static pa_date check_date(lua_State *L, int idx)
{
    pa_date d = 0;
    if (!ldate_test(L, idx, &d))
        luaL_error(L, "expected a date, got %s", lrows_test(L, idx, NULL, NULL) ? "a row" : luaL_typename(L, idx));
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
        /* in range before the cast to int, so that 2^32 + 2026 is no year 2026 */
        if (y < 1 || y > 9999 || m < 1 || m > 12 || dd < 1 || dd > 31 || !date_valid_ymd((int)y, (int)m, (int)dd)) {
            lua_pushnil(L);
            lua_pushfstring(L, "not a date: %I-%I-%I", y, m, dd);
            return 2;
        }
        d = date_from_ymd((int)y, (int)m, (int)dd);
    }
    ldate_push(L, d);
    return 1;
}

int ldate_tostring(lua_State *L)
{
    char buf[16];
    date_format(check_date(L, 1), buf);
    lua_pushstring(L, buf);
    return 1;
}

int ldate_lt(lua_State *L)
{
    lua_pushboolean(L, check_date(L, 1) < check_date(L, 2));
    return 1;
}

int ldate_le(lua_State *L)
{
    lua_pushboolean(L, check_date(L, 1) <= check_date(L, 2));
    return 1;
}

/* date - date = days (integer); date - n = date. */
/*
 * Push d + n days (d - n when minus). The result must stay within the
 * calendar a date can be written in (0001-01-01 .. 9999-12-31); past it the
 * rule gets an error at its line instead of a wrapped-around date (and,
 * before, undefined behaviour on int32 overflow). d is in the calendar, so
 * lo - d and hi - d cannot overflow, and n is compared, never negated.
 */
static int push_shifted(lua_State *L, pa_date d, lua_Integer n, bool minus)
{
    static const lua_Integer lo = -719162, hi = 2932896; /* 0001-01-01, 9999-12-31 */
    bool out = minus ? (n > d - lo || n < d - hi) : (n < lo - d || n > hi - d);
    if (out) {
        char buf[16];
        date_format(d, buf);
        return luaL_error(L, "date out of range: %s %s %I days is outside 0001-01-01 .. 9999-12-31", buf,
                          minus ? "-" : "+", n);
    }
    ldate_push(L, (pa_date)(minus ? d - n : d + n));
    return 1;
}

int ldate_sub(lua_State *L)
{
    pa_date a = check_date(L, 1), b = 0;
    if (ldate_test(L, 2, &b)) {
        lua_pushinteger(L, (lua_Integer)a - b);
        return 1;
    }
    return push_shifted(L, a, luaL_checkinteger(L, 2), true);
}

/* date + n or n + date. */
int ldate_add(lua_State *L)
{
    pa_date d = 0;
    if (ldate_test(L, 1, &d))
        return push_shifted(L, d, luaL_checkinteger(L, 2), false);
    return push_shifted(L, check_date(L, 2), luaL_checkinteger(L, 1), false);
}

int ldate_concat(lua_State *L)
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

int ldate_index(lua_State *L)
{
    pa_date d = check_date(L, 1);
    const char *k = luaL_checkstring(L, 2);
    if (strcmp(k, "days") == 0) { /* days since 1970-01-01: first, the one keyed on in loops */
        lua_pushinteger(L, d);
        return 1;
    }
    if (strcmp(k, "weekday") == 0) { /* 1 = Monday .. 7 = Sunday (ISO) */
        lua_pushinteger(L, ((d % 7) + 7 + 3) % 7 + 1);
        return 1;
    }
    int y, m, dd;
    date_to_ymd(d, &y, &m, &dd);
    if (strcmp(k, "year") == 0)
        lua_pushinteger(L, y);
    else if (strcmp(k, "month") == 0)
        lua_pushinteger(L, m);
    else if (strcmp(k, "day") == 0)
        lua_pushinteger(L, dd);
    else
        return luaL_error(L, "dates have no field '%s' (they have year, month, day, weekday, days)", k);
    return 1;
}
