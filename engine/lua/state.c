/*
 * lua/state.c - what every file of lua/ does to a runtime's state: the
 * capped allocator (the rule's cap and the run's memory limit, with the
 * memory C keeps for the state), the hook of the instruction budget and
 * the wall-clock limit, the charging of work done in C, arming and
 * disarming the limits around a protected call, and
 * where a declaration was made. The bottom of the runtime: it calls nothing
 * else of lua/, so the API files, the guards and the declarations can use
 * it while runtime.c builds the state from all of them.
 */
#include "lua/state.h"
#include "core/memcap.h"
#include "core/util.h"

#include <lauxlib.h>
#include <stdint.h>
#include <stdlib.h>
#include <time.h>


#define RESERVE_CHUNK ((size_t)1 << 20) /* the run's count is taken a megabyte at a time */
#define BIG_ALLOC ((size_t)1 << 20)     /* an allocation worth a look at the clock */
#define CLOCK_EVERY 65536               /* charged instructions between two looks at the clock */

static double now_seconds(void)
{
    struct timespec t;
#ifdef CLOCK_MONOTONIC_COARSE /* a few ns through the vDSO; milliseconds are plenty for seconds */
    clock_gettime(CLOCK_MONOTONIC_COARSE, &t);
#else
    clock_gettime(CLOCK_MONOTONIC, &t);
#endif
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* True once the armed call has run past its wall-clock deadline. */
static bool late(const lrt *rt)
{
    return rt->deadline > 0 && now_seconds() > rt->deadline;
}

/*
 * Make rt->reserved cover need bytes, taking whole chunks from the run's
 * count. An armed state (a rule running, a data file) is refused past the
 * run's limit; a disarmed one is building itself or being torn down in
 * unprotected C, where a refusal would be a Lua panic, so it is counted
 * without asking.
 */
static bool reserve(lrt *rt, size_t need)
{
    size_t more = (need - rt->reserved + RESERVE_CHUNK - 1) / RESERVE_CHUNK * RESERVE_CHUNK;
    if (rt->mem_cap == SIZE_MAX)
        memcap_force(more);
    else if (!memcap_take(more))
        return false;
    rt->reserved += more;
    return true;
}

/* n more bytes for the state, as lrt_mem_take; inline for the allocator. */
static inline int take(lrt *rt, size_t n)
{
    if (n > rt->mem_cap - rt->mem) /* mem <= mem_cap always: no wrap */
        return KILL_MEM;
    if (n > rt->reserved - rt->mem && !reserve(rt, rt->mem + n))
        return KILL_RUNMEM;
    rt->mem += n;
    return 0;
}

/* Give back all but a chunk of slack once two are unused, so a state
 * that grows and shrinks around a boundary does not touch the atomic on
 * every allocation. */
static inline void give(lrt *rt, size_t n)
{
    rt->mem -= n;
    if (rt->reserved - rt->mem > 2 * RESERVE_CHUNK) {
        size_t keep = (rt->mem / RESERVE_CHUNK + 1) * RESERVE_CHUNK;
        memcap_give(rt->reserved - keep);
        rt->reserved = keep;
    }
}

int lrt_mem_take(lrt *rt, size_t n)
{
    return take(rt, n);
}

void lrt_mem_give(lrt *rt, size_t n)
{
    give(rt, n);
}

void lrt_mem_release(lrt *rt)
{
    memcap_give(rt->reserved);
    rt->reserved = 0;
}

/*
 * Lua's allocator. A refusal is recorded for the hook, which turns it into
 * a sticky kill; but Lua answers a refusal with a full (emergency)
 * collection and asks again for the same block, and when that second
 * request succeeds the memory was only garbage waiting for the collector:
 * the refusal is then forgotten, so a rule is stopped for what it holds,
 * not for when the collector last ran. A large block (a string of a
 * megabyte or more, made by one `..` in one VM instruction) is also
 * refused once the rule is past its wall-clock deadline: the hook reads the
 * clock only every thousand instructions, which could each copy that much.
 */
void *lrt_alloc(void *ud, void *ptr, size_t osize, size_t nsize)
{
    lrt *rt = ud;
    size_t old = ptr ? osize : 0;
    if (nsize == 0) {
        free(ptr);
        give(rt, old);
        return NULL;
    }
    if (nsize > old) {
        int why = take(rt, nsize - old);
        if (!why && nsize - old >= BIG_ALLOC && !rt->data_file && late(rt)) {
            give(rt, nsize - old);
            why = KILL_TIME;
        }
        if (why) {
            rt->mem_hit = why;
            rt->refused = ptr;
            rt->refused_size = nsize;
            return NULL;
        }
        void *p = realloc(ptr, nsize);
        if (!p)
            give(rt, nsize - old);
        else if (rt->mem_hit && ptr == rt->refused && nsize == rt->refused_size)
            rt->mem_hit = KILL_NONE; /* Lua's emergency collection freed enough: its retry got the memory */
        return p;
    }
    void *p = realloc(ptr, nsize);
    if (!p)
        return NULL;
    give(rt, old - nsize);
    return p;
}

/* The message raised for a kill; lrt_error_text rewrites a rule's into its
 * full sentence, a data file's stands as it is. */
static const char *kill_message(const lrt *rt)
{
    if (rt->data_file)
        return rt->killed == KILL_INSTR ? rt->budget_msg : "not enough memory";
    switch (rt->killed) {
    case KILL_INSTR: return "instruction budget exceeded";
    case KILL_TIME: return "time limit exceeded";
    case KILL_RUNMEM: return "the run's memory limit exceeded";
    default: return "memory limit exceeded";
    }
}

/* Raise the kill, and make the hook fire on every instruction from now on
 * so that a pcall that catches it is stopped again at once. */
static int raise_kill(lua_State *L, lrt *rt)
{
    lua_sethook(L, lrt_hook, LUA_MASKCOUNT, 1);
    if (rt->data_file && rt->killed == KILL_TIME)
        return luaL_error(L, "the file ran past its time limit of %d seconds", (int)rt->lim.timeout);
    return luaL_error(L, "%s", kill_message(rt));
}

/*
 * The count hook, every HOOK_EVERY instructions: the budget, a refused
 * allocation, and the wall clock. The clock is read on every call: with
 * the coarse clock that is a few nanoseconds per thousand instructions,
 * and reading it less often would let one instruction that copies a huge
 * string (`..`) multiply the time between two reads by as much.
 */
void lrt_hook(lua_State *L, lua_Debug *ar)
{
    lrt *rt = RT(L);
    (void)ar;
    if (!rt->killed) {
        rt->instr += HOOK_EVERY;
        if (rt->instr > rt->instr_limit)
            rt->killed = KILL_INSTR;
        else if (rt->mem_hit)
            rt->killed = rt->mem_hit;
        else if (late(rt))
            rt->killed = KILL_TIME;
    }
    if (rt->killed)
        raise_kill(L, rt);
}

void lrt_charge(lua_State *L, uint64_t n)
{
    lrt *rt = RT(L);
    if (!rt->killed && rt->instr <= rt->instr_limit && n <= rt->instr_limit - rt->instr) {
        uint64_t before = rt->instr;
        rt->instr += n;
        /* the clock once per CLOCK_EVERY instructions charged, not per call */
        if ((before / CLOCK_EVERY == rt->instr / CLOCK_EVERY) || !late(rt))
            return;
        rt->killed = KILL_TIME;
    }
    if (!rt->killed)
        rt->killed = KILL_INSTR;
    raise_kill(L, rt);
}

int lrt_mem_fail(lua_State *L, int why)
{
    lrt *rt = RT(L);
    if (!rt->killed)
        rt->killed = why;
    return raise_kill(L, rt);
}

/* Arm the limits for one protected call; budget in instructions. */
void lrt_arm(lrt *rt, uint64_t budget)
{
    rt->instr = 0;
    rt->instr_limit = budget;
    rt->killed = KILL_NONE;
    rt->mem_hit = KILL_NONE;
    rt->mem_cap = rt->mem + rt->lim.mem_limit;
    rt->deadline = now_seconds() + (rt->lim.timeout ? rt->lim.timeout : LRT_TIMEOUT);
    lua_sethook(rt->L, lrt_hook, LUA_MASKCOUNT, HOOK_EVERY);
}

void lrt_arm_data(lrt *rt, uint64_t budget)
{
    rt->instr = 0;
    rt->instr_limit = budget > 0 ? budget - 1 : 0; /* the hook stops it past the limit */
    if (rt->killed) /* the hook fires on every instruction since: back to its pace */
        lua_sethook(rt->L, lrt_hook, LUA_MASKCOUNT, HOOK_EVERY);
    rt->killed = KILL_NONE;
    rt->mem_hit = KILL_NONE;
    rt->deadline = now_seconds() + rt->lim.timeout;
}

void lrt_disarm(lrt *rt)
{
    lua_sethook(rt->L, NULL, 0, 0);
    rt->mem_cap = SIZE_MAX;
    rt->deadline = 0;
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
