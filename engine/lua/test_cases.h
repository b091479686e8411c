/*
 * lua/test_cases.h - the test cases that test files declare with test{...}
 * (docs/rule-tests.md), read out of the runtime into plain C for
 * `pmoaudit test` and `pmoaudit lint`: who a case is, the tables of its
 * data as CSV text, what it expects, and its params for the run.
 */
#ifndef PA_LTC_H
#define PA_LTC_H

#include "lua/limits.h"

#include <stdbool.h>
#include <stddef.h>

/* The lists an expectation may hold, in this order in ltc_expect.lists. */
enum { LTC_KEYS, LTC_COLUMNS, LTC_LINES, LTC_MESSAGES, LTC_SEVERITIES, LTC_PROJECTS, LTC_INVOLVES, LTC_NLISTS };
extern const char *const ltc_list_names[LTC_NLISTS + 1];

typedef struct {
    char *rule, *name; /* as declared (test{} checked they are strings) */
    char *file;        /* the test file, and the line of the test{} */
    int line;
    char *as_of;       /* NULL when the case gives none */
    char *profile;     /* an import profile that reads the data (its tables are then file names), or NULL */
} ltc_case;

typedef struct {
    bool given;  /* expect.<list> is a table */
    size_t n;    /* its length */
    char **want; /* each entry as tostring() makes it (a string or a number); NULL for false (none) */
} ltc_list;

typedef struct {
    char *status;   /* expect = "skipped" (any string): the status; else NULL */
    bool is_count;  /* expect = N */
    bool has_count; /* expect = N, or expect = { count = N } */
    long long count;
    ltc_list lists[LTC_NLISTS]; /* expect = { keys = {...}, ... } */
} ltc_expect;

struct lua_State;
/* The test{...} function of test files: checks the case at its line and
 * keeps a copy of it (the author's table is not read again). */
int ltc_declare(struct lua_State *L);

/* The number of cases declared so far; cases are numbered from 1. */
int ltc_count(lrt *rt);
/* Case k's identity; free with ltc_free. */
void ltc_read(lrt *rt, int k, ltc_case *c);
void ltc_free(ltc_case *c);
/* Case k's expectation; free with ltc_free_expect. */
void ltc_read_expect(lrt *rt, int k, ltc_expect *e);
void ltc_free_expect(ltc_expect *e);
/*
 * Case k's data: its table names, sorted (so a case loads the same way
 * every time), and in *texts each table as CSV text (a string as given; a
 * list of rows with the union of their keys as sorted columns). *n = 0
 * and NULL when it has none. Free both with ltc_free_data.
 */
char **ltc_data(lrt *rt, int k, char ***texts, size_t *n);
void ltc_free_data(char **names, char **texts, size_t n);
/* Run the next rules with case k's params over the defaults; 0 clears. */
void ltc_use_params(lrt *rt, int k);
/* Case k's param name, when the case gives it as a number (engine rules
 * read their params in C). */
bool ltc_param_number(lrt *rt, int k, const char *name, double *v);
/* Case k's baseline = { TABLE = rows, ... }, the row counts of an earlier
 * run that DAT-007 compares with: the table names, sorted, in *names and
 * their counts in *rows; returns how many, or -1 when the case gives no
 * baseline. Free both with ltc_free_baseline. */
int ltc_baseline(lrt *rt, int k, char ***names, size_t **rows);
void ltc_free_baseline(char **names, size_t *rows, int n);

#endif
