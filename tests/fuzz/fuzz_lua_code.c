/*
 * fuzz_lua_code.c - libFuzzer harness for lint's reading of rule code:
 * any bytes as a rule file, parsed by lua/parse.c and analysed by
 * lua/code_check.c for a row rule of projects (every function of the file
 * taken in turn as its check) and for its regexes. Whatever the input:
 *   - nothing crashes, leaks or loops (the analysis has a pass limit);
 *   - a chunk Lua itself loads also parses, unless it nests deeper than
 *     LP_MAX_DEPTH (which lparse reports as too_deep, not as syntax);
 *   - the tree's functions lie inside the file's lines.
 */
#include "lua/code_check.h"
#include "lua/parse.h"
#include "model/registry.h"

#include <lauxlib.h>
#include <lua.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Every function's span, first in the file's order; at most 16. */
static int spans(const lp_node *x, int (*s)[2], int n)
{
    if (x->kind == E_FUNCTION && n < 16) {
        s[n][0] = x->line;
        s[n][1] = x->line2;
        if (x->line2 < x->line)
            abort(); /* a function ending before it starts */
        n++;
    }
    for (int k = 0; k < x->nkid; k++)
        n = spans(x->kid[k], s, n);
    return n;
}

/* Whether Lua's own loader accepts src (one state for every input: compiling runs no code). */
static int lua_accepts(const char *src, size_t len)
{
    static lua_State *L;
    if (!L && !(L = luaL_newstate()))
        abort();
    int ok = luaL_loadbufferx(L, src, len, "=fuzz", "t") == LUA_OK;
    lua_settop(L, 0);
    return ok;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *src = (const char *)data;
    lp_tree *t = lparse(src, size);
    if (!t->root && !t->too_deep && lua_accepts(src, size))
        abort(); /* Lua loads what the parser refuses */
    int s[16][2], n = t->root ? spans(t->root, s, 0) : 0;
    lparse_free(t);

    static char *tables[] = {"projects", "tasks?", NULL};
    pa_param params[] = {{"limit", "number", "30"}, {"statuses", "table", "{}"}};
    pa_registry reg;
    reg_init(&reg);
    pa_rule r = {.id = "F-1", .file = "fuzz.lua", .tables = tables, .ntables = 2, .each = "projects",
                 .params = params, .nparams = 2};
    lcheck_msgs m = {0};
    lcheck_file *f = lcheck_open("fuzz.lua", src, size);
    for (int i = 0; i < n; i++)
        lcheck_rule(f, &reg, &r, s[i][0], s[i][1], LCHECK_ALL, &m);
    lcheck_regexes(f, &m);
    lcheck_close(f);
    for (size_t i = 0; i < m.n; i++)
        if (strncmp(m.v[i], "fuzz.lua:", 9) != 0)
            abort(); /* every message is located in the file */
    lcheck_msgs_free(&m);
    reg_free(&reg);
    return 0;
}
