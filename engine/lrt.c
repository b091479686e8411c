/*
 * lrt.c - the Lua rule runtime.
 *
 * Sandbox. Rule files are loaded in text mode only, each with its own _ENV
 * built from a whitelist: the safe base functions, copies of string, table,
 * math and utf8 (without string.dump), and the `pmo` library. io, os,
 * package, debug and coroutine are never opened; `load` is replaced by a
 * text-only version bound to the caller's environment; the string metatable
 * and every API metatable answer getmetatable() with false. Because each
 * file gets fresh copies of the library tables, a rule that changes
 * `string` or `pmo` changes them only for itself.
 *
 * Limits. A count hook charges every 1000 VM instructions against the
 * rule's budget (a base plus an allowance per row of the tables it reads, so
 * the limit is deterministic and scales with the data). The allocator
 * refuses growth past the rule's memory cap, which Lua reports as an
 * out-of-memory error. Once a rule is over either limit it is "killed": the
 * hook then fires on every instruction and raises again, so a rule cannot
 * catch the error with pcall and carry on.
 */
#include "lrt.h"
#include "lapi.h"
#include "util.h"

#include <lauxlib.h>
#include <lualib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define HOOK_EVERY 1000
enum { KILL_NONE = 0, KILL_INSTR, KILL_MEM };

typedef struct {
    int src;   /* index of the source in the registry */
    int line;
} decl;

struct lrt {
    lua_State *L;
    pa_limits lim;
    size_t mem, mem_cap;
    bool mem_hit;
    uint64_t instr, instr_limit;
    int killed;
    const pa_store *st;
    pa_date T;
    int template_ref;     /* registry ref of the sandbox template */
    int rules_ref;        /* registry ref of the declared rule tables */
    int nrules;
    int cur_src;          /* source being loaded */
    decl *decls;
    size_t declcap;
    /* the rule being run */
    const pa_rule *cur;
    pa_result *res;
    pa_table *cur_table;
    uint32_t cur_row;
    bool in_row;
};

const char *status_name(pa_status s)
{
    static const char *const names[] = {"passed", "failed", "skipped", "errored"};
    return names[s];
}

void limits_default(pa_limits *l)
{
    l->mem_limit = (size_t)1 << 30;
    l->instr_base = 500000000ULL;
    l->instr_per_row = 20000ULL;
    l->max_findings = 100000;
    l->match_limit = 100000;
}

static lrt *RT(lua_State *L)
{
    return *(lrt **)lua_getextraspace(L);
}

static void *lalloc(void *ud, void *ptr, size_t osize, size_t nsize)
{
    lrt *rt = ud;
    size_t old = ptr ? osize : 0;
    if (nsize == 0) {
        free(ptr);
        rt->mem -= old;
        return NULL;
    }
    if (nsize > old && rt->mem + (nsize - old) > rt->mem_cap) {
        rt->mem_hit = true;
        return NULL;
    }
    void *p = realloc(ptr, nsize);
    if (!p)
        return NULL;
    rt->mem = rt->mem - old + nsize;
    return p;
}

static void hook(lua_State *L, lua_Debug *ar)
{
    lrt *rt = RT(L);
    (void)ar;
    if (!rt->killed) {
        rt->instr += HOOK_EVERY;
        if (rt->instr > rt->instr_limit)
            rt->killed = KILL_INSTR;
        else if (rt->mem_hit)
            rt->killed = KILL_MEM;
    }
    if (rt->killed) {
        lua_sethook(L, hook, LUA_MASKCOUNT, 1);
        luaL_error(L, "%s", rt->killed == KILL_INSTR ? "instruction budget exceeded" : "memory limit exceeded");
    }
}

/* Arm the limits for one protected call; budget in instructions. */
static void arm(lrt *rt, uint64_t budget)
{
    rt->instr = 0;
    rt->instr_limit = budget;
    rt->killed = KILL_NONE;
    rt->mem_hit = false;
    rt->mem_cap = rt->mem + rt->lim.mem_limit;
    lua_sethook(rt->L, hook, LUA_MASKCOUNT, HOOK_EVERY);
}

static void disarm(lrt *rt)
{
    lua_sethook(rt->L, NULL, 0, 0);
    rt->mem_cap = SIZE_MAX;
    if (rt->killed || rt->mem_hit)
        lua_gc(rt->L, LUA_GCCOLLECT);
}

/* ---- sandbox ---- */

/* load(chunk [, name [, mode [, env]]]): text only; env defaults to the caller's. */
static int l_load(lua_State *L)
{
    size_t n;
    const char *s = luaL_checklstring(L, 1, &n);
    const char *name = luaL_optstring(L, 2, "=(load)");
    if (n > 0 && s[0] == LUA_SIGNATURE[0])
        return luaL_error(L, "load: binary chunks are not allowed in rules");
    int status = luaL_loadbufferx(L, s, n, name, "t");
    if (status != LUA_OK) {
        lua_pushnil(L);
        lua_insert(L, -2);
        return 2;
    }
    if (!lua_isnoneornil(L, 4))
        lua_pushvalue(L, 4);
    else
        lua_pushvalue(L, lua_upvalueindex(1));
    lua_setupvalue(L, -2, 1);
    return 1;
}

