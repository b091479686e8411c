/*
 * lua/test_cases.c - the test cases of test files (lua/test_cases.h):
 * test{...} itself, and reading the declared cases back as plain C for
 * cmd/test.c and cmd/lint.c, which include no Lua header.
 *
 * test{} reads the author's table once, when the test file calls it, under
 * the file's instruction budget and memory cap: its own fields only (raw,
 * so no __index, __len or __tostring of the author's runs), each checked,
 * and copies what the runner needs into a table of the engine's that only
 * the registry holds. Inline rows become CSV text right there (so a case
 * goes through the real loader), expectations become lists of strings, and
 * params are deep-copied. Changing the author's table later changes
 * nothing, and reading a case back runs no Lua code at all.
 *
 * May include: core/, model/, lua/ (the runtime's inside), Lua's headers.
 */
#include "lua/test_cases.h"
#include "lua/api.h"
#include "lua/data_read.h"
#include "lua/rule_decl.h"
#include "lua/state.h"
#include "core/util.h"

#include <lauxlib.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const ltc_list_names[LTC_NLISTS + 1] = {"keys",       "columns",  "lines",    "messages",
                                                     "severities", "projects", "involves", NULL};

/* ---- test{} ---- */

/*
 * A growing byte buffer whose memory belongs to Lua: a userdata in a fixed
 * stack slot, replaced by a bigger one when it fills. It counts against the
 * memory cap, and an error raised halfway (a bad cell, the budget) leaks
 * nothing: the collector takes it.
 */
typedef struct {
    int slot;
    char *p;
    size_t n, cap;
} lbuf;

static void lb_init(lua_State *L, lbuf *b)
{
    b->cap = 256;
    b->n = 0;
    b->p = lua_newuserdatauv(L, b->cap, 0);
    b->slot = lua_gettop(L);
}

static void lb_add(lua_State *L, lbuf *b, const char *s, size_t n)
{
    if (n > b->cap - b->n) {
        size_t cap = b->cap;
        while (n > cap - b->n) {
            if (cap > SIZE_MAX / 4)
                luaL_error(L, "not enough memory");
            cap *= 2;
        }
        char *p = lua_newuserdatauv(L, cap, 0);
        memcpy(p, b->p, b->n);
        lua_replace(L, b->slot);
        b->p = p;
        b->cap = cap;
    }
    memcpy(b->p + b->n, s, n);
    b->n += n;
}

/* Replace the buffer's slot by its text as a string. */
static void lb_finish(lua_State *L, lbuf *b)
{
    lua_pushlstring(L, b->p, b->n);
    lua_replace(L, b->slot);
}

/* Text as one CSV field: quoted when it needs to be. */
static void csv_text(lua_State *L, lbuf *b, const char *s, size_t n)
{
    bool quote = n > 0 && (s[0] == ' ' || s[n - 1] == ' ');
    for (size_t i = 0; i < n && !quote; i++)
        quote = s[i] == ',' || s[i] == '"' || s[i] == '\n' || s[i] == '\r';
    if (!quote) {
        lb_add(L, b, s, n);
        return;
    }
    lb_add(L, b, "\"", 1);
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '"')
            lb_add(L, b, "\"", 1);
        lb_add(L, b, s + i, 1);
    }
    lb_add(L, b, "\"", 1);
}

typedef struct {
    const char *rule, *table; /* for messages: the case's rule, data.<table> */
} where;

/*
 * The cell at the top of the stack as CSV, converted without running any
 * of the author's code: nil is empty, booleans and numbers as Lua writes
 * them, strings as they are, dates as YYYY-MM-DD. Anything else (a table,
 * whatever its __tostring, a function) is an error at the test{} line.
 */
static void csv_cell(lua_State *L, lbuf *b, const where *w, lua_Integer row, const char *col)
{
    char num[64];
    pa_date d;
    size_t n;
    const char *s;
    switch (lua_type(L, -1)) {
    case LUA_TNIL:
        return;
    case LUA_TBOOLEAN:
        s = lua_toboolean(L, -1) ? "true" : "false";
        lb_add(L, b, s, strlen(s));
        return;
    case LUA_TNUMBER:
        if (lua_isinteger(L, -1))
            snprintf(num, sizeof num, "%lld", (long long)lua_tointeger(L, -1));
        else
            snprintf(num, sizeof num, "%.14g", (double)lua_tonumber(L, -1));
        lb_add(L, b, num, strlen(num));
        return;
    case LUA_TSTRING:
        s = lua_tolstring(L, -1, &n);
        csv_text(L, b, s, n);
        return;
    default:
        if (ldate_test(L, -1, &d)) {
            date_format(d, num);
            lb_add(L, b, num, strlen(num));
            return;
        }
        lrule_decl_error(L, w->rule, "test: data.%s[%d].%s is a %s (a cell is a string, number, boolean or date)",
                         w->table, (int)row, col, ldata_typename(L, -1));
    }
}

