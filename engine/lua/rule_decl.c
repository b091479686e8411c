/*
 * lua/rule_decl.c - declaring rules: the rule{...} function that rule files call,
 * with validation that points at the declaring line (and suggests the
 * intended field for a typo), reading the declared metadata into the
 * registry, and rule params: their defaults shown as Lua literals, and
 * --set overrides converted to the default's type.
 *
 * A declaration is read once, when rule{} is called, under the rule file's
 * budget: its own fields only (raw, so no __index or __len of the author's
 * runs), each checked, and copied into a table of the engine's that only
 * the registry holds (strings as they are, the check function by
 * reference, params deep-copied). The author's table is never read again,
 * so changing it after rule{} (R.severity = "bogus", R.each, R.tables[1],
 * R.check) changes nothing: the rule runs as it was checked.
 */
#include "lua/api.h"
#include "lua/state.h"
#include "lua/rule_decl.h"
#include "lua/data_read.h"
#include "core/util.h"
#include "core/version.h"

#include <lauxlib.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

static const char *const rule_keys[] = {"id",     "title", "severity", "domain", "tables", "params", "doc",
                                        "each",   "check", "engine",   "gates",  "tags",   "requires", NULL};

#define PARAM_DEPTH 16   /* tables nested in a param's default, at most */
#define MAX_TABLES 256   /* entries of 'tables', at most */

/* Raise an error located at the rule{} (or test{}) call: "rule ID: ...". */
int lrule_decl_error(lua_State *L, const char *id, const char *fmt, ...)
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

/* Every key of the declaration at index 1 must be one of keys; what names
 * the declaration in the message ("" or "test: "). Keys are read raw. */
void lrule_check_keys(lua_State *L, const char *id, const char *what, const char *const *keys)
{
    lua_pushnil(L);
    while (lua_next(L, 1)) {
        lua_pop(L, 1);
        const char *k = lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : NULL;
        bool ok = false;
        for (int i = 0; k && keys[i]; i++)
            ok |= strcmp(k, keys[i]) == 0;
        if (!ok) {
            const char *s = k ? str_suggest(k, keys) : NULL;
            lrule_decl_error(L, id, "%sunknown field '%s'%s%s%s", what, k ? k : "?", s ? " (did you mean '" : "",
                       s ? s : "", s ? "'?)" : "");
        }
    }
}

/*
 * Copy the declaration's (index 1) string field key into the engine's copy
 * (index 2): a non-empty string without NUL bytes. Returns it, kept alive
 * by the copy, or NULL when it is absent and optional.
 */
