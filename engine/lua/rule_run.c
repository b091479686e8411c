/*
 * lua/rule_run.c - running one rule: the ctx a check receives (T, params, tables,
 * report), the row loop of row rules, the budget and memory cap armed
 * around the protected call, and turning errors into an errored result that
 * names the file, line and the row being checked.
 */
#include "lua/api.h"
#include "lua/state.h"
#include "lua/runtime_impl.h"
#include "lua/traceback.h"
#include "lua/rule_decl.h"
#include "model/schema.h"
#include "core/util.h"

#include <lauxlib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void lrt_set_projects(lrt *rt, const pa_project_ids *pids)
{
    rt->pids = pids;
}

void lrt_bind(lrt *rt, const pa_store *st, pa_date T)
{
    rt->st = st;
    rt->T = T;
    rt->rep_table = NULL;
    ldata_reset(rt->L, st);
}

/* The longest message (and value) a finding keeps; longer ones are cut at
 * a UTF-8 character boundary with a note saying how much was cut. */
#define REPORT_MAX_MESSAGE 8192
/* The longest key, column, table, project or id a finding may name. */
#define REPORT_MAX_NAME 1024

/*
 * Text a rule hands to report(), checked before the engine keeps it: a NUL
 * byte would silently cut the string in every report, so it is an error at
 * the rule's line, as is a name longer than REPORT_MAX_NAME. A message or
 * value over REPORT_MAX_MESSAGE is cut with a visible note, so a rule
 * cannot make the engine copy megabytes per finding. The string returned
 * lives on the Lua stack until report() returns.
 */
static const char *report_text(lua_State *L, int idx, const char *what, bool cut)
{
    size_t n;
    const char *s = lua_tolstring(L, idx, &n);
    if (memchr(s, 0, n))
        luaL_error(L, "report: %s contains a NUL byte", what);
    size_t max = cut ? REPORT_MAX_MESSAGE : REPORT_MAX_NAME;
    if (n <= max)
        return s;
    if (!cut)
        luaL_error(L, "report: %s is %I bytes long (at most %d)", what, (lua_Integer)n, (int)max);
    size_t k = max;
    while (k > 0 && ((unsigned char)s[k] & 0xC0) == 0x80) /* not inside a UTF-8 character */
        k--;
    lua_pushlstring(L, s, k);
    lua_pushfstring(L, " [... %I more bytes cut]", (lua_Integer)(n - k));
    lua_concat(L, 2);
    return lua_tostring(L, -1);
}

static const char *field_string(lua_State *L, int t, const char *k, bool cut)
{
    int ty = lua_getfield(L, t, k);
    if (ty == LUA_TNIL) {
        lua_pop(L, 1);
        return NULL;
    }
    luaL_tolstring(L, -1, NULL); /* leaves value and string on the stack */
    return report_text(L, -1, k, cut);
}

/* report{projects = {...}}: a list of project ids (strings); returns its
 * length, or -1 when the field is absent. */
static int check_projects(lua_State *L)
{
    int t = lua_getfield(L, 1, "projects");
    lua_pop(L, 1);
    if (t == LUA_TNIL)
        return -1;
    if (t != LUA_TTABLE)
        return luaL_error(L, "report: 'projects' must be a list of project ids");
    lua_getfield(L, 1, "projects");
    lua_Integer n = luaL_len(L, -1);
    if (n > 100000)
        return luaL_error(L, "report: 'projects' lists more than 100000 ids");
    for (lua_Integer i = 1; i <= n; i++) {
        if (lua_rawgeti(L, -1, i) != LUA_TSTRING)
            return luaL_error(L, "report: 'projects' must be a list of project ids (strings); entry %d is a %s",
                              (int)i, luaL_typename(L, -1));
        report_text(L, -1, "a project id in 'projects'", false);
        lua_pop(L, 1);
    }
    lua_pop(L, 1);
    return (int)n;
}

