/*
 * lua/data_file.c - the one loader of Lua data files: the config, Lua
 * waiver files and import profiles (see lua/data_file.h for the API).
 *
 * The state is a rule runtime's (lua/runtime.c, lrt_new_data): the same
 * capped allocator, count hook, guards and sandbox template. A data file
 * runs with _ENV = a table of its own globals whose metatable records the
 * line of each assignment (lua/data_read.c) and reads the sandbox's names
 * (the rules' whitelist without the rule API) through __index, so what
 * the file assigned is exactly what that table holds. Errors pass through
 * the rules' message handler (lua/traceback.c), which locates them at the
 * author's line.
 *
 * Handles are slots of the Lua stack of the state's main thread; a slot
 * pushed without allocating (lua_rawgeti, lua_next, numbers) needs no
 * protection, everything that may allocate or run Lua code goes through
 * protect(). The memory cap counts the whole state for its whole life, so
 * C's own pushes are under it too.
 *
 * May include: core/, lua/ (the runtime's inside), and Lua's headers.
 */
#include "lua/data_file.h"
#include "lua/data_read.h"
#include "lua/state.h"
#include "lua/runtime_impl.h"
#include "lua/traceback.h"
#include "lua/rule_decl.h"
#include "core/util.h"

#include <lauxlib.h>
#include <stdlib.h>
#include <string.h>

typedef struct ldf_def {
    ldf_fn fn;
    void *ud;
    ldf_file *f;
    struct ldf_def *next;
} ldf_def;

struct ldf_file {
    lrt *rt;
    lua_State *L;
    char *budget_msg;
    char *err;  /* the first error */
    char *last; /* the last failed run's or call's message */
    ldf_def *defs;
    uint64_t budget, call_budget;
    int globals_ref, env_ref;
};

/* What a protected operation works on (passed as a light userdata). */
typedef struct {
    ldf_file *f;
    const char *key;
    size_t n;
    sbuf *b;
    char **keys;
    const ldf_field_init *fields;
    ldf_def *def;
    int line;
    bool over; /* ldf_literal: the text passed LITERAL_MAX */
} op;

/* Keep the error on top of the stack (popped) as the last and, when it is
 * the first, the first error. A memory error has no handler run on it. */
static void fail(ldf_file *f, int status)
{
    lua_State *L = f->L;
    char *m;
    if (status == LUA_ERRMEM || lua_type(L, -1) != LUA_TSTRING)
        m = status == LUA_ERRMEM ? xstrdup("not enough memory")
                                 : xasprintf("error object is a %s value", luaL_typename(L, -1));
    else
        m = xstrdup(lua_tostring(L, -1));
    lua_pop(L, 1);
    free(ltrace_take(f->rt)); /* the author's traceback: data files report one line */
    free(f->last);
    f->last = m;
    if (!f->err)
        f->err = xstrdup(m);
}

static void fail_text(ldf_file *f, const char *msg)
{
    free(f->last);
    f->last = xstrdup(msg);
    if (!f->err)
        f->err = xstrdup(msg);
}

/* Room for n more stack slots; an error (not a Lua one) when there is none:
 * a million handles held at once. */
static bool room(ldf_file *f, int n)
{
    if (lua_checkstack(f->L, n + 4))
        return true;
    fail_text(f, "too many Lua values held at once (a data file this deep or this big is not supported)");
    return false;
}

/*
 * Call fn(ud, args...) protected, with the rules' message handler: the
 * nargs values on top are its arguments, and nres results replace them.
 * On an error nothing is left and the error is kept (fail).
 */
static bool protect(ldf_file *f, lua_CFunction fn, op *ud, int nargs, int nres)
{
    lua_State *L = f->L;
    int base = lua_gettop(L) - nargs;
    lua_pushcfunction(L, ltrace_msgh);
    lua_insert(L, base + 1);
    lua_pushcfunction(L, fn);
    lua_insert(L, base + 2);
    lua_pushlightuserdata(L, ud);
    lua_insert(L, base + 3);
    int st = lua_pcall(L, nargs + 1, nres, base + 1);
    lua_remove(L, base + 1);
    if (st == LUA_OK)
        return true;
    fail(f, st);
    return false;
}

