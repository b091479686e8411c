/*
 * lua/runtime.c - the Lua rule runtime: the state, its sandbox and its limits.
 * Declaring rules is in lua/rule_decl.c, running them in lua/rule_run.c.
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
 * Limits (lua/state.c). A count hook charges every 1000 VM instructions
 * against the rule's budget (a base plus an allowance per row of the tables
 * it reads, so the limit is deterministic and scales with the data); work
 * done in C is charged too (lua/guard.c, lua/pattern_match.c). The
 * allocator refuses growth past the rule's memory cap or the run's memory
 * limit (core/memcap.c), which Lua reports as an out-of-memory error; what
 * C keeps for a rule (findings, regexes) is counted the same way. The hook
 * also reads the clock against the rule's wall-clock limit. Once a rule is
 * over a limit it is "killed": the hook then fires on every instruction and
 * raises again, so a rule cannot catch the error with pcall and carry on.
 */
#include "lua/api.h"
#include "lua/state.h"
#include "lua/runtime_impl.h"
#include "lua/traceback.h"
#include "lua/guard.h"
#include "lua/rule_decl.h"
#include "lua/test_cases.h"
#include "lua/schema_decl.h"
#include "lua/readonly.h"
#include "core/memcap.h"
#include "core/util.h"

#include <lauxlib.h>
#include <lualib.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void limits_default(pa_limits *l)
{
    l->mem_limit = (size_t)1 << 30;
    l->instr_base = 500000000ULL;
    l->instr_per_row = 20000ULL;
    l->max_findings = 100000;
    l->match_limit = 100000;
    l->run_mem = MEMCAP_DEFAULT;
    l->timeout = LRT_TIMEOUT;
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

/*
 * pmo.round(x [, digits]): x rounded to digits decimals (default 0; an
 * integer then). Rules round sums and products before comparing them with a
 * threshold, so that 33.3 + 33.3 + 33.4 is 100 and 10% of 43,169,787.30 is
 * 4,316,978.73. printf rounds the exact binary value correctly at any
 * magnitude, where floor(x * 10^d + 0.5) would lose digits once x * 10^d
 * passes 2^53.
 */
static int l_round(lua_State *L)
{
    lua_Number x = luaL_checknumber(L, 1);
    lua_Integer digits = luaL_optinteger(L, 2, 0);
    if (digits < 0 || digits > 15)
        return luaL_error(L, "pmo.round: digits must be 0 to 15");
    char buf[512];
    snprintf(buf, sizeof buf, "%.*f", (int)digits, (double)x);
    lua_Number r = strtod(buf, NULL);
    if (digits == 0 && r >= -9.2e18 && r <= 9.2e18)
        lua_pushinteger(L, (lua_Integer)r);
    else
        lua_pushnumber(L, r);
    return 1;
}

static int l_isdate(lua_State *L)
{
    lua_pushboolean(L, ldate_test(L, 1, NULL));
    return 1;
}

static const char *const base_names[] = {"assert", "error",    "ipairs",   "next",   "pairs",   "pcall",
                                         "select", "tonumber", "tostring", "type",   "xpcall",  "rawequal",
                                         "rawlen", "rawget",   "rawset",   "setmetatable", "getmetatable",
                                         NULL};
static const char *const lib_names[] = {"string", "table", "math", "utf8", NULL};

/* The rule API's library, pmo.NAME (docs/rule-api.md). */
static const luaL_Reg pmo_functions[] = {{"date", ldate_new}, {"re", lregex_new}, {"blank", l_blank},
                               {"trim", l_trim},    {"is_date", l_isdate}, {"round", l_round},
                               {"schedule", lsched_figures}, {"similar", ltext_similar},
                               {"words", ltext_words}, {"network", lnet_network},
                               {"workdays", lnet_workdays}, {"month_start", lperiod_month_start},
                               {"month_end", lperiod_month_end}, {"add_months", lperiod_add_months},
                               {"months_between", lperiod_months_between}, {"period", lperiod_key},
                               {"period_start", lperiod_start}, {"period_end", lperiod_end},
                               {"sweep", lgroup_sweep}, {"latest", lgroup_latest},
                               {"earliest", lgroup_earliest}, {NULL, NULL}};

const char *lrt_pmo_function(const char *name, bool *known)
{
    const char *names[sizeof pmo_functions / sizeof *pmo_functions];
    size_t n = 0;
    *known = false;
    for (; pmo_functions[n].name; n++) {
        names[n] = pmo_functions[n].name;
        *known = *known || strcmp(name, names[n]) == 0;
    }
    names[n] = NULL;
    return *known ? name : str_suggest(name, names);
}

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

    luaL_newlib(L, pmo_functions);
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

typedef enum { ENV_RULES, ENV_TESTS, ENV_LIB, ENV_DATA } env_kind;

static int l_require(lua_State *L);

/* In lint mode, rule{}, test{} and schema{} call the real declaration (the
 * upvalue) protected: a malformed one is recorded and the file goes on, so
 * lint reports every bad declaration of a file, not only the first. */
static int lint_declare(lua_State *L)
{
    lrt *rt = RT(L);
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, 1);
    if (lua_pcall(L, lua_gettop(L) - 1, 0, 0) != LUA_OK) {
        lrt_problem(rt, lua_tostring(L, -1) ? lua_tostring(L, -1) : "malformed declaration");
        lua_pop(L, 1);
    }
    return 0;
}

