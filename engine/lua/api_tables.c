/*
 * lua/api_tables.c - rows, tables and row sets as Lua values.
 *
 * A row is a light userdata whose bits name the table and the row (see
 * lua/api_rows.h), so handing a row to Lua allocates nothing and leaves
 * nothing for the collector: a rule walking a million tasks used to create
 * a million full userdata. `row.status` costs two raw table lookups (the
 * table's column-name map, then the name) plus reading the column array,
 * and only the cells a rule reads are converted. Tables and row sets
 * expose the column indexes of store/index.c: get/find/select by value, and
 * groups in first-appearance order.
 */
#include "lua/api.h"
#include "lua/api_rows.h"
#include "lua/state.h"
#include "store/index.h"

#include <lauxlib.h>
#include <stdlib.h>
#include <string.h>

#define TABLE_MT "pmoaudit.table"
#define ROWSET_MT "pmoaudit.rowset"
#define TABLEUD_KEY "pmoaudit.tableud" /* registry: table pointer -> its table userdata */

/* A table object. magic tells it from the engine's other full userdata
 * (see check_table); links_col is the first links column, or -1. g and gen
 * are the rows' registry and its generation when the object was made: a
 * table object (or row set, or iterator) kept from an earlier store, such
 * as a previous test case's, would point into freed tables (see alive). */
typedef struct {
    uint64_t magic;
    pa_table *t;
    const rowreg *g;
    uint16_t gen;
    int links_col;
} tableud;

#define TABLE_MAGIC 0x706d6f7461626c65ULL /* "pmotable" */

static const char colmaps_key = 'c'; /* registry: &colmaps_key -> table id -> column-name map */

/* A row set: the rows of one index group, or all rows with ix == NULL. */
typedef struct {
    pa_table *t;
    const pa_index *ix;
    const rowreg *reg; /* as in tableud */
    uint16_t gen;
    uint32_t g;
    uint32_t n;
    int tid;
} rowsetud;

/* Refuse an object made for a store that is no longer bound: its tables
 * and indexes may be freed. Rows have the same check (lrows_decode). */
static void alive(lua_State *L, const rowreg *g, uint16_t gen, const char *what)
{
    if (g->gen != gen || !g->st)
        luaL_error(L, "this %s belongs to data that is no longer loaded (kept from an earlier test case?)", what);
}


void ldata_push_cell(lua_State *L, const pa_table *t, int col, uint32_t r)
{
    const pa_column *c = &t->cols[col];
    if (tab_is_null(c, r)) {
        lua_pushnil(L);
        return;
    }
    switch (c->type) {
    case TY_TEXT:
    case TY_LINKS: {
        size_t n = 0;
        const char *s = tab_text(t, col, r, &n);
        lua_pushlstring(L, s, n);
        break;
    }
    case TY_INT:
        lua_pushinteger(L, c->v.i64[r]);
        break;
    case TY_NUMBER:
    case TY_MONEY:
        lua_pushnumber(L, c->v.f64[r]);
        break;
    case TY_DATE:
        ldate_push(L, c->v.date[r]);
        break;
    case TY_BOOL:
        lua_pushboolean(L, c->v.u8[r]);
        break;
    case TY_ENUM:
        lua_pushstring(L, c->def->enums[c->v.u8[r]]);
        break;
    }
}

/* Special fields every row has besides its columns. */
static int row_meta_field(lua_State *L, pa_table *t, uint32_t r, const char *k)
{
    if (strcmp(k, "_line") == 0)
        lua_pushinteger(L, t->line[r]);
    else if (strcmp(k, "_file") == 0)
        lua_pushstring(L, tab_file(t, r));
    else if (strcmp(k, "_table") == 0)
        lua_pushstring(L, t->name);
    else if (strcmp(k, "_index") == 0)
        lua_pushinteger(L, (lua_Integer)r + 1);
    else
        return 0;
    return 1;
}

static int stale_row(lua_State *L)
{
    return luaL_error(L, "not a row of the data being audited (a row kept from an earlier run or test case?)");
}

/* The column-name map of table tid (name -> column number), built on first
 * use and kept in upvalue 2 of the row metamethods until the next reset. */
