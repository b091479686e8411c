/*
 * test_pattern.c - lua/pattern_match.c against Lua's own string library.
 * One script runs twice: in a plain Lua state with Lua's string.find,
 * match, gmatch and gsub, and as a data file (lua/data_file.c) whose
 * string table has the step-counted versions. It tries every function on
 * thousands of generated patterns (well-formed and malformed: every item,
 * class, set, anchor, repetition, capture, back-reference, %b and %f) and
 * subjects, through string.f(...) and s:f(...), and writes each result or
 * error message on a line: the two transcripts must be identical. Then
 * the limits: a pattern that backtracks for hours is stopped by the
 * budget, the metered string functions are charged before their work,
 * and the wall clock stops what the budget cannot see.
 */
#include "lua/data_file.h"
#include "test.h"
#include "core/util.h"

#include <lauxlib.h>
#include <lualib.h>
#include <stdlib.h>

static const char script[] =
    "local out = {}\n"
    "local function show(ok, ...)\n"
    "  local parts = {ok and 'ok' or 'err'}\n"
    "  for i = 1, select('#', ...) do\n"
    "    local v = select(i, ...)\n"
    "    parts[#parts + 1] = type(v) == 'string' and string.format('%q', v) or tostring(v)\n"
    "  end\n"
    "  return table.concat(parts, ' ')\n"
    "end\n"
    "local atoms = {'.', 'a', 'b', 'c', '%a', '%d', '%s', '%w', '%p', '%l', '%u', '%x', '%c', '%g',\n"
    "  '%A', '%D', '%S', '%W', '[ab]', '[^a]', '[a-c]', '[%d_]', '[%]]', '[]]', '[^]a]', '[a-]', '[-a]',\n"
    "  '%%', '%.', '(', ')', '()', '*', '+', '-', '?', '^', '$', '%b()', '%bab', '%b', '%f[%w]',\n"
    "  '%f[%s]', '%f', '%f[^a]', '%1', '%2', '%0', '[', ']', '%', 'x', ' ', '\\0', '%z', '[%a-]',\n"
    "  '(a)', '(%d+)', '(.-)', '(()a)', '%[', '[a%-z]', 'a*', 'b+', '.-', 'c?'}\n"
    "local subjects = {'', 'a', 'b', 'abc', 'aaa', 'aab', 'abab', 'hello world', '(a(b)c)', 'a1 b2_c3',\n"
    "  '  trim me  ', 'a\\0b\\0c', 'x.y%z', '\\195\\164\\195\\182', 'ba(ab)ab', 'THE (quick) fox',\n"
    "  'x]y', '12-34', 'aaaaaaaaaaaaaaaaaaaab', '\\n\\t x'}\n"
    "local seed = 7\n"
    "local function rnd(n) seed = (seed * 1103515245 + 12345) % 2147483648 return seed % n + 1 end\n"
    "local patterns = {}\n"
    "for _, a in ipairs(atoms) do patterns[#patterns + 1] = a end\n"
    "for i = 1, 900 do\n"
    "  local p = {}\n"
    "  for k = 1, rnd(5) do p[k] = atoms[rnd(#atoms)] end\n"
    "  patterns[#patterns + 1] = table.concat(p)\n"
    "end\n"
    "local function repl_fn(a, b) if a == 'a' then return nil end if b then return b .. a end return '<' .. a .. '>' end\n"
    "local repl_t = {a = 'A', b = false, abc = 7, [''] = 'E'}\n"
    "for _, p in ipairs(patterns) do\n"
    "  for si, s in ipairs(subjects) do\n"
    "    local w = function(...) out[#out + 1] = show(...) end\n"
    "    w(pcall(string.find, s, p))\n"
    "    if si % 3 == 0 then\n"
    "      w(pcall(string.find, s, p, 2)) w(pcall(string.find, s, p, -2)) w(pcall(string.find, s, p, 1, true))\n"
    "      w(pcall(string.find, s, p, 50)) w(pcall(string.match, s, p, 0)) w(pcall(string.match, s, p, #s + 1))\n"
    "    end\n"
    "    w(pcall(string.match, s, p))\n"
    "    w(pcall(function() return s:match(p, 3) end))\n"
    "    w(pcall(function()\n"
    "      local got, n = {}, 0\n"
    "      for a, b in s:gmatch(p) do n = n + 1 got[#got + 1] = tostring(a) .. '|' .. tostring(b) if n > 30 then break end end\n"
    "      return table.concat(got, ',')\n"
    "    end))\n"
    "    if si % 2 == 0 then w(pcall(function() local t = {} for a in string.gmatch(s, p, 2) do t[#t + 1] = a end return table.concat(t, ';') end)) end\n"
    "    w(pcall(string.gsub, s, p, '<%0>'))\n"
    "    w(pcall(string.gsub, s, p, '%1-%%'))\n"
    "    w(pcall(string.gsub, s, p, repl_fn))\n"
    "    w(pcall(string.gsub, s, p, repl_t, 2))\n"
    "    if si % 4 == 0 then w(pcall(string.gsub, s, p, '%2%x')) w(pcall(string.gsub, s, p, 5)) w(pcall(string.gsub, s, p, {}, 0)) end\n"
    "  end\n"
    "end\n"
    "out[#out + 1] = show(pcall(string.find, 'abc', 'b', 1, false))\n"
    "out[#out + 1] = show(pcall(string.find, 12345, 34))\n"
    "out[#out + 1] = show(pcall(string.gsub, 12345, 3, 'x'))\n"
    "out[#out + 1] = show(pcall(string.gsub, 'abc', 'b', true))\n"
    "out[#out + 1] = show(pcall(string.gsub, 'abc', '%w', function() return {} end))\n"
    "out[#out + 1] = show(pcall(string.find, nil, 'a'))\n"
    "out[#out + 1] = show(pcall(string.match, 'a', {}))\n"
    "out[#out + 1] = show(pcall(string.find, string.rep('a', 300), string.rep('(a)', 33)))\n"
    "out[#out + 1] = show(pcall(string.find, string.rep('a', 300), string.rep('a?', 250)))\n"
    "out[#out + 1] = show(pcall(string.find, string.rep('a', 300), string.rep('a', 250)))\n"
    "out[#out + 1] = show(pcall(string.match, 'key = value', '^(%w+)%s*=%s*(%w+)$'))\n"
    "out[#out + 1] = show(pcall(string.gsub, 'hello world', '(%w+)', '%1 %1', 1))\n"
    "out[#out + 1] = show(pcall(string.gsub, 'abc', '', '-'))\n"
    "out[#out + 1] = show(pcall(string.gsub, 'abc', '^', '-'))\n"
    "out[#out + 1] = show(pcall(string.gsub, 'abc', 'x*', '-'))\n"
    "out[#out + 1] = show(pcall(string.find, 'a+b', '+', 1, true))\n"
    "result = table.concat(out, '\\n')\n"
    "count = #out\n";