/* The handle of the value on top: nil is popped and is 0. */
static ldf_val top_handle(lua_State *L)
{
    if (lua_isnil(L, -1)) {
        lua_pop(L, 1);
        return 0;
    }
    return lua_gettop(L);
}

static op *arg_op(lua_State *L)
{
    return lua_touserdata(L, 1);
}

/* Push the value of handle v (0: nil); room() was made. */
static void push(lua_State *L, ldf_val v)
{
    if (v)
        lua_pushvalue(L, v);
    else
        lua_pushnil(L);
}

/* ---- the state ---- */

/* A global function made by ldf_define: fn with the first argument. */
static int l_defined(lua_State *L)
{
    ldf_def *d = lua_touserdata(L, lua_upvalueindex(1));
    lua_Debug ar;
    int line = lua_getstack(L, 1, &ar) && lua_getinfo(L, "l", &ar) ? ar.currentline : 0;
    lua_settop(L, 1);
    const char *msg = d->fn(d->f, lua_isnil(L, 1) ? 0 : 1, line, d->ud);
    if (msg)
        return luaL_error(L, "%s", msg);
    return 0;
}

/* The globals table and the sandbox it reads through (see the top). */
static int op_setup(lua_State *L)
{
    op *o = arg_op(L);
    lx_lines_init(L);
    lrt_push_data_env(o->f->rt);
    lua_newtable(L); /* the file's globals */
    lua_newtable(L);
    lua_pushvalue(L, -3);
    lua_setfield(L, -2, "__index");
    lua_pushcfunction(L, lx_record_line);
    lua_setfield(L, -2, "__newindex");
    lua_pushboolean(L, 0);
    lua_setfield(L, -2, "__metatable");
    lua_setmetatable(L, -2);
    lua_pushvalue(L, -1);
    lua_setfield(L, -3, "_G");
    o->f->globals_ref = luaL_ref(L, LUA_REGISTRYINDEX);
    o->f->env_ref = luaL_ref(L, LUA_REGISTRYINDEX);
    return 0;
}

ldf_file *ldf_new(const ldf_opts *opts)
{
    ldf_opts d = {0};
    if (!opts)
        opts = &d;
    ldf_file *f = xcalloc(1, sizeof *f);
    f->budget = opts->budget ? opts->budget : LDF_BUDGET;
    f->call_budget = opts->call_budget ? opts->call_budget : LDF_CALL_BUDGET;
    f->budget_msg = xstrdup(opts->budget_msg ? opts->budget_msg : LDF_BUDGET_MSG);
    f->rt = lrt_new_data(opts->mem ? opts->mem : LDF_MEM, f->budget_msg, opts->timeout);
    op o = {.f = f};
    if (f->rt)
        f->L = f->rt->L;
    if (!f->rt || !protect(f, op_setup, &o, 0, 0)) {
        ldf_free(f);
        return NULL;
    }
    return f;
}

void ldf_free(ldf_file *f)
{
    if (!f)
        return;
    lrt_free(f->rt);
    for (ldf_def *d = f->defs, *next; d; d = next) {
        next = d->next;
        free(d);
    }
    free(f->budget_msg);
    free(f->err);
    free(f->last);
    free(f);
}

const char *ldf_error(const ldf_file *f)
{
    return f->err;
}

const char *ldf_last_error(const ldf_file *f)
{
    return f->last;
}

int ldf_run(ldf_file *f, const char *text, size_t len, const char *chunkname, ldf_val *ret, char **err)
{
    lua_State *L = f->L;
    if (ret)
        *ret = 0;
    if (len && text[0] == LUA_SIGNATURE[0]) {
        fail_text(f, "binary chunks are not accepted");
        *err = xstrdup(f->last);
        return LDF_EBINARY;
    }
    if (!room(f, 3)) {
        *err = xstrdup(f->last);
        return LDF_ERUN;
    }
    int base = lua_gettop(L);
    lua_pushcfunction(L, ltrace_msgh);
    int st = luaL_loadbufferx(L, text, len, chunkname, "t");
    if (st == LUA_OK) {
        lua_rawgeti(L, LUA_REGISTRYINDEX, f->globals_ref);
        lua_setupvalue(L, -2, 1); /* its _ENV */
        lrt_arm_data(f->rt, f->budget);
        st = lua_pcall(L, 0, ret ? 1 : 0, base + 1);
    }
    lua_remove(L, base + 1);
    if (st != LUA_OK) {
        fail(f, st);
        *err = xstrdup(f->last);
        return st == LUA_ERRMEM ? LDF_EMEM : LDF_ERUN;
    }
    if (ret)
        *ret = top_handle(L);
    return LDF_OK;
}

