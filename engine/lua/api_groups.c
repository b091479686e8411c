/*
 * lua/api_groups.c - helpers over the rows of a table or row set, grouped
 * by a column: pmo.sweep (the runs of periods where the amounts of
 * overlapping date ranges add up to more than a limit, with the rows that
 * make them up: core/sweep.c) and pmo.latest / pmo.earliest (the row with
 * the latest or earliest date, per group or overall). They read the cells
 * in C, so a rule's loop over a million rows becomes one call; their work
 * is charged to the rule's instruction budget (lrt_charge) like the rule's
 * own instructions, and their memory is Lua userdata, under the memory cap.
 */
#include "lua/api.h"
#include "lua/state.h"
#include "core/sweep.h"
#include "core/util.h"
#include "model/period.h"
#include "store/index.h"

#include <lauxlib.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- options ---- */

/* Every key of the options table at idx is one of names, else an error
 * with a did-you-mean; opts may be absent (nil) only when none is required. */
static void check_opts(lua_State *L, int idx, const char *fn, const char *const *names, const char *list)
{
    if (lua_type(L, idx) != LUA_TTABLE)
        luaL_error(L, "%s: options must be a table {%s}, got %s", fn, list, ldata_typename(L, idx));
    lua_pushnil(L);
    while (lua_next(L, idx)) {
        lua_pop(L, 1);
        const char *k = lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : NULL;
        bool known = false;
        for (int i = 0; k && names[i]; i++)
            known = known || strcmp(k, names[i]) == 0;
        if (known)
            continue;
        const char *near = k ? str_suggest(k, names) : NULL;
        if (near)
            luaL_error(L, "%s: unknown option '%s' (did you mean '%s'?)", fn, k, near);
        luaL_error(L, "%s: unknown option %s%s%s (options: %s)", fn, k ? "'" : "", k ? k : luaL_typename(L, -1),
                   k ? "'" : "", list);
    }
}

/* Column opts.key of t (a column name), -1 when absent and not required. */
static int opt_column(lua_State *L, int opts, const char *fn, const pa_table *t, const char *key, bool required)
{
    int ty = lua_getfield(L, opts, key);
    if (ty == LUA_TNIL && !required) {
        lua_pop(L, 1);
        return -1;
    }
    if (ty != LUA_TSTRING)
        luaL_error(L, "%s: option %s must be a column name, got %s", fn, key, ldata_typename(L, -1));
    const char *name = lua_tostring(L, -1);
    int col = tab_column(t, name);
    if (col < 0)
        luaL_error(L, "%s: table %s has no column '%s' (option %s)", fn, t->name, name, key);
    lua_pop(L, 1);
    return col;
}

/* The column must be of one of the types in mask (bits of pa_type). */
static void want_type(lua_State *L, const char *fn, const pa_table *t, int col, unsigned mask, const char *what)
{
    if (!(mask & (1u << t->cols[col].type)))
        luaL_error(L, "%s: column '%s' of table %s is not %s", fn, t->cols[col].name, t->name, what);
}

/* opts.key as a date, or have when absent. */
static bool opt_date(lua_State *L, int opts, const char *fn, const char *key, pa_date *d)
{
    lua_getfield(L, opts, key);
    bool have = !lua_isnil(L, -1);
    if (have && !ldate_test(L, -1, d))
        luaL_error(L, "%s: option %s must be a date, got %s", fn, key, ldata_typename(L, -1));
    lua_pop(L, 1);
    return have;
}

/* ---- groups ---- */

/* The index group of row r's cell in column col (not null), by the same
 * lookups t:select makes, so that groups come in first-appearance order. */
static uint32_t group_of(const pa_table *t, int col, const pa_index *ix, uint32_t r)
{
    int ty = t->cols[col].type;
    int64_t g;
    if (ty == TY_TEXT || ty == TY_LINKS) {
        size_t n = 0;
        const char *s = tab_text(t, col, r, &n);
        g = idx_find_text(t, col, ix, s, n);
    } else {
        g = idx_find(ix, idx_cell_key(t, col, r));
    }
    return (uint32_t)g;
}

/* ---- pmo.sweep ---- */

static const char *const sweep_opts[] = {"from", "to", "amount", "by", "limit", "per", "first", "digits", NULL};
#define SWEEP_LIST "from, to, amount, by, limit, per, first, digits"
#define NUMERIC ((1u << TY_INT) | (1u << TY_NUMBER) | (1u << TY_MONEY))

typedef struct {
    pa_table *t;
    int from, to, amount, by; /* columns; by -1 = one group */
    const pa_index *ix;       /* of by */
    int64_t limit;
    double scale;             /* 10^digits */
    int digits;
    period_unit per;
    bool first;
} sweep_cfg;

/* x * 10^digits rounded to an integer as pmo.round rounds (the exact
 * binary value, ties to even), or an error when it is too large. */