/* The checked projects list of the report{} table at index 1, sorted and
 * unique (fnd_sort_projects): *n ids, pointing at the list's strings,
 * which stay alive while the report() call runs. Free the array. */
static const char **report_projects(lua_State *L, int *n)
{
    const char **ids = xmalloc(((size_t)*n + 1) * sizeof *ids);
    lua_getfield(L, 1, "projects");
    for (int i = 0; i < *n; i++) {
        lua_rawgeti(L, -1, i + 1);
        ids[i] = lua_tostring(L, -1); /* the list keeps the string alive */
        lua_pop(L, 1);
    }
    lua_pop(L, 1);
    *n = fnd_sort_projects(ids, *n);
    return ids;
}

/*
 * Whether a report() is in --project's scope: its project (given, or the
 * row's), or one of the ids of its projects={...} list (checked by
 * check_projects, in the table at index 1), is selected. Asked before the
 * cap, so findings about other projects never take a listed place.
 */
static bool report_in_scope(lua_State *L, const pa_project_ids *p, const char *project, int nprojects)
{
    bool in = pids_in_scope(p, project, NULL, 0);
    if (in || nprojects <= 0)
        return in;
    lua_getfield(L, 1, "projects");
    for (int i = 1; i <= nprojects && !in; i++) {
        lua_rawgeti(L, -1, i);
        in = pids_in_scope(p, lua_tostring(L, -1), NULL, 0);
        lua_pop(L, 1);
    }
    lua_pop(L, 1);
    return in;
}

/*
 * The column a report() names, as tab_column finds it. A rule reports the
 * same column of the same table over and over, so the last answer is kept
 * and checked with one strcmp instead of a scan of the header. (The
 * cache is dropped when the runtime is bound to another store.)
 */
static int report_column(lrt *rt, const pa_table *t, const char *column)
{
    if (rt->rep_table == t && strcmp(t->cols[rt->rep_col].name, column) == 0)
        return rt->rep_col;
    int col = tab_column(t, column);
    if (col >= 0) {
        rt->rep_table = t;
        rt->rep_col = col;
    }
    return col;
}

/*
 * Count a new finding's memory, n bytes, against the rule: what it will
 * hold in the report (fpack_add says), the struct, its strings and its
 * projects; what the engine copies for a rule is the rule's, under its cap and the run's limit like its Lua
 * memory. Over either, the rule is stopped (its findings are then dropped
 * and their bytes given back by lrt_run).
 */
static void charge_finding(lua_State *L, lrt *rt, size_t n)
{
    if (lrt_mem_take(rt, n)) { /* garbage may be what stands in the way, as for Lua's own */
        lua_gc(L, LUA_GCCOLLECT);
        int why = lrt_mem_take(rt, n);
        if (why)
            lrt_mem_fail(L, why);
    }
    rt->fnd_bytes += n;
}

/*
 * ctx.report(row, column, message) or ctx.report{row=, column=, message=,
 * value=, severity=, key=, project=, projects=, table=, id=}. Fields left out
 * come from the row: its table, key, project, file and line, and the cell's
 * value. projects= names every project a cross-project finding involves.
 */
