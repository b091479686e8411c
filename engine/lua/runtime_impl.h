/*
 * lua/runtime_impl.h - the runtime's private state, shared by its three parts:
 * lua/runtime.c (the Lua state, sandbox and limits), lua/rule_decl.c (declaring rules,
 * their metadata and params) and lua/rule_run.c (running a rule and reporting).
 * Nothing outside the runtime includes this.
 */
#ifndef PA_LRT_IMPL_H
#define PA_LRT_IMPL_H

#include "lua/runtime.h"
#include "model/user_schema.h"

#include <lua.h>

#define HOOK_EVERY 1000 /* instructions between two budget checks */
enum { KILL_NONE = 0, KILL_INSTR, KILL_MEM };

typedef struct {
    int src;   /* index of the source in the registry */
    int line;
} decl;

struct lrt { /* pointers first, then ints, then flags: no padding holes */
    lua_State *L;
    pa_limits lim;
    size_t mem, mem_cap;
    uint64_t instr, instr_limit;
    const pa_store *st;
    const pa_registry *reg; /* whose sources and libs are loaded */
    const char *cur_path;   /* the source being loaded, while loading */
    const char *budget_msg; /* a data file's message for a spent budget (lrt_new_data) */
    decl *decls;
    size_t declcap;
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
    bool mem_hit;
    bool in_row;
    bool lint;              /* lint mode: record problems and go on */
    bool data_file;         /* a data file's state (lua/data_file.c), not rules' */
};

static inline lrt *RT(lua_State *L)
{
    return *(lrt **)lua_getextraspace(L);
}

/* lua/runtime.c */
void lrt_arm(lrt *rt, uint64_t budget);
void lrt_disarm(lrt *rt);
/* A state for a data file (lua/data_file.c): the rules' state, guards and
 * sandbox template, with a cap of mem bytes on the whole state and the
 * budget hook always on. A spent budget raises budget_msg (located at the
 * line), a refused allocation Lua's "not enough memory". NULL when the
 * state cannot be made. */
lrt *lrt_new_data(size_t mem, const char *budget_msg);
/* A data file's budget for the next run or call: it is stopped once it has
 * run budget instructions. The hook's phase carries on from the last run
 * (it is not reset), so where a budget strikes depends only on the file. */
void lrt_arm_data(lrt *rt, uint64_t budget);
/* Push a data file's environment: the rules' whitelist (base functions,
 * copies of string, table, math and utf8) without pmo, load, require,
 * print and collectgarbage. */
void lrt_push_data_env(lrt *rt);
char *lrt_error_text(lrt *rt, int status);
void lrt_problem(lrt *rt, const char *msg);
int lrt_decl_level(lua_State *L);

/* lua/traceback.c */
int ltrace_msgh(lua_State *L); /* message handler of protected calls into rule code */
char *ltrace_take(lrt *rt);
size_t ltrace_loc_len(const char *msg); /* "file:line:" at the start of msg, or 0 */

/* Charge n instructions of work done in C; raises the budget error when
 * that passes the rule's budget. */
void lrt_charge(lua_State *L, uint64_t n);

/* lua/guard.c */
void lguard_install(lua_State *L); /* before the sandbox template is built */

/* lua/rule_decl.c */
/* The value at idx as Lua source text (numbers that read back exactly,
 * tables with sorted keys): param defaults in explain and docs, and the
 * config's params as --set values (through lua/data_file.c). */
void lrule_literal(lua_State *L, int idx, sbuf *b);
int lrule_declare(lua_State *L); /* the rule{...} function of rule files */
int lrule_declare_test(lua_State *L); /* the test{...} function of test files */
void lrule_push_params(lrt *rt, const pa_registry *reg, int rule_idx, const char *id);

#endif
