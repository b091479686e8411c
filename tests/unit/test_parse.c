/*
 * test_parse.c - lua/parse.c against Lua itself: the lines Lua gives
 * functions (lint finds a rule's check by them), names resolved to the
 * variable Lua would use, string values decoded as Lua decodes them,
 * syntax errors worded and placed as Lua words them, and the nesting
 * limits. Lua's own loader is the reference wherever it can be asked.
 */
#include "lua/parse.h"
#include "test.h"

#include <lauxlib.h>
#include <lua.h>
#include <lualib.h>
#include <stdlib.h>

/* The functions of the tree in source order, as "line-line2" joined by spaces. */
static void spans(const lp_node *x, char *out, size_t cap)
{
    if (x->kind == E_FUNCTION) {
        size_t n = strlen(out);
        snprintf(out + n, cap - n, "%s%d-%d", n ? " " : "", x->line, x->line2);
    }
    for (int k = 0; k < x->nkid; k++)
        spans(x->kid[k], out, cap);
}

/* The functions src returns, as Lua's linedefined-lastlinedefined. */
static void lua_spans(const char *src, char *out, size_t cap)
{
    lua_State *L = luaL_newstate();
    out[0] = '\0';
    if (luaL_loadstring(L, src) == LUA_OK && lua_pcall(L, 0, LUA_MULTRET, 0) == LUA_OK) {
        for (int i = 1; i <= lua_gettop(L); i++) {
            lua_Debug ar;
            lua_pushvalue(L, i);
            lua_getinfo(L, ">S", &ar);
            size_t n = strlen(out);
            snprintf(out + n, cap - n, "%s%d-%d", n ? " " : "", ar.linedefined, ar.lastlinedefined);
        }
    }
    lua_close(L);
}

/* Lua's syntax error for src without its "[string]:LINE:" prefix, and the line. */
static const char *lua_syntax(const char *src, int *line)
{
    static char msg[200];
    lua_State *L = luaL_newstate();
    msg[0] = '\0';
    *line = 0;
    if (luaL_loadbufferx(L, src, strlen(src), "=x", "t") != LUA_OK) {
        const char *m = lua_tostring(L, -1); /* "x:LINE: message" */
        *line = atoi(m + 2);
        const char *p = strchr(m + 2, ':');
        snprintf(msg, sizeof msg, "%s", p ? p + 2 : m);
    }
    lua_close(L);
    return msg;
}

#define SAME_ERROR(src)                                                                                    \
    do {                                                                                                   \
        int line_;                                                                                         \
        const char *want_ = lua_syntax(src, &line_);                                                        \
        lp_tree *t_ = lparse(src, strlen(src));                                                            \
        CHECK(t_->root == NULL && !t_->too_deep);                                                          \
        CHECK_STR(t_->err, want_);                                                                         \
        CHECK(t_->err_line == line_);                                                                      \
        lparse_free(t_);                                                                                   \
    } while (0)

/* The first E_NAME named name in the tree after skip others, pre-order. */
static const lp_node *find_name(const lp_node *x, const char *name, int *skip)
{
    if (x->kind == E_NAME && lscan_is(x->tok, name) && (*skip)-- == 0)
        return x;
    for (int k = 0; k < x->nkid; k++) {
        const lp_node *f = find_name(x->kid[k], name, skip);
        if (f)
            return f;
    }
    return NULL;
}

/* The variable of the n-th (0-based) occurrence of name. */
static int var_of(const lp_tree *t, const char *name, int n)
{
    const lp_node *x = find_name(t->root, name, &n);
    return x ? x->var : -2;
}

static void check_spans(void)
{
    const char *src = "local function f1(a) return a end\n"
                      "function g1() end\n"
                      "local t = { h = function\n"
                      "  (x)\n"
                      "  end }\n"
                      "local f4 = function() return function() end\n"
                      "end\n"
                      "local o = {} function o.m(self) end function o:n() end\n"
                      "return f1, g1, t.h, f4, f4(), o.m, o.n\n";
    char want[256], got[256] = "";
    lua_spans(src, want, sizeof want);
    lp_tree *t = lparse(src, strlen(src));
    CHECK(t->root != NULL);
    if (t->root)
        spans(t->root, got, sizeof got);
    CHECK_STR(got, want);
    lparse_free(t);
}

