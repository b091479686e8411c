/*
 * lua/api_text.c - text similarity for rules: pmo.words(text [, opts]) gives
 * a text's word set, pmo.similar(texts [, opts]) each text's most similar
 * other one by the Jaccard similarity of word sets (core/textsim.c does the
 * work, without comparing every pair). Everything it allocates is Lua
 * userdata, so the rule's memory cap applies and an error (a limit, a bad
 * argument) leaks nothing; the work is charged to the rule's instruction
 * budget, so a rule cannot use it to escape the budget.
 */
#include "lua/api.h"
#include "lua/state.h"
#include "core/textsim.h"
#include "core/util.h"

#include <lauxlib.h>
#include <math.h>
#include <string.h>

#define SCRATCH 3 /* stack slot of the table that keeps the scratch memory alive */

typedef struct {
    lua_State *L;
    lua_Integer n;
} scratch;

static void *scratch_alloc(void *ud, size_t n)
{
    scratch *sc = ud;
    void *p = lua_newuserdatauv(sc->L, n, 0);
    memset(p, 0, n);
    lua_rawseti(sc->L, SCRATCH, ++sc->n);
    return p;
}

static void scratch_charge(void *ud, uint64_t n)
{
    lrt_charge(((scratch *)ud)->L, n);
}

static const char *const opt_names[] = {"min", "min_len", "min_words", "stop", NULL};

static uint32_t opt_count(lua_State *L, const char *fn, const char *k)
{
    int isint = 0;
    lua_Integer v = lua_tointegerx(L, -1, &isint);
    if (!isint || v < 1 || v > INT32_MAX)
        luaL_error(L, "%s: option %s must be a whole number of at least 1", fn, k);
    return (uint32_t)v;
}

/* The stop words of opts.stop (at the top of the stack), kept alive by it. */
static void opt_stop(lua_State *L, const char *fn, tsim_opts *o, scratch *sc)
{
    if (!lua_istable(L, -1))
        luaL_error(L, "%s: option stop must be a list of words", fn);
    lua_Unsigned n = lua_rawlen(L, -1);
    if (n > INT32_MAX)
        luaL_error(L, "%s: too many stop words", fn);
    const char **w = scratch_alloc(sc, (n ? n : 1) * sizeof *w);
    size_t *wl = scratch_alloc(sc, (n ? n : 1) * sizeof *wl);
    for (lua_Unsigned k = 0; k < n; k++) {
        if (lua_rawgeti(L, -1, (lua_Integer)k + 1) != LUA_TSTRING)
            luaL_error(L, "%s: stop[%d] is a %s (expected a string)", fn, (int)k + 1, luaL_typename(L, -1));
        w[k] = lua_tolstring(L, -1, &wl[k]);
        lua_pop(L, 1);
    }
    o->stop = w;
    o->stop_len = wl;
    o->nstop = (uint32_t)n;
}

/* opts (argument 2) into o: the defaults are min 0.8, min_len 1,
 * min_words 1 and no stop words; an unknown option is an error. */
static void read_opts(lua_State *L, const char *fn, tsim_opts *o, scratch *sc)
{
    memset(o, 0, sizeof *o);
    o->min = 0.8;
    o->min_len = 1;
    o->min_words = 1;
    if (lua_isnoneornil(L, 2))
        return;
    luaL_checktype(L, 2, LUA_TTABLE);
    lua_pushnil(L);
    while (lua_next(L, 2)) {
        if (lua_type(L, -2) != LUA_TSTRING)
            luaL_error(L, "%s: options are named: min, min_len, min_words or stop", fn);
        const char *k = lua_tostring(L, -2);
        if (strcmp(k, "min") == 0) {
            if (lua_type(L, -1) != LUA_TNUMBER || !(lua_tonumber(L, -1) > 0))
                luaL_error(L, "%s: option min must be a number above 0", fn);
            o->min = lua_tonumber(L, -1);
        } else if (strcmp(k, "min_len") == 0) {
            o->min_len = opt_count(L, fn, k);
        } else if (strcmp(k, "min_words") == 0) {
            o->min_words = opt_count(L, fn, k);
        } else if (strcmp(k, "stop") == 0) {
            opt_stop(L, fn, o, sc);
        } else {
            const char *near = str_suggest(k, opt_names);
            if (near)
                luaL_error(L, "%s: unknown option '%s' (did you mean '%s'?)", fn, k, near);
            luaL_error(L, "%s: unknown option '%s' (use min, min_len, min_words or stop)", fn, k);
        }
        lua_pop(L, 1);
    }
}