static int64_t to_units(lua_State *L, double x, const sweep_cfg *c, const char *what)
{
    double v = x * c->scale;
    char buf[64];
    if (!(fabs(v) < 9.2e18)) {
        snprintf(buf, sizeof buf, "%g", x); /* lua_pushfstring has no %g */
        luaL_error(L, "pmo.sweep: %s %s is too large to add up exactly with digits = %d (use fewer digits)", what,
                   buf, c->digits);
    }
    /* nearbyint rounds as printf's "%.0f" does (half to even, in the
     * default rounding mode) and is exact: below 2^53 the result is
     * representable, above it v is already whole. Printing and reading
     * back cost a few thousand instructions per amount. */
    return (int64_t)nearbyint(v);
}

static void sweep_config(lua_State *L, sweep_cfg *c)
{
    const char *fn = "pmo.sweep";
    check_opts(L, 2, fn, sweep_opts, SWEEP_LIST);
    c->from = opt_column(L, 2, fn, c->t, "from", true);
    c->to = opt_column(L, 2, fn, c->t, "to", false);
    c->to = c->to < 0 ? c->from : c->to;
    c->amount = opt_column(L, 2, fn, c->t, "amount", true);
    c->by = opt_column(L, 2, fn, c->t, "by", false);
    want_type(L, fn, c->t, c->from, 1u << TY_DATE, "a date column (option from)");
    want_type(L, fn, c->t, c->to, 1u << TY_DATE, "a date column (option to)");
    want_type(L, fn, c->t, c->amount, NUMERIC, "a number column (option amount)");
    c->ix = c->by >= 0 ? idx_get(c->t, c->by) : NULL;
    lua_getfield(L, 2, "digits");
    int isint = 0;
    lua_Integer dg = lua_isnil(L, -1) ? 9 : lua_tointegerx(L, -1, &isint);
    if ((!isint && !lua_isnil(L, -1)) || dg < 0 || dg > 9)
        luaL_error(L, "pmo.sweep: option digits must be a whole number from 0 to 9");
    c->digits = (int)dg;
    c->scale = pow(10, (double)dg);
    lua_getfield(L, 2, "per");
    const char *per = lua_isnil(L, -1) ? "day" : lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : "";
    if (!period_unit_parse(per, &c->per))
        luaL_error(L, "pmo.sweep: option per must be %s", period_unit_names);
    lua_getfield(L, 2, "first");
    c->first = lua_toboolean(L, -1);
    if (lua_getfield(L, 2, "limit") != LUA_TNUMBER)
        luaL_error(L, "pmo.sweep: option limit must be a number, got %s", ldata_typename(L, -1));
    c->limit = to_units(L, lua_tonumber(L, -1), c, "limit");
    lua_pop(L, 4);
}

/* The items of the rows with a date range and an amount (and a key). */
static size_t sweep_items(lua_State *L, const sweep_cfg *c, const ldata_rows *src, sweep_item *it, uint32_t *row)
{
    const pa_table *t = c->t;
    const pa_column *f = &t->cols[c->from], *e = &t->cols[c->to], *a = &t->cols[c->amount];
    size_t n = 0;
    for (uint32_t i = 0; i < src->n; i++) {
        uint32_t r = ldata_rows_at(src, i);
        if (tab_is_null(f, r) || tab_is_null(e, r) || tab_is_null(a, r) || (c->by >= 0 && tab_is_null(&t->cols[c->by], r)))
            continue;
        pa_date lo = f->v.date[r], hi = e->v.date[r];
        if (hi < lo)
            continue;
        double x = a->type == TY_INT ? (double)a->v.i64[r] : a->v.f64[r];
        it[n] = (sweep_item){period_index(c->per, lo), period_index(c->per, hi), to_units(L, x, c, "amount"),
                             c->by >= 0 ? group_of(t, c->by, c->ix, r) : 0};
        row[n++] = r;
    }
    return n;
}

typedef struct {
    lua_State *L;
    const sweep_cfg *c;
    const uint32_t *row;
    int out; /* the result list's stack index */
    lua_Integer count;
} emit_ud;

