/*
 * lua/api_period.c - calendar periods for rules: pmo.month_start,
 * pmo.month_end, pmo.add_months, pmo.months_between, pmo.period,
 * pmo.period_start and pmo.period_end, model/period.c over the dates of
 * lua/api_date.c. Each checks its arguments and raises "pmo.NAME: ..."
 * (the run adds the rule's file:line) rather than guessing.
 */
#include "lua/api.h"
#include "model/period.h"

#include <lauxlib.h>

/* Argument idx of pmo.NAME as a date, or an error naming what came. */
static pa_date arg_date(lua_State *L, int idx, const char *fn)
{
    pa_date d = 0;
    if (!ldate_test(L, idx, &d))
        luaL_error(L, "pmo.%s: argument %d must be a date, got %s", fn, idx, ldata_typename(L, idx));
    return d;
}

/* Argument idx of pmo.NAME as a whole number, or an error. */
static lua_Integer arg_int(lua_State *L, int idx, const char *fn, const char *what)
{
    int ok = 0;
    lua_Integer n = lua_tointegerx(L, idx, &ok);
    if (!ok || lua_type(L, idx) != LUA_TNUMBER)
        luaL_error(L, "pmo.%s: %s must be a whole number, got %s", fn, what,
                   lua_type(L, idx) == LUA_TNUMBER ? "a fraction" : ldata_typename(L, idx));
    return n;
}

/* Argument idx of pmo.NAME as a period unit (default: month when absent). */
static period_unit arg_unit(lua_State *L, int idx, const char *fn)
{
    period_unit u = PER_MONTH;
    if (lua_isnoneornil(L, idx))
        return u;
    const char *s = lua_type(L, idx) == LUA_TSTRING ? lua_tostring(L, idx) : NULL;
    if (!s || !period_unit_parse(s, &u))
        luaL_error(L, "pmo.%s: unit must be %s, got %s%s%s", fn, period_unit_names, s ? "\"" : "",
                   s ? s : ldata_typename(L, idx), s ? "\"" : "");
    return u;
}

int lperiod_month_start(lua_State *L)
{
    ldate_push(L, period_month_start(arg_date(L, 1, "month_start")));
    return 1;
}

int lperiod_month_end(lua_State *L)
{
    ldate_push(L, period_month_end(arg_date(L, 1, "month_end")));
    return 1;
}

/* pmo.add_months(d, n): d plus n months, the day clamped to the month's end. */
int lperiod_add_months(lua_State *L)
{
    pa_date d = arg_date(L, 1, "add_months"), out = 0;
    lua_Integer n = arg_int(L, 2, "add_months", "months");
    if (!period_add_months(d, (int64_t)n, &out)) {
        char buf[16];
        date_format(d, buf);
        return luaL_error(L, "pmo.add_months: %s + %I months is outside 0001-01-01 .. 9999-12-31", buf, n);
    }
    ldate_push(L, out);
    return 1;
}

int lperiod_months_between(lua_State *L)
{
    pa_date a = arg_date(L, 1, "months_between"), b = arg_date(L, 2, "months_between");
    lua_pushinteger(L, (lua_Integer)period_months_between(a, b));
    return 1;
}

/* pmo.period(d [, unit]): the key of d's period, "2026-03" by default. */
int lperiod_key(lua_State *L)
{
    pa_date d = arg_date(L, 1, "period");
    char buf[16];
    period_key(arg_unit(L, 2, "period"), d, buf);
    lua_pushstring(L, buf);
    return 1;
}

int lperiod_start(lua_State *L)
{
    pa_date d = arg_date(L, 1, "period_start");
    period_unit u = arg_unit(L, 2, "period_start");
    ldate_push(L, period_first(u, period_index(u, d)));
    return 1;
}

/* The last day of d's period: may pass 9999-12-31 only for a week that
 * ends in year 10000, which then ends at 9999-12-31. */
int lperiod_end(lua_State *L)
{
    pa_date d = arg_date(L, 1, "period_end");
    period_unit u = arg_unit(L, 2, "period_end");
    pa_date e = period_last(u, period_index(u, d));
    ldate_push(L, e > PERIOD_MAX_DATE ? PERIOD_MAX_DATE : e);
    return 1;
}
