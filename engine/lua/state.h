/*
 * lua/state.h - a runtime's state (struct lrt), shared by the files of
 * lua/ and by nothing outside it, and the functions of lua/state.c that
 * every one of them may call: limits, charging, where a declaration is.
 */
#ifndef PA_LUA_STATE_H
#define PA_LUA_STATE_H

#include "lua/limits.h"
#include "model/registry.h"
#include "model/result.h"
#include "model/user_schema.h"
#include "store/project_ids.h"
#include "store/store.h"

#include <lua.h>

#define HOOK_EVERY 1000 /* instructions between two budget checks */
#define LRT_TIMEOUT 600 /* the default wall-clock seconds of a rule (--rule-timeout) */
#define DATA_TIMEOUT 60 /* default wall-clock seconds of one run or call of a data file */
/* Why a rule was stopped: its budget, its memory cap, the run's memory
 * limit (all rules together), its wall-clock limit. */
enum { KILL_NONE = 0, KILL_INSTR, KILL_MEM, KILL_RUNMEM, KILL_TIME };

typedef struct {
    int src;   /* index of the source in the registry */
    int line;
} decl;

struct lrt { /* pointers first, then ints, then flags: no padding holes */
    lua_State *L;
    pa_limits lim;
    size_t mem, mem_cap;
    size_t reserved;        /* bytes of the run's count (core/memcap.h) held for this state: >= mem */
    size_t refused_size;
    uint64_t instr, instr_limit;
    uint64_t run_serial;    /* counts rule runs: a ctx is valid only in its own (lrt_run) */
    double deadline;        /* monotonic seconds past which the armed call is stopped; 0: none */
    const pa_store *st;
    const pa_project_ids *pids; /* --project's scope and the project slots of counts past a cap; may be NULL */
    const pa_registry *reg; /* whose sources and libs are loaded */
    const char *cur_path;   /* the source being loaded, while loading */
    const char *budget_msg; /* a data file's message for a spent budget (lrt_new_data) */
    void *refused;          /* the block of the allocator's last refusal (see lrt_alloc) */
    decl *decls;
    size_t declcap;
    size_t fnd_bytes;       /* memory of the running rule's findings, counted in mem */
    /* the rule being run */
    const pa_rule *cur;
    pa_result *res;
    pa_table *cur_table;
    const pa_table *rep_table; /* report()'s last column lookup: rep_col of */
    pa_userschema usch;     /* schema{} declarations of the loaded rule files */
    char *trace;            /* the author's traceback of the last error (lua/traceback.c) */
    char **problems;        /* lint mode's problems (see lrt_set_lint) */
    pa_date T;
    int killed;
    int mem_hit;            /* KILL_MEM or KILL_RUNMEM once the allocator refused, for the hook */
    int template_ref;       /* registry ref of the sandbox template */
    int rules_ref;          /* registry ref of the declared rule tables */
    int tests_ref;          /* registry ref of the declared test cases */
    int ntests;
    int case_params_ref;    /* params of the test case being run, or LUA_NOREF */
    int nrules;
    int cur_src;            /* index of the source being loaded */
    uint32_t cur_row;
    int nproblems;
    int rep_col;               /* rep_table (see report_column in lua/rule_run.c) */
    bool in_row;
    bool lint;              /* lint mode: record problems and go on */
    bool data_file;         /* a data file's state (lua/data_file.c), not rules' */
};

static inline lrt *RT(lua_State *L)
{
    return *(lrt **)lua_getextraspace(L);
}

/* The allocator of every runtime: Lua's, capped at rt->mem_cap and at the
 * run's memory limit. */
void *lrt_alloc(void *ud, void *ptr, size_t osize, size_t nsize);
/* Memory C keeps for the state (a compiled regex, a finding): n bytes
 * counted as the allocator counts Lua's. Returns 0, or KILL_MEM or
 * KILL_RUNMEM when the rule's cap or the run's limit refuses them (nothing
 * is counted then); lrt_mem_fail raises that as the allocator's refusal
 * would, so pcall cannot swallow it. */
int lrt_mem_take(lrt *rt, size_t n);
void lrt_mem_give(lrt *rt, size_t n);
int lrt_mem_fail(lua_State *L, int why);
/* Give the run's count back what the state held (after lua_close). */
void lrt_mem_release(lrt *rt);
/* The count hook: charges HOOK_EVERY instructions, kills a rule over its
 * budget or memory cap (and raises again on every instruction after). */
void lrt_hook(lua_State *L, lua_Debug *ar);
/* Arm the limits for one protected call; budget in instructions. */
void lrt_arm(lrt *rt, uint64_t budget);
void lrt_disarm(lrt *rt);
/* A data file's budget for the next run or call: it is stopped once it has
 * run budget instructions. The hook's phase carries on from the last run
 * (it is not reset), so where a budget strikes depends only on the file. */
void lrt_arm_data(lrt *rt, uint64_t budget);
/* Charge n instructions of work done in C; raises the budget error when
 * that passes the rule's budget, the time limit's once past the deadline. */
void lrt_charge(lua_State *L, uint64_t n);
/* Record a lint-mode problem ("file:line: message"). */
void lrt_problem(lrt *rt, const char *msg);
/* The stack level of the Lua code that called rule{}, test{} or schema{}. */
int lrt_decl_level(lua_State *L);

#endif