static int cmp_col(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/*
 * The columns of the list of rows at idx: the union of their keys, sorted,
 * pushed as a userdata array of names that the pushed set table (below it)
 * keeps alive. Every row must be a table whose keys are names.
 */
static const char **row_columns(lua_State *L, int idx, const where *w, size_t *ncols)
{
    lua_newtable(L); /* the set of names */
    int set = lua_gettop(L);
    size_t n = 0;
    lua_Integer nrows = (lua_Integer)lua_rawlen(L, idx);
    for (lua_Integer r = 1; r <= nrows; r++) {
        if (lua_rawgeti(L, idx, r) != LUA_TTABLE)
            lrule_decl_error(L, w->rule, "test: data.%s[%d] is a %s (a row is a table of column = value)",
                             w->table, (int)r, ldata_typename(L, -1));
        lua_pushnil(L);
        while (lua_next(L, -2)) {
            lua_pop(L, 1);
            lrt_charge(L, 1);
            if (lua_type(L, -1) != LUA_TSTRING || strlen(lua_tostring(L, -1)) != lua_rawlen(L, -1))
                lrule_decl_error(L, w->rule, "test: data.%s[%d] has a %s key (columns are named by strings)",
                                 w->table, (int)r, ldata_typename(L, -1));
            lua_pushvalue(L, -1);
            if (lua_rawget(L, set) == LUA_TNIL) {
                lua_pushvalue(L, -2);
                lua_pushboolean(L, 1);
                lua_rawset(L, set);
                n++;
            }
            lua_pop(L, 1);
        }
        lua_pop(L, 1);
    }
    const char **cols = lua_newuserdatauv(L, (n ? n : 1) * sizeof *cols, 0);
    size_t k = 0;
    lua_pushnil(L);
    while (lua_next(L, set)) {
        lua_pop(L, 1);
        cols[k++] = lua_tostring(L, -1); /* the set keeps it alive */
    }
    if (n > 1)
        qsort(cols, n, sizeof *cols, cmp_col);
    *ncols = n;
    return cols;
}

/* Push the list of rows at idx as CSV text: a header of the columns, then
 * one line per row. The work is charged per cell. */
static void rows_to_csv(lua_State *L, int idx, const where *w)
{
    size_t ncols;
    const char **cols = row_columns(L, idx, w, &ncols);
    lbuf b;
    lb_init(L, &b);
    for (size_t i = 0; i < ncols; i++) {
        if (i)
            lb_add(L, &b, ",", 1);
        csv_text(L, &b, cols[i], strlen(cols[i]));
    }
    lb_add(L, &b, "\n", 1);
    lua_Integer nrows = (lua_Integer)lua_rawlen(L, idx);
    for (lua_Integer r = 1; r <= nrows; r++) {
        lrt_charge(L, ncols + 1);
        if (lua_rawgeti(L, idx, r) != LUA_TTABLE) /* a weak list may have lost it since */
            lrule_decl_error(L, w->rule, "test: data.%s[%d] is a %s (a row is a table of column = value)",
                             w->table, (int)r, ldata_typename(L, -1));
        for (size_t i = 0; i < ncols; i++) {
            if (i)
                lb_add(L, &b, ",", 1);
            lua_pushstring(L, cols[i]);
            lua_rawget(L, -2);
            csv_cell(L, &b, w, r, cols[i]);
            lua_pop(L, 1);
        }
        lb_add(L, &b, "\n", 1);
        lua_pop(L, 1);
    }
    lb_finish(L, &b);
    lua_replace(L, -3); /* over the set of names; the array goes with it */
    lua_pop(L, 1);
}

/* data = {name = "CSV text" or {rows}}: each table as CSV text. */
static void copy_data(lua_State *L, const char *rule)
{
    int t = lx_rawfield(L, 1, "data");
    if (t != LUA_TTABLE && t != LUA_TNIL)
        lrule_decl_error(L, rule, "test: 'data' must map table names to CSV text or lists of rows");
    if (t == LUA_TTABLE) {
        luaL_checkstack(L, 24, "test: data"); /* rows_to_csv's and a message's */
        int src = lua_gettop(L);
        lua_newtable(L);
        lua_pushnil(L);
        while (lua_next(L, src)) {
            int vt = lua_type(L, -1);
            if (lua_type(L, -2) != LUA_TSTRING || strlen(lua_tostring(L, -2)) != lua_rawlen(L, -2) ||
                (vt != LUA_TSTRING && vt != LUA_TTABLE))
                lrule_decl_error(L, rule, "test: 'data' must map table names to CSV text or lists of rows");
            lua_pushvalue(L, -2);
            if (vt == LUA_TSTRING) {
                lua_pushvalue(L, -2);
            } else {
                where w = {rule, lua_tostring(L, -1)};
                rows_to_csv(L, lua_gettop(L) - 1, &w);
            }
            lua_rawset(L, -5);
            lua_pop(L, 1);
        }
        lua_setfield(L, 2, "data");
    }
    lua_pop(L, 1);
}

/* The key at the top, for a message: a string as it is, else [number] or [type]. */
static const char *key_text(lua_State *L)
{
    if (lua_type(L, -1) == LUA_TSTRING)
        return lua_tostring(L, -1);
    if (lua_type(L, -1) == LUA_TNUMBER) {
        lua_pushvalue(L, -1);
        return lua_pushfstring(L, "[%s]", lua_tostring(L, -1)); /* converts the copy: no metamethod */
    }
    return lua_pushfstring(L, "[%s]", ldata_typename(L, -1));
}

/* expect.<list> at the top, copied as a list of strings (false for "none"). */
static void copy_list(lua_State *L, const char *rule, const char *list)
{
    if (lua_type(L, -1) != LUA_TTABLE)
        lrule_decl_error(L, rule, "test: expect.%s must be a list, in report order", list);
    lua_Unsigned n = lua_rawlen(L, -1);
    lrt_charge(L, n);
    lua_createtable(L, n < INT32_MAX ? (int)n : 0, 0);
    for (lua_Integer i = 1; i <= (lua_Integer)n; i++) {
        int t = lua_rawgeti(L, -2, i);
        if (t == LUA_TNUMBER)
            lua_tostring(L, -1); /* a fresh copy on the stack: converted in place, as tostring() writes it */
        else if (t != LUA_TSTRING && !(t == LUA_TBOOLEAN && !lua_toboolean(L, -1)))
            lrule_decl_error(L, rule, "test: expect.%s[%d] is a %s (an entry is a string, a number, or false for "
                                      "none)", list, (int)i, ldata_typename(L, -1));
        lua_rawseti(L, -2, i);
    }
}

/* The value at the top as an integer in place (2.0 is 2), or an error. */
static void whole_number(lua_State *L, const char *rule, const char *what)
{
    int ok = 0;
    lua_Integer n = lua_type(L, -1) == LUA_TNUMBER ? lua_tointegerx(L, -1, &ok) : 0;
    if (!ok || n < 0)
        lrule_decl_error(L, rule, "test: %s must be a number of findings (0, 1, 2, ...)", what);
    lua_pop(L, 1);
    lua_pushinteger(L, n);
}

/* expect = { count = N, keys = {...}, ... }: the table at the top. */
static void copy_expect_table(lua_State *L, const char *rule)
{
    luaL_checkstack(L, 16, "test: expect");
    int src = lua_gettop(L);
    lua_pushnil(L);
    while (lua_next(L, src)) { /* an unknown key would be a check that never runs */
        lua_pop(L, 1);
        const char *k = lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : NULL;
        bool ok = k && strcmp(k, "count") == 0;
        for (int i = 0; k && ltc_list_names[i]; i++)
            ok |= strcmp(k, ltc_list_names[i]) == 0;
        if (!ok) {
            static const char *const ekeys[] = {"count", "keys", "columns", "lines", "messages", "severities",
                                                "projects", "involves", NULL};
            const char *sg = k ? str_suggest(k, ekeys) : NULL;
            lrule_decl_error(L, rule,
                             "test: unknown expect field '%s'%s%s%s (expect holds count, keys, columns, lines, "
                             "messages, severities, projects and involves, each a list in report order)",
                             key_text(L), sg ? " (did you mean '" : "", sg ? sg : "", sg ? "'?)" : "");
        }
    }
    lua_newtable(L);
    if (lx_rawfield(L, src, "count") != LUA_TNIL)
        whole_number(L, rule, "expect.count");
    lua_setfield(L, -2, "count");
    for (int i = 0; ltc_list_names[i]; i++) {
        if (lx_rawfield(L, src, ltc_list_names[i]) == LUA_TNIL) {
            lua_pop(L, 1);
            continue;
        }
        copy_list(L, rule, ltc_list_names[i]);
        lua_setfield(L, -3, ltc_list_names[i]);
        lua_pop(L, 1);
    }
}

/* expect = N, "skipped", "errored" or a table, copied. */
static void copy_expect(lua_State *L, const char *rule)
{
    int t = lx_rawfield(L, 1, "expect");
    if (t == LUA_TNUMBER)
        whole_number(L, rule, "'expect'");
    if (t == LUA_TTABLE) {
        copy_expect_table(L, rule);
        lua_remove(L, -2);
    } else if (t != LUA_TNUMBER && t != LUA_TSTRING) {
        lrule_decl_error(L, rule, "test: 'expect' must be a count, \"skipped\", \"errored\" or a table");
    }
    lua_setfield(L, 2, "expect");
}

/* baseline = { TABLE = rows, ... }: the row counts of an earlier run that
 * DAT-007 compares with, copied (names to whole numbers, 0 or more). */
static void copy_baseline(lua_State *L, const char *rule)
{
    int t = lx_rawfield(L, 1, "baseline");
    if (t == LUA_TNIL) {
        lua_pop(L, 1);
        return;
    }
    if (t != LUA_TTABLE)
        lrule_decl_error(L, rule, "test: 'baseline' must map table names to row counts, e.g. { tasks = 428 }");
    int src = lua_gettop(L);
    lua_newtable(L);
    lua_pushnil(L);
    while (lua_next(L, src)) {
        if (lua_type(L, -2) != LUA_TSTRING || !lua_isinteger(L, -1) || lua_tointeger(L, -1) < 0)
            lrule_decl_error(L, rule, "test: 'baseline' must map table names to row counts (whole numbers, 0 or more)");
        lua_pushvalue(L, -2);
        lua_insert(L, -2);
        lua_rawset(L, src + 1);
    }
    lua_setfield(L, 2, "baseline");
    lua_pop(L, 1);
}

/* Push the params table of the declared rule id (rule files load before
 * test files), or nothing and false when no rule has that id. */
static bool push_rule_params(lua_State *L, const char *id)
{
    lrt *rt = RT(L);
    lua_rawgeti(L, LUA_REGISTRYINDEX, rt->rules_ref);
    for (int i = 1; i <= rt->nrules; i++) {
        lua_rawgeti(L, -1, i);
        bool same = lx_rawfield(L, -1, "id") == LUA_TSTRING && strcmp(lua_tostring(L, -1), id) == 0;
        lua_pop(L, 1);
        if (same) {
            lx_rawfield(L, -1, "params");
            lua_replace(L, -3);
            lua_pop(L, 1);
            return true;
        }
        lua_pop(L, 1);
    }
    lua_pop(L, 1);
    return false;
}

/* "a, b, c", or "none": the names of the params table at idx; the closest to name in *best. */
static char *param_names(lua_State *L, int idx, const char *name, const char **best, char ***keys, size_t *n)
{
    *keys = lua_istable(L, idx) ? lx_sorted_keys(L, idx, n) : NULL;
    if (!*keys)
        *n = 0;
    sbuf b;
    sb_init(&b);
    for (size_t i = 0; i < *n; i++)
        sb_printf(&b, "%s%s", i ? ", " : "", (*keys)[i]);
    const char **v = xcalloc(*n + 1, sizeof *v);
    for (size_t i = 0; i < *n; i++)
        v[i] = (*keys)[i];
    *best = str_suggest(name, v);
    free(v);
    return b.data ? sb_steal(&b) : xstrdup("none");
}

/* Why param name (of Lua type vt) does not fit the rule's params table at
 * rule_params: not declared, or of another type than its default. */
static char *bad_param(lua_State *L, const char *rule, int rule_params, const char *name, int vt, int dt)
{
    const char *best;
    char **keys;
    size_t n;
    char *names = param_names(L, rule_params, name, &best, &keys, &n);
    char *m;
    if (dt == LUA_TNIL)
        m = xasprintf("test: params: unknown param '%s' (%s%s%sparams: %s)", name, best ? "did you mean '" : "",
                      best ? best : "", best ? "'?; " : "", names);
    else
        m = xasprintf("test: params: '%s' is a %s, but its default in rule %s is a %s", name, lua_typename(L, vt),
                      rule, lua_typename(L, dt));
    lx_free_keys(keys, n);
    free(names);
    return m;
}

/* The Lua type of the params table at idx's field name (nil when idx is not a table). */
static int field_type(lua_State *L, int idx, const char *name)
{
    if (!lua_istable(L, idx))
        return LUA_TNIL;
    int t = lx_rawfield(L, idx, name);
    lua_pop(L, 1);
    return t;
}

/*
 * The case's params (the engine's copy at index 2) must be params of its
 * rule, each of its default's type: a typo would otherwise be silently
 * ignored and the case test the default. Lint records each at the test{}
 * line and keeps the case (it is still the rule's test); otherwise the
 * first is an error there.
 */
static void check_case_params(lua_State *L, const char *rule)
{
    if (lx_rawfield(L, 2, "params") != LUA_TTABLE || !push_rule_params(L, rule)) {
        lua_pop(L, 1);
        return;
    }
    int cp = lua_gettop(L) - 1, rp = lua_gettop(L);
    size_t n;
    char **names = lx_sorted_keys(L, cp, &n);
    char *first = NULL;
    for (size_t i = 0; i < n && !first; i++) {
        int vt = field_type(L, cp, names[i]), dt = field_type(L, rp, names[i]);
        char *m = dt != vt ? bad_param(L, rule, rp, names[i], vt, dt) : NULL;
        if (m && RT(L)->lint) {
            luaL_where(L, lrt_decl_level(L));
            char *full = xasprintf("%srule %s: %s", lua_tostring(L, -1), rule, m);
            lua_pop(L, 1);
            lrt_problem(RT(L), full);
            free(full);
            free(m);
        } else {
            first = m;
        }
    }
    lx_free_keys(names, n);
    lua_pop(L, 2);
    if (first) {
        lua_pushstring(L, first);
        free(first);
        lrule_decl_error(L, rule, "%s", lua_tostring(L, -1));
    }
}

/*
 * test{ rule=..., name=..., [as_of=...], [params={...}], data={...},
 * [baseline={...}], expect=... } in a *_test.lua file: checked and copied
 * here, at its line, and kept with its file and line for the runner
 * (cmd/test.c).
 */
int ltc_declare(lua_State *L)
{
    static const char *const keys[] = {"rule", "name", "as_of", "profile", "params", "data", "baseline", "expect",
                                       NULL};
    lrt *rt = RT(L);
    if (lua_type(L, 1) != LUA_TTABLE)
        return lrule_decl_error(L, NULL, "test{...} takes one table: rule, name, data, expect");
    lua_settop(L, 1);
    lrule_check_keys(L, NULL, "test: ", keys);
    lua_createtable(L, 0, 8); /* 2: the engine's copy */
    const char *rule = lrule_copy_string(L, NULL, "test: ", "rule", true);
    lrule_copy_string(L, rule, "test: ", "name", true);
    lrule_copy_string(L, rule, "test: ", "as_of", false);
    lrule_copy_string(L, rule, "test: ", "profile", false);
    copy_data(L, rule);
    copy_expect(L, rule);
    copy_baseline(L, rule);
    lrule_copy_params(L, rule, "test: ");
    check_case_params(L, rule);
    lua_Debug ar;
    int line = 0;
    if (lua_getstack(L, lrt_decl_level(L), &ar) && lua_getinfo(L, "l", &ar))
        line = ar.currentline;
    lua_pushstring(L, rt->cur_path ? rt->cur_path : "?");
    lua_setfield(L, 2, "file");
    lua_pushinteger(L, line);
    lua_setfield(L, 2, "line");
    lua_rawgeti(L, LUA_REGISTRYINDEX, rt->tests_ref);
    lua_pushvalue(L, 2);
    lua_rawseti(L, -2, ++rt->ntests);
    return 0;
}

/* ---- the declared cases, for C ---- */

int ltc_count(lrt *rt)
{
    lua_rawgeti(rt->L, LUA_REGISTRYINDEX, rt->tests_ref);
    int n = (int)lua_rawlen(rt->L, -1);
    lua_pop(rt->L, 1);
    return n;
}

/* Push case k (the engine's copy). */
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
    char *s = lx_rawfield(L, idx, key) == LUA_TSTRING ? xstrdup(lua_tostring(L, -1)) : NULL;
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
    c->file = string_field(L, t, "file");
    lx_rawfield(L, t, "line");
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

/* expect.<list> at the top (copied by test{}: strings, false for none). */
static void read_list(lua_State *L, ltc_list *l)
{
    l->given = lua_type(L, -1) == LUA_TTABLE;
    l->n = l->given ? lua_rawlen(L, -1) : 0;
    l->want = l->n ? xcalloc(l->n, sizeof *l->want) : NULL;
    for (size_t i = 0; i < l->n; i++) {
        if (lua_rawgeti(L, -1, (lua_Integer)i + 1) == LUA_TSTRING)
            l->want[i] = xstrdup(lua_tostring(L, -1));
        lua_pop(L, 1);
    }
}

void ltc_read_expect(lrt *rt, int k, ltc_expect *e)
{
    lua_State *L = push_case(rt, k);
    int top = lua_gettop(L);
    memset(e, 0, sizeof *e);
    int t = lx_rawfield(L, top, "expect");
    int exp = lua_gettop(L);
    if (t == LUA_TSTRING) {
        e->status = xstrdup(lua_tostring(L, exp));
    } else if (t == LUA_TNUMBER) {
        e->is_count = e->has_count = true;
        e->count = (long long)lua_tointeger(L, exp);
    } else if (t == LUA_TTABLE) {
        if (lx_rawfield(L, exp, "count") == LUA_TNUMBER) {
            e->has_count = true;
            e->count = (long long)lua_tointeger(L, -1);
        }
        lua_pop(L, 1);
        for (int i = 0; i < LTC_NLISTS; i++) {
            lx_rawfield(L, exp, ltc_list_names[i]);
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

char **ltc_data(lrt *rt, int k, char ***texts, size_t *n)
{
    lua_State *L = push_case(rt, k);
    int top = lua_gettop(L);
    char **names = NULL;
    *texts = NULL;
    *n = 0;
    if (lx_rawfield(L, top, "data") == LUA_TTABLE) { /* name -> CSV text, made by test{} */
        int data = lua_gettop(L);
        names = lx_sorted_keys(L, data, n);
        if (names) /* data = {} is no tables */
            *texts = xcalloc(*n + 1, sizeof **texts);
        for (size_t i = 0; names && i < *n; i++) {
            lx_rawfield(L, data, names[i]);
            size_t len;
            const char *s = lua_tolstring(L, -1, &len);
            (*texts)[i] = xmalloc(len + 1);
            memcpy((*texts)[i], s, len + 1);
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
    if (lx_rawfield(L, -1, "params") == LUA_TTABLE)
        rt->case_params_ref = luaL_ref(L, LUA_REGISTRYINDEX);
    else
        lua_pop(L, 1);
    lua_pop(L, 1);
}

int ltc_baseline(lrt *rt, int k, char ***names, size_t **rows)
{
    lua_State *L = push_case(rt, k);
    int top = lua_gettop(L), n = -1;
    *names = NULL;
    *rows = NULL;
    if (lua_getfield(L, top, "baseline") == LUA_TTABLE) { /* test{} checked: names to counts */
        int t = lua_gettop(L);
        size_t nk;
        *names = lx_sorted_keys(L, t, &nk);
        *rows = xcalloc(nk + 1, sizeof **rows);
        for (size_t i = 0; i < nk; i++) {
            lua_getfield(L, t, (*names)[i]);
            (*rows)[i] = (size_t)lua_tointeger(L, -1);
            lua_pop(L, 1);
        }
        n = (int)nk;
    }
    lua_settop(L, top - 1);
    return n;
}

void ltc_free_baseline(char **names, size_t *rows, int n)
{
    lx_free_keys(names, n > 0 ? (size_t)n : 0);
    free(rows);
}

bool ltc_param_number(lrt *rt, int k, const char *name, double *v)
{
    lua_State *L = push_case(rt, k);
    int top = lua_gettop(L);
    bool ok = lua_getfield(L, top, "params") == LUA_TTABLE && lua_getfield(L, -1, name) == LUA_TNUMBER;
    if (ok)
        *v = lua_tonumber(L, -1);
    lua_settop(L, top - 1);
    return ok;
}