static void push_colmap(lua_State *L, const pa_table *t, int tid)
{
    if (lua_rawgeti(L, lua_upvalueindex(2), tid) == LUA_TTABLE)
        return;
    lua_pop(L, 1);
    lua_createtable(L, 0, t->ncols);
    for (int i = 0; i < t->ncols; i++) {
        lua_pushinteger(L, i);
        lua_setfield(L, -2, t->cols[i].name);
    }
    lua_pushvalue(L, -1);
    lua_rawseti(L, lua_upvalueindex(2), tid);
}

/* The row a row metamethod is called on (argument 1): upvalue 1 is the
 * rowreg. False when the value names no row of the bound store. */
static bool self_row(lua_State *L, pa_table **t, uint32_t *r, int *tid)
{
    return lrows_decode(lua_touserdata(L, lua_upvalueindex(1)), lua_touserdata(L, 1), t, r, tid);
}

/* __index of rows: upvalue 1 the rowreg, 2 the column-name maps by table. */
static int row_index(lua_State *L)
{
    pa_table *t;
    uint32_t r;
    int tid;
    if (!self_row(L, &t, &r, &tid))
        return stale_row(L);
    push_colmap(L, t, tid);
    lua_pushvalue(L, 2);
    if (lua_rawget(L, -2) == LUA_TNUMBER) {
        ldata_push_cell(L, t, (int)lua_tointeger(L, -1), r);
        return 1;
    }
    const char *k = lua_tostring(L, 2);
    if (k && row_meta_field(L, t, r, k))
        return 1;
    return luaL_error(L, "table %s has no column '%s' (see `pmoaudit schema`; extra CSV columns keep "
                         "their normalised header name)", t->name, k ? k : "?");
}

static int row_newindex(lua_State *L)
{
    pa_table *t;
    uint32_t r;
    int tid;
    if (!self_row(L, &t, &r, &tid))
        return stale_row(L);
    return luaL_error(L, "rows are read-only (tried to set '%s' on a row of %s)", luaL_tolstring(L, 2, NULL),
                      t->name);
}

static int row_tostring(lua_State *L)
{
    pa_table *t;
    uint32_t r;
    int tid;
    if (!self_row(L, &t, &r, &tid))
        return stale_row(L);
    lua_pushfstring(L, "row %s:%d", tab_file(t, r), (int)t->line[r]);
    return 1;
}

/* Argument idx of a light userdata event is a date (else a row). */
static bool is_date(lua_State *L, int idx)
{
    return ldate_tagged(lua_touserdata(L, idx));
}

/* The events of the light userdata metatable, sent to rows or dates. */
static int lv_index(lua_State *L)
{
    return is_date(L, 1) ? ldate_index(L) : row_index(L);
}

static int lv_newindex(lua_State *L)
{
    if (is_date(L, 1))
        return luaL_error(L, "dates are read-only values");
    return row_newindex(L);
}

static int lv_tostring(lua_State *L)
{
    return is_date(L, 1) ? ldate_tostring(L) : row_tostring(L);
}

/*
 * Set the metatable of all light userdata: rows and dates. Every event is
 * a closure over the rowreg and the column-name maps, the upvalues the row
 * handlers read. The arithmetic and order events are only meaningful for
 * dates; lua/api_date.c refuses rows there with "expected a date, got a row".
 */
static void open_rows(lua_State *L)
{
    rowreg *g = lua_newuserdatauv(L, sizeof *g, 0);
    g->st = NULL;
    g->gen = 1;
    lua_pushvalue(L, -1);
    lua_rawsetp(L, LUA_REGISTRYINDEX, &lrows_key);
    lua_newtable(L); /* column-name maps; emptied by ldata_reset */
    lua_pushvalue(L, -1);
    lua_rawsetp(L, LUA_REGISTRYINDEX, &colmaps_key);
    lua_pushlightuserdata(L, NULL);
    lua_createtable(L, 0, 12);
    static const struct {
        const char *name;
        lua_CFunction f;
    } mm[] = {{"__index", lv_index},   {"__newindex", lv_newindex}, {"__tostring", lv_tostring},
              {"__lt", ldate_lt},      {"__le", ldate_le},          {"__sub", ldate_sub},
              {"__add", ldate_add},    {"__concat", ldate_concat}};
    for (size_t i = 0; i < sizeof mm / sizeof mm[0]; i++) {
        lua_pushvalue(L, -4);
        lua_pushvalue(L, -4);
        lua_pushcclosure(L, mm[i].f, 2);
        lua_setfield(L, -2, mm[i].name);
    }
    lua_pushboolean(L, 0);
    lua_setfield(L, -2, "__metatable");
    lua_setmetatable(L, -2);
    lua_pop(L, 3);
}

