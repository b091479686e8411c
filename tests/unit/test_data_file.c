/*
 * test_data_file.c - lua/data_file.c, the loader of Lua data files (config,
 * waivers, profiles): running a file, reading what it assigned with the
 * line of each assignment, values and handles, calling its functions under
 * the per-call budget, C functions it may call, and the sandbox and limits
 * (no io/os/load/string.dump, no __gc, endless loops and memory bombs
 * stopped with file:line), with errors that never reach C as Lua errors.
 */
#include "lua/data_file.h"
#include "test.h"
#include "core/util.h"

#include <stdlib.h>

static ldf_file *f;
static char *err;

/* Run src as file "d.lua" in a fresh state; returns ldf_run's code. */
static int run(const char *src, const ldf_opts *o, ldf_val *ret)
{
    ldf_free(f);
    free(err);
    err = NULL;
    f = ldf_new(o);
    return ldf_run(f, src, strlen(src), "@d.lua", ret, &err);
}

static const char *str(ldf_val v)
{
    return ldf_string(f, v, NULL);
}

static void globals_and_lines(void)
{
    CASE("a data file's assignments are its globals, each with its line");
    CHECK(run("a = 1\n\nb = 'x'\nc = { 1, 2.5, k = true }\nlocal hidden = 3\n_G.d = false\n", NULL, NULL) == LDF_OK);
    ldf_val g = ldf_globals(f);
    CHECK(ldf_type(f, g) == LDF_TABLE);
    CHECK(ldf_line_of(f, "a") == 1 && ldf_line_of(f, "b") == 3 && ldf_line_of(f, "c") == 4);
    CHECK(ldf_line_of(f, "d") == 6 && ldf_line_of(f, "hidden") == 0);
    ldf_val a = ldf_field(f, g, "a");
    CHECK(ldf_type(f, a) == LDF_NUMBER && ldf_is_integer(f, a) && ldf_integer(f, a) == 1);
    CHECK_STR(str(ldf_field(f, g, "b")), "x");
    ldf_val c = ldf_field(f, g, "c");
    CHECK(ldf_len(f, c) == 2 && ldf_number(f, ldf_index(f, c, 2)) == 2.5 && !ldf_is_integer(f, ldf_index(f, c, 2)));
    CHECK(ldf_truthy(f, ldf_rawfield(f, c, "k", 1)) && ldf_index(f, c, 3) == 0);
    CHECK(ldf_type(f, ldf_field(f, g, "d")) == LDF_BOOLEAN && !ldf_truthy(f, ldf_field(f, g, "d")));

    CASE("the globals hold only what the file assigned, not the sandbox's names");
    size_t n;
    char **keys = ldf_sorted_keys(f, g, &n);
    CHECK(n == 4 && keys && strcmp(keys[0], "a") == 0 && strcmp(keys[3], "d") == 0);
    ldf_free_keys(keys, n);
    int seen = 0;
    ldf_val k = 0, v = 0;
    while (ldf_next(f, g, &k, &v))
        seen++;
    CHECK(seen == 4);
    CHECK(ldf_rawfield(f, g, "string", 6) == 0 && ldf_field(f, g, "missing") == 0);

    CASE("handles made since a mark are released together");
    int mark = ldf_mark(f);
    for (int i = 0; i < 100; i++)
        ldf_field(f, g, "b");
    CHECK(ldf_mark(f) == mark + 100);
    ldf_release(f, mark);
    CHECK(ldf_mark(f) == mark);
    CHECK(ldf_error(f) == NULL);
}

