/*
 * lua/rule_decl.c - declaring rules: the rule{...} function that rule files call,
 * with validation that points at the declaring line (and suggests the
 * intended field for a typo), reading the declared metadata into the
 * registry, and rule params: their defaults shown as Lua literals, and
 * --set overrides converted to the default's type.
 */
#include "lua/api.h"
#include "lua/state.h"
#include "lua/rule_decl.h"
#include "lua/data_read.h"
#include "core/util.h"

#include <lauxlib.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

static const char *const rule_keys[] = {"id",     "title", "severity", "domain", "tables", "params", "doc",
                                        "each",   "check", "engine",   "gates",  "tags",   NULL};

/* Raise an error located at the rule{} call (level 1 = the declaring chunk). */
static int decl_error(lua_State *L, const char *id, const char *fmt, ...)
{
    va_list ap;
    luaL_where(L, lrt_decl_level(L));
    if (id)
        lua_pushfstring(L, "rule %s: ", id);
    else
        lua_pushliteral(L, "rule: ");
    va_start(ap, fmt);
    lua_pushvfstring(L, fmt, ap);
    va_end(ap);
    lua_concat(L, 3);
    return lua_error(L);
}

static const char *opt_string_field(lua_State *L, const char *id, const char *key, bool required)
{
    int t = lua_getfield(L, 1, key);
    if (t == LUA_TNIL && !required) {
        lua_pop(L, 1);
        return NULL;
    }
    if (t != LUA_TSTRING || lua_rawlen(L, -1) == 0)
        decl_error(L, id, "'%s' must be a non-empty string", key);
    const char *s = lua_tostring(L, -1);
    lua_pop(L, 1); /* the rule table keeps the string alive */
    return s;
}

