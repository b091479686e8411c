#!/bin/sh
# Follows docs/tutorial.md as a new user would, in a fresh folder: init, the
# data, the two rules and their tests, test, run, fix or accept, a broken
# rule, and the monthly pmo.sweep rule of step 10. The files are taken from the page's marked code blocks
# (tests/tools/doc_files.py), so the page and this test cannot drift apart.
. "$(dirname "$0")/lib.sh"

DOC="$ROOT/docs/tutorial.md"
W="$TMP/work"
mkdir -p "$W"
# page FILE...: write these files of the tutorial into the audit folder.
page() {
    python3 "$ROOT/tests/tools/doc_files.py" "$DOC" "$W/my-audit" "$@" || bad "cannot take $* from the tutorial"
}
# in_audit ARGS...: pa in the audit folder, as the tutorial's commands run.
in_audit() {
    cd "$W/my-audit" && pa "$@"
    cd "$ROOT"
    cat "$OUT" >>"$TMP/all_stdout"
}
json() { in_audit "$@" -f json -o -; }

it "1. init in an empty folder writes the config, the example rule, its test and data"
cd "$W" && pa init my-audit; cd "$ROOT"
exit_is 0
out_has "wrote my-audit/pmoaudit.lua"
out_has "wrote my-audit/rules/ACME-001_test.lua"

it "1. the example works at once: test passes, run exits 0 on a warning"
in_audit test rules
exit_is 0
out_has "2 passed, 0 failed"
in_audit run --as-of $ASOF
exit_is 0
out_has "result: PASS (fail on error: no finding at or above it; exit 0)"

it "2-4. the page shows every file the tutorial needs"
python3 "$ROOT/tests/tools/doc_files.py" "$DOC" --list >"$OUT"
CODE=$?
exit_is 0
for f in "file data/risks.csv" "file data/milestones.csv" "file rules/ACME-101.lua" "file rules/ACME-102.lua" \
    "file rules/ACME-101_test.lua" "file rules/ACME-102_test.lua" "append data/milestones.csv" "file waivers.csv"; do
    out_has "$f"
done
page data/risks.csv data/milestones.csv rules/ACME-101.lua rules/ACME-102.lua

it "5. lint names the new rules until they have tests, and exits 1"
in_audit lint rules
exit_is 1
out_has 'rules/ACME-101.lua:2: rule ACME-101 has no test'
out_has 'rules/ACME-102.lua:2: rule ACME-102 has no test'
out_has "lint: 3 rules, 4 files: 2 problems"

it "5. --coverage names the new rules until they have tests, and exits 1"
in_audit test rules --coverage
exit_is 1
out_has "coverage: rules without a failing case: ACME-101 ACME-102"
out_has "3 rules, 1 with tests; 2 cases"

it "6. with the page's tests lint is clean"
page rules/ACME-101_test.lua rules/ACME-102_test.lua
in_audit lint rules
exit_is 0
out_has "lint: 3 rules, 6 files: 0 problems"

it "6. with the page's tests every case passes and coverage is complete"
in_audit test rules --coverage
exit_is 0
out_has "coverage: rules without a failing case: none"
out_has "coverage: rules without a passing case: none"
out_has "3 rules, 3 with tests; 8 cases"
out_has "8 passed, 0 failed"

it "7. the run finds what the page says, where it says, and exits 1"
in_audit run --as-of $ASOF
exit_is 1
out_has "result: FAIL (fail on error: 2 findings at or above it; exit 1)"
out_has "64 rules: 3 failed, 33 passed, 28 skipped, 0 errored"
json run --as-of $ASOF
exit_is 1
count_is ACME-101 2
where_is ACME-101 "risks.csv:2 risks.csv:3"
count_is ACME-102 1
where_is ACME-102 "projects.csv:3"
count_is ACME-001 1
true_that "[ \$(python3 $ROOT/tests/tools/report.py counts $OUT | awk '\$2 != \"skipped\" && \$2 != 0' | wc -l) -eq 3 ]"
in_audit run --as-of $ASOF --only 'ACME-*'
exit_is 1
out_has "3 rules: 3 failed, 0 passed, 0 skipped, 0 errored"

