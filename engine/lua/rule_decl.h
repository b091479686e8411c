/*
 * lua/rule_decl.h - rule{...} in rule files (see lua/rule_decl.c): the
 * declaration function the runtime installs, and
 * the rules' metadata read back into the registry. No Lua header here, so
 * that cmd/lint.c may call lrt_extract.
 */
#ifndef PA_RULE_DECL_H
#define PA_RULE_DECL_H

#include "core/util.h"
#include "lua/limits.h"
#include "model/registry.h"

struct lua_State;

/* The value at idx as Lua source text (numbers that read back exactly,
 * tables with sorted keys) appended to b: param defaults in explain and
 * docs, and the config's params as --set values (through
 * lua/data_file.c). False when the text would pass max bytes: b then
 * holds its first max bytes. */
#define LITERAL_MAX (64 << 10) /* the longest literal a param is shown or passed as */
bool lrule_literal(struct lua_State *L, int idx, sbuf *b, size_t max);
int lrule_declare(struct lua_State *L); /* the rule{...} function of rule files */
/*
 * For test{...} (lua/test_cases.c), which declares the same way: the
 * declaration at stack index 1 is read raw and what is kept is copied into
 * the engine's table at index 2. what prefixes messages ("" or "test: ").
 */
/* Raise "file:line: rule ID: message" at the declaring line. */
int lrule_decl_error(struct lua_State *L, const char *id, const char *fmt, ...);
/* Every key of the declaration must be one of keys (a typo is suggested). */
void lrule_check_keys(struct lua_State *L, const char *id, const char *what, const char *const *keys);
/* Copy string field key (non-empty, no NUL); NULL when absent and optional. */
const char *lrule_copy_string(struct lua_State *L, const char *id, const char *what, const char *key,
                              bool required);
/* Copy params = {name = data} deep, bounded and charged to the budget. */
void lrule_copy_params(struct lua_State *L, const char *id, const char *what);
void lrule_push_params(lrt *rt, const pa_registry *reg, int rule_idx, const char *id);
/* Fill reg->v from the rules the runtime collected. */
int lrt_extract(lrt *rt, pa_registry *reg, char **err);
/* Check every --set against the rule's params and their types. */
int lrt_check_overrides(lrt *rt, const pa_registry *reg, char **err);

#endif