static int l_report(lua_State *L)
{
    lrt *rt = RT(L);
    /* a ctx kept by a rule (in an upvalue, a global or a table) and called
     * after its run, from another rule or from a __close, reports nothing */
    if (!rt->cur || (uint64_t)lua_tointeger(L, lua_upvalueindex(1)) != rt->run_serial)
        return luaL_error(L, "report: this ctx belongs to a rule run that has ended (a ctx is valid only "
                             "while its own rule runs)");
    const pa_rule *rule = rt->cur;
    pa_table *t = NULL;
    uint32_t r = 0;
    bool has_row = false;
    const char *column = NULL, *message = NULL, *value = NULL, *key = NULL, *project = NULL, *table = NULL,
               *disc = NULL;
    pa_sev sev = rule->sev;
    int nprojects = -1; /* entries of projects={...}, -1 when not given */
    if (lua_type(L, 1) == LUA_TTABLE) {
        lua_settop(L, 1);
        lua_getfield(L, 1, "row");
        if (!lua_isnil(L, -1) && !(has_row = lrows_test(L, -1, &t, &r)))
            return luaL_error(L, "report: 'row' must be a row");
        column = field_string(L, 1, "column", false);
        message = field_string(L, 1, "message", true);
        value = field_string(L, 1, "value", true);
        key = field_string(L, 1, "key", false);
        project = field_string(L, 1, "project", false);
        table = field_string(L, 1, "table", false);
        disc = field_string(L, 1, "id", false);
        nprojects = check_projects(L);
        const char *s = field_string(L, 1, "severity", false);
        if (s) {
            int k = sev_parse(s, false);
            if (k < 0)
                return luaL_error(L, "report: unknown severity '%s'", s);
            sev = (pa_sev)k;
        }
    } else {
        if (!lua_isnoneornil(L, 1) && !(has_row = lrows_test(L, 1, &t, &r)))
            return luaL_error(L, "report(row, column, message): the first argument must be a row or nil");
        if (!lua_isnoneornil(L, 2)) {
            luaL_checkstring(L, 2);
            column = report_text(L, 2, "column", false);
        }
        if (lua_type(L, 3) == LUA_TSTRING) /* the usual case, without luaL_tolstring's metafield lookup */
            message = report_text(L, 3, "message", true);
        else if (!lua_isnoneornil(L, 3)) {
            luaL_tolstring(L, 3, NULL);
            message = report_text(L, -1, "message", true);
        }
    }
    if (!message)
        return luaL_error(L, "report: a message is required");
    int col = has_row && column ? report_column(rt, t, column) : -1; /* before scope and cap: an error never hides */
    if (has_row && column && col < 0)
        return luaL_error(L, "report: table %s has no column '%s'", t->name, column);
    if (has_row && !project && t->project_col >= 0)
        project = tab_text(t, t->project_col, r, NULL);
    pa_result *res = rt->res;
    if (rt->pids && rt->pids->selected && !report_in_scope(L, rt->pids, project, nprojects))
        return 0; /* about other projects only (--project): neither counted nor kept */
    if (res->packed.n >= rt->lim.max_findings) { /* past the cap: counted, not kept */
        pids_count_unlisted(rt->pids, res, sev, project);
        return 0;
    }
    char keybuf[512], valbuf[64];
    const char *file = NULL;
    uint32_t line = 0;
    if (has_row) {
        if (!table)
            table = t->name;
        if (!key) {
            tab_row_key(t, r, keybuf, sizeof keybuf);
            key = keybuf[0] ? keybuf : NULL;
        }
        if (!value && col >= 0) {
            size_t n;
            value = tab_cell_text(t, col, r, valbuf, sizeof valbuf, &n);
        }
        file = tab_where(t, r, col);
        line = t->line[r];
    }
    res->count++;
    res->by_sev[sev]++;
    int np = nprojects > 0 ? nprojects : 0;
    const char **ids = np ? report_projects(L, &np) : NULL;
    size_t bytes =
        fpack_add(&res->packed, sev, table, key, project, file, line, column, value, message, disc, ids, np);
    free(ids);
    charge_finding(L, rt, bytes);
    return 0;
}

static void push_ctx(lrt *rt, const pa_registry *reg, int rule_idx, const pa_rule *rule)
{
    lua_State *L = rt->L;
    lua_createtable(L, 0, 6);
    ldate_push(L, rt->T);
    lua_setfield(L, -2, "T");
    lua_pushstring(L, rule->id);
    lua_setfield(L, -2, "rule");
    lrule_push_params(rt, reg, rule_idx, rule->id);
    lua_setfield(L, -2, "params");
    lua_pushinteger(L, (lua_Integer)rt->run_serial);
    lua_pushcclosure(L, l_report, 1);
    lua_setfield(L, -2, "report");
    lua_createtable(L, 0, rt->st ? rt->st->ntables : 0);
    for (int i = 0; rt->st && i < rt->st->ntables; i++) {
        ldata_push_table(L, rt->st->tables[i]);
        lua_setfield(L, -2, rt->st->tables[i]->name);
    }
    lua_setfield(L, -2, "tables");
}

