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


/* Whether two declarations of one column say the same: type (with its
 * enum values, in order), required and fk; notes may differ. */
static bool same_column(const pa_coldef *a, const pa_coldef *b)
{
    if (a->type != b->type || a->required != b->required || (!a->fk) != (!b->fk) ||
        (a->fk && strcmp(a->fk, b->fk) != 0))
        return false;
    int i = 0;
    for (; a->enums && b->enums && a->enums[i] && b->enums[i]; i++)
        if (strcmp(a->enums[i], b->enums[i]) != 0)
            return false;
    return (!a->enums || !a->enums[i]) && (!b->enums || !b->enums[i]);
}

/* A column as a declaration gives it, for a conflict's message: "int, required, fk = projects". */
static void describe_column(const pa_coldef *c, sbuf *b)
{
    sb_puts(b, type_name(c->type));
    if (c->type == TY_ENUM) {
        sb_putc(b, '(');
        for (int e = 0; c->enums[e]; e++)
            sb_printf(b, "%s%s", e ? ", " : "", c->enums[e]);
        sb_putc(b, ')');
    }
    if (c->required)
        sb_puts(b, ", required");
    if (c->fk)
        sb_printf(b, ", fk = %s", c->fk);
}

static void free_column(pa_coldef *c)
{
    free((char *)c->name);
    free((char *)c->fk);
    free((char *)c->note);
    usch_free_enums((char **)c->enums);
}

/*
 * Add column cd (owned) to u, declared at file:line. A column of the data
 * model, or one declared before with another type, required or fk, is an
 * error naming both places (cd is freed first); the same column declared
 * the same way again is dropped.
 */
static void add_column(lua_State *L, pa_usertable *u, int base, pa_coldef *cd, const char *file, int line)
{
    int j = schema_column_index(&u->def, cd->name);
    if (j < 0) {
        pa_coldef *cols = xrealloc((void *)u->def.cols, (size_t)(u->def.ncols + 1) * sizeof *cols);
        u->def.cols = cols;
        u->cfile = xrealloc(u->cfile, (size_t)(u->nown + 1) * sizeof *u->cfile);
        u->cline = xrealloc(u->cline, (size_t)(u->nown + 1) * sizeof *u->cline);
        cols[u->def.ncols++] = *cd; /* owned from here on */
        u->cfile[u->nown] = file;
        u->cline[u->nown++] = line;
        return;
    }
    const pa_coldef *old = &u->def.cols[j];
    if (j >= base && same_column(old, cd)) {
        free_column(cd);
        return;
    }
    sbuf m;
    sb_init(&m);
    if (j < base) {
        sb_printf(&m, "column %s is already in the data model (see `pmoaudit schema`)", cd->name);
    } else {
        int k = j - (u->def.ncols - u->nown);
        sb_printf(&m, "column %s is declared as ", cd->name);
        describe_column(cd, &m);
        sb_puts(&m, " here and as ");
        describe_column(old, &m);
        sb_printf(&m, " at %s:%d (declare it once, or the same way everywhere)", u->cfile[k], u->cline[k]);
    }
    free_column(cd);
    lua_pushstring(L, m.data);
    sb_free(&m);
    schema_error(L, u->def.name, "%s", lua_tostring(L, -1));
}

/* The entry of table name in the runtime's user schema, made (empty, with
 * the canonical columns when it extends one) on its first declaration. */
static pa_usertable *table_entry(lrt *rt, const char *name, const pa_tabledef *canon, int line)
{
    for (int i = 0; i < rt->usch.n; i++)
        if (strcmp(rt->usch.v[i].def.name, name) == 0)
            return &rt->usch.v[i];
    rt->usch.v = xrealloc(rt->usch.v, (size_t)(rt->usch.n + 1) * sizeof *rt->usch.v);
    pa_usertable *u = &rt->usch.v[rt->usch.n++];
    memset(u, 0, sizeof *u);
    u->file = rt->cur_path;
    u->line = line;
    u->extends = canon != NULL;
    u->def.name = xstrdup(name);
    int base = canon ? canon->ncols : 0;
    pa_coldef *cols = xcalloc((size_t)base + 1, sizeof *cols);
    if (canon) {
        memcpy(cols, canon->cols, (size_t)base * sizeof *cols);
        u->def.key = canon->key;
        u->def.natural_key = canon->natural_key;
    }
    u->def.cols = cols;
    u->def.ncols = base;
    return u;
}

/* `key` of an extra table: one of its columns, and the same wherever given. */
static void read_key(lua_State *L, pa_usertable *u, bool canon, int line)
{
    if (lx_rawfield(L, 1, "key") != LUA_TNIL) {
        const char *name = u->def.name;
        if (canon)
            schema_error(L, name, "the key of canonical table %s is fixed by the data model", name);
        const char *key = lua_tostring(L, -1);
        if (!key || schema_column_index(&u->def, key) < 0)
            schema_error(L, name, "key '%s' is not one of its columns", key ? key : "?");
        if (u->def.key && strcmp(u->def.key, key) != 0)
            schema_error(L, name, "key '%s' here, but key '%s' at %s:%d (a table has one key)", key, u->def.key,
                         u->key_file, u->key_line);
        if (!u->def.key) {
            u->def.key = xstrdup(key);
            u->key_file = RT(L)->cur_path;
            u->key_line = line;
        }
    }
    lua_pop(L, 1);
}

/*
 * Check the declaration at the top of the stack and add it to the runtime.
 * Several declarations of one table add up (each may come from another
 * rule file of the packs). Every column is owned by the table's entry as
 * soon as it is read, so an error raised halfway leaves nothing
 * half-owned: usch_free frees what is set. While a declaration runs its
 * table is marked broken, and stays so when it fails.
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
    const pa_tabledef *canon = schema_table(name);
    lua_Debug ar;
    int line = lua_getstack(L, lrt_decl_level(L), &ar) && lua_getinfo(L, "l", &ar) ? ar.currentline : 0;
    pa_usertable *u = table_entry(rt, name, canon, line);
    bool was_broken = u->broken;
    u->broken = true;
    if (lx_rawfield(L, 1, "columns") != LUA_TTABLE || lua_rawlen(L, -1) == 0)
        return schema_error(L, name, "'columns' must list the columns: {{\"name\", \"type\"}, ...}");
    int ncol = (int)lua_rawlen(L, -1);
    int base = canon ? canon->ncols : 0;
    for (int i = 1; i <= ncol; i++) {
        lua_rawgeti(L, -1, i);
        pa_coldef cd;
        read_column(L, name, lua_gettop(L), &cd);
        lua_pop(L, 1);
        add_column(L, u, base, &cd, rt->cur_path, line);
    }
    lua_pop(L, 1);
    read_key(L, u, canon != NULL, line);
    u->broken = was_broken;
    return 0;
}