/* A fresh environment for one rule file, one test file (which declares
 * test cases instead of rules), one lib helper (which declares nothing) or
 * one data file (which gets no more than the whitelist: no rule API). The
 * first three are files of a pack (src, a registry source): their `require`
 * is a closure over its pack and folder, so the engine, not the caller,
 * says which helpers a file reaches. */
static void push_env(lrt *rt, env_kind kind, const pa_source *src)
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
    if (kind == ENV_DATA) {
        static const char *const rules_only[] = {"pmo", "print", "collectgarbage", NULL};
        for (int i = 0; rules_only[i]; i++) {
            lua_pushnil(L);
            lua_setfield(L, env, rules_only[i]);
        }
        lua_pushvalue(L, env);
        lua_setfield(L, env, "_G");
        return;
    }
    lua_getfield(L, env, "pmo");
    shallow_copy(L, -1);
    lua_setfield(L, env, "pmo");
    lua_pop(L, 1);
    lua_pushvalue(L, env);
    lua_pushcclosure(L, l_load, 1);
    lua_setfield(L, env, "load");
    if (kind != ENV_LIB) {
        lua_pushcfunction(L, kind == ENV_TESTS ? ltc_declare : lrule_declare);
        if (rt->lint)
            lua_pushcclosure(L, lint_declare, 1);
        lua_setfield(L, env, kind == ENV_TESTS ? "test" : "rule");
    }
    if (kind == ENV_RULES) {
        lua_pushcfunction(L, lschema_declare);
        if (rt->lint)
            lua_pushcclosure(L, lint_declare, 1);
        lua_setfield(L, env, "schema");
    }
    lua_pushinteger(L, src->pack);
    lua_pushstring(L, src->dir ? src->dir : "");
    lua_pushcclosure(L, l_require, 2);
    lua_setfield(L, env, "require");
    lua_pushvalue(L, env);
    lua_setfield(L, env, "_G");
}

void lrt_push_data_env(lrt *rt)
{
    push_env(rt, ENV_DATA, NULL);
}