it "8. planning the milestone and waiving R-001 makes the run pass with exit 0"
page append:data/milestones.csv waivers.csv
json run --as-of $ASOF --waivers waivers.csv
exit_is 0
count_is ACME-102 0
count_is ACME-101 2
true_that "python3 -c 'import json,sys; f=[x for x in json.load(open(\"$OUT\"))[\"findings\"] if x[\"rule\"]==\"ACME-101\"]; sys.exit(not (f[0][\"waived\"] and not f[1][\"waived\"]))'"
in_audit run --as-of $ASOF --waivers waivers.csv
exit_is 0
out_has "findings: 0 critical, 0 error, 2 warning, 0 info (1 waived)"
out_has "result: PASS (fail on error: no finding at or above it; exit 0)"

it "8. the waiver expires on 2026-07-31: on 1 August R-001 fails the run again"
in_audit run --as-of 2026-08-01 --waivers waivers.csv --only ACME-101
exit_is 1

it "9. a typo in the rule's metadata stops the run with exit 2 and the rule's file:line"
cp "$W/my-audit/rules/ACME-101.lua" "$TMP/ACME-101.lua"
sed -i 's/^  tables = {"risks"},$/  tabels = {"risks"},/' "$W/my-audit/rules/ACME-101.lua"
in_audit run --as-of $ASOF
exit_is 2
err_has "rules/ACME-101.lua:2: rule ACME-101: unknown field 'tabels' (did you mean 'tables'?)"
in_audit test rules
exit_is 2
err_has "rules/ACME-101.lua:2:"

it "9. a typo in a column name errors the rule with exit 3, its file:line and the CSV row"
cp "$TMP/ACME-101.lua" "$W/my-audit/rules/ACME-101.lua"
sed -i 's/r\.due_date >= ctx\.T/r.due_dat >= ctx.T/' "$W/my-audit/rules/ACME-101.lua"
in_audit run --as-of $ASOF
exit_is 3
out_has "rules/ACME-101.lua:21: table risks has no column 'due_dat'"
out_has "(while checking data/risks.csv:2)"
out_has "result: ERROR (exit 3: 1 rule could not finish; see above)"
in_audit test rules
exit_is 1
out_has "FAIL  ACME-101"

it "10. the monthly sweep rule: lint is clean and its two cases pass"
cp "$TMP/ACME-101.lua" "$W/my-audit/rules/ACME-101.lua"
page data/allocations.csv rules/ACME-103.lua rules/ACME-103_test.lua
in_audit lint rules
exit_is 0
out_has "lint: 4 rules, 8 files: 0 problems"
in_audit test rules
exit_is 0
out_has "4 rules, 4 with tests; 10 cases"
out_has "10 passed, 0 failed"

it "10. the run finds U-01 in July to September and U-02 in June, as warnings (exit 0)"
in_audit run --as-of $ASOF --only ACME-103
exit_is 0
out_has "ACME-103  warning  Nobody is booked beyond capacity in any month  (2 findings)"
json run --as-of $ASOF --only ACME-103
exit_is 0
count_is ACME-103 2
where_is ACME-103 "allocations.csv:2 allocations.csv:4"

it "10. the rule's test fails when the sweep sums by day instead of by month"
sed -i 's/per = "month", limit/per = "day", limit/' "$W/my-audit/rules/ACME-103.lua"
in_audit test rules
exit_is 1
out_has "FAIL  ACME-103"
sed -i 's/per = "day", limit/per = "month", limit/' "$W/my-audit/rules/ACME-103.lua"

it "7-8. every finding line the page shows is printed by the runs"
python3 "$ROOT/tests/tools/doc_files.py" "$DOC" --output | sort -u >"$TMP/shown"
true_that "[ -s $TMP/shown ]"
while IFS= read -r line; do
    grep -qxF -- "$line" "$TMP/all_stdout" && ok || bad "the page shows a finding no run printed: $line"
done <"$TMP/shown"

finish
