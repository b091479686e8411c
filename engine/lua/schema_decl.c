/*
 * lua/schema_decl.c - schema{...} declarations of a rule pack (see
 * model/user_schema.h). A
 * declaration is checked completely when its rule file loads, and every
 * problem is an error at the schema{} line, so a pack with a bad table
 * declaration never reaches the data. Column names are normalised the way
 * CSV headers are, so `"Contract End"` and `contract_end` are one column.
 * The declaration's own fields are read (raw: no __index of the author's
 * runs) and copied into C at once; its table is not kept.
 *
 *   schema {
 *     table   = "vendors",
 *     key     = "vendor_id",                      -- optional
 *     columns = {
 *       {"vendor_id", "text", required = true},
 *       {"project_id", "text", fk = "projects"},
 *       {"contract_end", "date"},
 *       {"tier", "enum(gold, silver, bronze)"},
 *     },
 *   }
 */
#include "lua/schema_decl.h"
#include "lua/state.h"
#include "lua/data_read.h"
#include "core/util.h"
#include "model/value.h"

#include <lauxlib.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>


static int schema_error(lua_State *L, const char *table, const char *fmt, ...)
{
    va_list ap;
    luaL_where(L, lrt_decl_level(L));
    lua_pushfstring(L, "schema %s: ", table ? table : "{}");
    va_start(ap, fmt);
    lua_pushvfstring(L, fmt, ap);
    va_end(ap);
    lua_concat(L, 3);
    return lua_error(L);
}



/* Read one {"name", "type", required = b, fk = "table"} entry into cd. */
static void read_column(lua_State *L, const char *table, int idx, pa_coldef *cd)
{
    static const char *const keys[] = {"required", "fk", "note", NULL};
    if (lua_type(L, idx) != LUA_TTABLE)
        schema_error(L, table, "each column is a table {\"name\", \"type\", required = true, fk = \"table\"}");
    lua_pushnil(L);
    while (lua_next(L, idx)) {
        lua_pop(L, 1);
        if (lua_type(L, -1) == LUA_TNUMBER && (lua_tointeger(L, -1) == 1 || lua_tointeger(L, -1) == 2))
            continue;
        const char *k = lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : "?";
        bool ok = false;
        for (int i = 0; keys[i]; i++)
            ok |= strcmp(k, keys[i]) == 0;
        if (!ok) {
            const char *s = str_suggest(k, keys);
            schema_error(L, table, "unknown column field '%s'%s%s%s", k, s ? " (did you mean '" : "", s ? s : "",
                         s ? "'?)" : "");
        }
    }
    if (lua_rawgeti(L, idx, 1) != LUA_TSTRING)
        schema_error(L, table, "a column needs a name first: {\"name\", \"type\"}");
    char norm[128];
    size_t nn = val_norm_header(lua_tostring(L, -1), lua_rawlen(L, -1), norm, sizeof norm);
    if (nn == 0 || nn >= sizeof norm)
        schema_error(L, table, "column name '%s' is empty or too long", lua_tostring(L, -1));
    lua_pop(L, 1);
    const char *ty = lua_rawgeti(L, idx, 2) == LUA_TSTRING ? lua_tostring(L, -1) : "";
    char **enums;
    if (!usch_parse_type(ty, &cd->type, &enums))
        schema_error(L, table,
                     "column %s: unknown type '%s' (use text, int, number, money, date, bool or "
                     "enum(a, b, ...) with at most 255 distinct values)",
                     norm, ty);
    lua_pop(L, 1);
    cd->name = xstrdup(norm);
    cd->enums = (const char *const *)enums;
    cd->required = lx_rawfield(L, idx, "required") == LUA_TBOOLEAN && lua_toboolean(L, -1);
    lua_pop(L, 1);
    cd->fk = NULL;
    cd->note = NULL;
    if (lx_rawfield(L, idx, "fk") == LUA_TSTRING)
        cd->fk = xstrdup(lua_tostring(L, -1));
    lua_pop(L, 1);
    if (lx_rawfield(L, idx, "note") == LUA_TSTRING)
        cd->note = xstrdup(lua_tostring(L, -1));
    lua_pop(L, 1);
}


