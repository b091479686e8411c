/*
 * lua/api_network.c - pmo.network(tasks, project_id): a project's remaining
 * network (store/network.c) as a read-only object, and pmo.workdays(from,
 * to), the working days of the catalogue's CPLI.
 *
 * The network itself is computed once per run in C and shared by every
 * worker; a network object is a small full userdata that names the table,
 * the project and the store generation it was made for. Like table objects
 * (lua/api_tables.c) it is refused once its store is no longer bound, it
 * cannot be written, and its metatable is hidden (__metatable = false).
 * Lists it hands out (the cycle, the critical path, the order) are new Lua
 * tables of rows, made on each access, so nothing shared can be changed.
 */
#include "lua/api.h"
#include "lua/api_rows.h"
#include "lua/state.h"
#include "store/index.h"
#include "store/network.h"

#include <lauxlib.h>
#include <string.h>

#define NET_MT "pmoaudit.network"

typedef struct {
    const pa_net *net;
    pa_table *t;
    const rowreg *g; /* the rows' registry and its generation when made (see alive) */
    uint16_t gen;
    int tid, pcol;
    uint32_t proj;      /* the project's group number */
    uint32_t first_row; /* a row of the project, for its project_id */
} netud;

static netud *check_net(lua_State *L, int idx)
{
    netud *u = luaL_checkudata(L, idx, NET_MT);
    if (u->g->gen != u->gen || !u->g->st)
        luaL_error(L, "this network belongs to data that is no longer loaded (kept from an earlier test case?)");
    return u;
}

static const net_project *proj_of(const netud *u)
{
    return net_project_of(u->net, u->proj);
}

static void push_node_row(lua_State *L, const netud *u, uint32_t k)
{
    lrows_push_id(L, u->g, u->tid, u->net->row[k]);
}

