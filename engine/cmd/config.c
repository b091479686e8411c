/*
 * cmd/config.c - the config file, pmoaudit.lua: plain Lua data, one setting per
 * assignment (`fail_on = "warning"`). It runs in a bare Lua state: no
 * libraries, text mode only, an instruction limit. An __newindex hook on
 * its environment records the line of every setting, so that an unknown
 * setting or a bad value is reported at its file:line (with a suggestion for
 * a misspelt name). Relative paths are taken from the config file's folder.
 * The settings fill the same pa_runopts as the command line, which is
 * applied afterwards and so wins. Which settings exist, their types, bounds
 * and fields are those of the option table (cmd/options.c); this file reads
 * each type from Lua.
 */
#include "cmd/config.h"
#include "cmd/options.h"
#include "model/date_format.h"
#include "load/dialect.h"
#include "lua/runtime.h"
#include "lua/data_read.h"
#include "core/util.h"

#include <lauxlib.h>
#include <lua.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>


static void budget_hook(lua_State *L, lua_Debug *ar)
{
    (void)ar;
    luaL_error(L, "the config file runs too long (it should only assign settings)");
}

typedef struct {
    lua_State *L;
    const char *path;
    char *dir; /* the config file's folder, for relative paths */
    pa_config *cfg;
    char *err;
} loader;

static int line_of(loader *ld, const char *key)
{
    return lx_line_of(ld->L, key);
}

static bool fail(loader *ld, const char *key, const char *fmt, const char *what)
{
    if (!ld->err)
        ld->err = xasprintf("%s:%d: '%s' %s%s", ld->path, line_of(ld, key), key, fmt, what ? what : "");
    return false;
}

static const char *keep(loader *ld, const char *s)
{
    pa_config *c = ld->cfg;
    c->strings = xrealloc(c->strings, (size_t)(c->nstrings + 1) * sizeof *c->strings);
    c->strings[c->nstrings] = xstrdup(s);
    return c->strings[c->nstrings++];
}

/* A path setting, taken relative to the config file's folder. */
static const char *keep_path(loader *ld, const char *p)
{
    if (p[0] == '/' || strcmp(ld->dir, ".") == 0)
        return keep(ld, p);
    char *full = xasprintf("%s/%s", ld->dir, p);
    const char *k = keep(ld, full);
    free(full);
    return k;
}

/* A string, or a list of strings joined with commas (only, skip, formats). */
static const char *string_or_list(loader *ld, const char *key, int idx)
{
    lua_State *L = ld->L;
    if (lua_type(L, idx) == LUA_TSTRING)
        return keep(ld, lua_tostring(L, idx));
    if (lua_type(L, idx) != LUA_TTABLE) {
        fail(ld, key, "must be a string or a list of strings", NULL);
        return NULL;
    }
    sbuf b;
    sb_init(&b);
    lua_Integer n = (lua_Integer)lua_rawlen(L, idx);
    for (lua_Integer i = 1; i <= n; i++) {
        if (lua_rawgeti(L, idx, i) != LUA_TSTRING) {
            lua_pop(L, 1);
            sb_free(&b);
            fail(ld, key, "must be a list of strings", NULL);
            return NULL;
        }
        sb_printf(&b, "%s%s", i > 1 ? "," : "", lua_tostring(L, -1));
        lua_pop(L, 1);
    }
    const char *k = keep(ld, b.data ? b.data : "");
    sb_free(&b);
    return k;
}

