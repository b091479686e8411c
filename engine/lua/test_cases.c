/*
 * lua/test_cases.c - the declared test cases (lua/test_cases.h) as plain C:
 * the runtime keeps them as the tables test{...} received (lua/rule_decl.c
 * checked their fields); this reads them for cmd/test.c and cmd/lint.c,
 * which include no Lua header. Inline rows become CSV text here, so a case
 * goes through the real loader.
 *
 * May include: core/, model/, lua/ (the runtime's inside), Lua's headers.
 */
#include "lua/test_cases.h"
#include "lua/data_read.h"
#include "lua/state.h"
#include "core/util.h"

#include <lauxlib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const ltc_list_names[LTC_NLISTS + 1] = {"keys",       "columns",  "lines",    "messages",
                                                     "severities", "projects", "involves", NULL};

int ltc_count(lrt *rt)
{
    lua_rawgeti(rt->L, LUA_REGISTRYINDEX, rt->tests_ref);
    int n = (int)lua_rawlen(rt->L, -1);
    lua_pop(rt->L, 1);
    return n;
}

/* Push case k (a table). */
static lua_State *push_case(lrt *rt, int k)
{
    lua_State *L = rt->L;
    lua_rawgeti(L, LUA_REGISTRYINDEX, rt->tests_ref);
    lua_rawgeti(L, -1, k);
    lua_remove(L, -2);
    return L;
}

/* Field key of the table at idx as a copy, when it is a string. */
static char *string_field(lua_State *L, int idx, const char *key)
{
    char *s = lua_getfield(L, idx, key) == LUA_TSTRING ? xstrdup(lua_tostring(L, -1)) : NULL;
    lua_pop(L, 1);
    return s;
}

void ltc_read(lrt *rt, int k, ltc_case *c)
{
    lua_State *L = push_case(rt, k);
    int t = lua_gettop(L);
    memset(c, 0, sizeof *c);
    c->rule = string_field(L, t, "rule");
    c->name = string_field(L, t, "name");
    c->file = string_field(L, t, "__file");
    lua_getfield(L, t, "__line");
    c->line = (int)lua_tointeger(L, -1);
    c->as_of = string_field(L, t, "as_of");
    c->profile = string_field(L, t, "profile");
    lua_settop(L, t - 1);
}

void ltc_free(ltc_case *c)
{
    free(c->rule);
    free(c->name);
    free(c->file);
    free(c->as_of);
    free(c->profile);
    memset(c, 0, sizeof *c);
}

/* expect.<list> at the top as text entries. */
static void read_list(lua_State *L, ltc_list *l)
{
    l->given = lua_type(L, -1) == LUA_TTABLE;
    l->n = l->given ? lua_rawlen(L, -1) : 0;
    l->want = l->n ? xcalloc(l->n, sizeof *l->want) : NULL;
    for (size_t i = 0; i < l->n; i++) {
        lua_rawgeti(L, -1, (lua_Integer)i + 1);
        bool none = lua_isboolean(L, -1) && !lua_toboolean(L, -1);
        if (!none)
            l->want[i] = xstrdup(luaL_tolstring(L, -1, NULL));
        lua_pop(L, none ? 1 : 2);
    }
}

void ltc_read_expect(lrt *rt, int k, ltc_expect *e)
{
    lua_State *L = push_case(rt, k);
    int top = lua_gettop(L);
    memset(e, 0, sizeof *e);
    int t = lua_getfield(L, top, "expect");
    int exp = lua_gettop(L);
    if (t == LUA_TSTRING) {
        e->status = xstrdup(lua_tostring(L, exp));
    } else if (t == LUA_TNUMBER) {
        e->is_count = e->has_count = true;
        e->count = (long long)lua_tointeger(L, exp);
    } else if (t == LUA_TTABLE) {
        if (lua_getfield(L, exp, "count") == LUA_TNUMBER) {
            e->has_count = true;
            e->count = (long long)lua_tointeger(L, -1);
        }
        lua_pop(L, 1);
        for (int i = 0; i < LTC_NLISTS; i++) {
            lua_getfield(L, exp, ltc_list_names[i]);
            read_list(L, &e->lists[i]);
            lua_pop(L, 1);
        }
    }
    lua_settop(L, top - 1);
}

void ltc_free_expect(ltc_expect *e)
{
    free(e->status);
    for (int i = 0; i < LTC_NLISTS; i++) {
        for (size_t k = 0; k < e->lists[i].n; k++)
            free(e->lists[i].want[k]);
        free(e->lists[i].want);
    }
    memset(e, 0, sizeof *e);
}