static void values(void)
{
    CASE("a chunk's result; tostring and literals as Lua makes them");
    ldf_val ret;
    CHECK(run("return { b = 2, a = { 1, 'x\"y' }, n = 0.1, f = function() end,\n"
              "  t = setmetatable({}, { __tostring = function() return 'T!' end }) }\n",
              NULL, &ret) == LDF_OK);
    CHECK(ldf_type(f, ret) == LDF_TABLE && ldf_type(f, ldf_field(f, ret, "f")) == LDF_FUNCTION);
    sbuf b;
    sb_init(&b);
    CHECK(ldf_literal(f, ldf_field(f, ret, "a"), &b));
    CHECK_STR(b.data, "{1, \"x\\\"y\"}");
    b.len = 0;
    CHECK(ldf_tostring(f, ldf_field(f, ret, "t"), &b) && strcmp(b.data, "T!") == 0);
    b.len = 0;
    CHECK(ldf_tostring(f, ldf_field(f, ret, "n"), &b) && strcmp(b.data, "0.1") == 0);
    b.len = 0;
    CHECK(ldf_tostring(f, ldf_new_integer(f, 42), &b) && strcmp(b.data, "42") == 0);
    sb_free(&b);

    CASE("C makes tables and records for the file's functions");
    ldf_field_init fields[] = {{"_line", 5, NULL, 0, 7, 0, 0}, {"Name", 4, "Alpha", 5, 0, 0, 0},
                               {"Name", 4, "Beta", 4, 0, 0, 0}, {"Cost", 4, NULL, 0, 0, LDF_NUMBER, 1250.5},
                               {"Done", 4, NULL, 0, 1, LDF_BOOLEAN, 0}};
    ldf_val rec = ldf_new_record(f, fields, 5);
    CHECK(ldf_integer(f, ldf_rawfield(f, rec, "_line", 5)) == 7);
    CHECK_STR(str(ldf_rawfield(f, rec, "Name", 4)), "Beta"); /* a later field wins */
    CASE("a record's fields may be floats and booleans (a profile's typed row)");
    ldf_val cost = ldf_rawfield(f, rec, "Cost", 4), done = ldf_rawfield(f, rec, "Done", 4);
    CHECK(ldf_type(f, cost) == LDF_NUMBER && !ldf_is_integer(f, cost) && ldf_number(f, cost) == 1250.5);
    CHECK(ldf_type(f, done) == LDF_BOOLEAN && ldf_truthy(f, done));
    ldf_val list = ldf_new_table(f);
    CHECK(ldf_append(f, list, ldf_new_string(f, "x", 1)) && ldf_append(f, list, ldf_new_boolean(f, true)));
    CHECK(ldf_len(f, list) == 2 && ldf_set(f, list, "k", 1, rec));
    CHECK(ldf_rawfield(f, list, "k", 1) != 0 && ldf_error(f) == NULL);
}

static void calls(void)
{
    CASE("the file's functions are called with strings and tables, under a budget per call");
    ldf_opts o = {0, 100000, 0, "too long", 0};
    CHECK(run("function join(a, r) return a .. '/' .. r.Name end\n"
              "function spin(x)\n  while true do\n  end\nend\n",
              &o, NULL) == LDF_OK);
    ldf_val g = ldf_globals(f);
    ldf_field_init fields[] = {{"Name", 4, "Alpha", 5, 0, 0, 0}};
    ldf_val args[2] = {ldf_new_string(f, "p", 1), ldf_new_record(f, fields, 1)}, res;
    CHECK(ldf_call(f, ldf_field(f, g, "join"), args, 2, &res));
    CHECK_STR(str(res), "p/Alpha");
    CHECK(!ldf_call(f, ldf_field(f, g, "spin"), args, 1, &res) && res == 0);
    CHECK_STR(ldf_last_error(f), "d.lua:3: too long");
    CASE("a call after one that was stopped has its whole budget again");
    CHECK(ldf_call(f, ldf_field(f, g, "join"), args, 2, &res));
    CHECK_STR(str(res), "p/Alpha");
    CASE("calling nil is an error, not a crash");
    CHECK(!ldf_call(f, 0, NULL, 0, &res) && strstr(ldf_last_error(f), "attempt to call a nil value") != NULL);
}

static const char *seen_name;
static int seen_line;

static const char *record(ldf_file *file, ldf_val arg, int line, void *ud)
{
    (void)ud;
    seen_line = line;
    const char *name = ldf_string(file, ldf_field(file, arg, "name"), NULL);
    if (!name)
        return "record{} needs a name";
    seen_name = strcmp(name, "ok") == 0 ? "ok" : "other";
    return NULL;
}

static void defined(void)
{
    CASE("a C function for the file gets its argument and line; its error is located");
    f = ldf_new(NULL);
    ldf_define(f, "record", record, NULL);
    char *e = NULL;
    const char *src = "\nrecord { name = 'ok' }\nrecord { }\n";
    CHECK(ldf_run(f, src, strlen(src), "@w.lua", NULL, &e) == LDF_ERUN);
    CHECK(seen_name && strcmp(seen_name, "ok") == 0 && seen_line == 3);
    CHECK_STR(e, "w.lua:3: record{} needs a name");
    free(e);
    CHECK(ldf_rawfield(f, ldf_globals(f), "record", 6) == 0); /* not an assignment */
}

