/*
 * lua/api_regex.c - PCRE2 regular expressions for rules. pmo.re(pattern, flags)
 * compiles with UTF, UCP and MATCH_INVALID_UTF, and JIT-compiles. A
 * full-match variant, anchored at both ends at compile time (anchoring at
 * match time would turn JIT off), is compiled on first use of :full().
 * Every match runs under a match limit so that catastrophic backtracking
 * ends in an error, not a hang.
 *
 * What a regex costs is the rule's. PCRE2 allocates through a general
 * context whose functions count every byte (compiled code, match data,
 * the JIT's scratch memory) in the state's memory, under the rule's cap
 * and the run's limit; the JIT's executable code, which PCRE2 maps on its
 * own, is counted by its reported size. Lua's collector is told of those
 * bytes too, so dropped regexes are freed at the pace they are made.
 * Compiling and matching are charged to the instruction budget. The cache
 * (flags and pattern -> regex) that spares a rule recompiling a pattern
 * per row is emptied before each rule and whenever it reaches RECACHE_MAX
 * entries: a rule making 200,000 distinct patterns holds only those it
 * keeps itself.
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include "lua/api.h"
#include "lua/state.h"

#include <lauxlib.h>
#include <pcre2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define RE_MT "pmoaudit.regex"
#define RECTX_KEY "pmoaudit.rectx"
#define RECACHE_KEY "pmoaudit.recache"

#define RECACHE_MAX 1000 /* entries of the pattern cache before it is emptied */
#define RE_COMPILE_COST 2000 /* instructions charged per compile, plus one per pattern byte */

typedef struct {
    pcre2_general_context *gctx; /* PCRE2's memory, counted in the state's */
    pcre2_compile_context *cctx;
    pcre2_match_context *mctx;
    pcre2_jit_stack *stack;
    lrt *rt;
    unsigned long match_limit;
    int refused;                 /* why the last allocation was refused (KILL_MEM, KILL_RUNMEM) */
    int cached;                  /* entries in the cache */
} rectx;

typedef struct {
    pcre2_code *code;
    pcre2_code *full;
    size_t plen;           /* the pattern's length: it may hold NUL bytes */
    pcre2_match_data *md;
    size_t jit_bytes;      /* the JIT code's size, counted in the state's memory */
    uint32_t opts;
    bool jit, full_jit;
    rectx *ctx;
    char *pattern;         /* through ctx's allocator, so counted too */
} regex;

/* PCRE2's allocator: a size header, and every byte in the state's memory.
 * A refusal is recorded for the caller, which collects and tries again
 * before it stops the rule. */
static void *re_malloc(PCRE2_SIZE n, void *data)
{
    rectx *c = data;
    size_t total = n + sizeof(max_align_t);
    int why = lrt_mem_take(c->rt, total);
    if (why) {
        c->refused = why;
        return NULL;
    }
    size_t *p = malloc(total);
    if (!p) {
        lrt_mem_give(c->rt, total);
        return NULL;
    }
    *p = total;
    return (char *)p + sizeof(max_align_t);
}

static void re_free(void *ptr, void *data)
{
    if (!ptr)
        return;
    size_t *p = (size_t *)(void *)((char *)ptr - sizeof(max_align_t));
    lrt_mem_give(((rectx *)data)->rt, *p);
    free(p);
}

static int ctx_gc(lua_State *L)
{
    rectx *c = lua_touserdata(L, 1);
    if (c->mctx)
        pcre2_match_context_free(c->mctx);
    if (c->stack)
        pcre2_jit_stack_free(c->stack);
    if (c->cctx)
        pcre2_compile_context_free(c->cctx);
    if (c->gctx)
        pcre2_general_context_free(c->gctx);
    c->mctx = NULL; /* c->rt stays: regexes finalized in lua_close still count through it */
    c->stack = NULL;
    c->cctx = NULL;
    c->gctx = NULL;
    return 0;
}

static int re_gc(lua_State *L)
{
    regex *r = lua_touserdata(L, 1);
    rectx *c = r->ctx;
    if (r->code)
        pcre2_code_free(r->code);
    if (r->full)
        pcre2_code_free(r->full);
    if (r->md)
        pcre2_match_data_free(r->md);
    if (r->pattern)
        re_free(r->pattern, c);
    if (r->jit_bytes)
        lrt_mem_give(c->rt, r->jit_bytes);
    memset(r, 0, sizeof *r);
    return 0;
}