/* The script's transcript in a plain state with Lua's string library. */
static char *reference(void)
{
    lua_State *L = luaL_newstate();
    luaL_openlibs(L);
    char *out = NULL;
    if (luaL_loadbuffer(L, script, strlen(script), "=patterns") == LUA_OK && lua_pcall(L, 0, 0, 0) == LUA_OK) {
        lua_getglobal(L, "result");
        out = xstrdup(lua_tostring(L, -1));
    } else {
        printf("reference script failed: %s\n", lua_tostring(L, -1));
    }
    lua_close(L);
    return out;
}

/* The same transcript in the sandbox, with the metered functions. */
static char *metered(long long *count)
{
    ldf_opts o = {.budget = 4000000000ULL, .mem = (size_t)1 << 30};
    ldf_file *f = ldf_new(&o);
    char *err = NULL, *out = NULL;
    if (ldf_run(f, script, strlen(script), "=patterns", NULL, &err) == LDF_OK) {
        out = xstrdup(ldf_string(f, ldf_field(f, ldf_globals(f), "result"), NULL));
        *count = ldf_integer(f, ldf_field(f, ldf_globals(f), "count"));
    } else {
        printf("metered script failed: %s\n", err);
    }
    free(err);
    ldf_free(f);
    return out;
}

/* Print the first line where the transcripts differ. */
static void first_difference(const char *a, const char *b)
{
    int line = 1;
    const char *la = a, *lb = b;
    for (; *a && *a == *b; a++, b++)
        if (*a == '\n') {
            line++;
            la = a + 1;
            lb = b + 1;
        }
    printf("  line %d: Lua [%.*s] vs metered [%.*s]\n", line, (int)strcspn(la, "\n"), la, (int)strcspn(lb, "\n"), lb);
}

