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
    int pack;     /* the pack it belongs to: an index in the registry's packs */
    char *dir;    /* its folder inside the pack, "" at the top ("sch" for rules/sch/SCH-010.lua); for a
                     lib helper, the folder that holds its lib/ folder. NULL: the top */
    char *name;   /* a lib helper's name, require("name"); NULL for rule and test files */
    bool support; /* a built-in engine rule added only for a pack's tests (reg_add_engine_rules) */
} pa_source;

/*
 * A rule pack: the built-in rules, or one rule path (a folder, or a file's
 * folder), named by its canonical path so that two spellings of one folder
 * are one pack. Its helpers are the *.lua files directly in lib/ folders
 * inside it; a file of the pack requires from the nearest lib/ folder at or
 * above its own folder, up to the pack's top, and never from another pack.
 */
typedef struct {
    char *root;   /* the folder, canonical (realpath); NULL for the built-in pack */
    char *shown;  /* the folder as given, for messages ("rules" for the built-in pack) */
} pa_pack;

typedef struct {
    char *name;
    char *type;   /* number, string, boolean, table */
    char *shown;  /* default as a Lua literal */
} pa_param;

typedef struct {
    char *rule;
    char *param;
    char *value;
    char *where; /* "file:line" of the config's params entry; NULL for --set */
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
    bool support;     /* an engine rule present only for a pack's tests, not one of its rules */
    int check_first;  /* the lines of its check function in `file` (Lua's linedefined and
                         lastlinedefined); 0 when the check is defined elsewhere (a lib helper) */
    int check_last;
    bool selected;
    char *example;      /* its example finding (run/rule_examples.h): the text report's lines for
                           the findings of its first failing test case; NULL when none */
    char *example_from; /* that case: "NAME" (FILE:LINE); NULL when no case of it expects findings */
    char *unfit;      /* selected, but the data's import profile says it does not fit its source:
                         reported skipped with this message (NULL: it runs) */
} pa_rule;

typedef struct {
    pa_source *src;
    int nsrc;
    pa_source *libs;  /* the packs' lib/ helpers, which their rules require() */
    int nlibs;
    pa_pack *packs;
    int npacks;
    pa_rule *v;
    int n;
    pa_override *ovr;
    int novr;
    pa_userschema schemas; /* tables the rule files declared with schema{} */
    bool examples;         /* the rules' examples were looked for (run/rule_examples.h) */
} pa_registry;

void reg_init(pa_registry *r);
void reg_free(pa_registry *r);
void reg_free_rule(pa_rule *x);
/* Add the built-in pack (embedded in the binary). */
void reg_add_builtin(pa_registry *r);
/* Without the built-in pack: its engine rules (the DAT checks of keys,
 * references, types, ...), marked support, so that a pack's test cases
 * and lint can name them (docs/rule-tests.md); nothing when the built-in
 * pack is there. */
void reg_add_engine_rules(pa_registry *r);
/* Rules that are the packs' own (every rule but support ones). */
int reg_own_count(const pa_registry *r);
/* Add a rule file, or every *.lua below a folder (sorted; lib/ folders and
 * *_test.lua files excluded), as a pack (or part of the pack of the same
 * folder). Returns -1 with *err when the path is missing. */
int reg_add_path(pa_registry *r, const char *path, char **err);
/* Test files (*_test.lua): the built-in pack's, or those below a path; each
 * belongs to the same pack as the rules of that path. */
void reg_builtin_tests(pa_registry *r, pa_source **src, int *n);
int reg_path_tests(pa_registry *r, const char *path, pa_source **src, int *n, char **err);
void reg_free_sources(pa_source *src, int n);
/* The helper require(name) loads for a file of pack in its folder dir (a
 * pa_source's dir): lib/<name>.lua in dir or the nearest folder above it
 * inside the pack; NULL when there is none. */
const pa_source *reg_find_lib(const pa_registry *r, int pack, const char *dir, const char *name);
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
/* Add gate to the gates of the rules whose ids match the comma-joined ids
 * or globs (a config's gates = { G3 = { rules = {...} } }), so that list,
 * explain and docs show what the gate command will use. */
void reg_add_gate(pa_registry *r, const char *ids, const char *gate);
/* Record a --set RULE.param=value (where: the config's "file:line" of it,
 * or NULL on the command line); checked by lrt_check_overrides. */
int reg_add_override(pa_registry *r, const char *spec, const char *where, char **err);

#endif