lrt *lrt_new(const pa_limits *lim)
{
    lrt *rt = xcalloc(1, sizeof *rt);
    if (lim)
        rt->lim = *lim;
    else
        limits_default(&rt->lim);
    rt->mem_cap = SIZE_MAX;
    lua_State *L = lua_newstate(lrt_alloc, rt);
    if (!L) {
        free(rt);
        return NULL;
    }
    rt->L = L;
    /* Generational collection: a worker's state keeps a large, long-lived
     * heap (the schedule lib's per-project tables, 26 MiB at a million dense
     * tasks) while each rule makes short-lived garbage. The incremental
     * collector let the heap reach twice what was live before a cycle, on
     * each of the run's states at once; minor collections visit the young
     * objects only and keep the heap near the live size (-50 MiB at the
     * dense 1M run's peak, with two workers), at no more instructions. */
    lua_gc(L, LUA_GCGEN, 0, 0);
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
    lregex_open(L, rt->lim.match_limit);
    ldata_open(L);
    lguard_install(L);
    lro_open(L);
    build_template(rt);
    lua_newtable(L);
    rt->rules_ref = luaL_ref(L, LUA_REGISTRYINDEX);
    lua_newtable(L);
    rt->tests_ref = luaL_ref(L, LUA_REGISTRYINDEX);
    rt->case_params_ref = LUA_NOREF;
    return rt;
}

lrt *lrt_new_data(size_t mem, const char *budget_msg, unsigned timeout)
{
    lrt *rt = lrt_new(NULL);
    if (!rt)
        return NULL;
    rt->data_file = true;
    rt->budget_msg = budget_msg;
    rt->lim.mem_limit = mem;
    rt->lim.timeout = timeout ? timeout : DATA_TIMEOUT;
    rt->mem_cap = mem > rt->mem ? mem : rt->mem; /* the whole state, for its whole life */
    lua_sethook(rt->L, lrt_hook, LUA_MASKCOUNT, HOOK_EVERY);
    lrt_arm_data(rt, 0);
    return rt;
}

void lrt_free(lrt *rt)
{
    if (!rt)
        return;
    lua_close(rt->L);
    lrt_mem_release(rt);
    free(rt->decls);
    free(rt->trace);
    usch_free(&rt->usch);
    for (int i = 0; i < rt->nproblems; i++)
        free(rt->problems[i]);
    free(rt->problems);
    free(rt);
}

char *lrt_error_text(lrt *rt, int status)
{
    lua_State *L = rt->L;
    const char *msg = lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : NULL;
    /* a limit's message keeps the rule line where it struck, when known */
    int at = msg && rt->killed && status != LUA_ERRMEM ? (int)ltrace_loc_len(msg) : 0;
    char *out;
    if (rt->killed == KILL_INSTR)
        out = xasprintf("%.*s%sstopped: exceeded its instruction budget of %llu instructions (an endless loop?); "
                        "raise it with --max-instructions", at, msg ? msg : "", at ? " " : "",
                        (unsigned long long)rt->instr_limit);
    else if (rt->killed == KILL_TIME || (status == LUA_ERRMEM && rt->mem_hit == KILL_TIME))
        out = xasprintf("%.*s%sstopped: ran past its time limit of %u seconds (wall clock); raise it with "
                        "--rule-timeout", at, msg ? msg : "", at ? " " : "",
                        (unsigned)(rt->lim.timeout ? rt->lim.timeout : LRT_TIMEOUT));
    else if (rt->killed == KILL_RUNMEM || (status == LUA_ERRMEM && rt->mem_hit == KILL_RUNMEM))
        out = xasprintf("%.*s%sstopped: the run reached its memory limit of %zu MiB (what all rules hold "
                        "together); raise it with --max-memory", at, msg ? msg : "", at ? " " : "",
                        memcap_limit() >> 20);
    else if (rt->killed == KILL_MEM || status == LUA_ERRMEM)
        out = xasprintf("%.*s%sstopped: exceeded its memory limit of %zu MiB; raise it with --max-rule-memory", at,
                        msg ? msg : "", at ? " " : "", rt->lim.mem_limit >> 20);
    else if (msg)
        out = xstrdup(msg);
    else
        out = xasprintf("error object is a %s value", luaL_typename(L, -1));
    lua_pop(L, 1);
    return out;
}

