#!/bin/sh
# The cookbook's rules (docs/cookbook/rules): their own tests with full
# coverage, their findings on samples/ against counts and places computed
# independently from the CSV files (tests/tools/cookbook_expect.py), and
# `pmoaudit test` on a custom rule folder outside the repository.
. "$(dirname "$0")/lib.sh"

BOOK="$ROOT/docs/cookbook/rules"

it "the cookbook's tests pass and every rule has a failing and a passing case"
pa test --coverage "$BOOK"
exit_is 0
out_has "coverage: rules without a failing case: none"
out_has "coverage: rules without a passing case: none"
out_has "7 rules, 7 with tests;"
out_has " passed, 0 failed"

it "on samples/ each rule finds what the CSV files say it should, at the same lines"
python3 "$ROOT/tests/tools/cookbook_expect.py" "$ROOT/samples" $ASOF >"$TMP/expect"
true_that "[ \$(wc -l <$TMP/expect) -eq 14 ]"
cd "$ROOT" && pa run samples -r docs/cookbook/rules --only 'ACME-2*' --as-of $ASOF -f json
exit_is 1
for rule in ACME-201 ACME-202 ACME-203 ACME-204 ACME-205 ACME-206 ACME-207; do
    n=$(awk -v r=$rule '$1 == r && NF == 2 && $2 ~ /^[0-9]+$/ {print $2; exit}' "$TMP/expect")
    count_is $rule "$n"
    where_is $rule "$(awk -v r=$rule '$1 == r && !($2 ~ /^[0-9]+$/ && NF == 2) {$1 = ""; sub(/^ /, ""); print; exit}' "$TMP/expect")"
done

it "the counts the cookbook README states are the ones found"
while read -r rule n; do
    grep -q "^| $rule | .* | $n |\$" "$ROOT/docs/cookbook/README.md" && ok || bad "README lacks the row: | $rule | ... | $n |"
done <<EOT
$(awk 'NF == 2 && $2 ~ /^[0-9]+$/' "$TMP/expect")
EOT

it "every finding line the README shows is printed by the run"
pa run samples -r docs/cookbook/rules --only 'ACME-2*' --as-of $ASOF
grep '^  samples/' "$ROOT/docs/cookbook/README.md" >"$TMP/shown"
true_that "[ \$(wc -l <$TMP/shown) -ge 10 ]"
while IFS= read -r line; do
    grep -qxF -- "$line" "$OUT" && ok || bad "the README shows a finding the run does not print: $line"
done <"$TMP/shown"

it "the cookbook rules run beside the built-in pack without clashing"
pa run samples -r "$BOOK" --as-of $ASOF -q
true_that "[ $CODE -eq 1 ]"

# Point 5 of issue 5: custom packs anywhere, tested and covered the same way.
mkdir -p "$TMP/elsewhere/team" "$TMP/cwd/deep"
cp -R "$BOOK" "$TMP/elsewhere/team/pack"

it "test and --coverage work on a folder outside the repository, by absolute path"
cd "$TMP/cwd" && pa test --coverage "$TMP/elsewhere/team/pack"; cd "$ROOT"
exit_is 0
out_has "7 rules, 7 with tests;"

it "... and by a relative path from another working directory, lib/ helpers included"
cd "$TMP/cwd/deep" && pa test --coverage ../../elsewhere/team; cd "$ROOT"
exit_is 0
out_has "7 rules, 7 with tests;"

it "--coverage names a rule without tests in the outside folder, and exits 1"
cat >"$TMP/elsewhere/team/pack/ACME-299.lua" <<'LUA'
rule { id = "ACME-299", title = "untested", severity = "info", domain = "X", tables = {"projects"},
       doc = "An untested rule.", check = function(ctx) end }
LUA
cd "$TMP/elsewhere" && pa test --coverage team/pack; cd "$ROOT"
exit_is 1
out_has "coverage: rules without a failing case: ACME-299"
out_has "coverage: rules without a passing case: ACME-299"
out_has "8 rules, 7 with tests;"
cd "$TMP/elsewhere" && pa test team/pack; cd "$ROOT"
exit_is 0

it "naming one rule file runs its tests, lib/ helper included; naming a test file loads its rule"
cd "$TMP/elsewhere" && pa test --coverage team/pack/ACME-201.lua -v; cd "$ROOT"
exit_is 0
out_has "1 rules, 1 with tests; 4 cases"
out_has "ok    ACME-201 exactly half the budget"
cd "$TMP/elsewhere/team/pack" && pa test --coverage ACME-206_test.lua; cd "$ROOT"
exit_is 0
out_has "1 rules, 1 with tests; 3 cases"
cd "$TMP/elsewhere" && pa test team/pack/ACME-202.lua team/pack/ACME-202_test.lua team/pack/ACME-203_test.lua; cd "$ROOT"
exit_is 0
out_has "2 rules, 2 with tests; 6 cases"
cd "$TMP/elsewhere" && pa test team/pack team/pack/ACME-202_test.lua; cd "$ROOT"
exit_is 0
out_has "8 rules, 7 with tests;"

it "a failing case outside the repository names its file and line"
rm "$TMP/elsewhere/team/pack/ACME-299.lua"
cat >>"$TMP/elsewhere/team/pack/ACME-206_test.lua" <<'LUA'

test { rule = "ACME-206", name = "wrong on purpose",
       data = { timesheets = "resource_id,project_id,week_start,hours\nR-1,P-1,2026-06-01,49\n" }, expect = 0 }
LUA
line=$(grep -n 'name = "wrong on purpose"' "$TMP/elsewhere/team/pack/ACME-206_test.lua" | cut -d: -f1)
cd "$TMP/elsewhere" && pa test team/pack --coverage; cd "$ROOT"
exit_is 1
out_has "FAIL  ACME-206 wrong on purpose  (team/pack/ACME-206_test.lua:$line)"
out_has "1 failed"

finish
