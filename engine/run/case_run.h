/*
 * run/case_run.h - one test case of a rule (test{...}, docs/rule-tests.md)
 * run on a store of its own: what `pmoaudit test` compares with the case's
 * expectation, and what the rule docs show as a rule's example finding
 * (run/rule_examples.h).
 */
#ifndef PA_CASE_RUN_H
#define PA_CASE_RUN_H

#include "lua/runtime.h"
#include "lua/test_cases.h"
#include "model/registry.h"
#include "model/result.h"
#include "store/store.h"
#include "core/util.h"

#define CASE_AS_OF "2026-06-30" /* T of a case that gives no as_of */

/* A case's outcome. The findings point into the case's store (their files)
 * and the registry (their rule ids): free it before either. */
typedef struct {
    pa_result res; /* the rule's status and findings, in report order */
    pa_store st;   /* the case's tables */
    pa_findings dat;
} case_out;

/*
 * Run case k (tc, read with ltc_read) of rt against its rule: its data
 * loaded as a run loads files (types, DAT findings), then the rule, with
 * the case's params and T (an engine rule takes its DAT findings). Returns
 * the rule's index in reg, or -1 with the reason appended to why (no such
 * rule, a bad as_of, data that does not load). o is set either way; free
 * it with case_out_free.
 */
int case_run(lrt *rt, pa_registry *reg, int k, const ltc_case *tc, case_out *o, sbuf *why);
void case_out_free(case_out *o);
/* 1 when the expectation expects findings (a failing case), 0 when none
 * (a passing one), -1 otherwise ("skipped", "errored"). */
int case_expect_kind(const ltc_expect *e);

#endif