/*
 * Check the declaration at the top of the stack and add it to the runtime.
 * The new entry is added first and filled in place, so that an error
 * raised halfway leaves nothing half-owned: usch_free frees what is set.
 */
int lschema_declare(lua_State *L)
{
    static const char *const keys[] = {"table", "key", "columns", "doc", NULL};
    lrt *rt = RT(L);
    if (lua_type(L, 1) != LUA_TTABLE)
        return schema_error(L, NULL, "schema{...} takes one table: table, key, columns");
    lua_settop(L, 1);
    const char *name = lx_rawfield(L, 1, "table") == LUA_TSTRING ? lua_tostring(L, -1) : NULL;
    lua_pop(L, 1);
    lua_pushnil(L);
    while (lua_next(L, 1)) {
        lua_pop(L, 1);
        const char *k = lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : "?";
        bool ok = false;
        for (int i = 0; keys[i]; i++)
            ok |= strcmp(k, keys[i]) == 0;
        if (!ok) {
            const char *s = str_suggest(k, keys);
            return schema_error(L, name, "unknown field '%s'%s%s%s", k, s ? " (did you mean '" : "", s ? s : "",
                                s ? "'?)" : "");
        }
    }
    char tname[128];
    if (!name || val_norm_header(name, strlen(name), tname, sizeof tname) != strlen(name) ||
        strcmp(tname, name) != 0)
        return schema_error(L, name, "'table' must be a table name in lower case with _ (as the CSV file "
                                     "vendors.csv gives the table vendors)");
    for (int i = 0; i < rt->usch.n; i++)
        if (strcmp(rt->usch.v[i].def.name, name) == 0)
            return schema_error(L, name, "table %s is already declared at %s:%d", name, rt->usch.v[i].file,
                                rt->usch.v[i].line);
    const pa_tabledef *canon = schema_table(name);
    if (lx_rawfield(L, 1, "columns") != LUA_TTABLE || lua_rawlen(L, -1) == 0)
        return schema_error(L, name, "'columns' must list the columns: {{\"name\", \"type\"}, ...}");
    int ncol = (int)lua_rawlen(L, -1);
    int base = canon ? canon->ncols : 0;
    lua_Debug ar;
    int line = lua_getstack(L, lrt_decl_level(L), &ar) && lua_getinfo(L, "l", &ar) ? ar.currentline : 0;
    rt->usch.v = xrealloc(rt->usch.v, (size_t)(rt->usch.n + 1) * sizeof *rt->usch.v);
    pa_usertable *u = &rt->usch.v[rt->usch.n++];
    memset(u, 0, sizeof *u);
    u->file = rt->cur_path;
    u->line = line;
    u->extends = canon != NULL;
    u->def.name = xstrdup(name);
    pa_coldef *cols = xcalloc((size_t)base + (size_t)ncol, sizeof *cols);
    if (canon) {
        memcpy(cols, canon->cols, (size_t)base * sizeof *cols);
        u->def.key = canon->key;
        u->def.natural_key = canon->natural_key;
    }
    u->def.cols = cols;
    u->def.ncols = base;
    for (int i = 1; i <= ncol; i++) {
        lua_rawgeti(L, -1, i);
        pa_coldef cd;
        read_column(L, name, lua_gettop(L), &cd);
        lua_pop(L, 1);
        cols[u->def.ncols++] = cd; /* owned from here on */
        u->nown++;
        for (int j = 0; j < u->def.ncols - 1; j++)
            if (strcmp(cols[j].name, cd.name) == 0)
                return schema_error(L, name, "column %s is %s", cd.name,
                                    j < base ? "already in the data model (see `pmoaudit schema`)"
                                             : "declared twice");
    }
    lua_pop(L, 1);
    if (lx_rawfield(L, 1, "key") != LUA_TNIL) {
        if (canon)
            return schema_error(L, name, "the key of canonical table %s is fixed by the data model", name);
        const char *key = lua_tostring(L, -1);
        if (!key || schema_column_index(&u->def, key) < 0)
            return schema_error(L, name, "key '%s' is not one of its columns", key ? key : "?");
        u->def.key = xstrdup(key);
    }
    lua_pop(L, 1);
    return 0;
}