const char *ldata_typename(lua_State *L, int idx)
{
    return lrows_test(L, idx, NULL, NULL) ? "row" : ldate_test(L, idx, NULL) ? "date" : luaL_typename(L, idx);
}

/* ---- tables ---- */

/*
 * The table object at idx. Every table method starts here, once per call
 * (a rule calling tasks:row(i) and tasks:links(t) for a million tasks), so
 * the common case skips luaL_checkudata's metatable lookup by name: full
 * userdata are only ever made by the engine (rules cannot create any), and
 * a table object is the only one of its size that starts with TABLE_MAGIC.
 * Anything else takes luaL_checkudata's path, for its usual error message.
 */
static tableud *check_tableud(lua_State *L, int idx)
{
    if (lua_type(L, idx) == LUA_TUSERDATA && lua_rawlen(L, idx) == sizeof(tableud)) {
        tableud *u = lua_touserdata(L, idx);
        if (u->magic == TABLE_MAGIC) {
            alive(L, u->g, u->gen, "table object");
            return u;
        }
    }
    tableud *u = luaL_checkudata(L, idx, TABLE_MT);
    alive(L, u->g, u->gen, "table object");
    return u;
}

static pa_table *check_table(lua_State *L, int idx)
{
    return check_tableud(L, idx)->t;
}

pa_table *ldata_check_table(lua_State *L, int idx)
{
    return check_table(L, idx);
}

/*
 * One table userdata per table and bound store: every rule run on this
 * state until the next ldata_reset sees the same ctx.tables.tasks object.
 * That makes the table a key under which a lib may keep what it derived
 * from it for the rest of the run (rules/lib/schedule.lua keeps the Lua
 * tables of pmo.schedule this way, once per worker).
 */
void ldata_push_table(lua_State *L, pa_table *t)
{
    lua_getfield(L, LUA_REGISTRYINDEX, TABLEUD_KEY);
    if (lua_rawgetp(L, -1, t) != LUA_TNIL) {
        lua_remove(L, -2);
        return;
    }
    lua_pop(L, 1);
    tableud *u = lua_newuserdatauv(L, sizeof *u, 0);
    u->magic = TABLE_MAGIC;
    u->t = t;
    u->g = lrows_registry(L);
    u->gen = u->g->gen;
    u->links_col = tab_links_column(t);
    luaL_setmetatable(L, TABLE_MT);
    lua_pushvalue(L, -1);
    lua_rawsetp(L, -3, t);
    lua_remove(L, -2);
}

static int check_column(lua_State *L, pa_table *t, int idx)
{
    const char *name = luaL_checkstring(L, idx);
    int col = tab_column(t, name);
    if (col < 0)
        luaL_error(L, "table %s has no column '%s'", t->name, name);
    return col;
}

/*
 * Convert a Lua value into the raw key bits of column col, as store/index.c
 * stores them. Returns false when no cell of the column can equal it (an
 * unknown string, a value of another type), so the lookup is empty.
 */
