/*
 * run/rule_examples.h - a rule's example finding, as Nmap's NSE scripts
 * show their @output: what the rule reports, made from the rule's own
 * first test case that expects findings. `explain`, `docs` and the HTML
 * report show it.
 */
#ifndef PA_RULE_EXAMPLES_H
#define PA_RULE_EXAMPLES_H

#include "model/registry.h"

#include <stdbool.h>

#define REX_MAX 3 /* findings an example lists */

/*
 * Set the example (pa_rule.example, example_from) of each rule i with
 * want[i] (of every rule when want is NULL), and reg->examples. The cases are those of the
 * registry's packs (the built-in pack's test files, and the *_test.lua
 * files below each other pack's folder, as `pmoaudit test` finds them),
 * loaded leniently: a test file that does not load gives no case, the
 * others still do. A rule's example is its first case in file order that
 * expects findings, run as `pmoaudit test` runs it, and rendered as the
 * text report lists findings; a rule without such a case keeps NULLs.
 * Deterministic: cases set their own T.
 */
void rex_fill(pa_registry *reg, const bool *want);

#endif
