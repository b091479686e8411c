/*
 * lua/pattern_match.c - Lua's string patterns for rules and data files:
 * string.find, string.match, string.gmatch and string.gsub, with the same
 * results and the same errors as Lua 5.4's own, but with every step of the
 * matcher counted and charged to the instruction budget.
 *
 * Why: Lua's matcher backtracks in C, where the count hook never fires, so
 * `string.find(string.rep("a", 3000), ".-.-.-.-.-.-b")` ran for hours under
 * any budget. Here each attempt at a pattern item (a call of match_here, a
 * character scanned by a greedy or lazy repetition, a byte compared by %b
 * or a back-reference, a byte searched by a plain find) is a step, and
 * every STEP_CHUNK steps are paid to the budget (lrt_charge), which raises
 * once the budget, or the wall-clock limit, is spent. Steps are paid
 * before the matcher goes on, so a pattern stops within one chunk of its
 * budget, and pcall cannot resume it (the kill is sticky, lua/state.c).
 *
 * The semantics are Lua's, written anew here: single-byte classes by the C
 * library's <ctype.h> (the "C" locale), sets with ranges, %b, %f, anchors,
 * the four repetitions, position captures and back-references, at most
 * MAX_CAPTURES captures and MAX_DEPTH nested items; tests/unit/test_pattern.c
 * checks them against Lua's string library on thousands of cases.
 */
#include "lua/pattern_match.h"
#include "lua/state.h"

#include <ctype.h>
#include <lauxlib.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#define ESC '%'
#define SPECIALS "^$*+?.([%-"
#define MAX_CAPTURES 32  /* Lua's LUA_MAXCAPTURES */
#define MAX_DEPTH 200    /* Lua's MAXCCALLS: "pattern too complex" past it */
#define CAP_OPEN (-1)    /* a capture still open */
#define CAP_POSITION (-2)
#define STEP_CHUNK 4096  /* steps between two payments to the budget */
#define STEPS_PER_INSTR 1 /* a step takes about as long as a VM instruction (measured) */
#define BYTES_PER_STEP 8  /* bytes compared, searched or copied in one step */
#define REPLACE_STEPS 20  /* one replacement by gsub: the buffer work around it (measured) */

typedef struct {
    const char *src, *src_end; /* the subject; *src_end is its terminating NUL */
    const char *pat_end;
    lua_State *L;
    uint64_t steps, paid;      /* steps taken; steps already charged */
    int depth;                 /* nested items left before "pattern too complex" */
    int level;                 /* captures opened */
    struct {
        const char *init;
        ptrdiff_t len;         /* CAP_OPEN, CAP_POSITION or the length */
    } cap[MAX_CAPTURES];
} matcher;

/* luaL_error, said not to return: Lua's header does not say so, and the
 * code after each check relies on it (a capture index past the array). */
static _Noreturn void fail(lua_State *L, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    luaL_where(L, 1);
    lua_pushvfstring(L, fmt, ap);
    va_end(ap);
    lua_concat(L, 2);
    lua_error(L);
    abort(); /* not reached: lua_error jumps out */
}

/* Charge the steps taken since the last payment (whole instructions). */
static void pay(matcher *m)
{
    uint64_t instr = (m->steps - m->paid) / STEPS_PER_INSTR;
    m->paid += instr * STEPS_PER_INSTR;
    lrt_charge(m->L, instr);
}

static inline void step(matcher *m, uint64_t n)
{
    m->steps += n;
    if (m->steps - m->paid >= STEP_CHUNK)
        pay(m);
}

/* Before each attempt at a position: no captures, the whole depth. */
static void restart(matcher *m)
{
    m->level = 0;
    m->depth = MAX_DEPTH;
}

static void start(matcher *m, lua_State *L, const char *s, size_t ls, const char *p, size_t lp)
{
    m->L = L;
    m->src = s;
    m->src_end = s + ls;
    m->pat_end = p + lp;
    m->steps = m->paid = 0;
    restart(m);
}

/* ---- single items ---- */

/* Does c belong to class %cl (a letter) or, for any other cl, equal it? */
static bool in_class(int c, int cl)
{
    bool yes;
    switch (tolower(cl)) {
    case 'a': yes = isalpha(c); break;
    case 'c': yes = iscntrl(c); break;
    case 'd': yes = isdigit(c); break;
    case 'g': yes = isgraph(c); break;
    case 'l': yes = islower(c); break;
    case 'p': yes = ispunct(c); break;
    case 's': yes = isspace(c); break;
    case 'u': yes = isupper(c); break;
    case 'w': yes = isalnum(c); break;
    case 'x': yes = isxdigit(c); break;
    case 'z': yes = c == 0; break; /* deprecated in Lua, still understood */
    default: return cl == c;
    }
    return isupper(cl) ? !yes : yes; /* %A is everything %a is not */
}