/* params = { ["SCH-003"] = { warn_below = 0.85 }, ... } -> --set entries. */
static bool apply_params(loader *ld, const opt_def *d, int idx, pa_runopts *o)
{
    lua_State *L = ld->L;
    if (!lua_istable(L, idx))
        return fail(ld, "params", "must map rule ids to tables of params", NULL);
    lua_pushnil(L);
    while (lua_next(L, idx)) {
        if (lua_type(L, -2) != LUA_TSTRING || !lua_istable(L, -1)) {
            lua_pop(L, 2);
            return fail(ld, "params", "must map rule ids to tables of params, e.g. { [\"SCH-003\"] = "
                                      "{ warn_below = 0.85 } }", NULL);
        }
        const char *rule = lua_tostring(L, -2);
        lua_pushnil(L);
        while (lua_next(L, -2)) {
            sbuf b;
            sb_init(&b);
            int vt = lua_type(L, -1);
            /* The key's type first: lua_tostring on a number key would turn
             * it into a string in place and break lua_next. */
            bool ok = lua_type(L, -2) == LUA_TSTRING &&
                      (vt == LUA_TSTRING || vt == LUA_TNUMBER || vt == LUA_TBOOLEAN || vt == LUA_TTABLE);
            if (ok)
                sb_printf(&b, "%s.%s=", rule, lua_tostring(L, -2));
            if (ok && vt == LUA_TSTRING) /* --set takes a string param raw */
                sb_puts(&b, lua_tostring(L, -1));
            else if (ok)
                lrule_literal(L, lua_gettop(L), &b);
            if (ok)
                opts_push(d, o, keep(ld, b.data), false);
            sb_free(&b);
            lua_pop(L, 1);
            if (!ok) {
                lua_pop(L, 3);
                return fail(ld, "params", "values must be numbers, strings, booleans or tables", NULL);
            }
        }
        lua_pop(L, 1);
    }
    return true;
}

/* severity = { ["SCH-003"] = "error" }: applied to the registry later. */
static bool apply_severity(loader *ld, int idx)
{
    lua_State *L = ld->L;
    pa_config *c = ld->cfg;
    if (!lua_istable(L, idx))
        return fail(ld, "severity", "must map rule ids to severities", NULL);
    lua_pushnil(L);
    while (lua_next(L, idx)) {
        int s = lua_type(L, -1) == LUA_TSTRING ? sev_parse(lua_tostring(L, -1), false) : -1;
        if (lua_type(L, -2) != LUA_TSTRING || s < 0) {
            lua_pop(L, 2);
            return fail(ld, "severity", "must map rule ids to info, warning, error or critical", NULL);
        }
        c->sev = xrealloc(c->sev, (size_t)(c->nsev + 1) * sizeof *c->sev);
        c->sev[c->nsev].rule = xstrdup(lua_tostring(L, -2));
        c->sev[c->nsev].sev = (pa_sev)s;
        c->sev[c->nsev].line = line_of(ld, "severity");
        c->nsev++;
        lua_pop(L, 1);
    }
    return true;
}

/* gates.<G>.block = {"error", "critical"}: a list of severities -> bits. */
static bool gate_block(loader *ld, const char *gate, int idx, unsigned *mask)
{
    lua_State *L = ld->L;
    char *what = xasprintf("%s.block must list severities (info, warning, error, critical)", gate);
    bool ok = lua_istable(L, idx) && lua_rawlen(L, idx) > 0;
    for (lua_Integer i = 1; ok && i <= (lua_Integer)lua_rawlen(L, idx); i++) {
        int s = lua_rawgeti(L, idx, i) == LUA_TSTRING ? sev_parse(lua_tostring(L, -1), false) : -1;
        lua_pop(L, 1);
        ok = s >= 0;
        if (ok)
            *mask |= 1u << s;
    }
    if (!ok)
        fail(ld, "gates", "entry ", what);
    free(what);
    return ok;
}

/* One gates entry: G3 = { rules = {...}, block = {...} }, at the top of the stack. */
static bool apply_gate(loader *ld, const char *name, int idx)
{
    static const char *const keys[] = {"rules", "block", NULL};
    lua_State *L = ld->L;
    pa_config *c = ld->cfg;
    if (!lua_istable(L, idx))
        return fail(ld, "gates", "must map gate names to { rules = {...}, block = {...} }", NULL);
    lua_pushnil(L);
    while (lua_next(L, idx)) {
        lua_pop(L, 1);
        const char *k = lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : "?";
        if (lua_type(L, -1) != LUA_TSTRING || (strcmp(k, "rules") != 0 && strcmp(k, "block") != 0)) {
            const char *s = str_suggest(k, keys);
            char *what = xasprintf("%s has an unknown key '%s'%s%s%s (use rules and block)", name, k,
                                   s ? " (did you mean '" : "", s ? s : "", s ? "'?)" : "");
            fail(ld, "gates", "entry ", what);
            free(what);
            lua_pop(L, 1);
            return false;
        }
    }
    struct pa_cfg_gate g = {xstrdup(name), NULL, 0, line_of(ld, "gates")};
    bool ok = true;
    if (lua_getfield(L, idx, "rules") != LUA_TNIL) {
        const char *list = string_or_list(ld, "gates", lua_gettop(L));
        ok = list != NULL;
        if (ok)
            g.rules = xstrdup(list);
    }
    lua_pop(L, 1);
    if (ok && lua_getfield(L, idx, "block") != LUA_TNIL)
        ok = gate_block(ld, name, lua_gettop(L), &g.block);
    lua_pop(L, 1);
    if (!ok) {
        free(g.name);
        free(g.rules);
        return false;
    }
    c->gates = xrealloc(c->gates, (size_t)(c->ngates + 1) * sizeof *c->gates);
    c->gates[c->ngates++] = g;
    return true;
}