static bool lua_key(lua_State *L, int idx, const pa_table *t, int col, uint64_t *key)
{
    const pa_column *c = &t->cols[col];
    switch (c->type) {
    case TY_TEXT:
    case TY_LINKS:
        return false; /* text is looked up by idx_find_text (lookup) */
    case TY_INT:
        if (!lua_isinteger(L, idx)) {
            lua_Number d = lua_tonumber(L, idx);
            if (lua_type(L, idx) != LUA_TNUMBER || d != (lua_Number)(lua_Integer)d)
                return false;
            *key = (uint64_t)(lua_Integer)d;
            return true;
        }
        *key = (uint64_t)lua_tointeger(L, idx);
        return true;
    case TY_NUMBER:
    case TY_MONEY: {
        if (lua_type(L, idx) != LUA_TNUMBER)
            return false;
        double d = lua_tonumber(L, idx);
        if (d == 0)
            d = 0;
        memcpy(key, &d, sizeof d);
        return true;
    }
    case TY_DATE: {
        pa_date d;
        if (!ldate_test(L, idx, &d))
            return false;
        *key = (uint64_t)(int64_t)d;
        return true;
    }
    case TY_BOOL:
        if (lua_type(L, idx) != LUA_TBOOLEAN)
            return false;
        *key = (uint64_t)lua_toboolean(L, idx);
        return true;
    case TY_ENUM: {
        if (lua_type(L, idx) != LUA_TSTRING)
            return false;
        int k = schema_enum_index(c->def, lua_tostring(L, idx));
        *key = (uint64_t)k;
        return k >= 0;
    }
    }
    return false;
}

/* The index group of value at idx in column col, or -1. */
static int64_t lookup(lua_State *L, pa_table *t, int col, int idx, const pa_index **ixp)
{
    const pa_index *ix = idx_get(t, col);
    *ixp = ix;
    int ty = t->cols[col].type;
    if ((ty == TY_TEXT || ty == TY_LINKS) && lua_type(L, idx) == LUA_TSTRING) {
        size_t n;
        const char *s = lua_tolstring(L, idx, &n);
        return idx_find_text(t, col, ix, s, n);
    }
    uint64_t key;
    if (lua_isnoneornil(L, idx) || !lua_key(L, idx, t, col, &key))
        return -1;
    return idx_find(ix, key);
}

static void push_rowset(lua_State *L, pa_table *t, const pa_index *ix, int64_t g)
{
    rowsetud *u = lua_newuserdatauv(L, sizeof *u, 0);
    u->t = t;
    u->ix = ix;
    u->g = g < 0 ? 0 : (uint32_t)g;
    u->n = !ix ? (uint32_t)t->nrows : g < 0 ? 0 : ix->start[g + 1] - ix->start[g];
    u->reg = lrows_registry(L);
    u->gen = u->reg->gen;
    u->tid = lrows_table_id(L, u->reg, t);
    luaL_setmetatable(L, ROWSET_MT);
}

static uint32_t rowset_row(const rowsetud *u, uint32_t i)
{
    return u->ix ? u->ix->rows[u->ix->start[u->g] + i] : i;
}

/* A warning about the running rule's code, at the rule line that called
 * the API, kept in its result's notes once per place; nothing outside a
 * rule run (lrt_run sets cur and res). */
static void note(lua_State *L, const char *text)
{
    lrt *rt = RT(L);
    if (!rt->res || !rt->cur)
        return;
    luaL_where(L, 1); /* "file:line: " of the rule code that called the API ("" from a C function) */
    char *line = xasprintf("%srule %s: %s\n", lua_tostring(L, -1), rt->cur->id, text);
    size_t key = lua_rawlen(L, -1); /* once per place; a note without a place once per text */
    lua_pop(L, 1);
    if (!key)
        key = strlen(line);
    pa_result *res = rt->res;
    for (const char *p = res->notes; p && *p; p = strchr(p, '\n') + 1)
        if (strncmp(p, line, key) == 0) {
            free(line);
            return;
        }
    char *all = xasprintf("%s%s", res->notes ? res->notes : "", line);
    free(line);
    free(res->notes);
    res->notes = all;
}

/*
 * A lookup found nothing. When no cell of the column could ever equal the
 * value (a string for a date column, a word outside an enum, a number for
 * a text column), the rule almost certainly meant something else: that is
 * noted for the rule's report (once per place), worded as lint
 * words the same comparison. col -1: the key column, written t:get(value).
 */