/* Does c belong to the set [...] that starts at p and whose ']' is at last? */
static bool in_set(int c, const char *p, const char *last)
{
    bool want = true;
    if (p[1] == '^') {
        want = false;
        p++;
    }
    while (++p < last) {
        if (*p == ESC) {
            p++;
            if (in_class(c, (unsigned char)*p))
                return want;
        } else if (p[1] == '-' && p + 2 < last) {
            if ((unsigned char)p[0] <= c && c <= (unsigned char)p[2])
                return want;
            p += 2;
        } else if ((unsigned char)*p == c) {
            return want;
        }
    }
    return !want;
}

/* Where the single item at p ends (a repetition suffix may follow). */
static const char *item_end(matcher *m, const char *p)
{
    char c = *p++;
    if (c == ESC) {
        if (p == m->pat_end)
            fail(m->L, "malformed pattern (ends with '%%')");
        return p + 1;
    }
    if (c != '[')
        return p;
    if (*p == '^')
        p++;
    do { /* the first character may be ']' itself */
        if (p == m->pat_end)
            fail(m->L, "malformed pattern (missing ']')");
        c = *p++;
        if (c == ESC && p < m->pat_end)
            p++;
    } while (*p != ']');
    return p + 1;
}

/* Does the item p..ep (ep: its end) match the byte at s? */
static bool item_matches(const matcher *m, const char *s, const char *p, const char *ep)
{
    if (s >= m->src_end)
        return false;
    int c = (unsigned char)*s;
    switch (*p) {
    case '.': return true;
    case ESC: return in_class(c, (unsigned char)p[1]);
    case '[': return in_set(c, p, ep - 1);
    default: return (unsigned char)*p == c;
    }
}

/* ---- the matcher ---- */

static const char *match_here(matcher *m, const char *s, const char *p);

/* %bxy at s: the end of a balanced x...y, or NULL. */
static const char *balanced(matcher *m, const char *s, const char *p)
{
    if (p >= m->pat_end - 1)
        fail(m->L, "malformed pattern (missing arguments to '%%b')");
    if (s >= m->src_end || *s != *p)
        return NULL;
    int open = 1;
    for (const char *q = s + 1; q < m->src_end; q++) {
        step(m, 1);
        if (*q == p[1]) {
            if (--open == 0)
                return q + 1;
        } else if (*q == p[0]) {
            open++;
        }
    }
    return NULL;
}

/* item* or item+ (after its first match): as many as match, then fewer. */
static const char *greedy(matcher *m, const char *s, const char *p, const char *ep)
{
    ptrdiff_t n = 0;
    while (item_matches(m, s + n, p, ep)) {
        n++;
        step(m, 1);
    }
    for (; n >= 0; n--) {
        const char *e = match_here(m, s + n, ep + 1);
        if (e)
            return e;
    }
    return NULL;
}

/* item-: as few as let the rest match. */
static const char *lazy(matcher *m, const char *s, const char *p, const char *ep)
{
    for (;;) {
        const char *e = match_here(m, s, ep + 1);
        if (e)
            return e;
        if (!item_matches(m, s, p, ep))
            return NULL;
        s++;
    }
}

static const char *open_capture(matcher *m, const char *s, const char *p, ptrdiff_t what)
{
    if (m->level >= MAX_CAPTURES)
        fail(m->L, "too many captures");
    m->cap[m->level].init = s;
    m->cap[m->level].len = what;
    m->level++;
    const char *e = match_here(m, s, p);
    if (!e)
        m->level--;
    return e;
}

static const char *close_capture(matcher *m, const char *s, const char *p)
{
    int l = m->level - 1;
    while (l >= 0 && m->cap[l].len != CAP_OPEN)
        l--;
    if (l < 0)
        fail(m->L, "invalid pattern capture");
    m->cap[l].len = s - m->cap[l].init;
    const char *e = match_here(m, s, p);
    if (!e)
        m->cap[l].len = CAP_OPEN;
    return e;
}