static regex *check_re(lua_State *L)
{
    return luaL_checkudata(L, 1, RE_MT);
}

/* A refused allocation: collect (dropped regexes give their memory back)
 * and let the caller try once more; the second refusal stops the rule. */
static bool retry_after_refusal(lua_State *L, rectx *c, bool *retried)
{
    int why = c->refused;
    c->refused = 0;
    if (!why)
        return false;
    if (*retried)
        lrt_mem_fail(L, why);
    *retried = true;
    lua_gc(L, LUA_GCCOLLECT);
    return true;
}

/* Compile and JIT-compile; raises on a bad pattern or when the memory is
 * refused. The JIT code's size is added to *jit_bytes, counted. */
static pcre2_code *compile(lua_State *L, rectx *c, const char *pat, size_t n, uint32_t opts, bool *jit,
                           size_t *jit_bytes)
{
    int errcode;
    PCRE2_SIZE erroff;
    pcre2_code *code;
    bool retried = false;
    lrt_charge(L, RE_COMPILE_COST + n);
    while (!(code = pcre2_compile((PCRE2_SPTR)pat, n, opts, &errcode, &erroff, c->cctx)))
        if (!retry_after_refusal(L, c, &retried)) {
            PCRE2_UCHAR msg[256];
            pcre2_get_error_message(errcode, msg, sizeof msg);
            luaL_error(L, "bad regular expression /%s/ at offset %d: %s", pat, (int)erroff, (const char *)msg);
        }
    *jit = pcre2_jit_compile(code, PCRE2_JIT_COMPLETE) == 0;
    c->refused = 0; /* a JIT that could not get memory just matches without it */
    size_t size = 0;
    if (*jit && pcre2_pattern_info(code, PCRE2_INFO_JITSIZE, &size) == 0 && size > 0) {
        int why = lrt_mem_take(c->rt, size);
        if (why) {
            pcre2_code_free(code);
            lrt_mem_fail(L, why);
        }
        *jit_bytes += size;
    }
    return code;
}

/* The cache of compiled patterns, made anew when absent or full. */
static void push_cache(lua_State *L, rectx *c)
{
    if (c->cached < RECACHE_MAX) {
        if (lua_getfield(L, LUA_REGISTRYINDEX, RECACHE_KEY) == LUA_TTABLE)
            return;
        lua_pop(L, 1);
    }
    lua_newtable(L);
    lua_pushvalue(L, -1);
    lua_setfield(L, LUA_REGISTRYINDEX, RECACHE_KEY);
    c->cached = 0;
}

static rectx *get_ctx(lua_State *L)
{
    lua_getfield(L, LUA_REGISTRYINDEX, RECTX_KEY);
    rectx *c = lua_touserdata(L, -1);
    lua_pop(L, 1);
    return c;
}

void lregex_forget(lua_State *L)
{
    lua_pushnil(L);
    lua_setfield(L, LUA_REGISTRYINDEX, RECACHE_KEY);
    get_ctx(L)->cached = 0;
}

/* The compile options of flags; *bad is the first unknown flag, or 0. */
static uint32_t flag_options(const char *f, char *bad)
{
    uint32_t o = PCRE2_UTF | PCRE2_UCP | PCRE2_MATCH_INVALID_UTF;
    for (*bad = 0; *f && !*bad; f++) {
        switch (*f) {
        case 'i': o |= PCRE2_CASELESS; break;
        case 'm': o |= PCRE2_MULTILINE; break;
        case 's': o |= PCRE2_DOTALL; break;
        case 'x': o |= PCRE2_EXTENDED; break;
        default: *bad = *f;
        }
    }
    return o;
}

static uint32_t parse_flags(lua_State *L, const char *f)
{
    char bad;
    uint32_t o = flag_options(f, &bad);
    if (bad)
        luaL_error(L, "unknown regex flag '%c' (use i, m, s or x)", bad);
    return o;
}

bool lregex_check(const char *pat, size_t n, const char *flags, char *err, size_t cap)
{
    char bad;
    uint32_t opts = flag_options(flags, &bad);
    if (bad) {
        snprintf(err, cap, "unknown regex flag '%c' (use i, m, s or x)", bad);
        return false;
    }
    int errcode;
    PCRE2_SIZE erroff;
    pcre2_code *code = pcre2_compile((PCRE2_SPTR)pat, n, opts, &errcode, &erroff, NULL);
    if (code) {
        pcre2_code_free(code);
        return true;
    }
    PCRE2_UCHAR msg[256];
    pcre2_get_error_message(errcode, msg, sizeof msg);
    snprintf(err, cap, "bad regular expression /%s/ at offset %d: %s", pat, (int)erroff, (const char *)msg);
    return false;
}