static void note_never(lua_State *L, const pa_table *t, int col, int idx, const char *method)
{
    int lt = lua_type(L, idx);
    pa_date d;
    char vt = lt == LUA_TSTRING ? 's' : lt == LUA_TNUMBER ? 'n' : lt == LUA_TBOOLEAN ? 'b' : 0;
    if (!vt && ldate_test(L, idx, &d))
        vt = 'd';
    const pa_column *c = &t->cols[col < 0 ? t->key_col : col];
    size_t n = 0;
    const char *s = "";
    char day[11];
    if (vt == 's' || vt == 'n') {
        lua_pushvalue(L, idx);
        s = lua_tolstring(L, -1, &n); /* kept on the stack below until the note is made */
    } else if (vt == 'd') {
        date_format(d, day);
        s = day;
        n = 10;
    }
    sbuf why;
    sb_init(&why);
    if (vt && schema_never_equal(c->type, c->def ? c->def->enums : NULL, vt, s, n, &why)) {
        sbuf m;
        sb_init(&m);
        sb_printf(&m, "%s:%s(", t->name, method);
        if (col >= 0)
            sb_printf(&m, "\"%s\", ", c->name);
        if (vt == 's')
            sb_printf(&m, "\"%.*s\"", (int)(n > 60 ? 60 : n), s);
        else if (vt == 'd')
            sb_printf(&m, "pmo.date(\"%s\")", s);
        else
            sb_puts(&m, vt == 'b' ? (lua_toboolean(L, idx) ? "true" : "false") : s);
        sb_printf(&m, ") never finds a row: %s", why.data);
        note(L, m.data);
        sb_free(&m);
    }
    sb_free(&why);
    if (vt == 's' || vt == 'n')
        lua_pop(L, 1);
}

/* t:get(key) -> the first row whose primary key is key, or nil. */
static int t_get(lua_State *L)
{
    pa_table *t = check_table(L, 1);
    if (t->key_col < 0)
        return luaL_error(L, "table %s has no primary key; use t:find(column, value)", t->name);
    const pa_index *ix;
    int64_t g = lookup(L, t, t->key_col, 2, &ix);
    if (g < 0) {
        note_never(L, t, -1, 2, "get");
        lua_pushnil(L);
    } else {
        lrows_push(L, t, ix->rows[ix->start[g]]);
    }
    return 1;
}

/* t:find(column, value) -> the first row where column == value, or nil. */
static int t_find(lua_State *L)
{
    pa_table *t = check_table(L, 1);
    int col = check_column(L, t, 2);
    const pa_index *ix;
    int64_t g = lookup(L, t, col, 3, &ix);
    if (g < 0) {
        note_never(L, t, col, 3, "find");
        lua_pushnil(L);
    } else {
        lrows_push(L, t, ix->rows[ix->start[g]]);
    }
    return 1;
}

/* t:select(column, value) -> row set of the rows where column == value. */
static int t_select(lua_State *L)
{
    pa_table *t = check_table(L, 1);
    int col = check_column(L, t, 2);
    const pa_index *ix;
    int64_t g = lookup(L, t, col, 3, &ix);
    if (g < 0)
        note_never(L, t, col, 3, "select");
    push_rowset(L, t, ix, g);
    return 1;
}

/* Iterator of t:groups(column): upvalues table ud, index (light), next group. */
static int groups_iter(lua_State *L)
{
    tableud *tu = lua_touserdata(L, lua_upvalueindex(1));
    alive(L, tu->g, tu->gen, "iterator");
    const pa_index *ix = lua_touserdata(L, lua_upvalueindex(2));
    int col = (int)lua_tointeger(L, lua_upvalueindex(3));
    lua_Integer g = lua_tointeger(L, lua_upvalueindex(4));
    if ((uint64_t)g >= ix->ngroups)
        return 0;
    lua_pushinteger(L, g + 1);
    lua_replace(L, lua_upvalueindex(4));
    ldata_push_cell(L, tu->t, col, ix->rows[ix->start[g]]);
    push_rowset(L, tu->t, ix, g);
    return 2;
}