/* %1..%9 at s: the text of a closed capture again. */
static const char *back_reference(matcher *m, const char *s, int digit)
{
    int l = digit - '1';
    if (l < 0 || l >= m->level || m->cap[l].len == CAP_OPEN)
        fail(m->L, "invalid capture index %%%d", l + 1);
    size_t len = (size_t)m->cap[l].len; /* a position capture is huge here, and fails */
    if ((size_t)(m->src_end - s) < len)
        return NULL;
    step(m, len / BYTES_PER_STEP);
    return memcmp(m->cap[l].init, s, len) == 0 ? s + len : NULL;
}

/* %f[set] at s: the boundary where the set starts to match. *p is moved
 * past the set. */
static bool frontier(matcher *m, const char *s, const char **p)
{
    const char *set = *p + 2;
    if (*set != '[')
        fail(m->L, "missing '[' after '%%f' in pattern");
    const char *ep = item_end(m, set);
    int before = s == m->src ? '\0' : (unsigned char)s[-1];
    int at = (unsigned char)*s; /* the terminating NUL at the end */
    *p = ep;
    return !in_set(before, set, ep - 1) && in_set(at, set, ep - 1);
}

enum { GO_ON, DONE, ITEM }; /* what an escape at p leaves match_here to do */

/* %b, %f and %1-%9 at *s, *p: on a match, both move past it (GO_ON); on a
 * failure *s is NULL (DONE); any other escape is a single item (ITEM). */
static int escape(matcher *m, const char **s, const char **p)
{
    const char *q = *p;
    if (q[1] == 'b') {
        *s = balanced(m, *s, q + 2);
        *p = q + 4;
    } else if (q[1] == 'f') {
        if (!frontier(m, *s, p))
            *s = NULL;
    } else if (isdigit((unsigned char)q[1])) {
        *s = back_reference(m, *s, (unsigned char)q[1]);
        *p = q + 2;
    } else {
        return ITEM;
    }
    return *s ? GO_ON : DONE;
}

/*
 * The end of a match of the pattern p..pat_end at s, or NULL. Lua's shape:
 * an item that leaves only the rest of the pattern to match loops here
 * instead of recursing, so a long pattern of plain items needs neither C
 * stack nor depth; only captures, repetitions and '?' nest (MAX_DEPTH).
 */
static const char *match_here(matcher *m, const char *s, const char *p)
{
    if (m->depth-- == 0)
        fail(m->L, "pattern too complex");
    for (;;) {
        step(m, 1);
        if (p == m->pat_end)
            break;
        if (*p == '(') {
            s = p[1] == ')' ? open_capture(m, s, p + 2, CAP_POSITION) : open_capture(m, s, p + 1, CAP_OPEN);
            break;
        }
        if (*p == ')') {
            s = close_capture(m, s, p + 1);
            break;
        }
        if (*p == '$' && p + 1 == m->pat_end) {
            s = s == m->src_end ? s : NULL;
            break;
        }
        int next = *p == ESC ? escape(m, &s, &p) : ITEM;
        if (next == GO_ON)
            continue;
        if (next == DONE)
            break;
        const char *ep = item_end(m, p);
        if (!item_matches(m, s, p, ep)) {
            if (*ep != '*' && *ep != '?' && *ep != '-') {
                s = NULL;
                break;
            }
            p = ep + 1; /* zero repetitions */
            continue;
        }
        if (*ep == '?') {
            const char *e = match_here(m, s + 1, ep + 1);
            if (e) {
                s = e;
                break;
            }
            p = ep + 1;
            continue;
        }
        if (*ep == '+' || *ep == '*' || *ep == '-') {
            s = *ep == '-' ? lazy(m, s, p, ep) : greedy(m, *ep == '+' ? s + 1 : s, p, ep);
            break;
        }
        s++; /* a single item matched once */
        p = ep;
    }
    m->depth++;
    return s;
}

/* ---- captures ---- */

/* Push capture i of the match s..e (i 0 with no captures: the whole
 * match); returns CAP_POSITION when it pushed a position. The text of a
 * string capture goes to *text, its length is returned. */
static ptrdiff_t capture_at(matcher *m, int i, const char *s, const char *e, const char **text)
{
    if (i >= m->level) {
        if (i != 0)
            fail(m->L, "invalid capture index %%%d", i + 1);
        *text = s;
        return e - s;
    }
    ptrdiff_t len = m->cap[i].len;
    *text = m->cap[i].init;
    if (len == CAP_OPEN)
        fail(m->L, "unfinished capture");
    if (len == CAP_POSITION)
        lua_pushinteger(m->L, (m->cap[i].init - m->src) + 1);
    return len;
}

static void push_capture(matcher *m, int i, const char *s, const char *e)
{
    const char *text;
    ptrdiff_t len = capture_at(m, i, s, e, &text);
    if (len != CAP_POSITION)
        lua_pushlstring(m->L, text, (size_t)len);
}