/* gates = { G3 = { rules = {"CST-*"}, block = {"error", "critical"} }, ... } */
static bool apply_gates(loader *ld, int idx)
{
    lua_State *L = ld->L;
    if (!lua_istable(L, idx))
        return fail(ld, "gates", "must map gate names to { rules = {...}, block = {...} }", NULL);
    lua_pushnil(L);
    while (lua_next(L, idx)) {
        if (lua_type(L, -2) != LUA_TSTRING) {
            lua_pop(L, 2);
            return fail(ld, "gates", "must map gate names (strings) to tables", NULL);
        }
        bool ok = apply_gate(ld, lua_tostring(L, -2), lua_gettop(L));
        lua_pop(L, 1);
        if (!ok) {
            lua_pop(L, 1);
            return false;
        }
    }
    return true;
}

/* An OPT_INT setting's message: "must be a whole number of rows from 1 to
 * N", after the limit's name inside limits = {...}. */
static char *int_message(const opt_def *d)
{
    return xasprintf("%s%smust be a whole number of %s from %llu to %llu", d->flags & OPT_IN_LIMITS ? d->key : "",
                     d->flags & OPT_IN_LIMITS ? " " : "", d->unit, d->min, d->max);
}

/* An OPT_INT setting at idx, checked against the table's bounds (those of
 * the command line's option). */
static bool apply_int(loader *ld, const opt_def *d, int idx, pa_runopts *o)
{
    lua_State *L = ld->L;
    lua_Integer v = lua_isinteger(L, idx) ? lua_tointeger(L, idx) : -1;
    if (v < 0 || !opts_int_ok(d, (unsigned long long)v)) {
        char *what = int_message(d);
        fail(ld, d->flags & OPT_IN_LIMITS ? "limits" : d->key, "", what);
        free(what);
        return false;
    }
    opts_set_int(d, o, (unsigned long long)v);
    return true;
}

/*
 * limits = { max_rows = 100000, ... }: the resource limits of the command
 * line's --max-* options (the table's OPT_IN_LIMITS entries), with the same
 * bounds. Keys in Lua's order; an unknown one lists the known ones.
 */
static bool apply_limits(loader *ld, int idx, pa_runopts *o)
{
    lua_State *L = ld->L;
    const opt_def *lim[OPTS_MAX];
    const int n = opts_settings(lim, true);
    if (!lua_istable(L, idx))
        return fail(ld, "limits", "must be a table, e.g. { max_rows = 1000000 }", NULL);
    lua_pushnil(L);
    while (lua_next(L, idx)) {
        const char *name = lua_type(L, -2) == LUA_TSTRING ? lua_tostring(L, -2) : "?";
        int k = 0;
        while (k < n && strcmp(lim[k]->key, name) != 0)
            k++;
        if (k == n) {
            sbuf known;
            sb_init(&known);
            for (int i = 0; i < n; i++)
                sb_printf(&known, "%s%s", i ? ", " : "", lim[i]->key);
            char what[160]; /* cut there, as it always was */
            snprintf(what, sizeof what, "%s (known: %s)", name, known.data);
            sb_free(&known);
            lua_pop(L, 2);
            return fail(ld, "limits", "has no limit ", what);
        }
        if (!apply_int(ld, lim[k], lua_gettop(L), o)) {
            lua_pop(L, 2);
            return false;
        }
        lua_pop(L, 1);
    }
    return true;
}

