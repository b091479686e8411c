/*
 * lua/limits.h - the limits of one rule's run (pa_limits) and the opaque
 * runtime type, on their own so that lua/state.h (the runtime's inside)
 * and lua/runtime.h (its public face) share them without including each
 * other. Plain C: no Lua header.
 */
#ifndef PA_LUA_LIMITS_H
#define PA_LUA_LIMITS_H

#include <stddef.h>
#include <stdint.h>

typedef struct {
    size_t mem_limit;          /* bytes a rule may add to its state; 0 = default */
    uint64_t instr_base;       /* instruction budget of a rule: base + per_row x rows */
    uint64_t instr_per_row;
    size_t max_findings;       /* stored per rule; 0 = default */
    unsigned long match_limit; /* PCRE2 match limit */
    size_t run_mem;            /* bytes all rules together may hold (core/memcap.h); 0 = default */
    uint32_t timeout;          /* wall-clock seconds a rule may run; 0 = default */
} pa_limits;

typedef struct lrt lrt;

#endif