static void same_as_lua(void)
{
    CASE("find, match, gmatch and gsub give Lua's results and errors on every generated case");
    long long n = 0;
    char *want = reference(), *got = metered(&n);
    CHECK(want && got);
    if (want && got && strcmp(want, got) != 0)
        first_difference(want, got);
    CHECK(want && got && strcmp(want, got) == 0);
    CHECK(n > 50000); /* the transcript covers as many calls as it says */
    if (want && got && strcmp(want, got) == 0)
        printf("  (pattern transcript: %lld results, identical to Lua's)\n", n);
    free(want);
    free(got);
}

/* Run src as a data file under budget; returns its error (caller frees) or NULL. */
static char *run_budget(const char *src, unsigned long long budget)
{
    ldf_opts o = {.budget = budget, .budget_msg = "budget spent"};
    ldf_file *f = ldf_new(&o);
    char *err = NULL;
    ldf_run(f, src, strlen(src), "@p.lua", NULL, &err);
    ldf_free(f);
    return err;
}

static void limits(void)
{
    CASE("a pattern that backtracks for hours is stopped by the instruction budget, at its line");
    char *e = run_budget("local s = string.rep('a', 3000)\nlocal r = string.find(s, '.-.-.-.-.-.-b')\n", 10000000);
    CHECK_STR(e, "p.lua:2: budget spent");
    free(e);

    CASE("through a method call and inside pcall too: the kill is sticky");
    e = run_budget("local s = ('a'):rep(3000)\nfor i = 1, 10 do pcall(function() return s:match('(.-)(.-)(.-)b') end) end\n"
                   "x = 1\n",
                   10000000);
    CHECK(e && strstr(e, "budget spent") != NULL);
    free(e);

    CASE("gsub and gmatch are charged per step as well");
    e = run_budget("local s = string.rep('a', 5000)\nlocal r = s:gsub('.-.-.-b', 'x')\n", 10000000);
    CHECK_STR(e, "p.lua:2: budget spent");
    free(e);
    e = run_budget("local s = string.rep('a', 5000)\nfor w in s:gmatch('a.-.-.-b') do end\n", 10000000);
    CHECK_STR(e, "p.lua:2: budget spent");
    free(e);

    CASE("a plain find in a long subject is charged by the bytes it searches");
    e = run_budget("local s = string.rep('a', 1000000)\nfor i = 1, 1000 do s:find('ab', 1, true) end\n", 10000000);
    CHECK_STR(e, "p.lua:2: budget spent");
    free(e);

    CASE("string functions that copy or map many bytes are charged before the work");
    e = run_budget("local s = string.rep('0123456789', 5000000)\nfor i = 1, 1000 do local u = s:upper() end\n", 20000000);
    CHECK_STR(e, "p.lua:2: budget spent");
    free(e);
    e = run_budget("local s = string.rep('x', 10000000)\nfor i = 1, 1000 do local u = s:sub(2) end\n", 20000000);
    CHECK_STR(e, "p.lua:2: budget spent");
    free(e);
    e = run_budget("local t = {}\nfor i = 1, 100000 do t[i] = 'abcdefgh' end\n"
                   "for i = 1, 1000 do local u = table.concat(t) end\n", 20000000);
    CHECK_STR(e, "p.lua:3: budget spent");
    free(e);

    CASE("string.rep of an empty string returns at once, however many copies");
    e = run_budget("local s = string.rep('', 2^62)\nassert(s == '')\nassert(string.rep('', 3, '') == '')\n"
                   "assert(string.rep('', 3, ',') == ',,')\n", 1000000);
    CHECK(e == NULL);
    free(e);

    CASE("a data file past its wall-clock limit is stopped at its line, inside pcall too");
    ldf_opts o = {.budget = 4000000000ULL, .timeout = 1};
    ldf_file *f = ldf_new(&o);
    const char *src = "local s = string.rep('x', 2^22)\n"
                      "while true do pcall(function() while true do local t = s .. 'y' end end) end\n";
    CHECK(ldf_run(f, src, strlen(src), "@t.lua", NULL, &e) == LDF_ERUN);
    CHECK_STR(e, "t.lua:2: the file ran past its time limit of 1 seconds");
    free(e);
    ldf_free(f);

    CASE("a string too big for the memory cap is a memory error, not a spent budget");
    e = run_budget("local s = string.rep('x', 2^30)\n", 1000000);
    CHECK(e && strstr(e, "not enough memory") != NULL);
    free(e);
}

void suite_pattern(void)
{
    same_as_lua();
    limits();
}