const char *lrule_copy_string(lua_State *L, const char *id, const char *what, const char *key, bool required)
{
    int t = lx_rawfield(L, 1, key);
    if (t == LUA_TNIL && !required) {
        lua_pop(L, 1);
        return NULL;
    }
    if (t != LUA_TSTRING || lua_rawlen(L, -1) == 0)
        lrule_decl_error(L, id, "%s'%s' must be a non-empty string", what, key);
    const char *s = lua_tostring(L, -1);
    if (strlen(s) != lua_rawlen(L, -1))
        lrule_decl_error(L, id, "%s'%s' contains a NUL byte", what, key);
    lua_setfield(L, 2, key);
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

typedef struct {
    const char *id, *what, *name; /* for messages: the rule, "" or "test: ", the param */
    int seen; /* stack index of a table: source table -> its copy, or false while being copied */
} param_of;

/*
 * Push a copy of the param value at idx: numbers, strings and booleans as
 * they are, tables rebuilt raw (their metatables dropped) at most
 * PARAM_DEPTH deep. A table met twice is copied once and shared, as in the
 * source (a default of shared sub-tables has as many paths as 8^6, and
 * copying each path would take the memory the sharing saved); a table that
 * holds itself is an error. Anything else (a function, a row, a date) is an
 * error at the declaration. Each entry is charged to the budget; the copies
 * count against the memory cap.
 */
static void copy_param(lua_State *L, int idx, const param_of *p, int depth)
{
    int t = lua_type(L, idx);
    if (t == LUA_TNUMBER || t == LUA_TSTRING || t == LUA_TBOOLEAN) {
        lua_pushvalue(L, idx);
        return;
    }
    if (t != LUA_TTABLE)
        lrule_decl_error(L, p->id, "%sparam '%s' holds a %s (params are numbers, strings, booleans and tables of them)",
                   p->what, p->name, ldata_typename(L, idx));
    if (depth >= PARAM_DEPTH)
        lrule_decl_error(L, p->id, "%sparam '%s' nests tables more than %d deep (or holds itself)", p->what, p->name,
                   PARAM_DEPTH);
    luaL_checkstack(L, 12, "params nest too deep"); /* 4 a level, and a message's */
    idx = lua_absindex(L, idx);
    lua_pushvalue(L, idx);
    int seen = lua_rawget(L, p->seen);
    if (seen == LUA_TTABLE) /* copied before: share the copy */
        return;
    if (seen == LUA_TBOOLEAN)
        lrule_decl_error(L, p->id, "%sparam '%s' holds itself", p->what, p->name);
    lua_pop(L, 1);
    lua_pushvalue(L, idx);
    lua_pushboolean(L, 0); /* being copied */
    lua_rawset(L, p->seen);
    lua_newtable(L);
    lua_pushnil(L);
    while (lua_next(L, idx)) {
        lrt_charge(L, 1);
        int kt = lua_type(L, -2);
        if (kt != LUA_TNUMBER && kt != LUA_TSTRING && kt != LUA_TBOOLEAN)
            lrule_decl_error(L, p->id, "%sparam '%s' has a %s as a key (keys are numbers, strings or booleans)", p->what,
                       p->name, ldata_typename(L, -2));
        lua_pushvalue(L, -2);
        copy_param(L, -2, p, depth + 1);
        lua_rawset(L, -5);
        lua_pop(L, 1);
    }
    lua_pushvalue(L, idx);
    lua_pushvalue(L, -2);
    lua_rawset(L, p->seen);
}

/*
 * Copy the declaration's params = {name = default} into the engine's copy:
 * names are strings, defaults are data (copy_param). what is "" for a rule
 * and "test: " for a test case, whose params override the defaults.
 */
void lrule_copy_params(lua_State *L, const char *id, const char *what)
{
    int t = lx_rawfield(L, 1, "params");
    if (t == LUA_TNIL) {
        lua_pop(L, 1);
        return;
    }
    if (t != LUA_TTABLE)
        lrule_decl_error(L, id, "%s'params' must be a table of name = default", what);
    int src = lua_gettop(L);
    lua_newtable(L); /* src + 1: what has been copied */
    lua_newtable(L); /* src + 2: the copy */
    lua_pushnil(L);
    while (lua_next(L, src)) {
        lrt_charge(L, 1);
        if (lua_type(L, -2) != LUA_TSTRING || strlen(lua_tostring(L, -2)) != lua_rawlen(L, -2))
            lrule_decl_error(L, id, "%sparam names must be strings", what);
        param_of p = {id, what, lua_tostring(L, -2), src + 1};
        int vt = lua_type(L, -1);
        if (vt != LUA_TNUMBER && vt != LUA_TSTRING && vt != LUA_TBOOLEAN && vt != LUA_TTABLE)
            lrule_decl_error(L, id, "%sparam '%s' must default to a number, string, boolean or table", what, p.name);
        lua_pushvalue(L, -2);
        copy_param(L, -2, &p, 0);
        lua_rawset(L, -5);
        lua_pop(L, 1);
    }
    lua_setfield(L, 2, "params");
    lua_pop(L, 2);
}

/* tables = {"projects", "tasks?", "a|b"}: a list of names, copied. */
static void copy_tables(lua_State *L, const char *id)
{
    if (lx_rawfield(L, 1, "tables") != LUA_TTABLE)
        lrule_decl_error(L, id, "'tables' must list the tables the rule reads, e.g. {\"projects\", \"tasks?\"} "
                          "(\"name?\" is read only when present; \"a|b\" needs at least one of them)");
    lua_Unsigned n = lua_rawlen(L, -1);
    if (n > MAX_TABLES)
        lrule_decl_error(L, id, "'tables' lists more than %d entries", MAX_TABLES);
    lua_createtable(L, (int)n, 0);
    for (lua_Integer i = 1; i <= (lua_Integer)n; i++) {
        if (lua_rawgeti(L, -2, i) != LUA_TSTRING || lua_rawlen(L, -1) == 0 ||
            strlen(lua_tostring(L, -1)) != lua_rawlen(L, -1))
            lrule_decl_error(L, id, "'tables' must be a list of table names");
        lua_rawseti(L, -2, i);
    }
    lua_setfield(L, 2, "tables");
    lua_pop(L, 1);
}

/* each = "name": one of the copied tables, needed (not "name?" or "a|b"). */
static void copy_each(lua_State *L, const char *id)
{
    const char *each = lrule_copy_string(L, id, "", "each", false);
    if (!each)
        return;
    bool listed = false;
    lua_getfield(L, 2, "tables");
    for (lua_Integer i = 1; i <= (lua_Integer)lua_rawlen(L, -1); i++) {
        lua_rawgeti(L, -1, i);
        listed |= strcmp(lua_tostring(L, -1), each) == 0;
        lua_pop(L, 1);
    }
    lua_pop(L, 1);
    if (!listed)
        lrule_decl_error(L, id, "each = \"%s\" must also be listed in 'tables'", each);
    if (strpbrk(each, "?|"))
        lrule_decl_error(L, id, "each = \"%s\" must name one table the rule needs (not \"name?\" or \"a|b\")", each);
}

/* gates = {"G2", "G3"}: the stage gates the rule guards (see docs/gates.md). */
static void copy_gates(lua_State *L, const char *id)
{
    int t = lx_rawfield(L, 1, "gates");
    if (t != LUA_TNIL && t != LUA_TTABLE)
        lrule_decl_error(L, id, "'gates' must list the stage gates the rule guards, e.g. {\"G2\", \"G3\"}");
    if (t == LUA_TTABLE) {
        lua_Unsigned n = lua_rawlen(L, -1);
        if (n > 64)
            lrule_decl_error(L, id, "'gates' lists more than 64 gates");
        lua_createtable(L, (int)n, 0);
        for (lua_Integer i = 1; i <= (lua_Integer)n; i++) {
            if (lua_rawgeti(L, -2, i) != LUA_TSTRING || !valid_id(lua_tostring(L, -1)) ||
                lua_rawlen(L, -1) > 32 || strlen(lua_tostring(L, -1)) != lua_rawlen(L, -1))
                lrule_decl_error(L, id, "'gates' entry %d must be a gate name such as \"G3\" (letters, digits, '-', "
                                  "'_', '.'; at most 32)", (int)i);
            lua_rawseti(L, -2, i);
        }
        lua_setfield(L, 2, "gates");
    }
    lua_pop(L, 1);
}

/* engine = true (DAT-001..009 only), else check = a function. */
static void copy_check(lua_State *L, const char *id)
{
    bool engine = lx_rawfield(L, 1, "engine") == LUA_TBOOLEAN && lua_toboolean(L, -1);
    lua_pop(L, 1);
    if (engine) {
        static const char *const known[] = {"DAT-001", "DAT-002", "DAT-003", "DAT-004", "DAT-005",
                                            "DAT-006", "DAT-007", "DAT-008", "DAT-009", NULL};
        bool ok = false;
        for (int i = 0; known[i]; i++)
            ok |= strcmp(id, known[i]) == 0;
        if (!ok)
            lrule_decl_error(L, id, "engine = true is only for the engine's own checks (DAT-001..009)");
        lua_pushboolean(L, 1);
        lua_setfield(L, 2, "engine");
    }
    int t = lx_rawfield(L, 1, "check");
    if (!engine && t != LUA_TFUNCTION)
        lrule_decl_error(L, id, "'check' must be a function: check(row, ctx) with each=, else check(ctx)");
    if (t == LUA_TFUNCTION)
        lua_setfield(L, 2, "check");
    else
        lua_pop(L, 1);
}

/* rule{ id=..., title=..., severity=..., domain=..., tables={...}, params={...}, doc=..., [each=...], check=fn } */
/* requires = ">= X.Y": checked first, so that a rule written for a newer
 * engine fails with this one message rather than on a field or helper
 * this engine lacks. Not kept: it says nothing once the rule loaded. */
static void check_requires(lua_State *L, const char *id)
{
    int t = lx_rawfield(L, 1, "requires");
    if (t != LUA_TNIL) {
        char *why = ver_requires(t == LUA_TSTRING ? lua_tostring(L, -1) : NULL);
        if (why) {
            lua_pushstring(L, why);
            free(why);
            lrule_decl_error(L, id, "'requires' %s", lua_tostring(L, -1));
        }
    }
    lua_pop(L, 1);
}

int lrule_declare(lua_State *L)
{
    lrt *rt = RT(L);
    if (lua_type(L, 1) != LUA_TTABLE)
        return lrule_decl_error(L, NULL, "rule{...} takes one table of metadata and a check function");
    lua_settop(L, 1);
    const char *id = lx_rawfield(L, 1, "id") == LUA_TSTRING ? lua_tostring(L, -1) : NULL;
    check_requires(L, id);
    lrule_check_keys(L, id, "", rule_keys);
    lua_pop(L, 1);
    lua_createtable(L, 0, 12); /* 2: the engine's copy */
    id = lrule_copy_string(L, NULL, "", "id", true);
    if (!valid_id(id))
        return lrule_decl_error(L, id, "ids may only hold letters, digits, '-', '_' and '.'");
    lrule_copy_string(L, id, "", "title", true);
    const char *sev = lrule_copy_string(L, id, "", "severity", true);
    if (sev_parse(sev, false) < 0)
        return lrule_decl_error(L, id, "unknown severity '%s' (use info, warning, error or critical)", sev);
    lrule_copy_string(L, id, "", "domain", true);
    lrule_copy_string(L, id, "", "doc", true);
    copy_tables(L, id);
    copy_each(L, id);
    lrule_copy_params(L, id, "");
    copy_gates(L, id);
    copy_check(L, id); /* tags: free-form, never read, not kept */
    lua_Debug ar;
    int line = 0;
    if (lua_getstack(L, lrt_decl_level(L), &ar) && lua_getinfo(L, "l", &ar))
        line = ar.currentline;
    GROW(rt->decls, rt->declcap, (size_t)rt->nrules + 1);
    rt->decls[rt->nrules].src = rt->cur_src;
    rt->decls[rt->nrules].line = line;
    lua_rawgeti(L, LUA_REGISTRYINDEX, rt->rules_ref);
    lua_pushvalue(L, 2);
    lua_rawseti(L, -2, ++rt->nrules);
    return 0;
}

/* ---- metadata ---- */

/* A literal being written: at most max bytes; past that the walk stops and
 * over is set. A table reached several times (a DAG of shared sub-tables)
 * is written out at each use, so the text can grow exponentially with the
 * depth while the table stays small: the bound, not the table's memory,
 * is what keeps it (and the time spent) small. */
typedef struct {
    sbuf *b;
    size_t max;
    bool over;
} literal;

static void serialize(lua_State *L, int idx, literal *out, int depth);

/* Append n bytes, or what fits and mark the literal over. */
static void put(literal *out, const char *s, size_t n)
{
    size_t room = out->max > out->b->len ? out->max - out->b->len : 0;
    if (n > room) {
        n = room;
        out->over = true;
    }
    sb_add(out->b, s, n);
}

static void puts_(literal *out, const char *s)
{
    put(out, s, strlen(s));
}

/* The shortest of %.15g and %.17g that reads back as the same number. */
static void format_float(literal *out, double x)
{
    char buf[32];
    snprintf(buf, sizeof buf, "%.15g", x);
    if (strtod(buf, NULL) != x)
        snprintf(buf, sizeof buf, "%.17g", x);
    puts_(out, buf);
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

static void serialize_table(lua_State *L, int idx, literal *out, int depth)
{
    lua_Integer n = (lua_Integer)lua_rawlen(L, idx);
    puts_(out, "{");
    if (n > 0) {
        for (lua_Integer i = 1; i <= n && !out->over; i++) {
            lua_rawgeti(L, idx, i);
            puts_(out, i > 1 ? ", " : "");
            serialize(L, lua_gettop(L), out, depth + 1);
            lua_pop(L, 1);
        }
        puts_(out, "}");
        return;
    }
    size_t nk;
    char **keys = lx_sorted_keys(L, idx, &nk);
    for (size_t i = 0; i < nk; i++) {
        if (!out->over) {
            puts_(out, i ? ", " : " ");
            puts_(out, is_identifier(keys[i]) ? "" : "[\"");
            puts_(out, keys[i]);
            puts_(out, is_identifier(keys[i]) ? " = " : "\"] = ");
            lx_rawfield(L, idx, keys[i]);
            serialize(L, lua_gettop(L), out, depth + 1);
            lua_pop(L, 1);
        }
        free(keys[i]);
    }
    free(keys);
    puts_(out, nk ? " }" : "}");
}

static void serialize_string(lua_State *L, int idx, literal *out)
{
    size_t n;
    const char *s = lua_tolstring(L, idx, &n);
    puts_(out, "\"");
    for (size_t i = 0, run = 0; i <= n && !out->over; i++) { /* runs of plain bytes in one put */
        if (i < n && s[i] != '"' && s[i] != '\\' && s[i] != '\n')
            continue;
        put(out, s + run, i - run);
        if (i < n)
            puts_(out, s[i] == '\n' ? "\\n" : s[i] == '"' ? "\\\"" : "\\\\");
        run = i + 1;
    }
    puts_(out, "\"");
}

bool lrule_literal(lua_State *L, int idx, sbuf *b, size_t max)
{
    literal out = {b, b->len + max, false};
    serialize(L, idx, &out, 0);
    return !out.over;
}

static void serialize(lua_State *L, int idx, literal *out, int depth)
{
    char buf[32];
    switch (lua_type(L, idx)) {
    case LUA_TNUMBER:
        if (lua_isinteger(L, idx)) {
            snprintf(buf, sizeof buf, "%lld", (long long)lua_tointeger(L, idx));
            puts_(out, buf);
        } else {
            format_float(out, (double)lua_tonumber(L, idx));
        }
        break;
    case LUA_TBOOLEAN:
        puts_(out, lua_toboolean(L, idx) ? "true" : "false");
        break;
    case LUA_TSTRING:
        serialize_string(L, idx, out);
        break;
    case LUA_TTABLE:
        if (depth > 8)
            puts_(out, "{...}");
        else
            serialize_table(L, idx, out, depth);
        break;
    default:
        puts_(out, luaL_typename(L, idx));
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
        if (!lrule_literal(L, lua_gettop(L), &b, LITERAL_MAX))
            sb_printf(&b, " ... (cut: longer than %d KiB as Lua text)", LITERAL_MAX >> 10);
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
        r->support = reg->src[rt->decls[i].src].support;
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
            /* while a rule runs (its ctx.params) the rule's limits are
             * armed and stay so: re-arming here would disarm them after */
            bool armed = lua_gethook(L) != NULL;
            if (!armed)
                lrt_arm(rt, 1000000);
            st = lua_pcall(L, 0, 1, 0);
            if (!armed)
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

/* "rule R has no param 'p' (did you mean 'q'?; params: a, b)" for --set R.p. */
static char *no_param(const pa_rule *r, const pa_override *o)
{
    sbuf b;
    sb_init(&b);
    const char **names = xcalloc((size_t)r->nparams + 1, sizeof *names);
    for (int p = 0; p < r->nparams; p++) {
        sb_printf(&b, "%s%s", p ? ", " : "", r->params[p].name);
        names[p] = r->params[p].name;
    }
    const char *s = str_suggest(o->param, names);
    char *m = xasprintf("--set %s.%s: rule %s has no param '%s' (%s%s%sparams: %s)", o->rule, o->param, o->rule,
                        o->param, s ? "did you mean '" : "", s ? s : "", s ? "'?; " : "", b.data ? b.data : "none");
    free(names);
    sb_free(&b);
    return m;
}

/* Why override o does not apply (its rule, its param, its value's type), or NULL. */
static char *override_error(lrt *rt, const pa_registry *reg, const pa_override *o)
{
    lua_State *L = rt->L;
    int k = reg_index(reg, o->rule);
    if (k < 0)
        return xasprintf("--set %s.%s: no rule %s (see `pmoaudit list`)", o->rule, o->param, o->rule);
    lua_rawgeti(L, LUA_REGISTRYINDEX, rt->rules_ref);
    lua_rawgeti(L, -1, k + 1);
    if (push_default(L, lua_gettop(L), o->param) == LUA_TNIL) {
        lua_pop(L, 3);
        return no_param(&reg->v[k], o);
    }
    char *e = push_converted(rt, lua_gettop(L), o);
    lua_pop(L, e ? 3 : 4);
    return e;
}

/* An override's error where the author wrote it: "--set R.p: ..." on the
 * command line, "file:line: params: R.p: ..." from the config. */
static char *located(const pa_override *o, char *msg)
{
    if (!o->where || strncmp(msg, "--set ", 6) != 0)
        return msg;
    char *m = xasprintf("%s: params: %s", o->where, msg + 6);
    free(msg);
    return m;
}

int lrt_check_overrides(lrt *rt, const pa_registry *reg, char **err)
{
    for (int i = 0; i < reg->novr; i++) {
        char *e = override_error(rt, reg, &reg->ovr[i]);
        if (e && rt->lint) { /* lint lists every bad override */
            e = located(&reg->ovr[i], e);
            lrt_problem(rt, e);
            free(e);
        } else if (e) {
            *err = located(&reg->ovr[i], e);
            return -1;
        }
    }
    return 0;
}

/*
 * Push a copy of the value at idx: tables copied down to 16 levels (deeper
 * ones shared). memo (an index) maps each table copied so far to its copy,
 * so a table reached twice is copied once and the copy keeps the default's
 * shape: a default whose sub-tables share each other (a DAG, 4^16 paths to
 * one leaf) costs its own size to copy, not the number of its paths.
 */
static void copy_shared(lua_State *L, int idx, int memo, int depth)
{
    if (lua_type(L, idx) != LUA_TTABLE || depth > 16) {
        lua_pushvalue(L, idx);
        return;
    }
    idx = lua_absindex(L, idx);
    lua_pushvalue(L, idx);
    if (lua_rawget(L, memo) != LUA_TNIL)
        return;
    lua_pop(L, 1);
    luaL_checkstack(L, 8, "params nested too deep");
    lua_newtable(L);
    lua_pushvalue(L, idx);
    lua_pushvalue(L, -2);
    lua_rawset(L, memo);
    lua_pushnil(L);
    while (lua_next(L, idx)) {
        lua_pushvalue(L, -2);
        copy_shared(L, -2, memo, depth + 1);
        lua_rawset(L, -5);
        lua_pop(L, 1);
    }
}

static void deep_copy(lua_State *L, int idx, int depth)
{
    idx = lua_absindex(L, idx);
    lua_newtable(L); /* the memo */
    copy_shared(L, idx, lua_gettop(L), depth);
    lua_remove(L, -2);
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
    if (rt->case_params_ref != LUA_NOREF) { /* a test case's params, as Lua values (copied: the check may change them) */
        lua_rawgeti(L, LUA_REGISTRYINDEX, rt->case_params_ref);
        lua_pushnil(L);
        while (lua_next(L, -2)) {
            lua_pushvalue(L, -2);
            deep_copy(L, -2, 0);
            lua_rawset(L, p);
            lua_pop(L, 1);
        }
        lua_pop(L, 1);
    }
}