/* pmo.similar(texts [, opts]) -> best, score: best[i] is the index of the
 * text most similar to texts[i] (similarity >= opts.min, ties to the lowest
 * index), score[i] that similarity; both nil at i when there is none. An
 * entry false (or nil) is not judged and never a match. */
int ltext_similar(lua_State *L)
{
    luaL_checktype(L, 1, LUA_TTABLE);
    lua_settop(L, 2);
    lua_newtable(L); /* SCRATCH */
    scratch sc = {L, 0};
    tsim_opts o;
    read_opts(L, "pmo.similar", &o, &sc);
    lua_Unsigned n = lua_rawlen(L, 1);
    if (n >= UINT32_MAX)
        return luaL_error(L, "pmo.similar: too many texts");
    const char **text = scratch_alloc(&sc, (n ? n : 1) * sizeof *text);
    size_t *len = scratch_alloc(&sc, (n ? n : 1) * sizeof *len);
    for (lua_Unsigned i = 0; i < n; i++) {
        int ty = lua_rawgeti(L, 1, (lua_Integer)i + 1);
        if (ty == LUA_TSTRING)
            text[i] = lua_tolstring(L, -1, &len[i]); /* kept alive by texts */
        else if (ty != LUA_TNIL && !(ty == LUA_TBOOLEAN && !lua_toboolean(L, -1)))
            return luaL_error(L, "pmo.similar: texts[%d] is a %s (expected a string, or false for one not to judge)",
                              (int)i + 1, ldata_typename(L, -1));
        lua_pop(L, 1);
    }
    lrt_charge(L, n);
    tsim_match *m = scratch_alloc(&sc, (n ? n : 1) * sizeof *m);
    tsim_env env = {scratch_alloc, scratch_charge, &sc};
    tsim_best(&env, &o, (uint32_t)n, text, len, m, NULL);
    lua_Unsigned found = 0;
    for (lua_Unsigned i = 0; i < n; i++)
        found += m[i].other != TSIM_NONE;
    lrt_charge(L, 2 * found);
    lua_createtable(L, 0, (int)(found < INT32_MAX ? found : 0));
    lua_createtable(L, 0, (int)(found < INT32_MAX ? found : 0));
    for (lua_Unsigned i = 0; i < n; i++) {
        if (m[i].other == TSIM_NONE)
            continue;
        lua_pushinteger(L, (lua_Integer)m[i].other + 1);
        lua_rawseti(L, -3, (lua_Integer)i + 1);
        lua_pushnumber(L, (lua_Number)m[i].inter / m[i].uni);
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
    return 2;
}

/* pmo.words(text [, opts]) -> the words of text's word set, in order of
 * first appearance (empty when it has fewer than opts.min_words). */
int ltext_words(lua_State *L)
{
    size_t n;
    const char *s = luaL_checklstring(L, 1, &n);
    lua_settop(L, 2);
    lua_newtable(L); /* SCRATCH */
    scratch sc = {L, 0};
    tsim_opts o;
    read_opts(L, "pmo.words", &o, &sc);
    lrt_charge(L, n);
    lua_newtable(L); /* the set, then the list */
    lua_newtable(L);
    int set = lua_gettop(L) - 1, count = 0;
    for (uint32_t k = 0; k < o.nstop; k++) { /* stop words, lower-cased, count as seen */
        luaL_Buffer b;
        char *d = luaL_buffinitsize(L, &b, o.stop_len[k]);
        for (size_t c = 0; c < o.stop_len[k]; c++)
            d[c] = ascii_lower(o.stop[k][c]);
        luaL_pushresultsize(&b, o.stop_len[k]);
        lua_pushboolean(L, 1);
        lua_rawset(L, set);
    }
    size_t pos = 0, b, wl;
    while (tsim_next_word(s, n, &pos, &b, &wl)) {
        if (wl < o.min_len)
            continue;
        luaL_Buffer buf;
        char *d = luaL_buffinitsize(L, &buf, wl);
        for (size_t c = 0; c < wl; c++)
            d[c] = ascii_lower(s[b + c]);
        luaL_pushresultsize(&buf, wl);
        lua_pushvalue(L, -1);
        if (lua_rawget(L, set) != LUA_TNIL) {
            lua_pop(L, 2);
            continue;
        }
        lua_pop(L, 1);
        lua_pushvalue(L, -1);
        lua_pushboolean(L, 1);
        lua_rawset(L, set);
        lua_rawseti(L, set + 1, ++count);
        lrt_charge(L, 1);
    }
    if ((uint32_t)count < o.min_words)
        lua_newtable(L);
    return 1;
}
