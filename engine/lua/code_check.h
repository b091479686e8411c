/*
 * lua/code_check.h - reading rule code without running it (lua/code_check.c):
 * which values are rows, tables, row sets, cells, ctx and params, followed
 * through the whole of a rule's check (function arguments, parentheses,
 * locals, helper functions of the file), so that every column, param, table
 * field and comparison it writes can be checked against the data model and
 * the rule's declaration. Used by `pmoaudit lint` (everything) and by the
 * run (the comparisons that can never be true, as warnings). Plain C: no
 * Lua header here.
 */
#ifndef PA_LCHECK_H
#define PA_LCHECK_H

#include "model/registry.h"

#include <stdbool.h>
#include <stddef.h>

/* Messages, each "file:line: text", in the order found. */
typedef struct {
    char **v;
    size_t n, cap;
} lcheck_msgs;
void lcheck_msgs_free(lcheck_msgs *m);

/* What lcheck_rule reports. */
enum {
    LCHECK_COMPARE = 1, /* comparisons and lookups no cell can satisfy */
    LCHECK_NAMES = 2,   /* columns, params, tables, ctx/table/row set fields that do not exist */
    LCHECK_ALL = 3
};

typedef struct lcheck_file lcheck_file;
/* Parse one source file (path as shown in messages). Never fails. */
lcheck_file *lcheck_open(const char *path, const char *src, size_t len);
void lcheck_close(lcheck_file *f);
/* When the file did not parse: the line and the reason (Lua's wording);
 * *limit when the reason is the depth the analysis refuses, not syntax.
 * NULL when it parsed. */
const char *lcheck_error(const lcheck_file *f, int *line, bool *limit);
/*
 * The problems of rule r's check, the function of this file defined at
 * lines first..last (Lua's linedefined and lastlinedefined), that `what`
 * asks for; appended to out as "file:line: rule ID: ...". Nothing when the
 * file did not parse or no function has that span.
 */
void lcheck_rule(lcheck_file *f, const pa_registry *reg, const pa_rule *r, int first, int last, unsigned what,
                 lcheck_msgs *out);
/* Tell fn of every column the rules checked through f read or name (for
 * `inspect`, which suggests the rules whose columns a file fills); called
 * in lcheck_rule's last pass, possibly more than once per column. */
typedef void (*lcheck_column_fn)(void *ud, const pa_rule *r, const char *table, const char *column);
void lcheck_on_column(lcheck_file *f, lcheck_column_fn fn, void *ud);
/* pmo.re patterns written as constants: compiled (an error at its line),
 * and escapes that mean one thing to Lua and another to PCRE ("\b"). */
void lcheck_regexes(lcheck_file *f, lcheck_msgs *out);

#endif