/* collectgarbage: only "count" and "collect"; a rule cannot stop the collector. */
static int l_collectgarbage(lua_State *L)
{
    const char *opt = luaL_optstring(L, 1, "collect");
    if (strcmp(opt, "count") == 0) {
        lua_pushnumber(L, (lua_Number)lua_gc(L, LUA_GCCOUNT) + lua_gc(L, LUA_GCCOUNTB) / 1024.0);
        return 1;
    }
    if (strcmp(opt, "collect") == 0) {
        lua_gc(L, LUA_GCCOLLECT);
        lua_pushinteger(L, 0);
        return 1;
    }
    return luaL_error(L, "collectgarbage(\"%s\") is not available to rules", opt);
}

/* print: to stderr, prefixed with the running rule's id. */
static int l_print(lua_State *L)
{
    lrt *rt = RT(L);
    int n = lua_gettop(L);
    sbuf b;
    sb_init(&b);
    sb_printf(&b, "[%s] ", rt->cur ? rt->cur->id : "load");
    for (int i = 1; i <= n; i++) {
        size_t len;
        const char *s = luaL_tolstring(L, i, &len);
        if (i > 1)
            sb_putc(&b, '\t');
        sb_add(&b, s, len);
        lua_pop(L, 1);
    }
    fprintf(stderr, "%s\n", b.data);
    sb_free(&b);
    return 0;
}

static int l_blank(lua_State *L)
{
    if (lua_isnoneornil(L, 1)) {
        lua_pushboolean(L, 1);
        return 1;
    }
    if (lua_type(L, 1) != LUA_TSTRING) {
        lua_pushboolean(L, 0);
        return 1;
    }
    size_t n;
    const char *s = lua_tolstring(L, 1, &n);
    str_trim(&s, &n);
    lua_pushboolean(L, n == 0);
    return 1;
}

static int l_trim(lua_State *L)
{
    size_t n;
    const char *s = luaL_checklstring(L, 1, &n);
    str_trim(&s, &n);
    lua_pushlstring(L, s, n);
    return 1;
}

static int l_isdate(lua_State *L)
{
    lua_pushboolean(L, ldate_test(L, 1, NULL));
    return 1;
}

static int l_rule(lua_State *L);

static const char *const base_names[] = {"assert", "error",    "ipairs",   "next",   "pairs",   "pcall",
                                         "select", "tonumber", "tostring", "type",   "xpcall",  "rawequal",
                                         "rawlen", "rawget",   "rawset",   "setmetatable", "getmetatable",
                                         NULL};
static const char *const lib_names[] = {"string", "table", "math", "utf8", NULL};

/* The template every rule environment is copied from. */
static void build_template(lrt *rt)
{
    lua_State *L = rt->L;
    lua_newtable(L);
    for (int i = 0; base_names[i]; i++) {
        lua_getglobal(L, base_names[i]);
        lua_setfield(L, -2, base_names[i]);
    }
    for (int i = 0; lib_names[i]; i++) {
        lua_getglobal(L, lib_names[i]);
        lua_setfield(L, -2, lib_names[i]);
    }
    lua_pushcfunction(L, l_collectgarbage);
    lua_setfield(L, -2, "collectgarbage");
    lua_pushcfunction(L, l_print);
    lua_setfield(L, -2, "print");
    lua_pushliteral(L, LUA_VERSION);
    lua_setfield(L, -2, "_VERSION");
    static const luaL_Reg pmo[] = {{"date", ldate_new}, {"re", lregex_new}, {"blank", l_blank},
                                   {"trim", l_trim},    {"is_date", l_isdate}, {NULL, NULL}};
    luaL_newlib(L, pmo);
    lua_setfield(L, -2, "pmo");
    rt->template_ref = luaL_ref(L, LUA_REGISTRYINDEX);
}

static void shallow_copy(lua_State *L, int idx)
{
    idx = lua_absindex(L, idx);
    lua_newtable(L);
    lua_pushnil(L);
    while (lua_next(L, idx)) {
        lua_pushvalue(L, -2);
        lua_insert(L, -2);
        lua_rawset(L, -4);
    }
}

/* A fresh environment for one rule file. */
static void push_env(lrt *rt)
{
    lua_State *L = rt->L;
    lua_rawgeti(L, LUA_REGISTRYINDEX, rt->template_ref);
    shallow_copy(L, -1);
    lua_remove(L, -2);
    int env = lua_gettop(L);
    for (int i = 0; lib_names[i]; i++) {
        lua_getfield(L, env, lib_names[i]);
        shallow_copy(L, -1);
        lua_setfield(L, env, lib_names[i]);
        lua_pop(L, 1);
    }
    lua_getfield(L, env, "pmo");
    shallow_copy(L, -1);
    lua_setfield(L, env, "pmo");
    lua_pop(L, 1);
    lua_pushvalue(L, env);
    lua_pushcclosure(L, l_load, 1);
    lua_setfield(L, env, "load");
    lua_pushcfunction(L, l_rule);
    lua_setfield(L, env, "rule");
    lua_pushvalue(L, env);
    lua_setfield(L, env, "_G");
}