/* pmo.re(pattern [, flags]) */
int lregex_new(lua_State *L)
{
    size_t n;
    const char *pat = luaL_checklstring(L, 1, &n);
    const char *flags = luaL_optstring(L, 2, "");
    rectx *c = get_ctx(L);
    push_cache(L, c);
    lua_pushstring(L, flags);
    lua_pushliteral(L, "/");
    lua_pushvalue(L, 1);
    lua_concat(L, 3);
    lua_pushvalue(L, -1);
    if (lua_rawget(L, -3) != LUA_TNIL)
        return 1;
    lua_pop(L, 1); /* cache, key */
    uint32_t opts = parse_flags(L, flags);
    regex *r = lua_newuserdatauv(L, sizeof *r, 0);
    memset(r, 0, sizeof *r);
    luaL_setmetatable(L, RE_MT);
    r->opts = opts;
    r->ctx = c;
    bool retried = false;
    while (!(r->pattern = re_malloc(n + 1, c)))
        if (!retry_after_refusal(L, c, &retried))
            return luaL_error(L, "not enough memory");
    memcpy(r->pattern, pat, n + 1);
    r->plen = n;
    r->code = compile(L, c, pat, n, opts, &r->jit, &r->jit_bytes);
    retried = false;
    while (!(r->md = pcre2_match_data_create_from_pattern(r->code, c->gctx)))
        if (!retry_after_refusal(L, c, &retried))
            return luaL_error(L, "not enough memory");
    /* tell the collector of the bytes outside Lua's heap */
    size_t code_bytes = 0;
    pcre2_pattern_info(r->code, PCRE2_INFO_SIZE, &code_bytes);
    lua_gc(L, LUA_GCSTEP, (int)((n + r->jit_bytes + code_bytes) / 1024 + 1));
    lua_pushvalue(L, -2); /* key */
    lua_pushvalue(L, -2); /* regex */
    lua_rawset(L, -5);
    c->cached++;
    return 1;
}

/* Run a match; returns >0 on match, 0 on no match; raises on limits. */
static int run(lua_State *L, regex *r, pcre2_code *code, bool jit, const char *s, size_t n, size_t start)
{
    int rc;
    pcre2_match_data *md = r->md; /* both variants have the same captures */
    lrt_charge(L, 1 + (n - start) / 16); /* the scan of the subject */
    if (jit)
        rc = pcre2_jit_match(code, (PCRE2_SPTR)s, n, start, 0, md, r->ctx->mctx);
    else
        rc = pcre2_match(code, (PCRE2_SPTR)s, n, start, 0, md, r->ctx->mctx);
    if (rc == PCRE2_ERROR_NOMATCH)
        return 0;
    if (rc == PCRE2_ERROR_MATCHLIMIT || rc == PCRE2_ERROR_JIT_STACKLIMIT || rc == PCRE2_ERROR_DEPTHLIMIT ||
        rc == PCRE2_ERROR_HEAPLIMIT) {
        lrt_charge(L, r->ctx->match_limit); /* the steps it took: pcall around it cannot loop for free */
        return luaL_error(L, "regular expression /%s/ hit its match limit (catastrophic backtracking?); "
                             "simplify the pattern", r->pattern);
    }
    if (rc < 0) {
        PCRE2_UCHAR msg[256];
        pcre2_get_error_message(rc, msg, sizeof msg);
        return luaL_error(L, "regular expression /%s/ failed: %s", r->pattern, (const char *)msg);
    }
    return rc == 0 ? 1 : rc;
}

static size_t start_arg(lua_State *L, int idx, size_t n)
{
    lua_Integer i = luaL_optinteger(L, idx, 1);
    if (i < 1)
        i = 1;
    if ((size_t)i > n + 1)
        return n + 1;
    return (size_t)i - 1;
}

/* r:test(s) -> true when the pattern occurs anywhere in s. */
static int re_test(lua_State *L)
{
    regex *r = check_re(L);
    size_t n;
    const char *s = luaL_checklstring(L, 2, &n);
    lua_pushboolean(L, run(L, r, r->code, r->jit, s, n, 0) > 0);
    return 1;
}