int ldf_run_file(ldf_file *f, const char *path, ldf_val *ret, char **err)
{
    size_t len;
    char *text = read_whole_file(path, &len);
    if (!text)
        return LDF_EREAD;
    char *chunk = xasprintf("@%s", path);
    int rc = ldf_run(f, text, len, chunk, ret, err);
    free(chunk);
    free(text);
    return rc;
}

ldf_val ldf_globals(ldf_file *f)
{
    if (!room(f, 1))
        return 0;
    lua_rawgeti(f->L, LUA_REGISTRYINDEX, f->globals_ref);
    return lua_gettop(f->L);
}

static int op_line_of(lua_State *L)
{
    op *o = arg_op(L);
    o->line = lx_line_of(L, o->key);
    return 0;
}

int ldf_line_of(ldf_file *f, const char *key)
{
    op o = {.f = f, .key = key};
    return room(f, 0) && protect(f, op_line_of, &o, 0, 0) ? o.line : 0;
}

static int op_define(lua_State *L)
{
    op *o = arg_op(L);
    lua_rawgeti(L, LUA_REGISTRYINDEX, o->f->env_ref);
    lua_pushlightuserdata(L, o->def);
    lua_pushcclosure(L, l_defined, 1);
    lua_setfield(L, -2, o->key);
    return 0;
}

void ldf_define(ldf_file *f, const char *name, ldf_fn fn, void *ud)
{
    ldf_def *d = xcalloc(1, sizeof *d);
    d->fn = fn;
    d->ud = ud;
    d->f = f;
    d->next = f->defs;
    f->defs = d;
    op o = {.f = f, .key = name, .def = d};
    if (room(f, 2))
        protect(f, op_define, &o, 0, 0);
}

/* ---- reading values ---- */

int ldf_mark(ldf_file *f)
{
    return lua_gettop(f->L);
}

void ldf_release(ldf_file *f, int mark)
{
    if (mark >= 0 && mark <= lua_gettop(f->L))
        lua_settop(f->L, mark);
}

int ldf_type(ldf_file *f, ldf_val v)
{
    switch (v ? lua_type(f->L, v) : LUA_TNIL) {
    case LUA_TNIL:
    case LUA_TNONE:
        return LDF_NIL;
    case LUA_TBOOLEAN:
        return LDF_BOOLEAN;
    case LUA_TNUMBER:
        return LDF_NUMBER;
    case LUA_TSTRING:
        return LDF_STRING;
    case LUA_TTABLE:
        return LDF_TABLE;
    case LUA_TFUNCTION:
        return LDF_FUNCTION;
    default:
        return LDF_OTHER;
    }
}

static bool is(ldf_file *f, ldf_val v, int type)
{
    return v && lua_type(f->L, v) == type;
}

bool ldf_is_integer(ldf_file *f, ldf_val v)
{
    return v && lua_isinteger(f->L, v);
}

long long ldf_integer(ldf_file *f, ldf_val v)
{
    return is(f, v, LUA_TNUMBER) ? (long long)lua_tointeger(f->L, v) : 0;
}

double ldf_number(ldf_file *f, ldf_val v)
{
    return is(f, v, LUA_TNUMBER) ? (double)lua_tonumber(f->L, v) : 0;
}

bool ldf_truthy(ldf_file *f, ldf_val v)
{
    return v && lua_toboolean(f->L, v);
}

const char *ldf_string(ldf_file *f, ldf_val v, size_t *len)
{
    if (!is(f, v, LUA_TSTRING)) {
        if (len)
            *len = 0;
        return NULL;
    }
    return lua_tolstring(f->L, v, len);
}

