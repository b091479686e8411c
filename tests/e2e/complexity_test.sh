#!/bin/sh
# No rule slower than its data (issue 19), at unit size: --stats gives each
# rule's instruction count (what its budget was charged: the same on every
# -j 1 run of the same data), and bench/complexity.py compares the counts at
# 2,000 and 8,000 tasks on the generator's default and dense shapes. A rule
# whose count grows more than 1.5 times as fast as its rows fails the suite;
# the old RES-004 (a second pass per over-capacity week) is the example that
# must fail. No timing is asserted: counts, not seconds.
. "$(dirname "$0")/lib.sh"

stats_field() { # FILE RULE FIELD: one field of one rule in a --stats file
    python3 -c "import json,sys; r={x['id']:x for x in json.load(open(sys.argv[1]))['rules']}; print(r[sys.argv[2]][sys.argv[3]])" "$@"
}

it "--stats writes each selected rule's status, findings, rows, instructions and time as JSON"
pa run "$ROOT/samples" --as-of $ASOF -f json -o "$TMP/r1.json" -q -j 1 --stats "$TMP/s1.json" --only 'RES-00[14],DAT-003'
exit_is 1
true_that "python3 - $TMP/s1.json <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
assert [r['id'] for r in d['rules']] == ['DAT-003', 'RES-001', 'RES-004'], d
for r in d['rules']:
    assert set(r) == {'id', 'status', 'findings', 'rows', 'instructions', 'seconds', 'cpu_seconds'}, r
    assert r['seconds'] >= 0 and r['cpu_seconds'] >= 0
dat, res1, res4 = d['rules']
assert dat['rows'] is None and dat['instructions'] is None   # an engine check: no Lua count
assert res1['rows'] == 62 and res4['rows'] == 692 + 31        # allocations; timesheets + resources
assert res4['instructions'] > 0   # hook steps of 1000 plus C work charged by the element
assert res1['status'] == 'failed' and res1['findings'] == 2
PY"

it "the instruction counts are the same on every -j 1 run, and --stats changes no report"
pa run "$ROOT/samples" --as-of $ASOF -f json -o "$TMP/r2.json" -q -j 1 --stats "$TMP/s2.json" --only 'RES-00[14],DAT-003'
exit_is 1
true_that "[ \$(stats_field $TMP/s1.json RES-004 instructions) = \$(stats_field $TMP/s2.json RES-004 instructions) ]"
pa run "$ROOT/samples" --as-of $ASOF -f json -o "$TMP/r3.json" -q -j 1 --only 'RES-00[14],DAT-003'
true_that "cmp -s $TMP/r1.json $TMP/r3.json"

it "--timings prints each of the ten slowest rules with its instructions"
pa run "$ROOT/samples" --as-of $ASOF -f json -o "$TMP/t.json" -q --timings --only RES-004
true_that "grep -qE '^pmoaudit: timing   RES-004 +[0-9]+\.[0-9]{3} s +[0-9]+ instructions\$' $ERR"

it "--stats into a folder that does not exist is an error naming the file (exit 2)"
pa run "$ROOT/samples" --as-of $ASOF -f json -o "$TMP/t.json" -q --stats "$TMP/no/such/stats.json"
exit_is 2
err_has "$TMP/no/such/stats.json"

complexity() { # ARGS...: bench/complexity.py on $PA; sets CODE, OUT, ERR
    CODE=0
    timeout 300 python3 "$ROOT/bench/complexity.py" --pmoaudit "$PA" --work "$TMP/cw" "$@" >"$OUT" 2>"$ERR" || CODE=$?
}

it "every built-in rule's work grows at most linearly with its rows, on both shapes"
complexity
exit_is 0
out_has "0 superlinear (bound 1.5 x rows growth + 5000)"
true_that "grep -qE '^dense +RES-004 +1410 +5610 .* ok\$' $OUT"
true_that "grep -qE '^default +SCH-011 +2000 +8000 .* ok\$' $OUT"
true_that "[ \$(grep -c ' ok\$' $OUT) -ge 96 ]"

it "RES-004 with its old second pass per over-capacity week fails the check, by name"
complexity -- --no-builtin -r "$ROOT/tests/fixtures/complexity"
exit_is 1
err_has "complexity: RES-004 on the dense shape: its instructions grew"
true_that "grep -qE '^dense +RES-004 .* SUPERLINEAR\$' $OUT"
true_that "grep -qE '^default +RES-004 .* ok\$' $OUT"

finish
