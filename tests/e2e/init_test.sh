#!/bin/sh
# `pmoaudit init` gives a new user a working start: a config, a custom rule
# with its tests and a small data folder; test and run work at once.
. "$(dirname "$0")/lib.sh"

it "init writes a config, a rule, its test and data, and says what to run next"
pa init "$TMP/audit"
exit_is 0
out_has "pmoaudit test rules"
true_that "[ -f $TMP/audit/pmoaudit.lua ] && [ -f $TMP/audit/rules/ACME-001.lua ]"
true_that "[ -f $TMP/audit/rules/ACME-001_test.lua ] && [ -f $TMP/audit/data/projects.csv ]"

it "the starter pack is lint-clean, read through the config's rule folders"
cd "$TMP/audit"; pa lint; cd "$ROOT"
exit_is 0
out_has "lint: 1 rule, 2 files: 0 problems"

it "the example rule's tests pass as written"
cd "$TMP/audit"; pa test rules --coverage; cd "$ROOT"
exit_is 0
out_has "2 passed, 0 failed"

it "run works in the folder with the config, the built-in pack and the example rule"
cd "$TMP/audit"; pa run --as-of $ASOF -f json; cd "$ROOT"
exit_is 0
count_is ACME-001 1
status_is STD-001 passed

it "a new failing case shows up in test, and a tightened config fails the run"
cat >>"$TMP/audit/rules/ACME-001_test.lua" <<'LUA'
test { rule = "ACME-001", name = "wrong on purpose", data = { projects = "project_id,name,status,budget\nP1,a,active,5\n" }, expect = 1 }
LUA
cd "$TMP/audit"; pa test rules; cd "$ROOT"
exit_is 1
echo 'fail_on = "warning"' >>"$TMP/audit/pmoaudit.lua"
cd "$TMP/audit"; pa run --as-of $ASOF; cd "$ROOT"
exit_is 1

it "help init and help docs explain the commands"
pa help init
exit_is 0
out_has "Never overwrites a file"
pa help docs
exit_is 0

it "init never overwrites"
pa init "$TMP/audit"
exit_is 2
err_has "already exists: init never overwrites"

finish
