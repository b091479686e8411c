/*
 * config.c - the config file, pmoaudit.lua: plain Lua data, one setting per
 * assignment (`fail_on = "warning"`). It runs in a bare Lua state: no
 * libraries, text mode only, an instruction limit. An __newindex hook on
 * its environment records the line of every setting, so that an unknown
 * setting or a bad value is reported at its file:line (with a suggestion for
 * a misspelt name). Relative paths are taken from the config file's folder.
 * The settings fill the same pa_runopts as the command line, which is
 * applied afterwards and so wins.
 */
#include "config.h"
#include "datefmt.h"
#include "dialect.h"
#include "lrt.h"
#include "util.h"

#include <lauxlib.h>
#include <lua.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define LINES_KEY "pmoaudit.config.lines"

static const char *const settings[] = {"data",     "rules",    "builtin",     "only",     "skip", "severity",
                                       "params",   "waivers",  "baseline",    "formats",  "output",
                                       "fail_on",  "fail_on_new", "jobs",     "delimiter", "encoding",
                                       "date_format", "profile", "tables", NULL};

/* __newindex of the config environment: remember the line, then set. */
static int on_set(lua_State *L)
{
    lua_Debug ar;
    int line = 0;
    if (lua_getstack(L, 1, &ar) && lua_getinfo(L, "l", &ar))
        line = ar.currentline;
    lua_getfield(L, LUA_REGISTRYINDEX, LINES_KEY);
    lua_pushvalue(L, 2);
    lua_pushinteger(L, line);
    lua_rawset(L, -3);
    lua_pop(L, 1);
    lua_rawset(L, 1);
    return 0;
}

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
    lua_getfield(ld->L, LUA_REGISTRYINDEX, LINES_KEY);
    lua_getfield(ld->L, -1, key);
    int line = (int)lua_tointeger(ld->L, -1);
    lua_pop(ld->L, 2);
    return line;
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
static bool apply_params(loader *ld, int idx, pa_runopts *o)
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
            sb_printf(&b, "%s.%s=", rule, lua_tostring(L, -2));
            int vt = lua_type(L, -1);
            bool ok = lua_type(L, -2) == LUA_TSTRING &&
                      (vt == LUA_TSTRING || vt == LUA_TNUMBER || vt == LUA_TBOOLEAN || vt == LUA_TTABLE);
            if (ok && vt == LUA_TSTRING) /* --set takes a string param raw */
                sb_puts(&b, lua_tostring(L, -1));
            else if (ok)
                lrule_literal(L, lua_gettop(L), &b);
            if (ok) {
                o->sets = xrealloc((void *)o->sets, (size_t)(o->nsets + 1) * sizeof *o->sets);
                o->sets[o->nsets++] = keep(ld, b.data);
            }
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