/* One cell of an inline row as CSV: quoted when it needs to be. */
static void csv_value(lua_State *L, int idx, sbuf *b)
{
    size_t n;
    const char *s;
    char num[64];
    switch (lua_type(L, idx)) {
    case LUA_TNIL:
        return;
    case LUA_TBOOLEAN:
        sb_puts(b, lua_toboolean(L, idx) ? "true" : "false");
        return;
    case LUA_TNUMBER:
        if (lua_isinteger(L, idx))
            snprintf(num, sizeof num, "%lld", (long long)lua_tointeger(L, idx));
        else
            snprintf(num, sizeof num, "%.14g", (double)lua_tonumber(L, idx));
        sb_puts(b, num);
        return;
    default:
        s = luaL_tolstring(L, idx, &n);
        lua_pop(L, 1);
        break;
    }
    bool quote = n == 0 ? false : (s[0] == ' ' || s[n - 1] == ' ');
    for (size_t i = 0; i < n && !quote; i++)
        quote = s[i] == ',' || s[i] == '"' || s[i] == '\n' || s[i] == '\r';
    if (!quote) {
        sb_add(b, s, n);
        return;
    }
    sb_putc(b, '"');
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '"')
            sb_putc(b, '"');
        sb_putc(b, s[i]);
    }
    sb_putc(b, '"');
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The columns of a list of Lua rows (at idx): the union of their string
 * keys, sorted. */
static char **row_columns(lua_State *L, int idx, size_t *ncols)
{
    char **cols = NULL;
    size_t cap = 0;
    *ncols = 0;
    lua_Integer nrows = (lua_Integer)lua_rawlen(L, idx);
    for (lua_Integer r = 1; r <= nrows; r++) {
        if (lua_rawgeti(L, idx, r) == LUA_TTABLE) {
            lua_pushnil(L);
            while (lua_next(L, -2)) {
                lua_pop(L, 1);
                if (lua_type(L, -1) != LUA_TSTRING)
                    continue;
                const char *k = lua_tostring(L, -1);
                bool seen = false;
                for (size_t i = 0; i < *ncols && !seen; i++)
                    seen = strcmp(cols[i], k) == 0;
                if (!seen) {
                    GROW(cols, cap, *ncols + 1);
                    cols[(*ncols)++] = xstrdup(k);
                }
            }
        }
        lua_pop(L, 1);
    }
    if (*ncols > 1)
        qsort(cols, *ncols, sizeof *cols, cmp_str);
    return cols;
}

/* A list of Lua rows (at idx) as CSV text. */
static char *rows_to_csv(lua_State *L, int idx)
{
    size_t ncols;
    char **cols = row_columns(L, idx, &ncols);
    sbuf b;
    sb_init(&b);
    for (size_t i = 0; i < ncols; i++)
        sb_printf(&b, "%s%s", i ? "," : "", cols[i]);
    sb_putc(&b, '\n');
    lua_Integer nrows = (lua_Integer)lua_rawlen(L, idx);
    for (lua_Integer r = 1; r <= nrows; r++) {
        lua_rawgeti(L, idx, r);
        for (size_t i = 0; i < ncols; i++) {
            if (i)
                sb_putc(&b, ',');
            if (lua_istable(L, -1)) {
                lua_getfield(L, -1, cols[i]);
                csv_value(L, lua_gettop(L), &b);
                lua_pop(L, 1);
            }
        }
        sb_putc(&b, '\n');
        lua_pop(L, 1);
    }
    for (size_t i = 0; i < ncols; i++)
        free(cols[i]);
    free(cols);
    return sb_steal(&b);
}

char **ltc_data(lrt *rt, int k, char ***texts, size_t *n)
{
    lua_State *L = push_case(rt, k);
    int top = lua_gettop(L);
    char **names = NULL;
    *texts = NULL;
    *n = 0;
    if (lua_getfield(L, top, "data") == LUA_TTABLE) {
        int data = lua_gettop(L);
        names = lx_sorted_keys(L, data, n);
        *texts = xcalloc(*n + 1, sizeof **texts);
        for (size_t i = 0; i < *n; i++) {
            lua_getfield(L, data, names[i]);
            (*texts)[i] = lua_type(L, -1) == LUA_TSTRING ? xstrdup(lua_tostring(L, -1))
                                                         : rows_to_csv(L, lua_gettop(L));
            lua_pop(L, 1);
        }
    }
    lua_settop(L, top - 1);
    return names;
}

void ltc_free_data(char **names, char **texts, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(texts[i]);
    free(texts);
    lx_free_keys(names, n);
}

void ltc_use_params(lrt *rt, int k)
{
    lua_State *L = rt->L;
    luaL_unref(L, LUA_REGISTRYINDEX, rt->case_params_ref);
    rt->case_params_ref = LUA_NOREF;
    if (k == 0)
        return;
    push_case(rt, k);
    if (lua_getfield(L, -1, "params") == LUA_TTABLE)
        rt->case_params_ref = luaL_ref(L, LUA_REGISTRYINDEX);
    else
        lua_pop(L, 1);
    lua_pop(L, 1);
}