lrt *lrt_new(const pa_limits *lim)
{
    lrt *rt = xcalloc(1, sizeof *rt);
    if (lim)
        rt->lim = *lim;
    else
        limits_default(&rt->lim);
    rt->mem_cap = SIZE_MAX;
    lua_State *L = lua_newstate(lalloc, rt);
    if (!L) {
        free(rt);
        return NULL;
    }
    rt->L = L;
    *(lrt **)lua_getextraspace(L) = rt;
    luaL_requiref(L, LUA_GNAME, luaopen_base, 1);
    luaL_requiref(L, LUA_STRLIBNAME, luaopen_string, 1);
    luaL_requiref(L, LUA_TABLIBNAME, luaopen_table, 1);
    luaL_requiref(L, LUA_MATHLIBNAME, luaopen_math, 1);
    luaL_requiref(L, LUA_UTF8LIBNAME, luaopen_utf8, 1);
    lua_pop(L, 5);
    /* No string.dump anywhere, and no way to reach the string metatable. */
    lua_getglobal(L, "string");
    lua_pushnil(L);
    lua_setfield(L, -2, "dump");
    lua_pop(L, 1);
    lua_pushliteral(L, "");
    lua_getmetatable(L, -1);
    lua_pushboolean(L, 0);
    lua_setfield(L, -2, "__metatable");
    lua_pop(L, 2);
    /* Deterministic math.random. */
    lua_getglobal(L, "math");
    lua_getfield(L, -1, "randomseed");
    lua_pushinteger(L, 42);
    lua_call(L, 1, 0);
    lua_pop(L, 1);
    ldate_open(L);
    lregex_open(L, rt->lim.match_limit);
    ldata_open(L);
    build_template(rt);
    lua_newtable(L);
    rt->rules_ref = luaL_ref(L, LUA_REGISTRYINDEX);
    return rt;
}

void lrt_free(lrt *rt)
{
    if (!rt)
        return;
    lua_close(rt->L);
    free(rt->decls);
    free(rt);
}

/* ---- declaring rules ---- */

static const char *const rule_keys[] = {"id",     "title", "severity", "domain", "tables", "params", "doc",
                                        "each",   "check", "engine",   "gates",  "tags",   NULL};

/* Levenshtein distance, for "did you mean". */
static size_t edit_distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la > 64 || lb > 64)
        return 99;
    size_t d[65][65];
    for (size_t i = 0; i <= la; i++)
        d[i][0] = i;
    for (size_t j = 0; j <= lb; j++)
        d[0][j] = j;
    for (size_t i = 1; i <= la; i++)
        for (size_t j = 1; j <= lb; j++) {
            size_t c = d[i - 1][j - 1] + (a[i - 1] != b[j - 1]);
            if (d[i - 1][j] + 1 < c)
                c = d[i - 1][j] + 1;
            if (d[i][j - 1] + 1 < c)
                c = d[i][j - 1] + 1;
            d[i][j] = c;
        }
    return d[la][lb];
}

static const char *suggest(const char *word, const char *const *choices)
{
    const char *best = NULL;
    size_t bd = 3;
    for (int i = 0; choices[i]; i++) {
        size_t d = edit_distance(word, choices[i]);
        if (d < bd) {
            bd = d;
            best = choices[i];
        }
    }
    return best;
}

/* Raise an error located at the rule{} call (level 1 = the declaring chunk). */
static int decl_error(lua_State *L, const char *id, const char *fmt, ...)
{
    va_list ap;
    luaL_where(L, 1);
    if (id)
        lua_pushfstring(L, "rule %s: ", id);
    else
        lua_pushliteral(L, "rule: ");
    va_start(ap, fmt);
    lua_pushvfstring(L, fmt, ap);
    va_end(ap);
    lua_concat(L, 3);
    return lua_error(L);
}

static const char *opt_string_field(lua_State *L, const char *id, const char *key, bool required)
{
    int t = lua_getfield(L, 1, key);
    if (t == LUA_TNIL && !required) {
        lua_pop(L, 1);
        return NULL;
    }
    if (t != LUA_TSTRING || lua_rawlen(L, -1) == 0)
        decl_error(L, id, "'%s' must be a non-empty string", key);
    const char *s = lua_tostring(L, -1);
    lua_pop(L, 1); /* the rule table keeps the string alive */
    return s;
}