/* Load and run each source in its own sandboxed environment. */
static int load_files(lrt *rt, const pa_source *src, int nsrc, bool tests, char **err)
{
    lua_State *L = rt->L;
    for (int i = 0; i < nsrc; i++) {
        const pa_source *s = &src[i];
        char *chunk = xasprintf("@%s", s->path);
        if (s->len > 0 && s->text[0] == LUA_SIGNATURE[0]) {
            *err = xasprintf("%s:1: precompiled (binary) Lua chunks are not accepted; give the rule's source",
                             s->path);
            free(chunk);
            return -1;
        }
        int status = luaL_loadbufferx(L, s->text, s->len, chunk, "t");
        free(chunk);
        if (status != LUA_OK && rt->lint) {
            char *m = lrt_error_text(rt, status);
            lrt_problem(rt, m);
            free(m);
            continue;
        }
        if (status != LUA_OK) {
            *err = lrt_error_text(rt, status);
            return -1;
        }
        push_env(rt, tests ? ENV_TESTS : ENV_RULES, s);
        lua_setupvalue(L, -2, 1);
        rt->cur_src = i;
        rt->cur_path = s->path;
        lua_pushcfunction(L, ltrace_msgh);
        lua_insert(L, -2);
        lrt_arm(rt, rt->lim.instr_base);
        status = lua_pcall(L, 0, 0, -2);
        lrt_disarm(rt);
        if (status != LUA_OK) {
            char *m = lrt_error_text(rt, status);
            char *tb = ltrace_take(rt);
            char *full = xasprintf("%s (while loading %s)%s%s", m, s->path, tb ? "\n" : "", tb ? tb : "");
            free(m);
            free(tb);
            lua_pop(L, 1);
            if (rt->lint) {
                lrt_problem(rt, full);
                free(full);
                continue;
            }
            *err = full;
            return -1;
        }
        lua_pop(L, 1); /* the message handler */
    }
    rt->cur_path = NULL;
    return 0;
}


void lrt_set_lint(lrt *rt)
{
    rt->lint = true;
}


char **lrt_problems(lrt *rt, int *n)
{
    *n = rt->nproblems;
    return rt->problems;
}

bool lrt_check_span(lrt *rt, const char *id, const char **chunk, int *first, int *last)
{
    lua_State *L = rt->L;
    bool found = false;
    lua_rawgeti(L, LUA_REGISTRYINDEX, rt->rules_ref);
    for (int i = 1; i <= rt->nrules && !found; i++) {
        lua_rawgeti(L, -1, i);
        lua_getfield(L, -1, "id");
        bool same = lua_type(L, -1) == LUA_TSTRING && strcmp(lua_tostring(L, -1), id) == 0;
        lua_pop(L, 1);
        if (same && lua_getfield(L, -1, "check") == LUA_TFUNCTION) {
            lua_Debug ar;
            lua_getinfo(L, ">S", &ar); /* pops the function */
            *chunk = ar.source; /* interned in the state: lives as long as it */
            *first = ar.linedefined;
            *last = ar.lastlinedefined;
            found = ar.what && strcmp(ar.what, "Lua") == 0;
        } else if (same) {
            lua_pop(L, 1);
        }
        lua_pop(L, 1);
    }
    lua_pop(L, 1);
    return found;
}

void lrt_check_spans(lrt *rt, pa_registry *reg)
{
    for (int i = 0; i < reg->n; i++) {
        pa_rule *r = &reg->v[i];
        const char *chunk;
        int first, last;
        r->check_first = r->check_last = 0;
        if (lrt_check_span(rt, r->id, &chunk, &first, &last) && chunk[0] == '@' && strcmp(chunk + 1, r->file) == 0) {
            r->check_first = first;
            r->check_last = last;
        }
    }
}

int lrt_load_sources(lrt *rt, const pa_registry *reg, char **err)
{
    rt->reg = reg;
    return load_files(rt, reg->src, reg->nsrc, false, err);
}

int lrt_load_tests(lrt *rt, const pa_source *src, int nsrc, char **err)
{
    return load_files(rt, src, nsrc, true, err);
}

