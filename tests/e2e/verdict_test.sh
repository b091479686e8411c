#!/bin/sh
# Verdicts you can trust (issue 16, docs/verdicts.md): no cap, filter or
# format changes a count or a pass/fail. Counts and exit codes cover every
# finding in scope, listed or not; --project scopes findings before
# --max-findings caps a rule's list; a cut list says how much it left out;
# nothing passes by accident (no rule selected, an empty or shrunk table);
# the banner names the gate that was applied, and --fail-on never is NOT
# GATED rather than PASS. Each reproduction of the issue is one case here.
. "$(dirname "$0")/lib.sh"

S="$ROOT/samples"

# ---- caps never change a count or a verdict --------------------------------

it "gate PRJ-1027 G1 is BLOCKED, and --max-findings 1 does not make it PASS"
pa gate PRJ-1027 G1 "$S" --as-of $ASOF
exit_is 1
out_has "gate G1 for PRJ-1027: BLOCKED (blocking critical, error)"
out_has "1 blocking, 0 waived, 0 not blocking; exit 1"
cp "$OUT" "$TMP/gate-uncapped.txt"
pa gate PRJ-1027 G1 "$S" --as-of $ASOF --max-findings 1
exit_is 1
true_that "cmp -s $OUT $TMP/gate-uncapped.txt"
pa gate PRJ-1027 G1 "$S" --as-of $ASOF --max-findings 1 -f json
exit_is 1
out_has '"verdict": "BLOCKED"'
out_has '"blocking": 1, "waived": 0, "not_blocking": 0}'

it "run --project: a rule with 3 findings of the project shows 3 under --max-findings 1, and says 2 are not listed"
pa run "$S" --as-of $ASOF --project PRJ-1002 --max-findings 1 --no-color
exit_is 1
out_has "SCH-016  error  Open tasks have no negative total float  (3 findings)"
out_has "  samples/tasks.csv:58  T00057  task T00057 of project PRJ-1002 has total float -3 days < 0
  ... and 2 more not listed in any report (past --max-findings 1: raise it to list them)"
out_has "findings: 0 critical, 10 error, 7 warning, 0 info"
out_has "note: 6 findings past --max-findings are counted above but not listed"
out_has "result: FAIL (fail on error: 10 findings at or above it; exit 1)"
pa run "$S" --as-of $ASOF --project PRJ-1002 --no-color
out_has "findings: 0 critical, 10 error, 7 warning, 0 info"
out_lacks "not listed"

it "JUnit under a cap: the rule fails as without it, and its note tells listed from unlisted findings"
pa run "$S" --as-of $ASOF --only DAT-001 --max-findings 1 -f junit
exit_is 1
out_has '<testsuites name="pmoaudit" tests="1" failures="1"'
out_has "... and 16 more findings (0 in -f json; 16 past --max-findings, counted but not listed anywhere)"
pa run "$S" --as-of $ASOF --only DAT-001 -f junit
out_lacks "more findings"

it "scoping comes before the cap: the first findings of other projects do not take the listed places"
pa run "$S" --as-of $ASOF --project PRJ-1030 --max-findings 2 -f json --only DAT-001
exit_is 1
count_is DAT-001 2
out_has '"status": "failed", "findings": 3, "not_listed": 1, "message": "3 findings: the first 2 are listed, 1 more not listed (raise --max-findings to list them)"}'
out_has '"findings": {"critical": 0, "error": 3, "warning": 0, "info": 0}, "waived": 0, "not_listed": 1},'
true_that "python3 -c 'import json,sys; d=json.load(open(\"$OUT\")); sys.exit(not all(f[\"project_id\"] == \"PRJ-1030\" for f in d[\"findings\"]))'"

it "every format counts the same under a cap as without one: text, JSON, Markdown, HTML, SARIF; CSV says what it cut"
# (HTML: the rows of the projects in projects.csv; a finding past the cap
# that names an id outside it is counted in a line under the table)
for cap in "" "--max-findings 1"; do
    n=${cap:+capped}
    # shellcheck disable=SC2086
    pa run "$S" --as-of $ASOF $cap -f text,json,md,html,sarif,csv -o "$TMP/all${n:-full}"
    exit_is 1
done
for d in allfull allcapped; do
    python3 - "$TMP/$d" "$S/projects.csv" >"$TMP/$d.counts" <<'PY'