/* Push the captures (or, with none and s given, the whole match). */
static int push_captures(matcher *m, const char *s, const char *e)
{
    int n = (m->level == 0 && s) ? 1 : m->level;
    luaL_checkstack(m->L, n, "too many captures");
    for (int i = 0; i < n; i++)
        push_capture(m, i, s, e);
    return n;
}

/* ---- find and match ---- */

/* Lua's rule for a start position: negative counts from the end. */
static size_t start_index(lua_Integer pos, size_t len)
{
    if (pos > 0)
        return (size_t)pos;
    if (pos == 0)
        return 1;
    if (pos < -(lua_Integer)len)
        return 1;
    return len + (size_t)pos + 1;
}

/* Does the pattern hold none of the magic characters (NUL bytes included)? */
static bool plain_pattern(const char *p, size_t lp)
{
    size_t at = 0;
    do {
        if (strpbrk(p + at, SPECIALS))
            return false;
        at += strlen(p + at) + 1;
    } while (at <= lp);
    return true;
}

/* A plain search for p in s, charged by the bytes it looks at. */
static const char *find_plain(matcher *m, const char *s, size_t ls, const char *p, size_t lp)
{
    if (lp == 0)
        return s;
    if (lp > ls)
        return NULL;
    const char *end = s + (ls - lp) + 1; /* the last start + 1 */
    while (s < end) {
        const char *hit = memchr(s, *p, (size_t)(end - s));
        step(m, (size_t)((hit ? hit : end) - s) / BYTES_PER_STEP + 1);
        if (!hit)
            return NULL;
        step(m, lp / BYTES_PER_STEP);
        if (memcmp(hit + 1, p + 1, lp - 1) == 0)
            return hit;
        s = hit + 1;
    }
    return NULL;
}

static int find_or_match(lua_State *L, bool find)
{
    size_t ls, lp;
    const char *s = luaL_checklstring(L, 1, &ls);
    const char *p = luaL_checklstring(L, 2, &lp);
    size_t init = start_index(luaL_optinteger(L, 3, 1), ls) - 1;
    if (init > ls) {
        luaL_pushfail(L);
        return 1;
    }
    matcher m;
    start(&m, L, s, ls, p, lp);
    if (find && (lua_toboolean(L, 4) || plain_pattern(p, lp))) {
        const char *hit = find_plain(&m, s + init, ls - init, p, lp);
        pay(&m);
        if (!hit) {
            luaL_pushfail(L);
            return 1;
        }
        lua_pushinteger(L, (hit - s) + 1);
        lua_pushinteger(L, (lua_Integer)(hit - s) + (lua_Integer)lp);
        return 2;
    }
    bool anchored = *p == '^';
    if (anchored) {
        p++;
        m.pat_end = p + --lp;
    }
    const char *at = s + init;
    do {
        restart(&m);
        const char *e = match_here(&m, at, p);
        if (e) {
            pay(&m);
            if (!find)
                return push_captures(&m, at, e);
            lua_pushinteger(L, (at - s) + 1);
            lua_pushinteger(L, e - s);
            return push_captures(&m, NULL, NULL) + 2;
        }
    } while (at++ < m.src_end && !anchored);
    pay(&m);
    luaL_pushfail(L);
    return 1;
}

int lpat_find(lua_State *L)
{
    return find_or_match(L, true);
}

int lpat_match(lua_State *L)
{
    return find_or_match(L, false);
}

/* ---- gmatch ---- */

typedef struct {
    matcher m;
    const char *at;   /* where the next search starts */
    const char *last; /* the end of the last match: an empty match there is skipped */
    const char *p;
} gmatch_state;

static int gmatch_next(lua_State *L)
{
    gmatch_state *g = lua_touserdata(L, lua_upvalueindex(3));
    g->m.L = L;
    g->m.paid = g->m.steps; /* each call pays for its own steps */
    for (const char *at = g->at; at <= g->m.src_end; at++) {
        restart(&g->m);
        const char *e = match_here(&g->m, at, g->p);
        if (e && e != g->last) {
            g->at = g->last = e;
            pay(&g->m);
            return push_captures(&g->m, at, e);
        }
    }
    pay(&g->m);
    return 0;
}