/*
 * tables = { tasks = "msp_export.csv", risks = { file = "raid.csv", columns =
 * {...} } }: kept as the Lua source of a profile's `tables`, which
 * load/profile.c reads in its own sandbox and lays over the profile in use. A
 * string entry is short for { file = "..." }. Only data is allowed here
 * (computed columns need a profile file).
 */
/* Whether the value at idx is or holds a function (not expressible as data). */
static bool holds_function(lua_State *L, int idx, int depth)
{
    if (lua_type(L, idx) == LUA_TFUNCTION)
        return true;
    if (lua_type(L, idx) != LUA_TTABLE || depth > 8)
        return false;
    bool found = false;
    lua_pushnil(L);
    while (!found && lua_next(L, idx)) {
        found = holds_function(L, lua_gettop(L), depth + 1);
        lua_pop(L, 1);
    }
    if (found)
        lua_pop(L, 1); /* the key left by the interrupted lua_next */
    return found;
}

static bool apply_tables(loader *ld, int idx, pa_runopts *o)
{
    lua_State *L = ld->L;
    if (!lua_istable(L, idx))
        return fail(ld, "tables", "must map table names to file names or table specs, e.g. "
                                  "{ tasks = \"msp_export.csv\" }", NULL);
    if (holds_function(L, idx, 0))
        return fail(ld, "tables", "holds a function: computed columns need a profile file (profile = "
                                  "\"my-profile.lua\"; see docs/importing.md)", NULL);
    sbuf b;
    sb_init(&b);
    sb_puts(&b, "{");
    lua_pushnil(L);
    while (lua_next(L, idx)) {
        int vt = lua_type(L, -1);
        if (lua_type(L, -2) != LUA_TSTRING || (vt != LUA_TSTRING && vt != LUA_TTABLE)) {
            lua_pop(L, 2);
            sb_free(&b);
            return fail(ld, "tables", "must map table names to a file name or a table spec { file = ..., "
                                      "columns = {...} }", NULL);
        }
        sb_printf(&b, "[\"%s\"] = ", lua_tostring(L, -2));
        if (vt == LUA_TSTRING)
            sb_puts(&b, "{ file = ");
        lrule_literal(L, lua_gettop(L), &b);
        sb_puts(&b, vt == LUA_TSTRING ? " }, " : ", ");
        lua_pop(L, 1);
    }
    sb_puts(&b, "}");
    o->tables_src = keep(ld, b.data);
    char *origin = xasprintf("%s:%d", ld->path, line_of(ld, "tables"));
    o->tables_origin = keep(ld, origin);
    free(origin);
    sb_free(&b);
    return true;
}

/* A path setting (data, output, baseline, a waiver file): relative to the
 * config's folder, "-" (stdout) as it is. */
static bool apply_path(loader *ld, const opt_def *d, int idx, pa_runopts *o)
{
    lua_State *L = ld->L;
    if (lua_type(L, idx) != LUA_TSTRING)
        return fail(ld, d->key, d->type == OPT_WAIVERS ? "must be a waiver file or a list of waivers"
                                                       : "must be a path (a string)", NULL);
    const char *v = lua_tostring(L, idx);
    *opts_str(d, o) = strcmp(v, "-") == 0 ? keep(ld, v) : keep_path(ld, v);
    if (d->type == OPT_WAIVERS)
        o->waivers_lua = false;
    return true;
}

/* rules = "pack" or {"pack", ...}: each a path from the config's folder. */
static bool apply_paths(loader *ld, const opt_def *d, int idx, pa_runopts *o)
{
    lua_State *L = ld->L;
    int t = lua_type(L, idx);
    if (t == LUA_TSTRING) {
        lua_newtable(L);
        lua_pushvalue(L, idx);
        lua_rawseti(L, -2, 1);
        lua_replace(L, idx);
    } else if (t != LUA_TTABLE) {
        return fail(ld, d->key, "must be a rule folder or a list of them", NULL);
    }
    lua_Integer n = (lua_Integer)lua_rawlen(L, idx);
    for (lua_Integer i = 1; i <= n; i++) {
        if (lua_rawgeti(L, idx, i) != LUA_TSTRING)
            return fail(ld, d->key, "must be a list of paths", NULL);
        opts_push(d, o, keep_path(ld, lua_tostring(L, -1)), false);
        lua_pop(L, 1);
    }
    return true;
}