/* Runs inside lua_pcall: upvalues are the registry and rule index (light). */
static int run_protected(lua_State *L)
{
    lrt *rt = RT(L);
    const pa_registry *reg = lua_touserdata(L, 1);
    int i = (int)lua_tointeger(L, 2);
    const pa_rule *rule = &reg->v[i];
    lua_settop(L, 0);
    lua_rawgeti(L, LUA_REGISTRYINDEX, rt->rules_ref);
    lua_rawgeti(L, -1, i + 1); /* 2: the engine's copy of the declaration (lua/rule_decl.c) */
    /* this state loaded the same files as the registry's; a file that
     * declared other rules this time cannot have its checks mixed up */
    bool same = lua_type(L, 2) == LUA_TTABLE && lua_getfield(L, 2, "id") == LUA_TSTRING &&
                strcmp(lua_tostring(L, -1), rule->id) == 0;
    if (!same)
        return luaL_error(L, "rule %s: its files declared other rules when loaded again", rule->id);
    lua_pop(L, 1);
    if (lua_getfield(L, 2, "check") != LUA_TFUNCTION) /* 3: check */
        return luaL_error(L, "rule %s: its files declared other rules when loaded again", rule->id);
    push_ctx(rt, reg, 2, rule);  /* 4: ctx */
    if (!rule->each) {
        lua_pushvalue(L, 3);
        lua_pushvalue(L, 4);
        lua_call(L, 1, 0);
        return 0;
    }
    pa_table *t = store_table(rt->st, rule->each);
    rt->cur_table = t;
    rt->in_row = true;
    for (size_t r = 0; r < t->nrows; r++) {
        rt->cur_row = (uint32_t)r;
        lua_pushvalue(L, 3);
        lrows_push(L, t, (uint32_t)r);
        lua_pushvalue(L, 4);
        lua_call(L, 2, 0);
    }
    rt->in_row = false;
    return 0;
}

/*
 * A rule's tables entry: "name", "name?" (read when present, never a reason
 * to skip) or "a|b|c" (at least one is needed). Counts the tables it names
 * that the store holds, and adds their rows to *rows.
 */
static int entry_tables(const pa_store *st, const char *entry, uint64_t *rows)
{
    int present = 0;
    char name[128];
    for (const char *p = entry;;) {
        size_t n = strcspn(p, "|?");
        snprintf(name, sizeof name, "%.*s", (int)n, p);
        pa_table *t = store_table(st, name);
        if (t) {
            present++;
            *rows += t->nrows;
        }
        if (p[n] != '|')
            return present;
        p += n + 1;
    }
}

static bool table_available(const pa_store *st, const char *entry)
{
    uint64_t rows = 0;
    size_t n = strlen(entry);
    return (n && entry[n - 1] == '?') || entry_tables(st, entry, &rows) > 0;
}

bool lrt_rule_runnable(const pa_store *st, const pa_rule *rule)
{
    for (int k = 0; k < rule->ntables; k++)
        if (!table_available(st, rule->tables[k]))
            return false;
    return true;
}

/* The instruction budget: a base plus an allowance per row read. */
uint64_t lrt_rule_rows(const pa_store *st, const pa_rule *rule)
{
    uint64_t rows = 0;
    for (int k = 0; k < rule->ntables; k++)
        entry_tables(st, rule->tables[k], &rows);
    return rows;
}

