/*
 * lua/state.c - what every file of lua/ does to a runtime's state: the
 * capped allocator, the instruction-budget hook and the charging of work
 * done in C, arming and disarming the limits around a protected call, and
 * where a declaration was made. The bottom of the runtime: it calls nothing
 * else of lua/, so the API files, the guards and the declarations can use
 * it while runtime.c builds the state from all of them.
 */
#include "lua/state.h"
#include "core/util.h"

#include <lauxlib.h>
#include <stdint.h>
#include <stdlib.h>

void *lrt_alloc(void *ud, void *ptr, size_t osize, size_t nsize)
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

void lrt_hook(lua_State *L, lua_Debug *ar)
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
        lua_sethook(L, lrt_hook, LUA_MASKCOUNT, 1);
        if (rt->data_file)
            luaL_error(L, "%s", rt->killed == KILL_INSTR ? rt->budget_msg : "not enough memory");
        luaL_error(L, "%s", rt->killed == KILL_INSTR ? "instruction budget exceeded" : "memory limit exceeded");
    }
}

void lrt_charge(lua_State *L, uint64_t n)
{
    lrt *rt = RT(L);
    if (!rt->killed && rt->instr <= rt->instr_limit && n <= rt->instr_limit - rt->instr) {
        rt->instr += n;
        return;
    }
    if (!rt->killed)
        rt->killed = KILL_INSTR;
    lua_sethook(L, lrt_hook, LUA_MASKCOUNT, 1);
    luaL_error(L, "%s", rt->data_file ? rt->budget_msg : "instruction budget exceeded");
}

/* Arm the limits for one protected call; budget in instructions. */
void lrt_arm(lrt *rt, uint64_t budget)
{
    rt->instr = 0;
    rt->instr_limit = budget;
    rt->killed = KILL_NONE;
    rt->mem_hit = false;
    rt->mem_cap = rt->mem + rt->lim.mem_limit;
    lua_sethook(rt->L, lrt_hook, LUA_MASKCOUNT, HOOK_EVERY);
}

void lrt_arm_data(lrt *rt, uint64_t budget)
{
    rt->instr = 0;
    rt->instr_limit = budget > 0 ? budget - 1 : 0; /* the hook stops it past the limit */
    if (rt->killed) /* the hook fires on every instruction since: back to its pace */
        lua_sethook(rt->L, lrt_hook, LUA_MASKCOUNT, HOOK_EVERY);
    rt->killed = KILL_NONE;
    rt->mem_hit = false;
}

void lrt_disarm(lrt *rt)
{
    lua_sethook(rt->L, NULL, 0, 0);
    rt->mem_cap = SIZE_MAX;
    if (rt->killed || rt->mem_hit)
        lua_gc(rt->L, LUA_GCCOLLECT);
}

/* The stack level of the Lua code that called rule{}, test{} or schema{}:
 * 1 normally, further up when lint mode wraps the declaration in C. */
int lrt_decl_level(lua_State *L)
{
    lua_Debug ar;
    for (int level = 1; lua_getstack(L, level, &ar); level++)
        if (lua_getinfo(L, "l", &ar) && ar.currentline > 0)
            return level;
    return 1;
}

void lrt_problem(lrt *rt, const char *msg)
{
    rt->problems = xrealloc(rt->problems, (size_t)(rt->nproblems + 1) * sizeof *rt->problems);
    rt->problems[rt->nproblems++] = xstrdup(msg);
}