/* The settings of one string each, checked as the command line checks
 * the option: severity, delimiter, encoding, date layout, profile. */
static bool apply_text(loader *ld, const opt_def *d, int idx, pa_runopts *o)
{
    lua_State *L = ld->L;
    const char *v = lua_type(L, idx) == LUA_TSTRING ? lua_tostring(L, idx) : NULL;
    int s;
    switch (d->type) {
    case OPT_SEVERITY:
        if (!v || (s = sev_parse(v, true)) < 0)
            return fail(ld, d->key, "must be one of info, warning, error, critical, never", NULL);
        *(pa_sev *)opts_field(d, o) = (pa_sev)s;
        return true;
    case OPT_DELIMITER:
        if (!v || !(*(char *)opts_field(d, o) = dia_parse_delim(v)))
            return fail(ld, d->key, "must be one of \",\" \";\" \"|\" \"tab\"", NULL);
        return true;
    case OPT_ENCODING:
        if (!v || !dia_encoding_name(v))
            return fail(ld, d->key, "must be one of ", dia_encodings_help);
        break;
    case OPT_DATE_FORMAT:
        if (!v)
            return fail(ld, d->key, "must be a date layout such as \"DD/MM/YYYY\"", NULL);
        if (dfmt_check(v))
            return fail(ld, d->key, "is not a date layout: ", dfmt_check(v));
        break;
    default: /* OPT_PROFILE: a bundled name, or a .lua file from the config's folder */
        if (!v)
            return fail(ld, d->key, "must be a profile name (pmoaudit profiles) or a path to a .lua profile", NULL);
        if (strlen(v) > 4 && strcmp(v + strlen(v) - 4, ".lua") == 0) {
            *opts_str(d, o) = keep_path(ld, v);
            return true;
        }
        break;
    }
    *opts_str(d, o) = keep(ld, v);
    return true;
}

/* One setting of the table at idx, read by its type. */
static bool apply_one(loader *ld, const opt_def *d, int idx, pa_runopts *o)
{
    lua_State *L = ld->L;
    switch (d->type) {
    case OPT_FLAG:
        if (lua_type(L, idx) != LUA_TBOOLEAN)
            return fail(ld, d->key, "must be true or false", NULL);
        *opts_flag(d, o) = (d->flags & OPT_NEGATED) ? !lua_toboolean(L, idx) : lua_toboolean(L, idx);
        return true;
    case OPT_INT:
        return apply_int(ld, d, idx, o);
    case OPT_WAIVERS:
        if (lua_type(L, idx) == LUA_TTABLE) { /* inline: read from this file again later */
            *opts_str(d, o) = keep(ld, ld->path);
            o->waivers_lua = true;
            return true;
        }
        return apply_path(ld, d, idx, o);
    case OPT_PATH:
        return apply_path(ld, d, idx, o);
    case OPT_PATHS:
        return apply_paths(ld, d, idx, o);
    case OPT_LIST:
        return (*opts_str(d, o) = string_or_list(ld, d->key, idx)) != NULL;
    case OPT_SETS:
        return apply_params(ld, d, idx, o);
    case OPT_SEVERITIES:
        return apply_severity(ld, idx);
    case OPT_GATES:
        return apply_gates(ld, idx);
    case OPT_LIMITS:
        return apply_limits(ld, idx, o);
    case OPT_TABLES:
        return apply_tables(ld, idx, o);
    default:
        return apply_text(ld, d, idx, o);
    }
}

/* Apply the settings in the table's fixed order (not hash order), so that
 * the first error reported does not depend on the Lua version. An unknown
 * setting comes first, with the closest known one suggested. */