static bool valid_id(const char *s)
{
    if (!*s)
        return false;
    for (; *s; s++)
        if (!((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '-' ||
              *s == '_' || *s == '.'))
            return false;
    return true;
}

static void check_params(lua_State *L, const char *id)
{
    int t = lua_getfield(L, 1, "params");
    if (t != LUA_TNIL && t != LUA_TTABLE)
        decl_error(L, id, "'params' must be a table of name = default");
    if (t == LUA_TTABLE) {
        lua_pushnil(L);
        while (lua_next(L, -2)) {
            int vt = lua_type(L, -1);
            if (lua_type(L, -2) != LUA_TSTRING)
                decl_error(L, id, "param names must be strings");
            if (vt != LUA_TNUMBER && vt != LUA_TSTRING && vt != LUA_TBOOLEAN && vt != LUA_TTABLE)
                decl_error(L, id, "param '%s' must default to a number, string, boolean or table",
                           lua_tostring(L, -2));
            lua_pop(L, 1);
        }
    }
    lua_pop(L, 1);
}

/* rule{ id=..., title=..., severity=..., domain=..., tables={...}, params={...}, doc=..., [each=...], check=fn } */
static int l_rule(lua_State *L)
{
    lrt *rt = RT(L);
    if (lua_type(L, 1) != LUA_TTABLE)
        return decl_error(L, NULL, "rule{...} takes one table of metadata and a check function");
    lua_settop(L, 1);
    const char *id = NULL;
    if (lua_getfield(L, 1, "id") == LUA_TSTRING)
        id = lua_tostring(L, -1);
    lua_pop(L, 1);
    lua_pushnil(L);
    while (lua_next(L, 1)) {
        lua_pop(L, 1);
        const char *k = lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : NULL;
        bool ok = false;
        for (int i = 0; k && rule_keys[i]; i++)
            ok |= strcmp(k, rule_keys[i]) == 0;
        if (!ok) {
            const char *s = k ? suggest(k, rule_keys) : NULL;
            return decl_error(L, id, "unknown field '%s'%s%s%s", k ? k : "?", s ? " (did you mean '" : "",
                              s ? s : "", s ? "'?)" : "");
        }
    }
    id = opt_string_field(L, NULL, "id", true);
    if (!valid_id(id))
        return decl_error(L, id, "ids may only hold letters, digits, '-', '_' and '.'");
    opt_string_field(L, id, "title", true);
    const char *sev = opt_string_field(L, id, "severity", true);
    if (sev_parse(sev, false) < 0)
        return decl_error(L, id, "unknown severity '%s' (use info, warning, error or critical)", sev);
    opt_string_field(L, id, "domain", true);
    opt_string_field(L, id, "doc", true);
    if (lua_getfield(L, 1, "tables") != LUA_TTABLE)
        return decl_error(L, id, "'tables' must list the tables the rule reads, e.g. {\"projects\", \"tasks?\"} "
                                 "(a '?' marks a table read only when present)");
    lua_Integer nt = luaL_len(L, -1);
    for (lua_Integer i = 1; i <= nt; i++) {
        if (lua_rawgeti(L, -1, i) != LUA_TSTRING)
            return decl_error(L, id, "'tables' must be a list of table names");
        lua_pop(L, 1);
    }
    lua_pop(L, 1);
    const char *each = opt_string_field(L, id, "each", false);
    if (each) {
        bool listed = false;
        lua_getfield(L, 1, "tables");
        for (lua_Integer i = 1; i <= nt; i++) {
            lua_rawgeti(L, -1, i);
            listed |= strcmp(lua_tostring(L, -1), each) == 0; /* an each table cannot be optional */
            lua_pop(L, 1);
        }
        lua_pop(L, 1);
        if (!listed)
            return decl_error(L, id, "each = \"%s\" must also be listed in 'tables'", each);
    }
    check_params(L, id);
    bool engine = lua_getfield(L, 1, "engine") == LUA_TBOOLEAN && lua_toboolean(L, -1);
    lua_pop(L, 1);
    if (engine) {
        static const char *const known[] = {"DAT-001", "DAT-002", "DAT-003", "DAT-004", NULL};
        bool ok = false;
        for (int i = 0; known[i]; i++)
            ok |= strcmp(id, known[i]) == 0;
        if (!ok)
            return decl_error(L, id, "engine = true is only for the engine's own checks (DAT-001..004)");
    } else if (lua_getfield(L, 1, "check") != LUA_TFUNCTION) {
        return decl_error(L, id, "'check' must be a function: check(row, ctx) with each=, else check(ctx)");
    } else {
        lua_pop(L, 1);
    }
    lua_Debug ar;
    int line = 0;
    if (lua_getstack(L, 1, &ar) && lua_getinfo(L, "l", &ar))
        line = ar.currentline;
    GROW(rt->decls, rt->declcap, (size_t)rt->nrules + 1);
    rt->decls[rt->nrules].src = rt->cur_src;
    rt->decls[rt->nrules].line = line;
    lua_rawgeti(L, LUA_REGISTRYINDEX, rt->rules_ref);
    lua_pushvalue(L, 1);
    lua_rawseti(L, -2, ++rt->nrules);
    lua_pop(L, 1);
    return 0;
}

/* Turn a failed protected call into a message; adds the kill reason. */
static char *error_text(lrt *rt, int status)
{
    lua_State *L = rt->L;
    const char *msg = lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : NULL;
    char *out;
    if (rt->killed == KILL_INSTR)
        out = xasprintf("stopped: exceeded its instruction budget of %llu instructions (an endless loop?); "
                        "raise it with --max-instructions", (unsigned long long)rt->instr_limit);
    else if (rt->killed == KILL_MEM || status == LUA_ERRMEM)
        out = xasprintf("stopped: exceeded its memory limit of %zu MiB; raise it with --max-rule-memory",
                        rt->lim.mem_limit >> 20);
    else if (msg)
        out = xstrdup(msg);
    else
        out = xasprintf("error object is a %s value", luaL_typename(L, -1));
    lua_pop(L, 1);
    return out;
}

int lrt_load_sources(lrt *rt, const pa_registry *reg, char **err)
{
    lua_State *L = rt->L;
    for (int i = 0; i < reg->nsrc; i++) {
        const pa_source *s = &reg->src[i];
        char *chunk = xasprintf("@%s", s->path);
        if (s->len > 0 && s->text[0] == LUA_SIGNATURE[0]) {
            *err = xasprintf("%s:1: precompiled (binary) Lua chunks are not accepted; give the rule's source",
                             s->path);
            free(chunk);
            return -1;
        }
        int status = luaL_loadbufferx(L, s->text, s->len, chunk, "t");
        free(chunk);
        if (status != LUA_OK) {
            *err = error_text(rt, status);
            return -1;
        }
        push_env(rt);
        lua_setupvalue(L, -2, 1);
        rt->cur_src = i;
        arm(rt, rt->lim.instr_base);
        status = lua_pcall(L, 0, 0, 0);
        disarm(rt);
        if (status != LUA_OK) {
            char *m = error_text(rt, status);
            *err = xasprintf("%s (while loading %s)", m, s->path);
            free(m);
            return -1;
        }
    }
    return 0;
}

/* ---- metadata ---- */

static void serialize(lua_State *L, int idx, sbuf *b, int depth);

static int cmp_keys(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void serialize_table(lua_State *L, int idx, sbuf *b, int depth)
{
    lua_Integer n = (lua_Integer)lua_rawlen(L, idx);
    sb_putc(b, '{');
    if (n > 0) {
        for (lua_Integer i = 1; i <= n; i++) {
            lua_rawgeti(L, idx, i);
            sb_puts(b, i > 1 ? ", " : "");
            serialize(L, lua_gettop(L), b, depth + 1);
            lua_pop(L, 1);
        }
        sb_putc(b, '}');
        return;
    }
    char **keys = NULL;
    size_t nk = 0, cap = 0;
    lua_pushnil(L);
    while (lua_next(L, idx)) {
        lua_pop(L, 1);
        if (lua_type(L, -1) == LUA_TSTRING) {
            GROW(keys, cap, nk + 1);
            keys[nk++] = xstrdup(lua_tostring(L, -1));
        }
    }
    qsort(keys, nk, sizeof *keys, cmp_keys);
    for (size_t i = 0; i < nk; i++) {
        sb_printf(b, "%s%s = ", i ? ", " : " ", keys[i]);
        lua_getfield(L, idx, keys[i]);
        serialize(L, lua_gettop(L), b, depth + 1);
        lua_pop(L, 1);
        free(keys[i]);
    }
    free(keys);
    sb_puts(b, nk ? " }" : "}");
}

/* A value as Lua source text, tables with sorted keys (deterministic). */
static void serialize(lua_State *L, int idx, sbuf *b, int depth)
{
    switch (lua_type(L, idx)) {
    case LUA_TNUMBER:
        if (lua_isinteger(L, idx))
            sb_printf(b, "%lld", (long long)lua_tointeger(L, idx));
        else
            sb_printf(b, "%.14g", (double)lua_tonumber(L, idx));
        break;
    case LUA_TBOOLEAN:
        sb_puts(b, lua_toboolean(L, idx) ? "true" : "false");
        break;
    case LUA_TSTRING: {
        size_t n;
        const char *s = lua_tolstring(L, idx, &n);
        sb_putc(b, '"');
        for (size_t i = 0; i < n; i++) {
            if (s[i] == '"' || s[i] == '\\')
                sb_putc(b, '\\');
            if (s[i] == '\n')
                sb_puts(b, "\\n");
            else
                sb_putc(b, s[i]);
        }
        sb_putc(b, '"');
        break;
    }
    case LUA_TTABLE:
        if (depth > 8)
            sb_puts(b, "{...}");
        else
            serialize_table(L, idx, b, depth);
        break;
    default:
        sb_puts(b, luaL_typename(L, idx));
    }
}

static char *field_dup(lua_State *L, int t, const char *k)
{
    lua_getfield(L, t, k);
    char *s = lua_isstring(L, -1) ? xstrdup(lua_tostring(L, -1)) : NULL;
    lua_pop(L, 1);
    return s;
}

static void extract_params(lua_State *L, int t, pa_rule *r)
{
    if (lua_getfield(L, t, "params") != LUA_TTABLE) {
        lua_pop(L, 1);
        return;
    }
    int p = lua_gettop(L);
    char **names = NULL;
    size_t n = 0, cap = 0;
    lua_pushnil(L);
    while (lua_next(L, p)) {
        lua_pop(L, 1);
        GROW(names, cap, n + 1);
        names[n++] = xstrdup(lua_tostring(L, -1));
    }
    qsort(names, n, sizeof *names, cmp_keys);
    r->params = xcalloc(n ? n : 1, sizeof *r->params);
    for (size_t i = 0; i < n; i++) {
        lua_getfield(L, p, names[i]);
        sbuf b;
        sb_init(&b);
        serialize(L, lua_gettop(L), &b, 0);
        r->params[i].name = names[i];
        r->params[i].type = xstrdup(luaL_typename(L, -1));
        r->params[i].shown = sb_steal(&b);
        lua_pop(L, 1);
    }
    r->nparams = (int)n;
    free(names);
    lua_pop(L, 1);
}

int lrt_extract(lrt *rt, pa_registry *reg, char **err)
{
    lua_State *L = rt->L;
    reg->v = xcalloc((size_t)rt->nrules + 1, sizeof *reg->v);
    reg->n = 0;
    lua_rawgeti(L, LUA_REGISTRYINDEX, rt->rules_ref);
    for (int i = 0; i < rt->nrules; i++) {
        lua_rawgeti(L, -1, i + 1);
        int t = lua_gettop(L);
        pa_rule *r = &reg->v[reg->n++];
        r->id = field_dup(L, t, "id");
        r->title = field_dup(L, t, "title");
        r->domain = field_dup(L, t, "domain");
        r->doc = field_dup(L, t, "doc");
        r->each = field_dup(L, t, "each");
        char *sev = field_dup(L, t, "severity");
        r->sev = (pa_sev)sev_parse(sev, false);
        free(sev);
        r->file = reg->src[rt->decls[i].src].path;
        r->line = rt->decls[i].line;
        lua_getfield(L, t, "engine");
        r->engine = lua_toboolean(L, -1);
        lua_pop(L, 1);
        lua_getfield(L, t, "tables");
        r->ntables = (int)lua_rawlen(L, -1);
        r->tables = xcalloc((size_t)r->ntables + 1, sizeof *r->tables);
        for (int k = 0; k < r->ntables; k++) {
            lua_rawgeti(L, -1, k + 1);
            r->tables[k] = xstrdup(lua_tostring(L, -1));
            lua_pop(L, 1);
        }
        lua_pop(L, 1);
        extract_params(L, t, r);
        r->selected = true;
        lua_pop(L, 1);
        for (int k = 0; k < reg->n - 1; k++) {
            if (strcmp(reg->v[k].id, r->id) == 0) {
                *err = xasprintf("%s:%d: duplicate rule id %s (already declared at %s:%d); ids must be unique",
                                 r->file, r->line, r->id, reg->v[k].file, reg->v[k].line);
                lua_pop(L, 1);
                return -1;
            }
        }
    }
    lua_pop(L, 1);
    return 0;
}

/* ---- params ---- */

/* Push the rule's param `name` default (or nil). */
static int push_default(lua_State *L, int rule_idx, const char *name)
{
    lua_getfield(L, rule_idx, "params");
    if (!lua_istable(L, -1)) {
        lua_pop(L, 1);
        lua_pushnil(L);
        return LUA_TNIL;
    }
    int t = lua_getfield(L, -1, name);
    lua_remove(L, -2);
    return t;
}

/* Convert override text to the type of the default at index def; pushes the
 * value, or returns an error message (and pushes nothing). */
static char *push_converted(lrt *rt, int def, const pa_override *o)
{
    lua_State *L = rt->L;
    const char *v = o->value;
    switch (lua_type(L, def)) {
    case LUA_TNUMBER:
        if (!lua_stringtonumber(L, v))
            return xasprintf("--set %s.%s=%s: expected a number", o->rule, o->param, v);
        return NULL;
    case LUA_TBOOLEAN: {
        bool b;
        if (!val_parse_bool(v, strlen(v), &b))
            return xasprintf("--set %s.%s=%s: expected true or false", o->rule, o->param, v);
        lua_pushboolean(L, b);
        return NULL;
    }
    case LUA_TSTRING:
        lua_pushstring(L, v);
        return NULL;
    default: {
        char *src = xasprintf("return %s", v);
        int st = luaL_loadbufferx(L, src, strlen(src), "=--set", "t");
        free(src);
        if (st == LUA_OK) {
            lua_newtable(L); /* an empty environment: data only */
            lua_setupvalue(L, -2, 1);
            arm(rt, 1000000);
            st = lua_pcall(L, 0, 1, 0);
            disarm(rt);
        }
        if (st != LUA_OK || !lua_istable(L, -1)) {
            lua_pop(L, 1);
            return xasprintf("--set %s.%s: expected a Lua table such as {a = {\"G1\"}}", o->rule, o->param);
        }
        return NULL;
    }
    }
}

int lrt_check_overrides(lrt *rt, const pa_registry *reg, char **err)
{
    lua_State *L = rt->L;
    for (int i = 0; i < reg->novr; i++) {
        const pa_override *o = &reg->ovr[i];
        int k = reg_index(reg, o->rule);
        if (k < 0) {
            *err = xasprintf("--set %s.%s: no rule %s (see `pmoaudit list`)", o->rule, o->param, o->rule);
            return -1;
        }
        lua_rawgeti(L, LUA_REGISTRYINDEX, rt->rules_ref);
        lua_rawgeti(L, -1, k + 1);
        if (push_default(L, lua_gettop(L), o->param) == LUA_TNIL) {
            sbuf b;
            sb_init(&b);
            for (int p = 0; p < reg->v[k].nparams; p++)
                sb_printf(&b, "%s%s", p ? ", " : "", reg->v[k].params[p].name);
            *err = xasprintf("--set %s.%s: rule %s has no param '%s' (params: %s)", o->rule, o->param, o->rule,
                             o->param, b.data ? b.data : "none");
            sb_free(&b);
            lua_pop(L, 3);
            return -1;
        }
        char *e = push_converted(rt, lua_gettop(L), o);
        lua_pop(L, e ? 3 : 4);
        if (e) {
            *err = e;
            return -1;
        }
    }
    return 0;
}

static void deep_copy(lua_State *L, int idx, int depth)
{
    if (lua_type(L, idx) != LUA_TTABLE || depth > 16) {
        lua_pushvalue(L, idx);
        return;
    }
    idx = lua_absindex(L, idx);
    lua_newtable(L);
    lua_pushnil(L);
    while (lua_next(L, idx)) {
        lua_pushvalue(L, -2);
        deep_copy(L, -2, depth + 1);
        lua_rawset(L, -5);
        lua_pop(L, 1);
    }
}

/* Push the rule's params: defaults with the --set overrides applied. */
static void push_params(lrt *rt, const pa_registry *reg, int rule_idx, const char *id)
{
    lua_State *L = rt->L;
    lua_getfield(L, rule_idx, "params");
    if (lua_istable(L, -1))
        deep_copy(L, -1, 0);
    else
        lua_newtable(L);
    lua_remove(L, -2);
    int p = lua_gettop(L);
    for (int i = 0; i < reg->novr; i++) {
        const pa_override *o = &reg->ovr[i];
        if (strcmp(o->rule, id) != 0)
            continue;
        lua_getfield(L, p, o->param);
        char *e = push_converted(rt, lua_gettop(L), o);
        if (e) { /* checked before the run; cannot happen */
            free(e);
            lua_pop(L, 1);
            continue;
        }
        lua_setfield(L, p, o->param);
        lua_pop(L, 1);
    }
}

/* ---- running ---- */

void lrt_bind(lrt *rt, const pa_store *st, pa_date T)
{
    rt->st = st;
    rt->T = T;
}

static const char *field_string(lua_State *L, int t, const char *k)
{
    int ty = lua_getfield(L, t, k);
    if (ty == LUA_TNIL) {
        lua_pop(L, 1);
        return NULL;
    }
    return luaL_tolstring(L, -1, NULL); /* leaves value and string on the stack */
}

/*
 * ctx.report(row, column, message) or ctx.report{row=, column=, message=,
 * value=, severity=, key=, project=, table=, id=}. Fields left out come from
 * the row: its table, key, project, file and line, and the cell's value.
 */
static int l_report(lua_State *L)
{
    lrt *rt = RT(L);
    if (!rt->cur)
        return luaL_error(L, "report() can only be called while a rule runs");
    const pa_rule *rule = rt->cur;
    pa_table *t = NULL;
    uint32_t r = 0;
    bool has_row = false;
    const char *column = NULL, *message = NULL, *value = NULL, *key = NULL, *project = NULL, *table = NULL,
               *disc = NULL;
    pa_sev sev = rule->sev;
    if (lua_type(L, 1) == LUA_TTABLE) {
        lua_settop(L, 1);
        lua_getfield(L, 1, "row");
        if (!lua_isnil(L, -1) && !(has_row = ldata_test_row(L, -1, &t, &r)))
            return luaL_error(L, "report: 'row' must be a row");
        column = field_string(L, 1, "column");
        message = field_string(L, 1, "message");
        value = field_string(L, 1, "value");
        key = field_string(L, 1, "key");
        project = field_string(L, 1, "project");
        table = field_string(L, 1, "table");
        disc = field_string(L, 1, "id");
        const char *s = field_string(L, 1, "severity");
        if (s) {
            int k = sev_parse(s, false);
            if (k < 0)
                return luaL_error(L, "report: unknown severity '%s'", s);
            sev = (pa_sev)k;
        }
    } else {
        if (!lua_isnoneornil(L, 1) && !(has_row = ldata_test_row(L, 1, &t, &r)))
            return luaL_error(L, "report(row, column, message): the first argument must be a row or nil");
        if (!lua_isnoneornil(L, 2))
            column = luaL_checkstring(L, 2);
        if (!lua_isnoneornil(L, 3))
            message = luaL_tolstring(L, 3, NULL);
    }
    if (!message)
        return luaL_error(L, "report: a message is required");
    char keybuf[512], valbuf[64];
    const char *file = NULL;
    uint32_t line = 0;
    if (has_row) {
        int col = column ? tab_column(t, column) : -1;
        if (column && col < 0)
            return luaL_error(L, "report: table %s has no column '%s'", t->name, column);
        if (!table)
            table = t->name;
        if (!key) {
            tab_row_key(t, r, keybuf, sizeof keybuf);
            key = keybuf[0] ? keybuf : NULL;
        }
        if (!project && t->project_col >= 0)
            project = tab_text(t, t->project_col, r, NULL);
        if (!value && col >= 0) {
            size_t n;
            value = tab_cell_text(t, col, r, valbuf, sizeof valbuf, &n);
        }
        file = t->file;
        line = t->line[r];
    }
    pa_result *res = rt->res;
    res->count++;
    res->by_sev[sev]++;
    if (res->findings.n >= rt->lim.max_findings) {
        res->dropped++;
        return 0;
    }
    fnd_add(&res->findings, rule->id, sev, table, key, project, file, line, column, value, message, disc);
    return 0;
}

static void push_ctx(lrt *rt, const pa_registry *reg, int rule_idx, const pa_rule *rule)
{
    lua_State *L = rt->L;
    lua_createtable(L, 0, 6);
    ldate_push(L, rt->T);
    lua_setfield(L, -2, "T");
    lua_pushstring(L, rule->id);
    lua_setfield(L, -2, "rule");
    push_params(rt, reg, rule_idx, rule->id);
    lua_setfield(L, -2, "params");
    lua_pushcfunction(L, l_report);
    lua_setfield(L, -2, "report");
    lua_createtable(L, 0, rt->st ? rt->st->ntables : 0);
    for (int i = 0; rt->st && i < rt->st->ntables; i++) {
        ldata_push_table(L, rt->st->tables[i]);
        lua_setfield(L, -2, rt->st->tables[i]->name);
    }
    lua_setfield(L, -2, "tables");
}

/* Runs inside lua_pcall: upvalues are the registry and rule index (light). */
static int run_protected(lua_State *L)
{
    lrt *rt = RT(L);
    const pa_registry *reg = lua_touserdata(L, 1);
    int i = (int)lua_tointeger(L, 2);
    const pa_rule *rule = &reg->v[i];
    lua_settop(L, 0);
    lua_rawgeti(L, LUA_REGISTRYINDEX, rt->rules_ref);
    lua_rawgeti(L, -1, i + 1); /* 2: rule table */
    lua_getfield(L, 2, "check"); /* 3: check */
    push_ctx(rt, reg, 2, rule);  /* 4: ctx */
    if (!rule->each) {
        lua_pushvalue(L, 3);
        lua_pushvalue(L, 4);
        lua_call(L, 1, 0);
        return 0;
    }
    pa_table *t = store_table(rt->st, rule->each);
    ldata_push_row_meta(L, t); /* 5: row metatable */
    rt->cur_table = t;
    rt->in_row = true;
    for (size_t r = 0; r < t->nrows; r++) {
        rt->cur_row = (uint32_t)r;
        lua_pushvalue(L, 3);
        ldata_push_row_with(L, 5, t, (uint32_t)r);
        lua_pushvalue(L, 4);
        lua_call(L, 2, 0);
    }
    rt->in_row = false;
    return 0;
}

/* "tasks?" in a rule's tables: read when present, never a reason to skip. */
static bool table_optional(const char *name)
{
    size_t n = strlen(name);
    return n && name[n - 1] == '?';
}

static uint64_t budget_for(const lrt *rt, const pa_rule *rule)
{
    uint64_t rows = 0;
    for (int k = 0; k < rule->ntables; k++) {
        char name[128];
        snprintf(name, sizeof name, "%.*s", (int)strcspn(rule->tables[k], "?"), rule->tables[k]);
        pa_table *t = store_table(rt->st, name);
        if (t)
            rows += t->nrows;
    }
    return rt->lim.instr_base + rt->lim.instr_per_row * rows;
}

void lrt_run(lrt *rt, const pa_registry *reg, int i, pa_result *res)
{
    lua_State *L = rt->L;
    const pa_rule *rule = &reg->v[i];
    memset(res, 0, sizeof *res);
    fnd_init(&res->findings);
    sbuf missing;
    sb_init(&missing);
    for (int k = 0; k < rule->ntables; k++)
        if (!table_optional(rule->tables[k]) && !store_table(rt->st, rule->tables[k]))
            sb_printf(&missing, "%s%s", missing.len ? ", " : "", rule->tables[k]);
    if (missing.len) {
        res->status = ST_SKIPPED;
        bool several = strchr(missing.data, ',') != NULL;
        res->message = xasprintf("missing table%s: %s (no such CSV file in the data directory)",
                                 several ? "s" : "", missing.data);
        sb_free(&missing);
        return;
    }
    sb_free(&missing);
    rt->cur = rule;
    rt->res = res;
    rt->in_row = false;
    lua_pushcfunction(L, run_protected);
    lua_pushlightuserdata(L, (void *)reg);
    lua_pushinteger(L, i);
    arm(rt, budget_for(rt, rule));
    int status = lua_pcall(L, 2, 0, 0);
    bool in_row = rt->in_row;
    if (status != LUA_OK) {
        char *m = error_text(rt, status);
        if (in_row)
            res->message = xasprintf("%s (while checking %s:%u)", m, rt->cur_table->file,
                                     rt->cur_table->line[rt->cur_row]);
        else
            res->message = xstrdup(m);
        free(m);
        res->status = ST_ERRORED;
        fnd_free(&res->findings);
        res->count = res->dropped = 0;
        memset(res->by_sev, 0, sizeof res->by_sev);
    } else {
        res->status = res->count ? ST_FAILED : ST_PASSED;
        if (res->dropped)
            res->message = xasprintf("%zu findings; only the first %zu are listed (raise with --max-findings)",
                                     res->count, res->findings.n);
    }
    disarm(rt);
    rt->cur = NULL;
    rt->res = NULL;
    rt->in_row = false;
    lua_settop(L, 0);
}