/* for value, rows in t:groups(column): non-null values in order of first appearance. */
static int t_groups(lua_State *L)
{
    pa_table *t = check_table(L, 1);
    int col = check_column(L, t, 2);
    lua_pushvalue(L, 1);
    lua_pushlightuserdata(L, (void *)idx_get(t, col));
    lua_pushinteger(L, col);
    lua_pushinteger(L, 0);
    lua_pushcclosure(L, groups_iter, 4);
    return 1;
}

/* The most cells t:rows(column, ...) hands out with each row. */
#define ROWS_MAX_CELLS 8

/*
 * Row iterator shared by tables and row sets: upvalue 1 the row set, 2 the
 * rowreg, 3 the position, 4.. the columns whose cells come with each row.
 * `for t, w, h in ts:rows("week_start", "hours")` reads the two cells in
 * this one call, instead of one __index call per cell: the loop a rule
 * runs over a million rows then costs one C call per row.
 */
static int rows_iter(lua_State *L)
{
    rowsetud *u = lua_touserdata(L, lua_upvalueindex(1));
    alive(L, u->reg, u->gen, "iterator");
    lua_Integer i = lua_tointeger(L, lua_upvalueindex(3));
    if ((uint64_t)i >= u->n)
        return 0;
    lua_pushinteger(L, i + 1);
    lua_replace(L, lua_upvalueindex(3));
    uint32_t r = rowset_row(u, (uint32_t)i);
    lrows_push_id(L, lua_touserdata(L, lua_upvalueindex(2)), u->tid, r);
    int ncells = (int)lua_tointeger(L, lua_upvalueindex(4));
    for (int k = 0; k < ncells; k++)
        ldata_push_cell(L, u->t, (int)lua_tointeger(L, lua_upvalueindex(5 + k)), r);
    return 1 + ncells;
}

/* The iterator of the row set at rowset_idx, with the cells of the columns
 * named by the arguments from first_col on. */
static int push_rows_iter(lua_State *L, int rowset_idx, int first_col)
{
    rowsetud *u = lua_touserdata(L, rowset_idx);
    int ncells = lua_gettop(L) - first_col + 1;
    if (ncells > ROWS_MAX_CELLS)
        return luaL_error(L, "rows(column, ...): at most %d columns", ROWS_MAX_CELLS);
    lua_pushvalue(L, rowset_idx);
    lua_rawgetp(L, LUA_REGISTRYINDEX, &lrows_key);
    lua_pushinteger(L, 0);
    lua_pushinteger(L, ncells);
    for (int k = 0; k < ncells; k++)
        lua_pushinteger(L, check_column(L, u->t, first_col + k));
    lua_pushcclosure(L, rows_iter, 4 + ncells);
    return 1;
}

/* for row [, cell, ...] in t:rows([column, ...]) */
static int t_rows(lua_State *L)
{
    pa_table *t = check_table(L, 1);
    push_rowset(L, t, NULL, 0);
    lua_insert(L, 2); /* t, rows, column, ... */
    return push_rows_iter(L, 2, 3);
}

/* t:row(i) -> row i (1-based) or nil. */
static int t_row(lua_State *L)
{
    pa_table *t = check_table(L, 1);
    lua_Integer i = luaL_checkinteger(L, 2);
    if (i < 1 || (uint64_t)i > t->nrows)
        lua_pushnil(L);
    else
        lrows_push(L, t, (uint32_t)(i - 1));
    return 1;
}

/* t:has(column) -> whether the table has that column (from the CSV or the model). */
static int t_has(lua_State *L)
{
    pa_table *t = check_table(L, 1);
    int col = tab_column(t, luaL_checkstring(L, 2));
    lua_pushboolean(L, col >= 0);
    return 1;
}