static int op_tostring(lua_State *L)
{
    size_t n;
    const char *s = luaL_tolstring(L, 2, &n);
    sb_add(arg_op(L)->b, s, n);
    return 0;
}

bool ldf_tostring(ldf_file *f, ldf_val v, sbuf *b)
{
    size_t n;
    const char *s = ldf_string(f, v, &n);
    if (s) { /* no metamethod to run */
        sb_add(b, s, n);
        return true;
    }
    op o = {.f = f, .b = b};
    if (!room(f, 1))
        return false;
    push(f->L, v);
    return protect(f, op_tostring, &o, 1, 0);
}

static int op_literal(lua_State *L)
{
    op *o = arg_op(L);
    o->over = !lrule_literal(L, 2, o->b, LITERAL_MAX);
    return 0;
}

bool ldf_literal(ldf_file *f, ldf_val v, sbuf *b)
{
    op o = {.f = f, .b = b};
    if (!room(f, 1))
        return false;
    push(f->L, v);
    if (!protect(f, op_literal, &o, 1, 0))
        return false;
    if (o.over) { /* the caller's error, at its setting's line: not a Lua error of the file */
        free(f->last);
        f->last = xasprintf("holds a table longer than %d KiB as Lua text (a table used in several places is "
                            "written out at each)", LITERAL_MAX >> 10);
    }
    return !o.over;
}

static int op_getfield(lua_State *L)
{
    lua_getfield(L, 2, arg_op(L)->key);
    return 1;
}

ldf_val ldf_field(ldf_file *f, ldf_val t, const char *key)
{
    op o = {.f = f, .key = key};
    if (!is(f, t, LUA_TTABLE) || !room(f, 1))
        return 0;
    lua_pushvalue(f->L, t);
    return protect(f, op_getfield, &o, 1, 1) ? top_handle(f->L) : 0;
}

static int op_rawget(lua_State *L)
{
    op *o = arg_op(L);
    lua_pushlstring(L, o->key, o->n);
    lua_rawget(L, 2);
    return 1;
}

ldf_val ldf_rawfield(ldf_file *f, ldf_val t, const char *key, size_t n)
{
    op o = {.f = f, .key = key, .n = n};
    if (!is(f, t, LUA_TTABLE) || !room(f, 2))
        return 0;
    lua_pushvalue(f->L, t);
    return protect(f, op_rawget, &o, 1, 1) ? top_handle(f->L) : 0;
}

ldf_val ldf_index(ldf_file *f, ldf_val t, long long i)
{
    if (!is(f, t, LUA_TTABLE) || !room(f, 1))
        return 0;
    lua_rawgeti(f->L, t, (lua_Integer)i);
    return top_handle(f->L);
}

size_t ldf_len(ldf_file *f, ldf_val t)
{
    return is(f, t, LUA_TTABLE) ? (size_t)lua_rawlen(f->L, t) : 0;
}

static int op_next(lua_State *L)
{
    return lua_next(L, 2) ? 2 : 0;
}

bool ldf_next(ldf_file *f, ldf_val t, ldf_val *key, ldf_val *val)
{
    lua_State *L = f->L;
    op o = {.f = f};
    if (!is(f, t, LUA_TTABLE) || !room(f, 4))
        return false;
    int top = lua_gettop(L);
    lua_pushvalue(L, t);
    push(L, *key);
    if (!protect(f, op_next, &o, 2, LUA_MULTRET) || lua_gettop(L) == top)
        return false;
    if (*key && *key == top - 1 && *val == top) { /* the last step's slots: reuse them */
        lua_replace(L, *val);
        lua_replace(L, *key);
    } else {
        *key = top + 1;
        *val = top + 2;
    }
    return true;
}

static int op_sorted_keys(lua_State *L)
{
    op *o = arg_op(L);
    o->keys = lx_sorted_keys(L, 2, &o->n);
    return 0;
}