/* One run over the limit as {key, from, to, period, sum, rows} appended to the result list. */
static bool sweep_emit(void *ud, const sweep_run_t *run)
{
    emit_ud *u = ud;
    lua_State *L = u->L;
    const sweep_cfg *c = u->c;
    lrt_charge(L, run->n + 8);
    lua_createtable(L, 0, 6);
    if (c->by >= 0) {
        ldata_push_cell(L, c->t, c->by, u->row[run->items[0]]);
        lua_setfield(L, -2, "key");
    }
    pa_date from = period_first(c->per, run->lo), to = period_last(c->per, run->hi);
    ldate_push(L, from);
    lua_setfield(L, -2, "from");
    ldate_push(L, to > PERIOD_MAX_DATE ? PERIOD_MAX_DATE : to);
    lua_setfield(L, -2, "to");
    char key[16];
    period_key(c->per, from, key);
    lua_pushstring(L, key);
    lua_setfield(L, -2, "period");
    if (c->digits == 0)
        lua_pushinteger(L, run->sum);
    else
        lua_pushnumber(L, (double)run->sum / c->scale);
    lua_setfield(L, -2, "sum");
    lua_createtable(L, (int)run->n, 0);
    for (size_t i = 0; i < run->n; i++) {
        lrows_push(L, c->t, u->row[run->items[i]]);
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
    lua_setfield(L, -2, "rows");
    lua_rawseti(L, u->out, ++u->count);
    return !c->first;
}

/* pmo.sweep(rows, opts) -> list of runs over opts.limit (see docs/rule-api.md). */
int lgroup_sweep(lua_State *L)
{
    ldata_rows src;
    ldata_check_rows(L, 1, "pmo.sweep", &src);
    sweep_cfg c = {.t = src.t};
    sweep_config(L, &c);
    if (src.n >= 0x7fffffffu)
        return luaL_error(L, "pmo.sweep: too many rows");
    lrt_charge(L, src.n + 1); /* reading the cells */
    size_t n0 = src.n ? src.n : 1;
    sweep_item *it = lua_newuserdatauv(L, n0 * sizeof *it, 0);
    uint32_t *row = lua_newuserdatauv(L, n0 * sizeof *row, 0);
    size_t n = sweep_items(L, &c, &src, it, row);
    void *scratch = lua_newuserdatauv(L, sweep_scratch_size(n0), 0);
    lua_newtable(L);
    emit_ud u = {L, &c, row, lua_gettop(L), 0};
    uint64_t work = 0;
    if (!sweep_run(it, n, c.limit, scratch, sweep_emit, &u, &work))
        return luaL_error(L, "pmo.sweep: a sum of option amount overflows with digits = %d (use fewer digits)",
                          c.digits);
    lrt_charge(L, work);
    return 1;
}

/* ---- pmo.latest, pmo.earliest ---- */

static const char *const pick_opts[] = {"by", "upto", "since", NULL};
#define PICK_LIST "by, upto, since"

/*
 * The row of src with the latest (or earliest) date in column col, per
 * group of opts.by or overall; rows with a null date, a null key, or a
 * date outside opts.since .. opts.upto are left out, and a tie goes to the
 * first row. Pushes the row (or nil), or a Lua table key -> row with by.
 */
static int pick(lua_State *L, const char *fn, bool latest)
{
    ldata_rows src;
    ldata_check_rows(L, 1, fn, &src);
    pa_table *t = src.t;
    const char *name = luaL_checkstring(L, 2);
    int col = tab_column(t, name), by = -1;
    if (col < 0)
        return luaL_error(L, "%s: table %s has no column '%s'", fn, t->name, name);
    want_type(L, fn, t, col, 1u << TY_DATE, "a date column");
    pa_date lo = PERIOD_MIN_DATE, hi = PERIOD_MAX_DATE;
    if (!lua_isnoneornil(L, 3)) {
        check_opts(L, 3, fn, pick_opts, PICK_LIST);
        by = opt_column(L, 3, fn, t, "by", false);
        opt_date(L, 3, fn, "upto", &hi);
        opt_date(L, 3, fn, "since", &lo);
    }
    lrt_charge(L, src.n + 1);
    const pa_index *ix = by >= 0 ? idx_get(t, by) : NULL;
    size_t ng = ix ? ix->ngroups : 1;
    uint32_t *best = lua_newuserdatauv(L, (ng ? ng : 1) * sizeof *best, 0); /* row + 1 per group, 0 = none */
    memset(best, 0, (ng ? ng : 1) * sizeof *best);
    const pa_column *c = &t->cols[col];
    for (uint32_t i = 0; i < src.n; i++) {
        uint32_t r = ldata_rows_at(&src, i);
        if (tab_is_null(c, r) || (by >= 0 && tab_is_null(&t->cols[by], r)))
            continue;
        pa_date d = c->v.date[r];
        if (d < lo || d > hi)
            continue;
        uint32_t g = by >= 0 ? group_of(t, by, ix, r) : 0;
        pa_date b = best[g] ? c->v.date[best[g] - 1] : 0;
        if (!best[g] || (latest ? d > b : d < b))
            best[g] = r + 1; /* rows come in ascending order: a tie keeps the first */
    }
    if (by < 0) {
        if (best[0])
            lrows_push(L, t, best[0] - 1);
        else
            lua_pushnil(L);
        return 1;
    }
    lua_createtable(L, 0, (int)(ng < 1024 ? ng : 1024));
    for (size_t g = 0; g < ng; g++) {
        if (!best[g])
            continue;
        ldata_push_cell(L, t, by, best[g] - 1);
        lrows_push(L, t, best[g] - 1);
        lua_rawset(L, -3);
    }
    lrt_charge(L, ng);
    return 1;
}

int lgroup_latest(lua_State *L)
{
    return pick(L, "pmo.latest", true);
}

int lgroup_earliest(lua_State *L)
{
    return pick(L, "pmo.earliest", false);
}
