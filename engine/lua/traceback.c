/*
 * lua/traceback.c - what a rule author sees when their Lua code fails: the
 * message handler given to every protected call of rule code. It locates
 * the error at the author's own line even when a C function of the rule API
 * raised it (luaL_error from C carries no location), and keeps a traceback
 * of the author's frames only: the rule files, their lib/ helpers and code
 * they load. The engine's C frames are dropped, because they say nothing a
 * rule author can act on.
 */
#include "lua/state.h"
#include "lua/traceback.h"
#include "core/util.h"

#include <lauxlib.h>
#include <stdlib.h>
#include <string.h>

#define TRACE_MAX 12 /* frames shown: the innermost, where the error is */

/* The length of the "source:line:" that starts msg, or 0 when it has none. */
size_t ltrace_loc_len(const char *msg)
{
    const char *c = strchr(msg, ':');
    if (!c || c == msg)
        return 0;
    const char *d = c + 1;
    while (*d >= '0' && *d <= '9')
        d++;
    return d > c + 1 && *d == ':' ? (size_t)(d - msg + 1) : 0;
}

/* Is the function pushed by lua_getinfo("f") the check of the rule being run? */
static bool is_check(lua_State *L, lrt *rt)
{
    bool same = false;
    if (rt->cur && rt->reg) {
        lua_rawgeti(L, LUA_REGISTRYINDEX, rt->rules_ref);
        lua_rawgeti(L, -1, (lua_Integer)(rt->cur - rt->reg->v) + 1);
        if (lua_type(L, -1) == LUA_TTABLE) {
            lua_getfield(L, -1, "check");
            same = lua_rawequal(L, -1, -4);
            lua_pop(L, 1);
        }
        lua_pop(L, 2);
    }
    lua_pop(L, 1); /* the function */
    return same;
}

static void frame_line(lua_State *L, lrt *rt, lua_Debug *ar, sbuf *b)
{
    sb_printf(b, "\n    %s:%d: ", ar->short_src, ar->currentline);
    if (is_check(L, rt))
        sb_printf(b, "in the check of %s", rt->cur->id);
    else if (ar->name)
        sb_printf(b, "in %s '%s'", *ar->namewhat ? ar->namewhat : "function", ar->name);
    else if (strcmp(ar->what, "main") == 0)
        sb_puts(b, "in the file's main chunk");
    else
        sb_printf(b, "in the function defined at line %d", ar->linedefined);
}

/*
 * The message handler. Leaves the message (with a location added when it
 * had none) on the stack and stores the author's traceback in rt->trace,
 * which the caller appends to the rule's error and frees. A traceback of
 * one frame only repeats the location, so it is kept only from two frames.
 */
int ltrace_msgh(lua_State *L)
{
    lrt *rt = RT(L);
    const char *msg = lua_tostring(L, 1);
    if (!msg)
        msg = lua_pushfstring(L, "error object is a %s value", luaL_typename(L, 1));
    sbuf tb;
    sb_init(&tb);
    lua_Debug ar;
    int shown = 0;
    bool more = false;
    char first[128] = "";
    /* lua_getstack walks from the top, so a deep stack (runaway recursion)
     * is read only as far as the frames shown, never to its bottom */
    for (int level = 1; shown < TRACE_MAX && lua_getstack(L, level, &ar); level++) {
        if (!lua_getinfo(L, "Slnf", &ar))
            continue;
        if (strcmp(ar.what, "C") == 0 || ar.currentline <= 0) {
            lua_pop(L, 1);
            continue;
        }
        if (!first[0])
            snprintf(first, sizeof first, "%s:%d: ", ar.short_src, ar.currentline);
        frame_line(L, rt, &ar, &tb);
        shown++;
        more = lua_getstack(L, level + 1, &ar) != 0;
    }
    if (shown == TRACE_MAX && more)
        sb_puts(&tb, "\n    ... (deeper frames not shown)");
    free(rt->trace);
    rt->trace = shown > 1 ? xasprintf("traceback (rule code only):%s", tb.data) : NULL;
    sb_free(&tb);
    if (first[0] && !ltrace_loc_len(msg))
        lua_pushfstring(L, "%s%s", first, msg);
    else
        lua_pushstring(L, msg);
    return 1;
}

/* Take the traceback the handler kept (NULL when there is none). */
char *ltrace_take(lrt *rt)
{
    char *t = rt->trace;
    rt->trace = NULL;
    return t;
}
