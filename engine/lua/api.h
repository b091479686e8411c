/*
 * lua/api.h - the C side of the rule API, shared by the runtime's parts:
 * dates (lua/api_date.c), regular expressions (lua/api_regex.c), text similarity
 * (lua/api_text.c), schedule networks (lua/api_network.c) and the data objects,
 * rows, tables and row sets (lua/api_tables.c). Each part registers its metatables
 * once per lua_State and protects them with __metatable so that rules can
 * neither read nor change them.
 */
#ifndef PA_LAPI_H
#define PA_LAPI_H

#include "store/store.h"
#include "store/table.h"
#include "model/value.h"

#include <lua.h>
#include <stdbool.h>
#include <stdint.h>

/* The top 16 bits of a date's light userdata (see ldate_push); rows use
 * 1..LDATE_TAG-1 there, heap pointers 0. */
#define LDATE_TAG 0x8000u
/* Whether the bits of a light userdata are a date's (see ldate_push). */
static inline bool ldate_tagged(const void *p)
{
    return ((uint64_t)(uintptr_t)p >> 48) == LDATE_TAG;
}
void ldate_push(lua_State *L, pa_date d);
bool ldate_test(lua_State *L, int idx, pa_date *d);
int ldate_new(lua_State *L); /* pmo.date */
/* The metamethods of dates, called by lua/api_tables.c's light userdata metatable. */
int ldate_tostring(lua_State *L);
int ldate_lt(lua_State *L);
int ldate_le(lua_State *L);
int ldate_sub(lua_State *L);
int ldate_add(lua_State *L);
int ldate_concat(lua_State *L);
int ldate_index(lua_State *L);

void lregex_open(lua_State *L, unsigned long match_limit);
int lregex_new(lua_State *L); /* pmo.re */
/* Empty the cache of compiled patterns (before each rule: what a rule
 * compiled and did not keep is freed, not carried into the next). */
void lregex_forget(lua_State *L);
/* Whether pmo.re(pat, flags) compiles; else its error, worded as pmo.re raises it, in err. */
bool lregex_check(const char *pat, size_t n, const char *flags, char *err, size_t cap);

void ldata_open(lua_State *L);
/* Whether k is a field or method of tables (t.name, t:get, ...), and of row
 * sets (rows:rows): what lint accepts after a table or row set. */
bool ldata_table_field(const char *k);
bool ldata_rowset_field(const char *k);
/* Bind the store whose tables and rows rules see; rows handed out before
 * stop working, since a new table may reuse a freed table's address. */
void ldata_reset(lua_State *L, const pa_store *st);
void ldata_push_table(lua_State *L, pa_table *t);
/* The table of the table object at idx, or a Lua error. */
pa_table *ldata_check_table(lua_State *L, int idx);
/* Push row r of t, a table of the bound store (a light userdata). */
void lrows_push(lua_State *L, pa_table *t, uint32_t r);
bool lrows_test(lua_State *L, int idx, pa_table **t, uint32_t *r);
/* The type of the value at idx for messages: "row", "date" or Lua's name
 * (rows and dates are both light userdata to Lua). */
const char *ldata_typename(lua_State *L, int idx);
void ldata_push_cell(lua_State *L, const pa_table *t, int col, uint32_t r);

/* The rows of a table or row set argument, for C helpers that walk them. */
struct pa_index;
typedef struct {
    pa_table *t;
    const struct pa_index *ix; /* NULL: all rows of t */
    uint32_t g, n;             /* the index group of a row set; how many rows */
} ldata_rows;
/* The rows of the table or row set at idx, or an error "FN: expected a table or a row set, got ...". */
void ldata_check_rows(lua_State *L, int idx, const char *fn, ldata_rows *out);
/* Row number i (0-based, < n) of s, ascending. */
uint32_t ldata_rows_at(const ldata_rows *s, uint32_t i);

/* Calendar periods for rules (lua/api_period.c): pmo.month_start, pmo.month_end, pmo.add_months,
 * pmo.months_between, pmo.period, pmo.period_start, pmo.period_end. */
int lperiod_month_start(lua_State *L);
int lperiod_month_end(lua_State *L);
int lperiod_add_months(lua_State *L);
int lperiod_months_between(lua_State *L);
int lperiod_key(lua_State *L);
int lperiod_start(lua_State *L);
int lperiod_end(lua_State *L);

/* Row-group helpers (lua/api_groups.c): pmo.sweep, pmo.latest, pmo.earliest. */
int lgroup_sweep(lua_State *L);
int lgroup_latest(lua_State *L);
int lgroup_earliest(lua_State *L);

/* pmo.schedule(tasks): the schedule figures of store/schedule.c as of ctx.T (lua/api_schedule.c). */
int lsched_figures(lua_State *L);

/* pmo.network(tasks, project_id) and pmo.workdays(from, to): store/network.c for rules (lua/api_network.c). */
int lnet_network(lua_State *L);
int lnet_workdays(lua_State *L);

/* pmo.similar(texts [, opts]) and pmo.words(text [, opts]): word-set similarity (lua/api_text.c). */
int ltext_similar(lua_State *L);
int ltext_words(lua_State *L);

#endif
