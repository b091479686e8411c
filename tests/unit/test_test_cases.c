/*
 * test_test_cases.c - lua/test_cases.c: the cases test files declare,
 * read into C for `pmoaudit test` and `lint`: who a case is and where,
 * its expectation, its inline rows as CSV text and its params.
 */
#include "lua/runtime.h"
#include "lua/test_cases.h"
#include "test.h"
#include "core/util.h"

#include <stdio.h>
#include <stdlib.h>

static const char *const cases =
    "test { rule = 'X-1', name = 'rows', as_of = '2026-01-31', params = { max = 3 },\n"
    "       data = { tasks = { { id = 'T1', n = 2, ok = true }, { id = 'T,2', x = 1.5 } }, projects = 'project_id\\nP1\\n' },\n"
    "       expect = { count = 2, keys = { 'T1', false }, lines = { 2, 3 } } }\n"
    "\n"
    "test { rule = 'X-2', name = 'status', data = {}, expect = 'errored' }\n"
    "test { rule = 'X-3', name = 'count', expect = 0 }\n";

/* Load one test file; 0, or -1 with *err. The runtime is returned in *out. */
static int load(const char *text, lrt **out, char **err)
{
    *out = lrt_new(NULL);
    pa_source src = {.path = xstrdup("y_test.lua"), .text = xstrdup(text), .len = strlen(text)};
    int rc = lrt_load_tests(*out, &src, 1, err);
    free(src.path);
    free(src.text);
    return rc;
}

/* test{} copies its case: later changes have no effect, and cells and
 * expected entries are converted without running any of the author's code. */
static void copied(void)
{
    CASE("a case changed after test{} reads as it was declared");
    lrt *rt;
    char *err = NULL;
    CHECK(load("local T = { rule = 'X-1', name = 'n', data = { t = { { d = pmo.date('2026-02-03'), n = 2.5 } } },\n"
               "            expect = { keys = { 'K1' }, lines = { 7 } } }\n"
               "test(T)\n"
               "T.rule, T.as_of, T.data.t[1].d, T.expect.keys[1], T.expect.lines = 'Y', '2000-01-01', 1, 'K2', {}\n",
               &rt, &err) == 0);
    ltc_case c;
    ltc_read(rt, 1, &c);
    CHECK_STR(c.rule, "X-1");
    CHECK(c.as_of == NULL && c.line == 3);
    ltc_free(&c);
    ltc_expect e;
    ltc_read_expect(rt, 1, &e);
    CHECK(e.lists[LTC_KEYS].n == 1 && e.lists[LTC_LINES].n == 1);
    CHECK_STR(e.lists[LTC_KEYS].want[0], "K1");
    CHECK_STR(e.lists[LTC_LINES].want[0], "7");
    ltc_free_expect(&e);
    char **texts;
    size_t n;
    char **names = ltc_data(rt, 1, &texts, &n);
    CHECK(n == 1 && strcmp(texts[0], "d,n\n2026-02-03,2.5\n") == 0);
    ltc_free_data(names, texts, n);
    lrt_free(rt);

    CASE("a cell, a row or an expected entry that is not data is an error at the test{} line");
    static const char *const bad[][2] = {
        {"test{ rule = 'X-1', name = 'n', expect = 0,\n data = { t = { { a = setmetatable({}, "
         "{ __tostring = function() return {} end }) } } } }",
         "y_test.lua:1: rule X-1: test: data.t[1].a is a table (a cell is a string, number, boolean or date)"},
        {"test{ rule = 'X-1', name = 'n', expect = 0, data = { t = { 'P1' } } }",
         "y_test.lua:1: rule X-1: test: data.t[1] is a string (a row is a table of column = value)"},
        {"test{ rule = 'X-1', name = 'n', expect = 0, data = { t = { { 'P1' } } } }",
         "y_test.lua:1: rule X-1: test: data.t[1] has a number key (columns are named by strings)"},
        {"test{ rule = 'X-1', name = 'n', data = {}, expect = { keys = { print } } }",
         "y_test.lua:1: rule X-1: test: expect.keys[1] is a function (an entry is a string, a number, or false for "
         "none)"},
        {"test{ rule = 'X-1', name = 'n', data = {}, expect = { count = 1.5 } }",
         "y_test.lua:1: rule X-1: test: expect.count must be a number of findings (0, 1, 2, ...)"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        CHECK(load(bad[i][0], &rt, &err) == -1);
        CHECK(err && strstr(err, bad[i][1]) != NULL);
        if (!err || !strstr(err, bad[i][1]))
            fprintf(stderr, "    got: %s\n", err ? err : "(none)");
        free(err);
        err = NULL;
        lrt_free(rt);
    }
}

void suite_test_cases(void)
{
    CASE("declared cases are read with their file and line");
    lrt *rt = lrt_new(NULL);
    pa_source src = {.path = xstrdup("x_test.lua"), .text = xstrdup(cases), .len = strlen(cases), .pack = 0, .name = NULL};
    char *err = NULL;
    CHECK(lrt_load_tests(rt, &src, 1, &err) == 0 && err == NULL);
    CHECK(ltc_count(rt) == 3);
    ltc_case c;
    ltc_read(rt, 1, &c);
    CHECK_STR(c.rule, "X-1");
    CHECK_STR(c.name, "rows");
    CHECK_STR(c.file, "x_test.lua");
    CHECK_STR(c.as_of, "2026-01-31");
    CHECK(c.line == 1);
    ltc_free(&c);
    ltc_read(rt, 2, &c);
    CHECK(c.line == 5 && c.as_of == NULL);
    ltc_free(&c);

    CASE("an expectation: a count and lists, a status, a bare count");
    ltc_expect e;
    ltc_read_expect(rt, 1, &e);
    CHECK(!e.status && !e.is_count && e.has_count && e.count == 2);
    CHECK(e.lists[LTC_KEYS].given && e.lists[LTC_KEYS].n == 2);
    CHECK_STR(e.lists[LTC_KEYS].want[0], "T1");
    CHECK(e.lists[LTC_KEYS].want[1] == NULL); /* false: no key */
    CHECK_STR(e.lists[LTC_LINES].want[1], "3");
    CHECK(!e.lists[LTC_COLUMNS].given);
    ltc_free_expect(&e);
    ltc_read_expect(rt, 2, &e);
    CHECK_STR(e.status, "errored");
    ltc_free_expect(&e);
    ltc_read_expect(rt, 3, &e);
    CHECK(e.is_count && e.count == 0 && !e.status);
    ltc_free_expect(&e);

    CASE("a case's data: tables by name, rows as CSV with the union of their keys as columns");
    char **texts;
    size_t n;
    char **names = ltc_data(rt, 1, &texts, &n);
    CHECK(n == 2 && names && strcmp(names[0], "projects") == 0 && strcmp(names[1], "tasks") == 0);
    CHECK(n == 2 && strcmp(texts[0], "project_id\nP1\n") == 0);
    CHECK(n == 2 && strcmp(texts[1], "id,n,ok,x\nT1,2,true,\n\"T,2\",,,1.5\n") == 0);
    ltc_free_data(names, texts, n);
    names = ltc_data(rt, 3, &texts, &n);
    CHECK(names == NULL && n == 0);
    ltc_free_data(names, texts, n);
    ltc_use_params(rt, 1); /* what lrt_run then sees; cleared again */
    ltc_use_params(rt, 0);
    lrt_free(rt);
    free(src.path);
    free(src.text);
    copied();
}