static void sandbox(void)
{
    CASE("a data file gets the rules' whitelist: no io, os, load, require, string.dump, print, pmo");
    CHECK(run("x = (io or os or debug or package or require or load or loadfile or dofile or string.dump\n"
              "     or print or pmo or collectgarbage or coroutine) == nil\n"
              "y = string.format('%d', #table.concat({ 'a', 'b' })) .. math.floor(2.5) .. utf8.char(65)\n",
              NULL, NULL) == LDF_OK);
    CHECK(ldf_truthy(f, ldf_field(f, ldf_globals(f), "x")));
    CHECK_STR(str(ldf_field(f, ldf_globals(f), "y")), "22A");
    CHECK(run("io.open('/etc/passwd')\n", NULL, NULL) == LDF_ERUN);
    CHECK_STR(err, "d.lua:1: attempt to index a nil value (global 'io')");
    CHECK(run("local f = string.dump\nf(print)\n", NULL, NULL) == LDF_ERUN);
    CHECK_STR(err, "d.lua:2: attempt to call a nil value (local 'f')");

    CASE("setmetatable refuses __gc; the string metatable and the globals' are hidden");
    CHECK(run("setmetatable({}, { __gc = function() end })\n", NULL, NULL) == LDF_ERUN);
    CHECK(err && strstr(err, "d.lua:1: setmetatable: __gc finalizers are not available") == err);
    CHECK(run("a = getmetatable('') == false and getmetatable(_ENV) == false\n", NULL, NULL) == LDF_OK);
    CHECK(ldf_truthy(f, ldf_field(f, ldf_globals(f), "a")));

    CASE("text only: a binary chunk is refused before anything runs");
    CHECK(run("\033Lua\124\000", NULL, NULL) == LDF_EBINARY);
    CHECK_STR(err, "binary chunks are not accepted");
    CHECK(run("x = = 1\n", NULL, NULL) == LDF_ERUN && err && strncmp(err, "d.lua:1: ", 9) == 0);
}

static void limits(void)
{
    CASE("an endless loop is stopped by the budget, at its line, even inside pcall");
    ldf_opts o = {200000, 0, 0, NULL, 0};
    CHECK(run("x = 1\nwhile true do\nend\n", &o, NULL) == LDF_ERUN);
    CHECK(err && strstr(err, "d.lua:") == err && strstr(err, ": " LDF_BUDGET_MSG));
    CHECK(run("for i = 1, 10 do pcall(function() while true do end end) end\nx = 1\n", &o, NULL) == LDF_ERUN);
    CHECK(err && strstr(err, LDF_BUDGET_MSG) != NULL);
    CHECK(run("local t = {} for i = 1, 3 do t[i] = i end\nx = #t\n", &o, NULL) == LDF_OK);
    CHECK(run("table.move({}, 1, 1e15, 2)\n", &o, NULL) == LDF_ERUN); /* charged per element */

    CASE("a memory bomb is stopped by the cap, with Lua's message, even when caught");
    ldf_opts m = {0, 0, (size_t)8 << 20, NULL, 0};
    CHECK(run("local t = {}\nfor i = 1, 1e9 do t[i] = i end\n", &m, NULL) == LDF_EMEM);
    CHECK_STR(err, "not enough memory");
    CHECK(run("local s = 'x'\nfor i = 1, 40 do s = s .. s end\n", &m, NULL) == LDF_EMEM);
    /* caught, the file is stopped on its next instructions all the same */
    CHECK(run("pcall(string.rep, 'x', 1e9)\nfor i = 1, 1e6 do end\nx = 2\n", &m, NULL) == LDF_EMEM);
    CHECK(run("local function f()\n  pcall(string.rep, 'x', 1e9)\n  for i = 1, 1e6 do end\nend\nf()\n", &m, NULL) ==
          LDF_ERUN);
    CHECK_STR(err, "d.lua:5: not enough memory");

    CASE("a metamethod that fails while C reads is an error, not a crash");
    CHECK(run("t = setmetatable({}, { __index = function() error('boom') end })\n", NULL, NULL) == LDF_OK);
    CHECK(ldf_field(f, ldf_field(f, ldf_globals(f), "t"), "x") == 0);
    CHECK(ldf_error(f) && strstr(ldf_error(f), "d.lua:1: boom") == ldf_error(f));
    CHECK(run("t = setmetatable({}, { __index = function() while true do end end })\n", &o, NULL) == LDF_OK);
    CHECK(ldf_field(f, ldf_field(f, ldf_globals(f), "t"), "x") == 0 && strstr(ldf_error(f), LDF_BUDGET_MSG));
}

void suite_data_file(void)
{
    globals_and_lines();
    values();
    calls();
    ldf_free(f);
    f = NULL;
    defined();
    sandbox();
    limits();
    ldf_free(f);
    f = NULL;
    free(err);
    err = NULL;
}
