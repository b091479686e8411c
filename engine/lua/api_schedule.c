/*
 * lua/api_schedule.c - pmo.schedule(tasks): the schedule figures of store/schedule.c as Lua
 * tables, in the shape rules/lib/schedule.lua documents for
 * schedule.projects(ctx). The lib calls it once per worker and keeps the
 * result; the figures themselves are computed once per run.
 */
#include "lua/api.h"
#include "lua/state.h"
#include "store/schedule.h"

#include <lauxlib.h>

static void set_int(lua_State *L, const char *k, uint32_t v)
{
    lua_pushinteger(L, v);
    lua_setfield(L, -2, k);
}

/* Row numbers (0-based) as a Lua array of 1-based row indexes. */
static void push_rows(lua_State *L, const uint32_t *rows, uint32_t n)
{
    lua_createtable(L, (int)n, 0);
    for (uint32_t k = 0; k < n; k++) {
        lua_pushinteger(L, (lua_Integer)rows[k] + 1);
        lua_rawseti(L, -2, (lua_Integer)k + 1);
    }
}

/* open_ex: "T00012 (no successor)", ... for the first open tasks. */
static void push_examples(lua_State *L, const pa_table *t, int task_col, const sched_project *p)
{
    static const char *const why[] = {"no successor", "no predecessor", "neither"};
    lua_createtable(L, (int)p->nex, 0);
    for (uint32_t k = 0; k < p->nex; k++) {
        size_t n = 0;
        const char *id = task_col >= 0 ? tab_text(t, task_col, p->ex_row[k], &n) : NULL;
        if (id)
            lua_pushlstring(L, id, n);
        else
            lua_pushliteral(L, "?");
        lua_pushfstring(L, "%s (%s)", lua_tostring(L, -1), why[p->ex_kind[k]]);
        lua_remove(L, -2);
        lua_rawseti(L, -2, (lua_Integer)k + 1);
    }
}

static void push_project(lua_State *L, const pa_table *t, int task_col, const pa_sched *s, const sched_project *p)
{
    lua_createtable(L, 0, 11);
    set_int(L, "n", p->n);
    push_rows(L, s->rows + p->rows, p->n);
    lua_setfield(L, -2, "rows");
    set_int(L, "open", p->open);
    push_examples(L, t, task_col, p);
    lua_setfield(L, -2, "open_ex");
    set_int(L, "links", p->links);
    set_int(L, "pos_lag", p->pos_lag);
    set_int(L, "fs", p->fs);
    set_int(L, "due", p->due);
    set_int(L, "done", p->done);
    set_int(L, "missed", p->missed);
}

/* pmo.schedule(tasks) -> {project_id -> figures}, all considered rows, the
 * considered rows with a lead, as of the run's T (one computation per run,
 * so no other date). */
int lsched_figures(lua_State *L)
{
    pa_table *t = ldata_check_table(L, 1);
    if (tab_column(t, "project_id") < 0)
        return luaL_error(L, "pmo.schedule: table %s has no project_id column", t->name);
    const pa_sched *s = sched_get(t, RT(L)->T);
    if (!s)
        return luaL_error(L, "pmo.schedule: the figures of table %s are already computed for another as-of date",
                          t->name);
    lrt_charge(L, s->nall + s->nleads + s->nprojects); /* the tables built here are work the rule asked for */
    int pcol = tab_column(t, "project_id"), task_col = tab_column(t, "task_id");
    lua_createtable(L, 0, (int)s->nprojects);
    for (uint32_t g = 0; g < s->nprojects; g++) {
        const sched_project *p = &s->p[g];
        ldata_push_cell(L, t, pcol, p->first_row);
        push_project(L, t, task_col, s, p);
        lua_rawset(L, -3);
    }
    push_rows(L, s->all, s->nall);
    push_rows(L, s->leads, s->nleads);
    return 3;
}