static uint64_t budget_for(const lrt *rt, const pa_rule *rule)
{
    return rt->lim.instr_base + rt->lim.instr_per_row * lrt_rule_rows(rt->st, rule);
}

/*
 * A table name of rule{} that is neither in the data model nor declared
 * by a pack may be an extra CSV file, or a typo: when a data-model table
 * is one or two letters away, say so ("; 'projcts' is not a table of the
 * data model: did you mean 'projects'?") instead of a bare skip.
 */
static void table_typo(const char *spec, sbuf *near)
{
    char name[128];
    snprintf(name, sizeof name, "%.*s", (int)strcspn(spec, "|?"), spec);
    const char *s = strchr(spec, '|') ? NULL : schema_table_suggest(name);
    if (s)
        sb_printf(near, "; '%s' is not a table of the data model: did you mean '%s'?", name, s);
}

void lrt_run(lrt *rt, const pa_registry *reg, int i, pa_result *res)
{
    lua_State *L = rt->L;
    const pa_rule *rule = &reg->v[i];
    memset(res, 0, sizeof *res);
    fnd_init(&res->findings);
    fpack_init(&res->packed);
    sbuf missing, near;
    sb_init(&missing);
    sb_init(&near);
    for (int k = 0; k < rule->ntables; k++) {
        if (table_available(rt->st, rule->tables[k]))
            continue;
        sb_puts(&missing, missing.len ? ", " : "");
        for (const char *p = rule->tables[k]; *p; p++) /* "a|b" reads "a or b" */
            *p == '|' ? sb_puts(&missing, " or ") : sb_putc(&missing, *p);
        table_typo(rule->tables[k], &near);
    }
    if (missing.len) {
        res->status = ST_SKIPPED;
        bool several = strchr(missing.data, ',') != NULL;
        res->message = xasprintf("missing table%s: %s (no such CSV file in the data directory%s)",
                                 several ? "s" : "", missing.data, near.len ? near.data : "");
        sb_free(&near);
        sb_free(&missing);
        return;
    }
    sb_free(&missing);
    int top = lua_gettop(L); /* callers may keep values on the stack */
    rt->cur = rule;
    rt->res = res;
    rt->in_row = false;
    rt->run_serial++;
    rt->fnd_bytes = 0;
    lregex_forget(L);
    lua_pushcfunction(L, ltrace_msgh);
    lua_pushcfunction(L, run_protected);
    lua_pushlightuserdata(L, (void *)reg);
    lua_pushinteger(L, i);
    lrt_arm(rt, budget_for(rt, rule));
    int status = lua_pcall(L, 2, 0, top + 1);
    res->instructions = rt->instr; /* what the budget was charged: the rule's work, in instructions */
    bool in_row = rt->in_row;
    if (status != LUA_OK) {
        char *m = lrt_error_text(rt, status);
        char *tb = ltrace_take(rt);
        sbuf msg;
        sb_init(&msg);
        sb_puts(&msg, m);
        if (in_row)
            sb_printf(&msg, " (while checking %s:%u)", rt->cur_table->file, rt->cur_table->line[rt->cur_row]);
        if (tb)
            sb_printf(&msg, "\n%s", tb);
        res->message = sb_steal(&msg);
        free(m);
        free(tb);
        res->status = ST_ERRORED;
        fpack_free(&res->packed);
        lrt_mem_give(rt, rt->fnd_bytes);
        res->count = res->dropped = 0;
        memset(res->by_sev, 0, sizeof res->by_sev);
        memset(res->unlisted_sev, 0, sizeof res->unlisted_sev);
        free(res->unlisted_proj);
        res->unlisted_proj = NULL;
        res->nproj_slots = 0;
    } else {
        res->status = res->count ? ST_FAILED : ST_PASSED;
        if (res->dropped)
            res->message = result_cap_note(res);
    }
    lrt_disarm(rt);
    rt->cur = NULL;
    rt->res = NULL;
    rt->in_row = false;
    lua_settop(L, top);
}