static bool valid_id(const char *s)
{
    if (!*s)
        return false;
    for (; *s; s++)
        if (!((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '-' ||
              *s == '_' || *s == '.'))
            return false;
    return true;
}

static void check_params(lua_State *L, const char *id)
{
    int t = lua_getfield(L, 1, "params");
    if (t != LUA_TNIL && t != LUA_TTABLE)
        decl_error(L, id, "'params' must be a table of name = default");
    if (t == LUA_TTABLE) {
        lua_pushnil(L);
        while (lua_next(L, -2)) {
            int vt = lua_type(L, -1);
            if (lua_type(L, -2) != LUA_TSTRING)
                decl_error(L, id, "param names must be strings");
            if (vt != LUA_TNUMBER && vt != LUA_TSTRING && vt != LUA_TBOOLEAN && vt != LUA_TTABLE)
                decl_error(L, id, "param '%s' must default to a number, string, boolean or table",
                           lua_tostring(L, -2));
            lua_pop(L, 1);
        }
    }
    lua_pop(L, 1);
}

/* gates = {"G2", "G3"}: the stage gates the rule guards (see docs/gates.md). */
static void check_gates(lua_State *L, const char *id)
{
    int t = lua_getfield(L, 1, "gates");
    if (t != LUA_TNIL && t != LUA_TTABLE)
        decl_error(L, id, "'gates' must list the stage gates the rule guards, e.g. {\"G2\", \"G3\"}");
    if (t == LUA_TTABLE) {
        lua_Integer n = luaL_len(L, -1);
        if (n > 64)
            decl_error(L, id, "'gates' lists more than 64 gates");
        for (lua_Integer i = 1; i <= n; i++) {
            if (lua_rawgeti(L, -1, i) != LUA_TSTRING || !valid_id(lua_tostring(L, -1)) ||
                lua_rawlen(L, -1) > 32)
                decl_error(L, id, "'gates' entry %d must be a gate name such as \"G3\" (letters, digits, '-', "
                                  "'_', '.'; at most 32)", (int)i);
            lua_pop(L, 1);
        }
    }
    lua_pop(L, 1);
}

/* rule{ id=..., title=..., severity=..., domain=..., tables={...}, params={...}, doc=..., [each=...], check=fn } */
int lrule_declare(lua_State *L)
{
    lrt *rt = RT(L);
    if (lua_type(L, 1) != LUA_TTABLE)
        return decl_error(L, NULL, "rule{...} takes one table of metadata and a check function");
    lua_settop(L, 1);
    const char *id = NULL;
    if (lua_getfield(L, 1, "id") == LUA_TSTRING)
        id = lua_tostring(L, -1);
    lua_pop(L, 1);
    lua_pushnil(L);
    while (lua_next(L, 1)) {
        lua_pop(L, 1);
        const char *k = lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : NULL;
        bool ok = false;
        for (int i = 0; k && rule_keys[i]; i++)
            ok |= strcmp(k, rule_keys[i]) == 0;
        if (!ok) {
            const char *s = k ? str_suggest(k, rule_keys) : NULL;
            return decl_error(L, id, "unknown field '%s'%s%s%s", k ? k : "?", s ? " (did you mean '" : "",
                              s ? s : "", s ? "'?)" : "");
        }
    }
    id = opt_string_field(L, NULL, "id", true);
    if (!valid_id(id))
        return decl_error(L, id, "ids may only hold letters, digits, '-', '_' and '.'");
    opt_string_field(L, id, "title", true);
    const char *sev = opt_string_field(L, id, "severity", true);
    if (sev_parse(sev, false) < 0)
        return decl_error(L, id, "unknown severity '%s' (use info, warning, error or critical)", sev);
    opt_string_field(L, id, "domain", true);
    opt_string_field(L, id, "doc", true);
    if (lua_getfield(L, 1, "tables") != LUA_TTABLE)
        return decl_error(L, id, "'tables' must list the tables the rule reads, e.g. {\"projects\", \"tasks?\"} "
                                 "(\"name?\" is read only when present; \"a|b\" needs at least one of them)");
    lua_Integer nt = luaL_len(L, -1);
    for (lua_Integer i = 1; i <= nt; i++) {
        if (lua_rawgeti(L, -1, i) != LUA_TSTRING)
            return decl_error(L, id, "'tables' must be a list of table names");
        lua_pop(L, 1);
    }
    lua_pop(L, 1);
    const char *each = opt_string_field(L, id, "each", false);
    if (each) {
        bool listed = false;
        lua_getfield(L, 1, "tables");
        for (lua_Integer i = 1; i <= nt; i++) {
            lua_rawgeti(L, -1, i);
            listed |= strcmp(lua_tostring(L, -1), each) == 0; /* an each table cannot be optional */
            lua_pop(L, 1);
        }
        lua_pop(L, 1);
        if (!listed)
            return decl_error(L, id, "each = \"%s\" must also be listed in 'tables'", each);
    }
    check_params(L, id);
    check_gates(L, id);
    bool engine = lua_getfield(L, 1, "engine") == LUA_TBOOLEAN && lua_toboolean(L, -1);
    lua_pop(L, 1);
    if (engine) {
        static const char *const known[] = {"DAT-001", "DAT-002", "DAT-003", "DAT-004",
                                            "DAT-005", "DAT-008", "DAT-009", NULL};
        bool ok = false;
        for (int i = 0; known[i]; i++)
            ok |= strcmp(id, known[i]) == 0;
        if (!ok)
            return decl_error(L, id, "engine = true is only for the engine's own checks (DAT-001..005, DAT-008..009)");
    } else if (lua_getfield(L, 1, "check") != LUA_TFUNCTION) {
        return decl_error(L, id, "'check' must be a function: check(row, ctx) with each=, else check(ctx)");
    } else {
        lua_pop(L, 1);
    }
    lua_Debug ar;
    int line = 0;
    if (lua_getstack(L, lrt_decl_level(L), &ar) && lua_getinfo(L, "l", &ar))
        line = ar.currentline;
    GROW(rt->decls, rt->declcap, (size_t)rt->nrules + 1);
    rt->decls[rt->nrules].src = rt->cur_src;
    rt->decls[rt->nrules].line = line;
    lua_rawgeti(L, LUA_REGISTRYINDEX, rt->rules_ref);
    lua_pushvalue(L, 1);
    lua_rawseti(L, -2, ++rt->nrules);
    lua_pop(L, 1);
    return 0;
}

/* Turn a failed protected call into a message; adds the kill reason. */
/*
 * test{ rule=..., name=..., [as_of=...], [params={...}], data={...}, expect=... }
 * in a *_test.lua file: checked for shape here, at its line, and kept with
 * its file and line for the runner (cmd/test.c).
 */
int lrule_declare_test(lua_State *L)
{
    static const char *const keys[] = {"rule", "name", "as_of", "params", "data", "expect", "profile", NULL};
    lrt *rt = RT(L);
    if (lua_type(L, 1) != LUA_TTABLE)
        return decl_error(L, NULL, "test{...} takes one table: rule, name, data, expect");
    lua_settop(L, 1);
    lua_pushnil(L);
    while (lua_next(L, 1)) {
        lua_pop(L, 1);
        const char *k = lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : NULL;
        bool ok = false;
        for (int i = 0; k && keys[i]; i++)
            ok |= strcmp(k, keys[i]) == 0;
        if (!ok) {
            const char *sg = k ? str_suggest(k, keys) : NULL;
            return decl_error(L, NULL, "test: unknown field '%s'%s%s%s", k ? k : "?", sg ? " (did you mean '" : "",
                              sg ? sg : "", sg ? "'?)" : "");
        }
    }
    const char *rule = opt_string_field(L, NULL, "rule", true);
    opt_string_field(L, rule, "name", true);
    opt_string_field(L, rule, "as_of", false);
    opt_string_field(L, rule, "profile", false);
    int t = lua_getfield(L, 1, "data");
    if (t != LUA_TTABLE && t != LUA_TNIL)
        return decl_error(L, rule, "test: 'data' must map table names to CSV text or lists of rows");
    lua_pop(L, 1);
    t = lua_getfield(L, 1, "expect");
    if (t != LUA_TNUMBER && t != LUA_TSTRING && t != LUA_TTABLE)
        return decl_error(L, rule, "test: 'expect' must be a count, \"skipped\", \"errored\" or a table");
    if (t == LUA_TTABLE) { /* an unknown key would be a check that never runs */
        static const char *const ekeys[] = {"count", "keys", "columns", "lines", "messages", "severities",
                                            "projects", "involves", NULL};
        lua_pushnil(L);
        while (lua_next(L, -2)) {
            lua_pop(L, 1);
            const char *k = lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : NULL;
            bool ok = false;
            for (int i = 0; k && ekeys[i]; i++)
                ok |= strcmp(k, ekeys[i]) == 0;
            if (!ok) {
                const char *sg = k ? str_suggest(k, ekeys) : NULL;
                return decl_error(L, rule,
                                  "test: unknown expect field '%s'%s%s%s (expect holds count, keys, columns, "
                                  "lines, messages, severities, projects and involves, each a list in report order)",
                                  k ? k : lua_pushfstring(L, "[%s]", luaL_tolstring(L, -1, NULL)),
                                  sg ? " (did you mean '" : "", sg ? sg : "",
                                  sg ? "'?)" : "");
            }
        }
    }
    lua_pop(L, 1);
    lua_Debug ar;
    int line = 0;
    if (lua_getstack(L, lrt_decl_level(L), &ar) && lua_getinfo(L, "l", &ar))
        line = ar.currentline;
    lua_pushstring(L, rt->cur_path ? rt->cur_path : "?");
    lua_setfield(L, 1, "__file");
    lua_pushinteger(L, line);
    lua_setfield(L, 1, "__line");
    lua_rawgeti(L, LUA_REGISTRYINDEX, rt->tests_ref);
    lua_pushvalue(L, 1);
    lua_rawseti(L, -2, ++rt->ntests);
    return 0;
}

/* ---- metadata ---- */

static void serialize(lua_State *L, int idx, sbuf *b, int depth);

/* The shortest of %.15g and %.17g that reads back as the same number. */
static void format_float(sbuf *b, double x)
{
    char buf[32];
    snprintf(buf, sizeof buf, "%.15g", x);
    if (strtod(buf, NULL) != x)
        snprintf(buf, sizeof buf, "%.17g", x);
    sb_puts(b, buf);
}

static bool is_identifier(const char *k)
{
    if (!((*k >= 'a' && *k <= 'z') || (*k >= 'A' && *k <= 'Z') || *k == '_'))
        return false;
    for (; *k; k++)
        if (!((*k >= 'a' && *k <= 'z') || (*k >= 'A' && *k <= 'Z') || (*k >= '0' && *k <= '9') || *k == '_'))
            return false;
    return true;
}

static void serialize_table(lua_State *L, int idx, sbuf *b, int depth)
{
    lua_Integer n = (lua_Integer)lua_rawlen(L, idx);
    sb_putc(b, '{');
    if (n > 0) {
        for (lua_Integer i = 1; i <= n; i++) {
            lua_rawgeti(L, idx, i);
            sb_puts(b, i > 1 ? ", " : "");
            serialize(L, lua_gettop(L), b, depth + 1);
            lua_pop(L, 1);
        }
        sb_putc(b, '}');
        return;
    }
    size_t nk;
    char **keys = lx_sorted_keys(L, idx, &nk);
    for (size_t i = 0; i < nk; i++) {
        sb_puts(b, i ? ", " : " ");
        sb_printf(b, is_identifier(keys[i]) ? "%s = " : "[\"%s\"] = ", keys[i]);
        lua_getfield(L, idx, keys[i]);
        serialize(L, lua_gettop(L), b, depth + 1);
        lua_pop(L, 1);
        free(keys[i]);
    }
    free(keys);
    sb_puts(b, nk ? " }" : "}");
}

/* A value as Lua source text, tables with sorted keys (deterministic). */
void lrule_literal(lua_State *L, int idx, sbuf *b)
{
    serialize(L, idx, b, 0);
}

static void serialize(lua_State *L, int idx, sbuf *b, int depth)
{
    switch (lua_type(L, idx)) {
    case LUA_TNUMBER:
        if (lua_isinteger(L, idx))
            sb_printf(b, "%lld", (long long)lua_tointeger(L, idx));
        else
            format_float(b, (double)lua_tonumber(L, idx));
        break;
    case LUA_TBOOLEAN:
        sb_puts(b, lua_toboolean(L, idx) ? "true" : "false");
        break;
    case LUA_TSTRING: {
        size_t n;
        const char *s = lua_tolstring(L, idx, &n);
        sb_putc(b, '"');
        for (size_t i = 0; i < n; i++) {
            if (s[i] == '"' || s[i] == '\\')
                sb_putc(b, '\\');
            if (s[i] == '\n')
                sb_puts(b, "\\n");
            else
                sb_putc(b, s[i]);
        }
        sb_putc(b, '"');
        break;
    }
    case LUA_TTABLE:
        if (depth > 8)
            sb_puts(b, "{...}");
        else
            serialize_table(L, idx, b, depth);
        break;
    default:
        sb_puts(b, luaL_typename(L, idx));
    }
}

static char *field_dup(lua_State *L, int t, const char *k)
{
    lua_getfield(L, t, k);
    char *s = lua_isstring(L, -1) ? xstrdup(lua_tostring(L, -1)) : NULL;
    lua_pop(L, 1);
    return s;
}

static void extract_params(lua_State *L, int t, pa_rule *r)
{
    if (lua_getfield(L, t, "params") != LUA_TTABLE) {
        lua_pop(L, 1);
        return;
    }
    int p = lua_gettop(L);
    size_t n; /* rule{} checked that param names are strings */
    char **names = lx_sorted_keys(L, p, &n);
    r->params = xcalloc(n ? n : 1, sizeof *r->params);
    for (size_t i = 0; i < n; i++) {
        lua_getfield(L, p, names[i]);
        sbuf b;
        sb_init(&b);
        serialize(L, lua_gettop(L), &b, 0);
        r->params[i].name = names[i];
        r->params[i].type = xstrdup(luaL_typename(L, -1));
        r->params[i].shown = sb_steal(&b);
        lua_pop(L, 1);
    }
    r->nparams = (int)n;
    free(names);
    lua_pop(L, 1);
}

/* The declared gates, in declaration order, duplicates (any case) dropped. */
static void extract_gates(lua_State *L, int t, pa_rule *r)
{
    lua_getfield(L, t, "gates");
    int n = lua_istable(L, -1) ? (int)lua_rawlen(L, -1) : 0;
    r->gates = xcalloc((size_t)n + 1, sizeof *r->gates);
    for (int k = 0; k < n; k++) {
        lua_rawgeti(L, -1, k + 1);
        if (!reg_guards(r, lua_tostring(L, -1)))
            r->gates[r->ngates++] = xstrdup(lua_tostring(L, -1));
        lua_pop(L, 1);
    }
    lua_pop(L, 1);
}

int lrt_extract(lrt *rt, pa_registry *reg, char **err)
{
    lua_State *L = rt->L;
    reg->v = xcalloc((size_t)rt->nrules + 1, sizeof *reg->v);
    reg->n = 0;
    lua_rawgeti(L, LUA_REGISTRYINDEX, rt->rules_ref);
    for (int i = 0; i < rt->nrules; i++) {
        lua_rawgeti(L, -1, i + 1);
        int t = lua_gettop(L);
        pa_rule *r = &reg->v[reg->n++];
        r->id = field_dup(L, t, "id");
        r->title = field_dup(L, t, "title");
        r->domain = field_dup(L, t, "domain");
        r->doc = field_dup(L, t, "doc");
        r->each = field_dup(L, t, "each");
        char *sev = field_dup(L, t, "severity");
        r->sev = (pa_sev)sev_parse(sev, false);
        free(sev);
        r->file = reg->src[rt->decls[i].src].path;
        r->line = rt->decls[i].line;
        lua_getfield(L, t, "engine");
        r->engine = lua_toboolean(L, -1);
        lua_pop(L, 1);
        lua_getfield(L, t, "tables");
        r->ntables = (int)lua_rawlen(L, -1);
        r->tables = xcalloc((size_t)r->ntables + 1, sizeof *r->tables);
        for (int k = 0; k < r->ntables; k++) {
            lua_rawgeti(L, -1, k + 1);
            r->tables[k] = xstrdup(lua_tostring(L, -1));
            lua_pop(L, 1);
        }
        lua_pop(L, 1);
        extract_params(L, t, r);
        extract_gates(L, t, r);
        r->selected = true;
        lua_pop(L, 1);
        for (int k = 0; k < reg->n - 1; k++) {
            if (strcmp(reg->v[k].id, r->id) == 0) {
                char *m = xasprintf("%s:%d: duplicate rule id %s (already declared at %s:%d); ids must be unique "
                                    "(to run a copy of the built-in pack with -r, add --no-builtin)",
                                    r->file, r->line, r->id, reg->v[k].file, reg->v[k].line);
                if (rt->lint) { /* lint lists every duplicate and goes on without it */
                    lrt_problem(rt, m);
                    free(m);
                    reg_free_rule(r);
                    memset(r, 0, sizeof *r);
                    reg->n--;
                    break;
                }
                *err = m;
                lua_pop(L, 1);
                return -1;
            }
        }
    }
    lua_pop(L, 1);
    usch_free(&reg->schemas);
    reg->schemas = rt->usch; /* the registry owns the declared tables from here */
    memset(&rt->usch, 0, sizeof rt->usch);
    return 0;
}

/* ---- params ---- */

/* Push the rule's param `name` default (or nil). */
static int push_default(lua_State *L, int rule_idx, const char *name)
{
    lua_getfield(L, rule_idx, "params");
    if (!lua_istable(L, -1)) {
        lua_pop(L, 1);
        lua_pushnil(L);
        return LUA_TNIL;
    }
    int t = lua_getfield(L, -1, name);
    lua_remove(L, -2);
    return t;
}

/* Convert override text to the type of the default at index def; pushes the
 * value, or returns an error message (and pushes nothing). */
static char *push_converted(lrt *rt, int def, const pa_override *o)
{
    lua_State *L = rt->L;
    const char *v = o->value;
    switch (lua_type(L, def)) {
    case LUA_TNUMBER:
        if (!lua_stringtonumber(L, v))
            return xasprintf("--set %s.%s=%s: expected a number", o->rule, o->param, v);
        return NULL;
    case LUA_TBOOLEAN: {
        bool b;
        if (!val_parse_bool(v, strlen(v), &b))
            return xasprintf("--set %s.%s=%s: expected true or false", o->rule, o->param, v);
        lua_pushboolean(L, b);
        return NULL;
    }
    case LUA_TSTRING:
        lua_pushstring(L, v);
        return NULL;
    default: {
        char *src = xasprintf("return %s", v);
        int st = luaL_loadbufferx(L, src, strlen(src), "=--set", "t");
        free(src);
        if (st == LUA_OK) {
            lua_newtable(L); /* an empty environment: data only */
            lua_setupvalue(L, -2, 1);
            lrt_arm(rt, 1000000);
            st = lua_pcall(L, 0, 1, 0);
            lrt_disarm(rt);
        }
        if (st != LUA_OK || !lua_istable(L, -1)) {
            lua_pop(L, 1);
            return xasprintf("--set %s.%s: expected a Lua table such as {a = {\"G1\"}}", o->rule, o->param);
        }
        return NULL;
    }
    }
}

int lrt_check_overrides(lrt *rt, const pa_registry *reg, char **err)
{
    lua_State *L = rt->L;
    for (int i = 0; i < reg->novr; i++) {
        const pa_override *o = &reg->ovr[i];
        int k = reg_index(reg, o->rule);
        if (k < 0) {
            *err = xasprintf("--set %s.%s: no rule %s (see `pmoaudit list`)", o->rule, o->param, o->rule);
            return -1;
        }
        lua_rawgeti(L, LUA_REGISTRYINDEX, rt->rules_ref);
        lua_rawgeti(L, -1, k + 1);
        if (push_default(L, lua_gettop(L), o->param) == LUA_TNIL) {
            sbuf b;
            sb_init(&b);
            for (int p = 0; p < reg->v[k].nparams; p++)
                sb_printf(&b, "%s%s", p ? ", " : "", reg->v[k].params[p].name);
            *err = xasprintf("--set %s.%s: rule %s has no param '%s' (params: %s)", o->rule, o->param, o->rule,
                             o->param, b.data ? b.data : "none");
            sb_free(&b);
            lua_pop(L, 3);
            return -1;
        }
        char *e = push_converted(rt, lua_gettop(L), o);
        lua_pop(L, e ? 3 : 4);
        if (e) {
            *err = e;
            return -1;
        }
    }
    return 0;
}

static void deep_copy(lua_State *L, int idx, int depth)
{
    if (lua_type(L, idx) != LUA_TTABLE || depth > 16) {
        lua_pushvalue(L, idx);
        return;
    }
    idx = lua_absindex(L, idx);
    lua_newtable(L);
    lua_pushnil(L);
    while (lua_next(L, idx)) {
        lua_pushvalue(L, -2);
        deep_copy(L, -2, depth + 1);
        lua_rawset(L, -5);
        lua_pop(L, 1);
    }
}

/* Push the rule's params: defaults with the --set overrides applied. */
void lrule_push_params(lrt *rt, const pa_registry *reg, int rule_idx, const char *id)
{
    lua_State *L = rt->L;
    lua_getfield(L, rule_idx, "params");
    if (lua_istable(L, -1))
        deep_copy(L, -1, 0);
    else
        lua_newtable(L);
    lua_remove(L, -2);
    int p = lua_gettop(L);
    for (int i = 0; i < reg->novr; i++) {
        const pa_override *o = &reg->ovr[i];
        if (strcmp(o->rule, id) != 0)
            continue;
        lua_getfield(L, p, o->param);
        char *e = push_converted(rt, lua_gettop(L), o);
        if (e) { /* checked before the run; cannot happen */
            free(e);
            lua_pop(L, 1);
            continue;
        }
        lua_setfield(L, p, o->param);
        lua_pop(L, 1);
    }
    if (rt->case_params_ref != LUA_NOREF) { /* a test case's params, as Lua values */
        lua_rawgeti(L, LUA_REGISTRYINDEX, rt->case_params_ref);
        lua_pushnil(L);
        while (lua_next(L, -2)) {
            lua_pushvalue(L, -2);
            lua_insert(L, -2);
            lua_settable(L, p);
        }
        lua_pop(L, 1);
    }
}

