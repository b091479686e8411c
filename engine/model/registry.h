/*
 * model/registry.h - the rule registry: every rule's metadata (id, title, severity,
 * domain, tables, params, doc, where it was declared) as plain C data, the
 * rule sources it came from (so each worker can load its own copy), and
 * which rules a run selected. Built by loading the rule files once in a Lua
 * state (see lua/runtime.h); everything after that reads only this.
 */
#ifndef PA_RULES_H
#define PA_RULES_H

#include "model/finding.h"
#include "model/user_schema.h"

#include <stdbool.h>
#include <stddef.h>

typedef struct {
    char *path;   /* as shown in messages: rules/std/STD-001.lua */
    char *text;
    size_t len;
} pa_source;

typedef struct {
    char *name;
    char *type;   /* number, string, boolean, table */
    char *shown;  /* default as a Lua literal */
} pa_param;

typedef struct {
    char *rule;
    char *param;
    char *value;
} pa_override;

typedef struct {
    char *id, *title, *domain, *doc;
    const char *file; /* the source's path */
    int line;
    pa_sev sev;
    char **tables;
    int ntables;
    char *each;       /* table of a row rule; NULL for a table rule */
    char **gates;     /* stage gates the rule guards (gates = {"G2", "G3"}) */
    int ngates;
    pa_param *params;
    int nparams;
    bool engine;      /* implemented by the engine (DAT-*) */
    bool selected;
    char *unfit;      /* selected, but the data's import profile says it does not fit its source:
                         reported skipped with this message (NULL: it runs) */
} pa_rule;

typedef struct {
    pa_source *src;
    int nsrc;
    pa_source *libs;  /* helpers in lib/ folders, which rules require() */
    int nlibs;
    pa_rule *v;
    int n;
    pa_override *ovr;
    int novr;
    pa_userschema schemas; /* tables the rule files declared with schema{} */
} pa_registry;

void reg_init(pa_registry *r);
void reg_free(pa_registry *r);
void reg_free_rule(pa_rule *x);
/* Add the built-in pack (embedded in the binary). */
void reg_add_builtin(pa_registry *r);
/* Add a rule file, or every *.lua below a folder (sorted; lib/ folders and
 * *_test.lua files excluded). Returns -1 with *err when the path is missing. */
int reg_add_path(pa_registry *r, const char *path, char **err);
/* Test files (*_test.lua): the built-in pack's, or those below a path. */
void reg_builtin_tests(pa_source **src, int *n);
int reg_path_tests(const char *path, pa_source **src, int *n, char **err);
void reg_free_sources(pa_source *src, int n);
const pa_rule *reg_find(const pa_registry *r, const char *id);
int reg_index(const pa_registry *r, const char *id);
/* Apply --only / --skip (comma lists of ids or globs); -1 with *err when a
 * pattern selects nothing, so a typo does not silently skip every rule. */
int reg_select(pa_registry *r, const char *only, const char *skip, char **err);
/* Indexes of the rules (only selected ones when selected_only) sorted by id;
 * returns the count. The caller frees *order. */
int reg_sorted(const pa_registry *r, bool selected_only, int **order);
/* Whether rule r guards gate (gate names compare ASCII case-insensitively). */
bool reg_guards(const pa_rule *r, const char *gate);
/* Record a --set RULE.param=value; checked by lrt_check_overrides. */
int reg_add_override(pa_registry *r, const char *spec, char **err);

#endif