char **ldf_sorted_keys(ldf_file *f, ldf_val t, size_t *n)
{
    op o = {.f = f};
    *n = 0;
    if (!is(f, t, LUA_TTABLE) || !room(f, 3))
        return NULL;
    lua_pushvalue(f->L, t);
    if (!protect(f, op_sorted_keys, &o, 1, 0))
        return NULL;
    *n = o.n;
    return o.keys;
}

void ldf_free_keys(char **keys, size_t n)
{
    lx_free_keys(keys, n);
}

/* ---- making values and calling functions ---- */

static int op_string(lua_State *L)
{
    op *o = arg_op(L);
    lua_pushlstring(L, o->key, o->n);
    return 1;
}

ldf_val ldf_new_string(ldf_file *f, const char *s, size_t n)
{
    op o = {.f = f, .key = s, .n = n};
    return room(f, 1) && protect(f, op_string, &o, 0, 1) ? lua_gettop(f->L) : 0;
}

ldf_val ldf_new_integer(ldf_file *f, long long i)
{
    if (!room(f, 1))
        return 0;
    lua_pushinteger(f->L, (lua_Integer)i);
    return lua_gettop(f->L);
}

ldf_val ldf_new_boolean(ldf_file *f, bool b)
{
    if (!room(f, 1))
        return 0;
    lua_pushboolean(f->L, b);
    return lua_gettop(f->L);
}

static int op_record(lua_State *L)
{
    op *o = arg_op(L);
    lua_createtable(L, 0, (int)o->n);
    for (size_t i = 0; i < o->n; i++) {
        const ldf_field_init *x = &o->fields[i];
        lua_pushlstring(L, x->key, x->klen);
        if (x->kind == LDF_NUMBER)
            lua_pushnumber(L, (lua_Number)x->d);
        else if (x->kind == LDF_BOOLEAN)
            lua_pushboolean(L, x->i != 0);
        else if (x->s)
            lua_pushlstring(L, x->s, x->n);
        else
            lua_pushinteger(L, (lua_Integer)x->i);
        lua_rawset(L, -3);
    }
    return 1;
}

ldf_val ldf_new_record(ldf_file *f, const ldf_field_init *fields, size_t n)
{
    op o = {.f = f, .fields = fields, .n = n};
    return room(f, 4) && protect(f, op_record, &o, 0, 1) ? lua_gettop(f->L) : 0;
}

ldf_val ldf_new_table(ldf_file *f)
{
    return ldf_new_record(f, NULL, 0);
}

static int op_set(lua_State *L)
{
    op *o = arg_op(L);
    lua_pushlstring(L, o->key, o->n);
    lua_pushvalue(L, 3);
    lua_rawset(L, 2);
    return 0;
}

bool ldf_set(ldf_file *f, ldf_val t, const char *key, size_t n, ldf_val v)
{
    op o = {.f = f, .key = key, .n = n};
    if (!is(f, t, LUA_TTABLE) || !room(f, 4))
        return false;
    lua_pushvalue(f->L, t);
    push(f->L, v);
    return protect(f, op_set, &o, 2, 0);
}

static int op_append(lua_State *L)
{
    lua_pushvalue(L, 3);
    lua_rawseti(L, 2, (lua_Integer)lua_rawlen(L, 2) + 1);
    return 0;
}

bool ldf_append(ldf_file *f, ldf_val t, ldf_val v)
{
    op o = {.f = f};
    if (!is(f, t, LUA_TTABLE) || !room(f, 3))
        return false;
    lua_pushvalue(f->L, t);
    push(f->L, v);
    return protect(f, op_append, &o, 2, 0);
}

bool ldf_call(ldf_file *f, ldf_val fn, const ldf_val *args, int nargs, ldf_val *result)
{
    lua_State *L = f->L;
    *result = 0;
    if (!room(f, nargs + 2))
        return false;
    int base = lua_gettop(L);
    lua_pushcfunction(L, ltrace_msgh);
    push(L, fn);
    for (int i = 0; i < nargs; i++)
        push(L, args[i]);
    lrt_arm_data(f->rt, f->call_budget);
    int st = lua_pcall(L, nargs, 1, base + 1);
    lua_remove(L, base + 1);
    if (st != LUA_OK) {
        fail(f, st);
        return false;
    }
    *result = top_handle(L);
    return true;
}