import csv, json, re, sys
d = sys.argv[1]
ids = {r[0].strip() for r in list(csv.reader(open(sys.argv[2], encoding="utf-8-sig")))[1:] if r}  # "Project ID"
j = json.load(open(d + "/report.json"))
print("json", json.dumps(j["summary"]["findings"]), [(r["id"], r["findings"]) for r in j["rules"]])
print("sarif", json.dumps(json.load(open(d + "/report.sarif"))["runs"][0]["properties"]["summary"]["findings"]))
txt = open(d + "/report.txt").read()
print("text", re.search(r"^findings: .*$", txt, re.M).group(0), re.findall(r"^(\S+)  \S+  .*\((\d+) findings?\)$", txt, re.M))
md = open(d + "/report.md").read()
print("md", re.search(r"^\| \d+ \| \d+ \| \d+ \| \d+ \| \d+ \|$", md, re.M).group(0),
      re.findall(r"^\| `(\S+)` \| \S+ \| .* \| (\d+)(?: \(\d+ not listed\))? \|$", md, re.M))
html = open(d + "/report.html").read()
print("html", [x for x in re.findall(r'<tr id="p-([^"]+)">.*?<td class="n[^"]*">([\d,]+)</td><td class="n[^"]*">'
                                     r'([\d,]+)</td><td class="n[^"]*">([\d,]+)</td><td class="n[^"]*">([\d,]+)</td>',
                                     html) if x[0] in ids],
      re.findall(r'<div class="card kpi k\d"><div class="v">([\d,]+)</div>', html),
      re.findall(r'<a class="card kpi k\d" [^>]*><div class="v">([\d,]+)</div>', html))
PY
done
true_that "[ -s $TMP/allfull.counts ] && diff -u $TMP/allfull.counts $TMP/allcapped.counts >&2"
file_has "$TMP/allcapped/report.html" '<tr id="p-PRJ-1002">'
file_has "$TMP/allcapped/report.html" '17 findings&nbsp;&rsaquo;</a><small class="nl">8 not listed</small></td></tr>'
file_has "$TMP/allcapped/report.html" '<option value="PRJ-1002" data-more="8">PRJ-1002 &mdash; Mobile Banking App 3.0 (17, 8 not listed)</option>'
file_has "$TMP/allcapped/report.html" 'past <code>--max-findings</code></strong> are counted here but listed in no report.'
file_has "$TMP/allcapped/report.md" '| `SCH-016` | error | Open tasks have no negative total float | 3 (2 not listed) |'
file_has "$TMP/allcapped/report.sarif" '"waived": 0, "not_listed": 105}' # 161 findings of 56 failed rules, one listed each
# CSV: the findings, then one row per rule whose list was cut, with no fingerprint and no severity
file_has "$TMP/allcapped/report.csv" 'SCH-016,,,,,,,,,,,"2 more findings of SCH-016 past --max-findings (2 error): counted, not listed",,,,,,,,,'
true_that "[ \"\$(grep -c 'past --max-findings (' $TMP/allcapped/report.csv)\" = 42 ] && ! grep -q 'past --max-findings (' $TMP/allfull/report.csv"
for d in allfull allcapped; do
    true_that "python3 $ROOT/tests/tools/report_check.py csv_equals_json $TMP/$d/report.csv $TMP/$d/report.json"
done

it "the HTML report has no listing limit of its own: every project's drill-down has all its findings"
data many
python3 - "$D/projects.csv" <<'PY'
import sys
with open(sys.argv[1], "w") as f:
    f.write("project_id,name,status\n")
    for p in ("PRJ-1", "PRJ-2", "PRJ-3"):
        for i in range(100):
            f.write("%s,n,active\n" % p)
PY
cat >"$TMP/ROW.lua" <<'LUA'
rule {
  id = "ROW", title = "one finding per row", severity = "error", domain = "STD",
  tables = {"projects"}, each = "projects", doc = "verdict test",
  check = function(p, ctx) ctx.report{row = p, message = "row", id = tostring(ctx.rule)} end,
}
LUA
pa run "$D" --as-of $ASOF --no-builtin -r "$TMP/ROW.lua" -f html,json -o "$TMP/rows"
exit_is 1
file_has "$TMP/rows/report.html" '<td class="n">100</td><td class="n z">0</td><td class="n z">0</td><td class="n z">0</td><td class="go" data-v="100"><a href="#findings" data-p="PRJ-3">100 findings&nbsp;&rsaquo;</a></td></tr>'
file_has "$TMP/rows/report.html" '<option value="PRJ-3">PRJ-3 &mdash; n (100)</option>'
file_has "$TMP/rows/report.html" '<span>300 findings</span>'
true_that '! grep -q "class=\"nl\"\|data-more=" "$TMP/rows/report.html"'
true_that 'python3 "$ROOT/tests/tools/html_check.py" data "$TMP/rows/report.html" "$TMP/rows/report.json"'
true_that 'python3 "$ROOT/tests/tools/html_check.py" projects "$TMP/rows/report.html" "$TMP/rows/report.json"'

