/*
 * lua/api_rows.h - the identity of a row as a Lua value, shared by the
 * rule API's files (lua/api_*.c) and nothing else.
 *
 * A row is a light userdata: generation (16 bits, 1..LDATE_TAG-1), the
 * table's index in the bound store (16 bits) and the row number (32 bits).
 * All light userdata of a state share one metatable (lua/api_tables.c): it
 * serves rows and dates (lua/api_date.c, top bits LDATE_TAG). The engine's
 * few other light userdata are heap pointers (top bits 0) that never reach
 * rules, and one that did would fail lrows_decode like a stale row. Equal
 * rows are equal pointers, so a row is a stable table key and == needs no
 * metamethod. Encoding and decoding are inline: they run for every cell a
 * rule reads.
 */
#ifndef PA_API_ROWS_H
#define PA_API_ROWS_H

#include "store/store.h"

#include <lua.h>
#include <stdbool.h>
#include <stdint.h>

/*
 * The rows a state can see: those of the store bound last (ldata_reset).
 * One per lua_State, a full userdata kept in the registry and as upvalue 1
 * of the row metamethods. gen changes at every reset, so a row kept from a
 * previous store (a lib's cache across rule-test cases) is refused instead
 * of reading whatever table now has its number.
 */
typedef struct {
    const pa_store *st;
    uint16_t gen;
} rowreg;

extern const char lrows_key; /* registry: &lrows_key -> the state's rowreg userdata */

_Static_assert(sizeof(void *) >= 8, "rows are encoded in 64-bit light userdata");

static inline void *lrows_encode(const rowreg *g, int tid, uint32_t r)
{
    return (void *)(uintptr_t)(((uint64_t)g->gen << 48) | ((uint64_t)(uint16_t)tid << 32) | r);
}

static inline bool lrows_decode(const rowreg *g, const void *p, pa_table **t, uint32_t *r, int *tid)
{
    uint64_t v = (uint64_t)(uintptr_t)p;
    int id = (int)((v >> 32) & 0xffff);
    if (!g->st || (v >> 48) != g->gen || id >= g->st->ntables)
        return false;
    pa_table *tab = g->st->tables[id];
    if ((uint32_t)v >= tab->nrows)
        return false;
    *t = tab;
    *r = (uint32_t)v;
    *tid = id;
    return true;
}

static inline void lrows_push_id(lua_State *L, const rowreg *g, int tid, uint32_t r)
{
    lua_pushlightuserdata(L, lrows_encode(g, tid, r));
}

/* The state's rowreg (set up by ldata_open). */
rowreg *lrows_registry(lua_State *L);
/* The index of t in the bound store; a Lua error for a table of no store. */
int lrows_table_id(lua_State *L, const rowreg *g, const pa_table *t);

#endif