/* Iterator of t:links(row): upvalues table ud, position, end. */
static int links_iter(lua_State *L)
{
    tableud *tu = lua_touserdata(L, lua_upvalueindex(1));
    alive(L, tu->g, tu->gen, "iterator");
    lua_Integer i = lua_tointeger(L, lua_upvalueindex(2));
    lua_Integer end = lua_tointeger(L, lua_upvalueindex(3));
    if (i >= end)
        return 0;
    lua_pushinteger(L, i + 1);
    lua_replace(L, lua_upvalueindex(2));
    const pa_tlink *lk = &tu->t->links[i];
    size_t n;
    const char *id = tab_link_id(tu->t, lk, &n);
    lua_pushlstring(L, id, n);
    lua_pushstring(L, link_type_names[tab_link_type(lk)]);
    double lag = tab_link_lag(tu->t, lk);
    if (lag == (double)(lua_Integer)lag)
        lua_pushinteger(L, (lua_Integer)lag);
    else
        lua_pushnumber(L, lag);
    return 3;
}

/* for id, type, lag in t:links(row [, column]): the valid links of a links cell. */
static int t_links(lua_State *L)
{
    tableud *tu = check_tableud(L, 1);
    pa_table *t = tu->t;
    pa_table *rt;
    uint32_t r;
    if (!lrows_test(L, 2, &rt, &r) || rt != t)
        return luaL_error(L, "links(row): expected a row of table %s", t->name);
    int col = -1;
    if (lua_isnoneornil(L, 3)) {
        col = tu->links_col;
        if (col < 0)
            return luaL_error(L, "table %s has no links column", t->name);
    } else {
        col = check_column(L, t, 3);
        if (t->cols[col].type != TY_LINKS)
            return luaL_error(L, "column %s of %s is not a links column", t->cols[col].name, t->name);
    }
    const pa_column *c = &t->cols[col];
    lua_pushvalue(L, 1);
    lua_pushinteger(L, c->link_start[r]);
    lua_pushinteger(L, tab_is_null(c, r) ? c->link_start[r] : c->link_start[r + 1]);
    lua_pushcclosure(L, links_iter, 3);
    return 1;
}

static int t_len(lua_State *L)
{
    lua_pushinteger(L, (lua_Integer)check_table(L, 1)->nrows);
    return 1;
}

/* t.name, t.file, t.columns, or a method (looked up first: t:row(i) and
 * t:links(row) are called per row). */
static int t_index(lua_State *L)
{
    pa_table *t = check_table(L, 1);
    lua_pushvalue(L, 2);
    if (lua_rawget(L, lua_upvalueindex(1)) != LUA_TNIL)
        return 1;
    const char *k = luaL_checkstring(L, 2);
    if (strcmp(k, "name") == 0) {
        lua_pushstring(L, t->name);
        return 1;
    }
    if (strcmp(k, "file") == 0) {
        lua_pushstring(L, t->file);
        return 1;
    }
    if (strcmp(k, "columns") == 0) {
        lua_createtable(L, t->ncols, 0);
        for (int i = 0; i < t->ncols; i++) {
            lua_pushstring(L, t->cols[i].name);
            lua_rawseti(L, -2, i + 1);
        }
        return 1;
    }
    return luaL_error(L, "tables have no field or method '%s'", k);
}

static int t_tostring(lua_State *L)
{
    pa_table *t = check_table(L, 1);
    lua_pushfstring(L, "table %s (%d rows)", t->name, (int)t->nrows);
    return 1;
}

/* ---- row sets ---- */

static rowsetud *check_rowset(lua_State *L, int idx)
{
    rowsetud *u = luaL_checkudata(L, idx, ROWSET_MT);
    alive(L, u->reg, u->gen, "row set");
    return u;
}

static int rs_len(lua_State *L)
{
    lua_pushinteger(L, check_rowset(L, 1)->n);
    return 1;
}

static int rs_rows(lua_State *L)
{
    check_rowset(L, 1);
    return push_rows_iter(L, 1, 2);
}

/* rows[i] (1-based) or a method name. */
static int rs_index(lua_State *L)
{
    rowsetud *u = check_rowset(L, 1);
    if (lua_type(L, 2) == LUA_TNUMBER) {
        lua_Integer i = lua_tointeger(L, 2);
        if (i < 1 || (uint64_t)i > u->n)
            lua_pushnil(L);
        else
            lrows_push(L, u->t, rowset_row(u, (uint32_t)(i - 1)));
        return 1;
    }
    const char *k = luaL_checkstring(L, 2);
    if (strcmp(k, "rows") == 0) {
        lua_pushcfunction(L, rs_rows);
        return 1;
    }
    return luaL_error(L, "row sets have no field or method '%s' (use #rows, rows[i] or rows:rows())", k);
}

