/*
 * lua/runtime.h - the Lua rule runtime: one sandboxed lua_State with everything a
 * rule may use (the `pmo` library, rows, tables, dates, regexes), the
 * instruction budget and the memory cap. A runtime belongs to one thread;
 * several runtimes share one read-only store. Rule files are loaded into
 * each runtime the same way, so rule i is the same rule everywhere.
 */
#ifndef PA_LRT_H
#define PA_LRT_H

#include "lua/limits.h"
#include "model/finding.h"
#include "model/result.h"
#include "model/registry.h"
#include "store/project_ids.h"
#include "store/store.h"
#include "model/value.h"
#include "core/util.h"



void limits_default(pa_limits *l);
/* Whether pmo.NAME exists (*known); else the nearest name, or NULL (lint's did-you-mean). */
const char *lrt_pmo_function(const char *name, bool *known);


lrt *lrt_new(const pa_limits *lim);
void lrt_free(lrt *rt);
/* Lint mode, set before loading: a rule file that fails to load, a rule{}
 * or schema{} that is malformed and a duplicate id are recorded as
 * problems ("file:line: message") and loading goes on with the rest. */
void lrt_set_lint(lrt *rt);
char **lrt_problems(lrt *rt, int *n);
/* Where the check function of rule `id` is defined: its chunk name
 * ("@path") and first and last lines; false when it has none. */
bool lrt_check_span(lrt *rt, const char *id, const char **chunk, int *first, int *last);
/* Record in each rule of reg (extracted from this runtime) where its check
 * function is: check_first/check_last, 0 when not in the rule's own file. */
void lrt_check_spans(lrt *rt, pa_registry *reg);
/* Load every source of the registry; rules are collected in order. */
int lrt_load_sources(lrt *rt, const pa_registry *reg, char **err);
/* Load all sources of the registry and fill its metadata (a state of its
 * own, closed after); -1 with a located *err. */
int lrt_load_registry(pa_registry *r, char **err);

/* Load test files (test{...} cases, see docs/rule-tests.md). */
int lrt_load_tests(lrt *rt, const pa_source *src, int nsrc, char **err);
/* The declared test cases are read with lua/test_cases.h. */
/* Make the store and T visible to rules. */
void lrt_bind(lrt *rt, const pa_store *st, pa_date T);
/* The run's project ids (NULL for none): a report() outside their
 * --project selection is dropped before it is counted, and one past the
 * --max-findings cap is counted in its project's slot. */
void lrt_set_projects(lrt *rt, const pa_project_ids *pids);
/* Run rule i; fills res. */
void lrt_run(lrt *rt, const pa_registry *reg, int i, pa_result *res);
/* The rows of the tables a rule reads (its `tables` entries present in st):
 * what its instruction budget and its place in the work queue go by. */
uint64_t lrt_rule_rows(const pa_store *st, const pa_rule *rule);
/* Whether the store has the tables the rule needs (else lrt_run skips it). */
bool lrt_rule_runnable(const pa_store *st, const pa_rule *rule);

#endif