/*
 * require(name): the helper lib/NAME.lua of the calling file's pack, from
 * the nearest lib/ folder at or above the file's folder inside the pack.
 * The pack and the folder are this closure's upvalues, fixed when the
 * file's environment was made, so nothing a rule controls (a chunk name
 * given to load, the path it claims) decides whose helpers it reaches. A
 * helper runs once per state, in an environment of its own pack and
 * folder; every caller gets a read-only view of what it returned
 * (lua/readonly.c), so no rule can change what another rule sees. Nothing
 * else can be required: there is no package library and no file access.
 */
static int l_require(lua_State *L)
{
    lrt *rt = RT(L);
    const char *name = luaL_checkstring(L, 1);
    for (const char *c = name; *c; c++)
        if (!((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') || (*c >= '0' && *c <= '9') || *c == '_' ||
              *c == '-'))
            return luaL_error(L, "require(\"%s\"): a lib name is letters, digits, '_' and '-' (lib/NAME.lua)", name);
    int pack = (int)lua_tointeger(L, lua_upvalueindex(1));
    const pa_source *lib = reg_find_lib(rt->reg, pack, lua_tostring(L, lua_upvalueindex(2)), name);
    if (!lib) {
        const pa_pack *p = rt->reg && pack >= 0 && pack < rt->reg->npacks ? &rt->reg->packs[pack] : NULL;
        return luaL_error(L, "require(\"%s\"): no lib/%s.lua in %s%s (a rule may require only the helpers in "
                             "the lib/ folders of its own pack, at or above its folder)", name, name,
                          !p ? "its rule pack" : p->root ? "the rule pack " : "the built-in rule pack",
                          p && p->root ? p->shown : "");
    }
    lua_getfield(L, LUA_REGISTRYINDEX, "pmoaudit.libs");
    if (lua_isnil(L, -1)) {
        lua_pop(L, 1);
        lua_newtable(L);
        lua_pushvalue(L, -1);
        lua_setfield(L, LUA_REGISTRYINDEX, "pmoaudit.libs");
    }
    int cache = lua_gettop(L);
    lua_Integer key = (lua_Integer)(lib - rt->reg->libs) + 1; /* one entry per lib of each pack */
    if (lua_rawgeti(L, cache, key) != LUA_TNIL) {
        if (lua_rawequal(L, -1, cache))
            return luaL_error(L, "require(\"%s\"): %s requires itself (a cycle between libs)", name, lib->path);
        lro_wrap(L, name);
        return 1;
    }
    lua_pop(L, 1);
    lua_pushvalue(L, cache); /* "loading" (no helper can return this table): catches cycles */
    lua_rawseti(L, cache, key);
    char *chunk = xasprintf("@%s", lib->path);
    int st = luaL_loadbufferx(L, lib->text, lib->len, chunk, "t");
    free(chunk);
    if (st != LUA_OK)
        return lua_error(L);
    push_env(rt, ENV_LIB, lib);
    lua_setupvalue(L, -2, 1);
    lua_call(L, 0, 1);
    if (lua_isnil(L, -1)) {
        lua_pop(L, 1);
        lua_pushboolean(L, 1);
    }
    lua_pushvalue(L, -1);
    lua_rawseti(L, cache, key);
    lro_wrap(L, name);
    return 1;
}

/*
 * Load every source of the registry in a state of its own and fill the
 * rules' metadata, then check the --set overrides against their params.
 * Returns -1 with a located *err on the first failure; the registry then
 * holds the rules declared before it.
 */
int lrt_load_registry(pa_registry *r, char **err)
{
    lrt *rt = lrt_new(NULL);
    if (!rt) {
        *err = xstrdup("cannot create a Lua state (out of memory)");
        return -1;
    }
    int rc = lrt_load_sources(rt, r, err);
    if (rc == 0)
        rc = lrt_extract(rt, r, err);
    if (rc == 0)
        rc = lrt_check_overrides(rt, r, err);
    if (rc == 0)
        lrt_check_spans(rt, r);
    lrt_free(rt);
    return rc;
}