/* The rows of the table or row set at idx, for the C helpers that walk
 * them (lua/api_groups.c); anything else is an error naming what it is. */
void ldata_check_rows(lua_State *L, int idx, const char *fn, ldata_rows *out)
{
    if (lua_type(L, idx) == LUA_TUSERDATA && lua_getmetatable(L, idx)) {
        luaL_getmetatable(L, ROWSET_MT);
        bool rs = lua_rawequal(L, -1, -2);
        lua_pop(L, 2);
        if (rs) {
            rowsetud *u = check_rowset(L, idx);
            *out = (ldata_rows){u->t, u->ix, u->g, u->n};
            return;
        }
    }
    if (lua_type(L, idx) == LUA_TUSERDATA && lua_rawlen(L, idx) == sizeof(tableud) &&
        ((tableud *)lua_touserdata(L, idx))->magic == TABLE_MAGIC) {
        tableud *tu = check_tableud(L, idx);
        *out = (ldata_rows){tu->t, NULL, 0, (uint32_t)tu->t->nrows};
        return;
    }
    luaL_error(L, "%s: expected a data table (ctx.tables.NAME) or a row set, got %s", fn, ldata_typename(L, idx));
}

uint32_t ldata_rows_at(const ldata_rows *s, uint32_t i)
{
    return s->ix ? s->ix->rows[s->ix->start[s->g] + i] : i;
}

/* Bind the rows of st: earlier rows stop working (see rowreg). */
void ldata_reset(lua_State *L, const pa_store *st)
{
    rowreg *g = lrows_registry(L);
    g->st = st;
    g->gen = (uint16_t)((unsigned)g->gen + 1 >= LDATE_TAG ? 1 : g->gen + 1);
    lua_newtable(L);
    lua_setfield(L, LUA_REGISTRYINDEX, TABLEUD_KEY);
    lua_rawgetp(L, LUA_REGISTRYINDEX, &colmaps_key);
    lua_pushnil(L);
    while (lua_next(L, -2)) {
        lua_pop(L, 1);
        lua_pushvalue(L, -1);
        lua_pushnil(L);
        lua_rawset(L, -4);
    }
    lua_pop(L, 1);
}

static const luaL_Reg table_methods[] = {{"get", t_get},       {"find", t_find}, {"select", t_select},
                                         {"groups", t_groups}, {"rows", t_rows}, {"row", t_row},
                                         {"has", t_has},       {"links", t_links}, {NULL, NULL}};

bool ldata_table_field(const char *k)
{
    for (int i = 0; table_methods[i].name; i++)
        if (strcmp(table_methods[i].name, k) == 0)
            return true;
    return strcmp(k, "name") == 0 || strcmp(k, "file") == 0 || strcmp(k, "columns") == 0;
}

bool ldata_rowset_field(const char *k)
{
    return strcmp(k, "rows") == 0;
}

void ldata_open(lua_State *L)
{
    luaL_newmetatable(L, TABLE_MT);
    luaL_newlib(L, table_methods);
    lua_pushcclosure(L, t_index, 1);
    lua_setfield(L, -2, "__index");
    lua_pushcfunction(L, t_len);
    lua_setfield(L, -2, "__len");
    lua_pushcfunction(L, t_tostring);
    lua_setfield(L, -2, "__tostring");
    lua_pushboolean(L, 0);
    lua_setfield(L, -2, "__metatable");
    lua_pop(L, 1);

    luaL_newmetatable(L, ROWSET_MT);
    lua_pushcfunction(L, rs_index);
    lua_setfield(L, -2, "__index");
    lua_pushcfunction(L, rs_len);
    lua_setfield(L, -2, "__len");
    lua_pushboolean(L, 0);
    lua_setfield(L, -2, "__metatable");
    lua_pop(L, 1);

    open_rows(L);
    lua_newtable(L);
    lua_setfield(L, LUA_REGISTRYINDEX, TABLEUD_KEY);
}