/* r:full(s) -> true when the pattern matches all of s. */
static int re_full(lua_State *L)
{
    regex *r = check_re(L);
    size_t n;
    const char *s = luaL_checklstring(L, 2, &n);
    if (!r->full)
        r->full = compile(L, r->ctx, r->pattern, r->plen, r->opts | PCRE2_ANCHORED | PCRE2_ENDANCHORED,
                          &r->full_jit, &r->jit_bytes);
    lua_pushboolean(L, run(L, r, r->full, r->full_jit, s, n, 0) > 0);
    return 1;
}

static void push_capture(lua_State *L, const char *s, PCRE2_SIZE *ov, int i)
{
    if (ov[2 * i] == PCRE2_UNSET)
        lua_pushnil(L);
    else
        lua_pushlstring(L, s + ov[2 * i], ov[2 * i + 1] - ov[2 * i]);
}

/* r:match(s [, init]) -> the captures (or the whole match), or nil. */
static int re_match(lua_State *L)
{
    regex *r = check_re(L);
    size_t n;
    const char *s = luaL_checklstring(L, 2, &n);
    size_t start = start_arg(L, 3, n);
    int rc = run(L, r, r->code, r->jit, s, n, start);
    if (!rc) {
        lua_pushnil(L);
        return 1;
    }
    PCRE2_SIZE *ov = pcre2_get_ovector_pointer(r->md);
    if (rc == 1) {
        push_capture(L, s, ov, 0);
        return 1;
    }
    luaL_checkstack(L, rc, "too many captures");
    for (int i = 1; i < rc; i++)
        push_capture(L, s, ov, i);
    return rc - 1;
}

/* r:find(s [, init]) -> start, end (1-based, inclusive), captures...; or nil. */
static int re_find(lua_State *L)
{
    regex *r = check_re(L);
    size_t n;
    const char *s = luaL_checklstring(L, 2, &n);
    size_t start = start_arg(L, 3, n);
    int rc = run(L, r, r->code, r->jit, s, n, start);
    if (!rc) {
        lua_pushnil(L);
        return 1;
    }
    PCRE2_SIZE *ov = pcre2_get_ovector_pointer(r->md);
    lua_pushinteger(L, (lua_Integer)ov[0] + 1);
    lua_pushinteger(L, (lua_Integer)ov[1]);
    luaL_checkstack(L, rc, "too many captures");
    for (int i = 1; i < rc; i++)
        push_capture(L, s, ov, i);
    return rc + 1;
}

static int re_tostring(lua_State *L)
{
    regex *r = check_re(L);
    lua_pushfstring(L, "regex /%s/", r->pattern);
    return 1;
}

void lregex_open(lua_State *L, unsigned long match_limit)
{
    static const luaL_Reg methods[] = {
        {"test", re_test}, {"full", re_full}, {"match", re_match}, {"find", re_find}, {NULL, NULL}};
    luaL_newmetatable(L, RE_MT);
    luaL_newlib(L, methods);
    lua_setfield(L, -2, "__index");
    lua_pushcfunction(L, re_gc);
    lua_setfield(L, -2, "__gc");
    lua_pushcfunction(L, re_tostring);
    lua_setfield(L, -2, "__tostring");
    lua_pushboolean(L, 0);
    lua_setfield(L, -2, "__metatable");
    lua_pop(L, 1);

    rectx *c = lua_newuserdatauv(L, sizeof *c, 0);
    memset(c, 0, sizeof *c);
    c->rt = RT(L);
    c->match_limit = match_limit ? match_limit : 100000;
    c->gctx = pcre2_general_context_create(re_malloc, re_free, c);
    c->cctx = pcre2_compile_context_create(c->gctx);
    c->mctx = pcre2_match_context_create(c->gctx);
    c->stack = pcre2_jit_stack_create(32 * 1024, 1024 * 1024, c->gctx);
    pcre2_set_match_limit(c->mctx, (uint32_t)c->match_limit);
    pcre2_jit_stack_assign(c->mctx, NULL, c->stack);
    lua_newtable(L);
    lua_pushcfunction(L, ctx_gc);
    lua_setfield(L, -2, "__gc");
    lua_setmetatable(L, -2);
    lua_setfield(L, LUA_REGISTRYINDEX, RECTX_KEY);
}