/* A new list of the rows of nodes v[0 .. n). */
static void push_node_list(lua_State *L, const netud *u, const uint32_t *v, uint32_t n)
{
    lrt_charge(L, n);
    lua_createtable(L, (int)n, 0);
    for (uint32_t i = 0; i < n; i++) {
        push_node_row(L, u, v[i]);
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
}

/* The critical path as a list of rows, start to finish (nil with a cycle). */
static int push_critical(lua_State *L, const netud *u)
{
    const net_project *p = proj_of(u);
    if (net_cyclic(p)) {
        lua_pushnil(L);
        return 1;
    }
    uint32_t *buf = lua_newuserdatauv(L, ((size_t)p->n + 1) * sizeof *buf, 0); /* under the memory cap */
    uint32_t n = net_critical(u->net, p, buf);
    push_node_list(L, u, buf, n);
    lua_remove(L, -2);
    return 1;
}

/* The node of the row at idx in u's project, or -1 (any other value). */
static int64_t node_arg(lua_State *L, const netud *u, int idx)
{
    pa_table *t;
    uint32_t r;
    if (!lrows_test(L, idx, &t, &r))
        return luaL_error(L, "expected a row of table %s, got %s", u->t->name, ldata_typename(L, idx));
    return t == u->t ? net_node_of(u->net, proj_of(u), r) : -1;
}

/* es, ef, float, r of node k; the first three nil with a cycle. */
static int push_times(lua_State *L, const netud *u, uint32_t k)
{
    if (net_cyclic(proj_of(u))) {
        lua_pushnil(L);
        lua_pushnil(L);
        lua_pushnil(L);
    } else {
        lua_pushnumber(L, u->net->es[k]);
        lua_pushnumber(L, net_ef(u->net, k));
        lua_pushnumber(L, net_float(u->net, k));
    }
    lua_pushnumber(L, u->net->r[k]);
    return 4;
}

/* net:task(row) -> es, ef, float, r; nil when row is not one of its tasks. */
static int n_task(lua_State *L)
{
    netud *u = check_net(L, 1);
    int64_t k = node_arg(L, u, 2);
    if (k < 0) {
        lua_pushnil(L);
        return 1;
    }
    return push_times(L, u, (uint32_t)k);
}

/* Iterator of net:rows(): upvalue 1 the network, 2 the next node offset. */
static int rows_iter(lua_State *L)
{
    netud *u = check_net(L, lua_upvalueindex(1));
    lua_Integer i = lua_tointeger(L, lua_upvalueindex(2));
    const net_project *p = proj_of(u);
    if ((uint64_t)i >= p->n)
        return 0;
    lua_pushinteger(L, i + 1);
    lua_replace(L, lua_upvalueindex(2));
    push_node_row(L, u, p->node0 + (uint32_t)i);
    return 1 + push_times(L, u, p->node0 + (uint32_t)i);
}

/* for row, es, ef, float, r in net:rows(): its tasks in file order. */
static int n_rows(lua_State *L)
{
    check_net(L, 1);
    lua_settop(L, 1);
    lua_pushinteger(L, 0);
    lua_pushcclosure(L, rows_iter, 2);
    return 1;
}

/* Iterator of net:predecessors(row): upvalues the network, position, end. */
static int preds_iter(lua_State *L)
{
    netud *u = check_net(L, lua_upvalueindex(1));
    lua_Integer l = lua_tointeger(L, lua_upvalueindex(2)), end = lua_tointeger(L, lua_upvalueindex(3));
    if (l >= end)
        return 0;
    lua_pushinteger(L, l + 1);
    lua_replace(L, lua_upvalueindex(2));
    push_node_row(L, u, u->net->pred[l]);
    lua_pushstring(L, link_type_names[u->net->type[l]]);
    double lag = u->net->lag[l];
    if (lag == (double)(lua_Integer)lag)
        lua_pushinteger(L, (lua_Integer)lag);
    else
        lua_pushnumber(L, lag);
    return 3;
}

/* for pred, type, lag in net:predecessors(row): the row's links that the
 * network keeps; none for a row that is not one of its tasks. */
static int n_predecessors(lua_State *L)
{
    netud *u = check_net(L, 1);
    int64_t k = node_arg(L, u, 2);
    lua_settop(L, 1);
    lua_pushinteger(L, k < 0 ? 0 : u->net->link_start[k]);
    lua_pushinteger(L, k < 0 ? 0 : u->net->link_start[k + 1]);
    lua_pushcclosure(L, preds_iter, 3);
    return 1;
}

/* The fields of a network; methods come first (upvalue 1). */
static int net_index(lua_State *L)
{
    netud *u = check_net(L, 1);
    lua_pushvalue(L, 2);
    if (lua_rawget(L, lua_upvalueindex(1)) != LUA_TNIL)
        return 1;
    const char *k = luaL_checkstring(L, 2);
    const net_project *p = proj_of(u);
    if (strcmp(k, "project") == 0) {
        ldata_push_cell(L, u->t, u->pcol, u->first_row);
    } else if (strcmp(k, "links") == 0) {
        lua_pushinteger(L, p->nlinks);
    } else if (strcmp(k, "cpl") == 0) {
        if (net_cyclic(p))
            lua_pushnil(L);
        else
            lua_pushnumber(L, p->cpl);
    } else if (strcmp(k, "cycle") == 0) {
        if (net_cyclic(p))
            push_node_list(L, u, u->net->cycle + p->cycle0, p->ncycle);
        else
            lua_pushnil(L);
    } else if (strcmp(k, "order") == 0) {
        if (net_cyclic(p))
            lua_pushnil(L);
        else
            push_node_list(L, u, u->net->order + p->node0, p->n);
    } else if (strcmp(k, "critical") == 0) {
        return push_critical(L, u);
    } else {
        return luaL_error(L, "networks have no field or method '%s'", k);
    }
    return 1;
}

static int net_len(lua_State *L)
{
    lua_pushinteger(L, proj_of(check_net(L, 1))->n);
    return 1;
}

static int net_newindex(lua_State *L)
{
    check_net(L, 1);
    return luaL_error(L, "networks are read-only (tried to set '%s')", luaL_tolstring(L, 2, NULL));
}

static int net_tostring(lua_State *L)
{
    netud *u = check_net(L, 1);
    const net_project *p = proj_of(u);
    lua_pushfstring(L, "network (%d tasks, %d links%s)", (int)p->n, (int)p->nlinks, net_cyclic(p) ? ", a cycle" : "");
    return 1;
}

/* The metatable of networks, made on first use in each state. */
static void net_metatable(lua_State *L)
{
    if (!luaL_newmetatable(L, NET_MT))
        return;
    static const luaL_Reg methods[] = {{"task", n_task}, {"rows", n_rows}, {"predecessors", n_predecessors},
                                       {NULL, NULL}};
    luaL_newlib(L, methods);
    lua_pushcclosure(L, net_index, 1);
    lua_setfield(L, -2, "__index");
    lua_pushcfunction(L, net_newindex);
    lua_setfield(L, -2, "__newindex");
    lua_pushcfunction(L, net_len);
    lua_setfield(L, -2, "__len");
    lua_pushcfunction(L, net_tostring);
    lua_setfield(L, -2, "__tostring");
    lua_pushboolean(L, 0);
    lua_setfield(L, -2, "__metatable");
}

/* pmo.network(tasks, project_id) -> the project's network, or nil when no
 * row of tasks has that project_id. Computed once per run (as of T). */
int lnet_network(lua_State *L)
{
    pa_table *t = ldata_check_table(L, 1);
    size_t n;
    const char *pid = luaL_checklstring(L, 2, &n);
    int pcol = tab_column(t, "project_id");
    if (pcol < 0)
        return luaL_error(L, "pmo.network: table %s has no project_id column", t->name);
    const pa_net *net = net_get(t, RT(L)->T);
    if (!net)
        return luaL_error(L, "pmo.network: the network of table %s is already computed for another as-of date",
                          t->name);
    const pa_index *ix = idx_get(t, pcol);
    int64_t g = idx_find_text(t, pcol, ix, pid, n);
    if (g < 0) {
        lua_pushnil(L);
        return 1;
    }
    netud *u = lua_newuserdatauv(L, sizeof *u, 0);
    u->net = net;
    u->t = t;
    u->g = lrows_registry(L);
    u->gen = u->g->gen;
    u->tid = lrows_table_id(L, u->g, t);
    u->pcol = pcol;
    u->proj = (uint32_t)g;
    u->first_row = ix->rows[ix->start[g]];
    net_metatable(L);
    lua_setmetatable(L, -2);
    return 1;
}

/* pmo.workdays(from, to) -> the Monday-to-Friday dates D with from < D <= to. */
int lnet_workdays(lua_State *L)
{
    pa_date a, b;
    if (!ldate_test(L, 1, &a) || !ldate_test(L, 2, &b))
        return luaL_error(L, "pmo.workdays(from, to): expected two dates, got %s and %s", ldata_typename(L, 1),
                          ldata_typename(L, 2));
    lua_pushinteger(L, net_workdays(a, b));
    return 1;
}