it "a waived finding past the cap cannot be matched: it counts as unwaived, and the report says so"
data waive
base_projects
cat >"$TMP/THREE.lua" <<'LUA'
rule {
  id = "THREE", title = "three findings on one row", severity = "error", domain = "STD",
  tables = {"projects"}, each = "projects", doc = "verdict test",
  check = function(p, ctx) for i = 1, 3 do ctx.report{row = p, message = "n" .. i, id = tostring(i)} end end,
}
LUA
printf 'rule,key,fingerprint,reason,approved_by,expires\nTHREE,PRJ-1001,,accepted,Ann,2026-12-31\n' >"$TMP/w3.csv"
pa run "$D" --as-of $ASOF --no-builtin -r "$TMP/THREE.lua" --waivers "$TMP/w3.csv" --no-color
exit_is 0
out_has "findings: 0 critical, 0 error, 0 warning, 0 info (3 waived)"
pa run "$D" --as-of $ASOF --no-builtin -r "$TMP/THREE.lua" --waivers "$TMP/w3.csv" --max-findings 1 --no-color
exit_is 1
out_has "findings: 0 critical, 2 error, 0 warning, 0 info (1 waived)"
out_has "note: 2 findings past --max-findings are counted above but not listed; no waiver or baseline can match them, so they count as unwaived and new"
out_has "result: FAIL (fail on error: 2 findings at or above it; exit 1)"

it "a report() that names no such column errors the rule past the cap and outside the scope too (exit 3)"
data badcol
csv projects.csv <<'CSV'
project_id,name,status
PRJ-1001,Alpha,active
PRJ-1002,Beta,active
CSV
cat >"$TMP/BADCOL.lua" <<'LUA'
rule {
  id = "BADCOL", title = "a wrong column on the last row", severity = "warning", domain = "STD",
  tables = {"projects"}, each = "projects", doc = "verdict test",
  check = function(p, ctx) ctx.report(p, p.project_id == "PRJ-1002" and "nope" or "name", "m") end,
}
LUA
for opts in "" "--max-findings 1" "--project PRJ-1001"; do
    # shellcheck disable=SC2086
    pa run "$D" --as-of $ASOF --no-builtin -r "$TMP/BADCOL.lua" $opts -f json
    exit_is 3
    status_is BADCOL errored
done

# ---- nothing passes by accident ---------------------------------------------

it "--skip 'STD-*' --only STD-001 selects no rule: exit 2 naming the filters, no report"
pa run "$S" --as-of $ASOF --skip 'STD-*' --only STD-001
exit_is 2
err_has "pmoaudit: no rule to run: --only STD-001 and --skip STD-* leave none of the 61 rules loaded (see \`pmoaudit list\`)"
true_that "[ ! -s $OUT ]"
pa run "$S" --as-of $ASOF --skip '*'
exit_is 2
err_has "pmoaudit: no rule to run: --skip * leaves none of the 61 rules loaded (see \`pmoaudit list\`)"
pa run "$S" --as-of $ASOF --no-builtin
exit_is 2
err_has "pmoaudit: no rule to run: --no-builtin and no rule file or folder (-r)"
pa gate PRJ-1027 G1 "$S" --as-of $ASOF --skip '*'
exit_is 2
err_has "pmoaudit: no rule to run: --skip * leaves none of the rules that guard gate G1 (see \`pmoaudit list\`)"

it "a header-only projects.csv (a truncated export) is a DAT-006 error, not PASS with projects 0"
data empty
head -1 "$S/projects.csv" >"$D/projects.csv"
pa run "$D" --as-of $ASOF --no-color
exit_is 1
out_has "data: 1 tables, 0 rows (projects 0)"
out_has "DAT-006  error  Tables present have data rows  (1 finding)
  $D/projects.csv:1  projects  table projects has no data rows, only a header: an empty or truncated export, so every rule that reads projects judges nothing"
out_has "result: FAIL (fail on error: 1 finding at or above it; exit 1)"