static bool apply_all(loader *ld, int env, pa_runopts *o)
{
    lua_State *L = ld->L;
    const opt_def *set[OPTS_MAX];
    const char *names[OPTS_MAX + 1];
    const int n = opts_settings(set, false);
    for (int i = 0; i < n; i++)
        names[i] = set[i]->key;
    names[n] = NULL;
    lua_pushnil(L);
    while (lua_next(L, env)) {
        lua_pop(L, 1);
        const char *k = lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : "?";
        bool known = false;
        for (int i = 0; i < n; i++)
            known |= strcmp(k, names[i]) == 0;
        if (!known) {
            const char *s = str_suggest(k, names);
            if (!ld->err)
                ld->err = xasprintf("%s:%d: unknown setting '%s'%s%s%s (see docs/config.md)", ld->path, line_of(ld, k),
                                    k, s ? " (did you mean '" : "", s ? s : "", s ? "'?)" : "");
            lua_pop(L, 1);
            return false;
        }
    }
    for (int i = 0; i < n; i++) {
        lua_getfield(L, env, names[i]);
        bool ok = lua_isnil(L, -1) || apply_one(ld, set[i], lua_gettop(L), o);
        lua_settop(L, env);
        if (!ok)
            return false;
    }
    return true;
}

int config_load(const char *explicit_path, pa_runopts *o, pa_config *cfg, char **err)
{
    memset(cfg, 0, sizeof *cfg);
    const char *path = explicit_path ? explicit_path : "pmoaudit.lua";
    struct stat sb;
    if (stat(path, &sb) != 0) {
        if (!explicit_path)
            return 0; /* no config: nothing to do */
        *err = xasprintf("%s: config file not found", path);
        return -1;
    }
    size_t len;
    char *text = read_whole_file(path, &len);
    if (!text) {
        *err = xasprintf("%s: cannot read the config file", path);
        return -1;
    }
    cfg->path = xstrdup(path);
    loader ld = {luaL_newstate(), cfg->path, NULL, cfg, NULL};
    const char *slash = strrchr(path, '/');
    ld.dir = slash ? xstrndup(path, (size_t)(slash - path)) : xstrdup(".");
    lua_State *L = ld.L;
    lx_lines_init(L);
    char *chunk = xasprintf("@%s", path);
    int st = len && text[0] == LUA_SIGNATURE[0] ? LUA_ERRSYNTAX : luaL_loadbufferx(L, text, len, chunk, "t");
    free(chunk);
    free(text);
    int rc = 0;
    if (st != LUA_OK) {
        *err = xasprintf("%s", lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : "binary chunks are not accepted");
        rc = -1;
    } else {
        lua_newtable(L); /* the environment: settings land here */
        lua_newtable(L);
        lua_pushcfunction(L, lx_record_line);
        lua_setfield(L, -2, "__newindex");
        lua_setmetatable(L, -2);
        lua_pushvalue(L, -1);
        lua_setupvalue(L, -3, 1); /* the chunk's _ENV */
        lua_insert(L, -2);        /* env below the chunk, which pcall pops */
        lua_sethook(L, budget_hook, LUA_MASKCOUNT, 10000000);
        if (lua_pcall(L, 0, 0, 0) != LUA_OK) {
            *err = xasprintf("%s", lua_tostring(L, -1) ? lua_tostring(L, -1) : "the config file failed");
            rc = -1;
        } else {
            lua_sethook(L, NULL, 0, 0);
            if (!apply_all(&ld, lua_gettop(L), o)) {
                *err = ld.err;
                ld.err = NULL;
                rc = -1;
            }
            o->sevs = cfg->sev;
            o->nsevs = cfg->nsev;
            o->config_path = cfg->path;
        }
    }
    free(ld.err);
    free(ld.dir);
    lua_close(L);
    return rc;
}

const struct pa_cfg_gate *config_gate(const pa_config *cfg, const char *name)
{
    for (int i = 0; i < cfg->ngates; i++)
        if (strcasecmp(cfg->gates[i].name, name) == 0)
            return &cfg->gates[i];
    return NULL;
}

void config_free(pa_config *cfg)
{
    for (int i = 0; i < cfg->nstrings; i++)
        free(cfg->strings[i]);
    free(cfg->strings);
    for (int i = 0; i < cfg->nsev; i++)
        free(cfg->sev[i].rule);
    free(cfg->sev);
    for (int i = 0; i < cfg->ngates; i++) {
        free(cfg->gates[i].name);
        free(cfg->gates[i].rules);
    }
    free(cfg->gates);
    free(cfg->path);
    memset(cfg, 0, sizeof *cfg);
}