/*
 * tables = { tasks = "msp_export.csv", risks = { file = "raid.csv", columns =
 * {...} } }: kept as the Lua source of a profile's `tables`, which
 * profile.c reads in its own sandbox and lays over the profile in use. A
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

static bool apply_one(loader *ld, const char *key, int idx, pa_runopts *o)
{
    lua_State *L = ld->L;
    int t = lua_type(L, idx);
    const char **path_setting = strcmp(key, "data") == 0       ? &o->data_dir
                                : strcmp(key, "waivers") == 0    ? &o->waivers
                                : strcmp(key, "baseline") == 0   ? &o->baseline
                                : strcmp(key, "output") == 0     ? &o->output
                                                                 : NULL;
    if (path_setting) {
        if (t != LUA_TSTRING)
            return fail(ld, key, "must be a path (a string)", NULL);
        const char *v = lua_tostring(L, idx);
        *path_setting = strcmp(v, "-") == 0 ? keep(ld, v) : keep_path(ld, v); /* "-": stdout */    } else if (strcmp(key, "rules") == 0) {
        if (t == LUA_TSTRING) {
            lua_newtable(L);
            lua_pushvalue(L, idx);
            lua_rawseti(L, -2, 1);
            lua_replace(L, idx);
        } else if (t != LUA_TTABLE) {
            return fail(ld, key, "must be a rule folder or a list of them", NULL);
        }
        lua_Integer n = (lua_Integer)lua_rawlen(L, idx);
        for (lua_Integer i = 1; i <= n; i++) {
            if (lua_rawgeti(L, idx, i) != LUA_TSTRING)
                return fail(ld, key, "must be a list of paths", NULL);
            o->rule_paths = xrealloc((void *)o->rule_paths, (size_t)(o->nrule_paths + 1) * sizeof *o->rule_paths);
            o->rule_paths[o->nrule_paths++] = keep_path(ld, lua_tostring(L, -1));
            lua_pop(L, 1);
        }
    } else if (strcmp(key, "builtin") == 0 || strcmp(key, "fail_on_new") == 0) {
        if (t != LUA_TBOOLEAN)
            return fail(ld, key, "must be true or false", NULL);
        if (strcmp(key, "builtin") == 0)
            o->no_builtin = !lua_toboolean(L, idx);
        else
            o->fail_on_new = lua_toboolean(L, idx);
    } else if (strcmp(key, "only") == 0 || strcmp(key, "skip") == 0 || strcmp(key, "formats") == 0) {
        const char **dst = strcmp(key, "only") == 0 ? &o->only : strcmp(key, "skip") == 0 ? &o->skip : &o->formats;
        if (!(*dst = string_or_list(ld, key, idx)))
            return false;
    } else if (strcmp(key, "fail_on") == 0) {
        int s = t == LUA_TSTRING ? sev_parse(lua_tostring(L, idx), true) : -1;
        if (s < 0)
            return fail(ld, key, "must be one of info, warning, error, critical, never", NULL);
        o->fail_on = (pa_sev)s;
    } else if (strcmp(key, "jobs") == 0) {
        if (!lua_isinteger(L, idx) || lua_tointeger(L, idx) < 1 || lua_tointeger(L, idx) > 256)
            return fail(ld, key, "must be a whole number of threads from 1 to 256", NULL);
        o->jobs = (int)lua_tointeger(L, idx);
    } else if (strcmp(key, "delimiter") == 0) {
        if (t != LUA_TSTRING || !(o->delim = dia_parse_delim(lua_tostring(L, idx))))
            return fail(ld, key, "must be one of \",\" \";\" \"|\" \"tab\"", NULL);
    } else if (strcmp(key, "encoding") == 0) {
        if (t != LUA_TSTRING || !dia_encoding_name(lua_tostring(L, idx)))
            return fail(ld, key, "must be one of ", dia_encodings_help);
        o->encoding = keep(ld, lua_tostring(L, idx));
    } else if (strcmp(key, "date_format") == 0) {
        if (t != LUA_TSTRING)
            return fail(ld, key, "must be a date layout such as \"DD/MM/YYYY\"", NULL);
        if (dfmt_check(lua_tostring(L, idx)))
            return fail(ld, key, "is not a date layout: ", dfmt_check(lua_tostring(L, idx)));
        o->date_format = keep(ld, lua_tostring(L, idx));
    } else if (strcmp(key, "profile") == 0) {
        if (t != LUA_TSTRING)
            return fail(ld, key, "must be a profile name (pmoaudit profiles) or a path to a .lua profile", NULL);
        const char *v = lua_tostring(L, idx);
        size_t n = strlen(v);
        o->profile = n > 4 && strcmp(v + n - 4, ".lua") == 0 ? keep_path(ld, v) : keep(ld, v);
    } else if (strcmp(key, "tables") == 0) {
        return apply_tables(ld, idx, o);
    } else if (strcmp(key, "severity") == 0) {
        return apply_severity(ld, idx);
    } else if (strcmp(key, "params") == 0) {
        return apply_params(ld, idx, o);
    }
    return true;
}

/* Apply the settings in a fixed order (not hash order), so that the
 * first error reported does not depend on the Lua version. */
static bool apply_all(loader *ld, int env, pa_runopts *o)
{
    lua_State *L = ld->L;
    lua_pushnil(L);
    while (lua_next(L, env)) { /* unknown settings first, with a suggestion */
        lua_pop(L, 1);
        const char *k = lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : "?";
        bool known = false;
        for (int i = 0; settings[i]; i++)
            known |= strcmp(k, settings[i]) == 0;
        if (!known) {
            const char *s = str_suggest(k, settings);
            if (!ld->err)
                ld->err = xasprintf("%s:%d: unknown setting '%s'%s%s%s (see docs/config.md)", ld->path, line_of(ld, k),
                                    k, s ? " (did you mean '" : "", s ? s : "", s ? "'?)" : "");
            lua_pop(L, 1);
            return false;
        }
    }
    for (int i = 0; settings[i]; i++) {
        lua_getfield(L, env, settings[i]);
        bool ok = lua_isnil(L, -1) || apply_one(ld, settings[i], lua_gettop(L), o);
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
    lua_newtable(L);
    lua_setfield(L, LUA_REGISTRYINDEX, LINES_KEY);
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
        lua_pushcfunction(L, on_set);
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
        }
    }
    free(ld.err);
    free(ld.dir);
    lua_close(L);
    return rc;
}

int config_apply_severities(const pa_config *cfg, pa_registry *reg, char **err)
{
    for (int i = 0; i < cfg->nsev; i++) {
        int k = reg_index(reg, cfg->sev[i].rule);
        if (k < 0) {
            *err = xasprintf("%s:%d: severity: no rule %s (see `pmoaudit list`)", cfg->path, cfg->sev[i].line,
                             cfg->sev[i].rule);
            return -1;
        }
        reg->v[k].sev = cfg->sev[i].sev;
    }
    return 0;
}

void config_free(pa_config *cfg)
{
    for (int i = 0; i < cfg->nstrings; i++)
        free(cfg->strings[i]);
    free(cfg->strings);
    for (int i = 0; i < cfg->nsev; i++)
        free(cfg->sev[i].rule);
    free(cfg->sev);
    free(cfg->path);
    memset(cfg, 0, sizeof *cfg);
}