static void check_scopes(void)
{
    lp_tree *t = lparse("local x = 1\nlocal x = x\nprint(x)\n", 32);
    CASE("local x = x reads the outer x; after it, the new one");
    CHECK(var_of(t, "x", 0) != var_of(t, "x", 1));   /* two declarations */
    CHECK(var_of(t, "x", 2) == var_of(t, "x", 0));   /* the value of the second: the first */
    CHECK(var_of(t, "x", 3) == var_of(t, "x", 1));   /* print(x): the second */
    lparse_free(t);
    const char *src = "repeat local y = 1 until y\nprint(y)\n";
    t = lparse(src, strlen(src));
    CASE("a repeat condition sees its body's locals; after the loop the name is a global");
    CHECK(var_of(t, "y", 1) == var_of(t, "y", 0));
    CHECK(t->vars[var_of(t, "y", 2)].global);
    lparse_free(t);
    src = "local function f(n) return f(n) end\nfor i, v in pairs(f) do print(i) end\nprint(i)\n";
    t = lparse(src, strlen(src));
    CASE("a local function sees itself; a loop variable exists only in its body");
    CHECK(var_of(t, "f", 1) == var_of(t, "f", 0));
    CHECK(var_of(t, "i", 1) == var_of(t, "i", 0));
    CHECK(t->vars[var_of(t, "i", 2)].global);
    lparse_free(t);
}

static void check_strings(void)
{
    const char *src = "return \"\\65\\x42\\u{43}\\z  \n  D\\\n\", [[\nline]], '\\u{20AC}'";
    lp_tree *t = lparse(src, strlen(src));
    CASE("strings decode as Lua decodes them");
    const lp_node *ret = t->root ? t->root->kid[0] : NULL;
    CHECK(ret && ret->kind == S_RETURN && ret->nkid == 3);
    if (ret && ret->nkid == 3) {
        CHECK_STR(ret->kid[0]->str, "ABCD\n");
        CHECK_STR(ret->kid[1]->str, "line");
        CHECK_STR(ret->kid[2]->str, "\xe2\x82\xac");
        CHECK(!lparse_is_long(ret->kid[0]->tok) && lparse_is_long(ret->kid[1]->tok));
    }
    lparse_free(t);
}

static void check_limits(void)
{
    char *deep = malloc(700 * 2 + 8);
    size_t n = 0;
    memcpy(deep, "x = a", 5);
    n = 5;
    for (int i = 0; i < 700; i++)
        memcpy(deep + n, ".b", 2), n += 2;
    deep[n] = '\0';
    int line;
    CASE("a chain Lua accepts but deeper than LP_MAX_DEPTH is refused as too deep, not as syntax");
    CHECK(lua_syntax(deep, &line)[0] == '\0');
    lp_tree *t = lparse(deep, n);
    CHECK(t->root == NULL && t->too_deep);
    lparse_free(t);
    n = 0;
    memcpy(deep, "x = ", 4), n = 4;
    for (int i = 0; i < 300; i++)
        deep[n++] = '(';
    deep[n++] = '1';
    for (int i = 0; i < 300; i++)
        deep[n++] = ')';
    deep[n] = '\0';
    CASE("nesting beyond Lua's limit is a syntax error for both");
    CHECK(lua_syntax(deep, &line)[0] != '\0');
    t = lparse(deep, n);
    CHECK(t->root == NULL && !t->too_deep);
    lparse_free(t);
    free(deep);
}

void suite_parse(void)
{
    CASE("functions get Lua's linedefined and lastlinedefined");
    check_spans();
    check_scopes();
    check_strings();
    check_limits();
    CASE("syntax errors: Lua's words, at Lua's line");
    SAME_ERROR("rule { id = \"B-001\", title = \"x\", severity = \"info\"\n  domain = \"STD\" }");
    SAME_ERROR("local x = \nfunction f()\n  return 1\n");
    SAME_ERROR("x = = 1");
    SAME_ERROR("for i in do end");
    SAME_ERROR("f(a,)");
    SAME_ERROR("local a <cnst> = 1");
    SAME_ERROR("a.b:c = 1");
    SAME_ERROR("return 1 x");
    CASE("Lua 5.4 syntax parses: attributes, goto, integer division, bitwise operators, methods");
    const char *ok = "local a <const>, b <close> = 1\n::top:: goto top\nlocal c = 7 // 2 ~ 3 << 1 & 0xff | ~a\n"
                     "function a.b.c:m(...) local s = select('#', ...) return s end\n;;; return";
    lp_tree *t = lparse(ok, strlen(ok));
    CHECK(t->root != NULL);
    lparse_free(t);
}