it "an empty table is about every project: it counts in a --project scope and blocks a gate"
data tasks0
cp "$S"/*.csv "$D/"
head -1 "$S/tasks.csv" >"$D/tasks.csv"
pa run "$D" --as-of $ASOF --project PRJ-1002 --only DAT-006 -f json
exit_is 1
count_is DAT-006 1
pa gate PRJ-1001 G1 "$D" --as-of $ASOF
exit_is 1
out_has "blocking (1):
  DAT-006  error    $D/tasks.csv:1  table tasks has no data rows, only a header: an empty or truncated export, so every rule that reads tasks judges nothing"

it "with --baseline, a table that lost more than half its rows is a DAT-007 warning; max_drop is a param"
data shrink
cp "$S"/*.csv "$D/"
pa run "$D" --as-of $ASOF -f json -o "$TMP/base.json"
exit_is 1
head -100 "$S/milestones.csv" >"$D/milestones.csv"
head -300 "$S/tasks.csv" >"$D/tasks.csv"
pa run "$D" --as-of $ASOF --baseline "$TMP/base.json" --only DAT-007 --no-color
exit_is 0
out_has "DAT-007  warning  Tables did not shrink since the baseline  (1 finding)
  $D/milestones.csv:1  milestones  new  table milestones fell from 209 rows in the baseline of 2026-06-30 to 99: 52% fewer, more than max_drop = 0.5 allows; a truncated export?"
out_has "result: PASS (fail on error: no finding at or above it; exit 0)"
pa run "$D" --as-of $ASOF --baseline "$TMP/base.json" --only DAT-007 --fail-on warning -f json
exit_is 1
count_is DAT-007 1
pa run "$D" --as-of $ASOF --baseline "$TMP/base.json" --only DAT-007 --set DAT-007.max_drop=0.25 -f json
count_is DAT-007 2
pa run "$D" --as-of $ASOF --baseline "$TMP/base.json" --only DAT-007 --set DAT-007.max_drop=0.6 -f json
exit_is 0
status_is DAT-007 passed
pa run "$D" --as-of $ASOF --baseline "$TMP/base.json" --only DAT-007 --set DAT-007.max_drop=1.5
exit_is 2
err_has "pmoaudit: DAT-007.max_drop = 1.5: expected a share between 0 and 1 (0.5 = half the rows)"

it "without a baseline DAT-007 has nothing to compare with: skipped, never passed"
pa run "$S" --as-of $ASOF --only DAT-007 -f json
exit_is 0
status_is DAT-007 skipped
out_has '"message": "no baseline: DAT-007 compares row counts with those of an earlier run (--baseline)"'
printf '{"as_of": "2026-06-23", "findings": []}\n' >"$TMP/bare.json"
pa run "$S" --as-of $ASOF --only DAT-007 --baseline "$TMP/bare.json" -f json
exit_is 0
status_is DAT-007 skipped
out_has '"message": "the baseline records no row counts (data.tables): give the report.json of an earlier pmoaudit run"'

# ---- the banner names the gate that was applied ----------------------------

it "--fail-on never: NOT GATED in text, Markdown and HTML, never a green PASS beside the errors"
pa run "$S" --as-of $ASOF --fail-on never -f text,md,html,json -o "$TMP/never"
exit_is 0
file_has "$TMP/never/report.txt" "result: NOT GATED (fail on never: 161 findings, none fails the run; exit 0)"
file_has "$TMP/never/report.md" "## ⚪ pmoaudit: NOT GATED (fail on never)"
file_has "$TMP/never/report.html" '<div class="verdict v-none">NOT GATED<small>fail on never &middot; 161 findings do not fail the run &middot; exit 0</small></div>'
true_that "! grep -q 'class=\"verdict v-pass\|✅' $TMP/never/report.html $TMP/never/report.md"
pa gate PRJ-1027 G1 "$S" --as-of $ASOF --fail-on never -f json
exit_is 0
out_has '"verdict": "NOT GATED", "block": []'
pa gate PRJ-1027 G1 "$S" --as-of $ASOF --fail-on never
out_has "gate G1 for PRJ-1027: NOT GATED (fail on never)"

it "FAIL and PASS name the threshold they were judged by"
pa run "$S" --as-of $ASOF -f text,md,html -o "$TMP/dflt"
exit_is 1
file_has "$TMP/dflt/report.txt" "result: FAIL (fail on error: 91 findings at or above it; exit 1)"
file_has "$TMP/dflt/report.md" "## ❌ pmoaudit: FAIL (fail on error)"
file_has "$TMP/dflt/report.html" '<div class="verdict v-fail">FAIL<small>fail on error &middot; 91 findings at or above it &middot; exit 1</small></div>'
pa run "$S" --as-of $ASOF --fail-on critical -f text,md,html -o "$TMP/crit"
exit_is 0
file_has "$TMP/crit/report.txt" "result: PASS (fail on critical: no finding at or above it; exit 0)"
file_has "$TMP/crit/report.md" "## ✅ pmoaudit: PASS (fail on critical)"
file_has "$TMP/crit/report.html" '<div class="verdict v-pass">PASS<small>fail on critical &middot; no finding at or above it &middot; exit 0</small></div>'
pa gate PRJ-1027 G1 "$S" --as-of $ASOF -f md
out_has "## ❌ Gate G1 for PRJ-1027: BLOCKED (blocking critical, error)"

it "--fail-on-new names new findings in the banner and counts only them"
pa run "$S" --as-of $ASOF -f json -o "$TMP/samples.json"
pa run "$S" --as-of $ASOF --baseline "$TMP/samples.json" --fail-on-new --no-color
exit_is 0
out_has "result: PASS (fail on new error: no finding at or above it; exit 0)"

finish