int lpat_gmatch(lua_State *L)
{
    size_t ls, lp;
    const char *s = luaL_checklstring(L, 1, &ls);
    const char *p = luaL_checklstring(L, 2, &lp);
    size_t init = start_index(luaL_optinteger(L, 3, 1), ls) - 1;
    lua_settop(L, 2); /* the closure keeps both strings alive */
    gmatch_state *g = lua_newuserdatauv(L, sizeof *g, 0);
    if (init > ls)
        init = ls + 1;
    start(&g->m, L, s, ls, p, lp);
    g->at = s + init;
    g->p = p;
    g->last = NULL;
    lua_pushcclosure(L, gmatch_next, 3);
    return 1;
}

/* ---- gsub ---- */

/* Append the replacement string (argument 3) for the match s..e, with its
 * %0-%9 and %% expanded. */
static void add_template(matcher *m, luaL_Buffer *b, const char *s, const char *e)
{
    lua_State *L = m->L;
    size_t l;
    const char *r = lua_tolstring(L, 3, &l);
    const char *esc;
    step(m, l / BYTES_PER_STEP);
    while ((esc = memchr(r, ESC, l)) != NULL) {
        luaL_addlstring(b, r, (size_t)(esc - r));
        esc++;
        if (*esc == ESC) {
            luaL_addchar(b, ESC);
        } else if (*esc == '0') {
            luaL_addlstring(b, s, (size_t)(e - s));
            step(m, (size_t)(e - s) / BYTES_PER_STEP);
        } else if (isdigit((unsigned char)*esc)) {
            const char *text;
            ptrdiff_t len = capture_at(m, *esc - '1', s, e, &text);
            if (len == CAP_POSITION) {
                luaL_addvalue(b);
            } else {
                luaL_addlstring(b, text, (size_t)len);
                step(m, (size_t)len / BYTES_PER_STEP);
            }
        } else {
            fail(L, "invalid use of '%c' in replacement string", ESC);
        }
        l -= (size_t)(esc + 1 - r);
        r = esc + 1;
    }
    luaL_addlstring(b, r, l);
}

/* Append the replacement of the match s..e; false when it kept the
 * original text (a function or table gave nil or false). */
static bool add_replacement(matcher *m, luaL_Buffer *b, const char *s, const char *e, int kind)
{
    lua_State *L = m->L;
    if (kind == LUA_TFUNCTION) {
        lua_pushvalue(L, 3);
        int n = push_captures(m, s, e);
        lua_call(L, n, 1);
    } else if (kind == LUA_TTABLE) {
        push_capture(m, 0, s, e);
        lua_gettable(L, 3);
    } else {
        add_template(m, b, s, e);
        return true;
    }
    if (!lua_toboolean(L, -1)) {
        lua_pop(L, 1);
        luaL_addlstring(b, s, (size_t)(e - s));
        return false;
    }
    if (!lua_isstring(L, -1))
        fail(L, "invalid replacement value (a %s)", luaL_typename(L, -1));
    step(m, lua_rawlen(L, -1) / BYTES_PER_STEP);
    luaL_addvalue(b);
    return true;
}

int lpat_gsub(lua_State *L)
{
    size_t ls, lp;
    const char *src = luaL_checklstring(L, 1, &ls);
    const char *p = luaL_checklstring(L, 2, &lp);
    if (!src || !p) /* never: luaL_checklstring raises instead (said for the static analyser) */
        return 0;
    const char *last = NULL;
    int kind = lua_type(L, 3);
    lua_Integer max = luaL_optinteger(L, 4, (lua_Integer)ls + 1);
    if (kind != LUA_TNUMBER && kind != LUA_TSTRING && kind != LUA_TFUNCTION && kind != LUA_TTABLE)
        return luaL_typeerror(L, 3, "string/function/table");
    luaL_Buffer b;
    luaL_buffinit(L, &b);
    bool anchored = *p == '^';
    if (anchored) {
        p++;
        lp--;
    }
    matcher m;
    start(&m, L, src, ls, p, lp);
    lua_Integer n = 0;
    bool changed = false;
    while (n < max) {
        restart(&m);
        const char *e = match_here(&m, src, p);
        if (e && e != last) {
            n++;
            step(&m, REPLACE_STEPS);
            changed = add_replacement(&m, &b, src, e, kind) || changed;
            src = last = e;
        } else if (src < m.src_end) {
            luaL_addchar(&b, *src++);
        } else {
            break;
        }
        if (anchored)
            break;
    }
    pay(&m);
    if (!changed) {
        lua_pushvalue(L, 1);
    } else {
        luaL_addlstring(&b, src, (size_t)(m.src_end - src));
        luaL_pushresult(&b);
    }
    lua_pushinteger(L, n);
    return 2;
}
