#!/bin/sh
# Baselines, waivers and the Markdown and CSV reports (issue 4): findings
# marked new or existing by fingerprint, resolved ones listed, first_seen
# carried forward; waivers that apply, expire, go unused or are malformed;
# --fail-on-new; the CSV reading back to the JSON findings.
. "$(dirname "$0")/lib.sh"

data night1
csv projects.csv <<'CSV'
project_id,name,status,sponsor,manager,business_case
PRJ-1001,Alpha,active,,Bo,BC-1
PRJ-1002,Beta,active,Ann,,BC-2
PRJ-1003,Gamma,active,Ann,Bo,
CSV
N1="$D"
pa run "$N1" --as-of 2026-06-01 --only 'STD-*' -f json -o "$TMP/night1.json"

it "without a baseline every finding is first seen at T and has no baseline mark"
file_has "$TMP/night1.json" '"first_seen": "2026-06-01"'
true_that "! grep -q '\"baseline\":' $TMP/night1.json"

it "a baseline marks findings new or existing, carries first_seen and lists what was resolved"
data night2
csv projects.csv <<'CSV'
project_id,name,status,sponsor,manager,business_case,notes
PRJ-0999,Added,active,Ann,Bo,BC-0,
PRJ-1003,Gamma,active,Ann,Bo,,moved to the top
PRJ-1002,Beta,active,Ann,,BC-2,
PRJ-1001,Alpha,active,Cy,Bo,BC-1,sponsor now named
PRJ-1004,Delta,active,,Bo,BC-4,
CSV
pa run "$D" --as-of 2026-06-08 --only 'STD-*' -f json --baseline "$TMP/night1.json"
exit_is 1
true_that "python3 $ROOT/tests/tools/report_check.py baseline $OUT"
out_has '"new": 1, "existing": 2, "resolved": ['
out_has '"first_seen": "2026-06-01", "baseline": "existing"'
out_has '"first_seen": "2026-06-08", "baseline": "new"'

it "reordered rows and added unrelated rows keep every fingerprint"
true_that "python3 $ROOT/tests/tools/report_check.py same_fingerprints $TMP/night1.json $OUT PRJ-1002 PRJ-1003"

it "--fail-on-new fails only on new findings"
pa run "$D" --as-of 2026-06-08 --only 'STD-002' --baseline "$TMP/night1.json" --fail-on-new -f json
exit_is 1
data night3
csv projects.csv <<'CSV'
project_id,name,status,sponsor,manager,business_case
PRJ-1002,Beta,active,Ann,,BC-2
CSV
pa run "$D" --as-of 2026-06-08 --only 'STD-002' --baseline "$TMP/night1.json" --fail-on-new
exit_is 0
out_has "0 new, 1 existing, 1 resolved"
pa run "$D" --as-of 2026-06-08 --only 'STD-002' --baseline "$TMP/night1.json"
exit_is 1

it "a baseline that is not a report is exit 2 with its position"
echo '{"as_of": "2026-06-01", "findings": [' >"$TMP/broken.json"
pa run "$N1" --as-of 2026-06-08 --baseline "$TMP/broken.json"
exit_is 2
err_has "broken.json: not valid JSON: line 2, column 1"
echo '{"hello": 1}' >"$TMP/other.json"
pa run "$N1" --as-of 2026-06-08 --baseline "$TMP/other.json"
exit_is 2
err_has "not a pmoaudit JSON report"

it "--only does not make the other rules' findings look resolved"
pa run "$N1" --as-of 2026-06-08 --only 'STD-004' -f json --baseline "$TMP/night1.json"
out_has '"resolved": []'

cat >"$TMP/waivers.csv" <<'CSV'
Rule,Key,Fingerprint,Reason,Approved By,Expires
STD-002,PRJ-1001,,Sponsor appointed at the July board,J. Smith (PMO lead),2026-12-31
STD-004,PRJ-1003,,Business case under review,J. Smith,2026-05-31
STD-00*,PRJ-7777,,Nothing matches this,J. Smith,
CSV

it "a waiver in force waives its finding, which no longer fails the run"
pa run "$N1" --as-of 2026-06-01 --only 'STD-002' -f json --waivers "$TMP/waivers.csv"
out_has '"waived": true, "waiver": {"reason": "Sponsor appointed at the July board", "approved_by": "J. Smith (PMO lead)", "expires": "2026-12-31", "line": 2}'
out_has '"waived": 1},'
exit_is 1
printf 'rule,key,reason,approved_by,expires\nSTD-002,PRJ-1001,a,Ann,2026-12-31\nSTD-002,PRJ-1002,b,Ann,2026-12-31\n' >"$TMP/all2.csv"
pa run "$N1" --as-of 2026-06-01 --only 'STD-002' --waivers "$TMP/all2.csv"
exit_is 0
out_has "findings: 0 critical, 0 error, 0 warning, 0 info (2 waived)"

it "an expired waiver stops applying and is reported with its line; an unused one too"
pa run "$N1" --as-of 2026-06-01 --only 'STD-00[24]' --waivers "$TMP/waivers.csv"
out_has "waiver $TMP/waivers.csv:3 expired on 2026-05-31 and no longer applies (1 finding)"
out_has "waiver $TMP/waivers.csv:4 matches no finding (unused)"
err_has "warning: $TMP/waivers.csv:3: waiver expired"
pa run "$N1" --as-of 2026-06-01 --only 'STD-00[24]' -f json --waivers "$TMP/waivers.csv"
out_has '"state": "applied", "matched": 1'
out_has '"state": "expired", "matched": 1'
out_has '"state": "unused", "matched": 0'

it "a waiver by fingerprint applies"
fp=$(python3 -c 'import json,sys; print([f["fingerprint"] for f in json.load(open(sys.argv[1]))["findings"] if f["rule"]=="STD-004"][0])' "$TMP/night1.json")
printf 'fingerprint,reason,approved_by,expires\n%s,accepted,Ann,2027-01-01\n' "$fp" >"$TMP/fp.csv"
pa run "$N1" --as-of 2026-06-01 --only STD-004 -f json --waivers "$TMP/fp.csv" --fail-on warning
exit_is 0
out_has '"waived": true'

it "a malformed waiver file is exit 2 with file:line"
printf 'rule,key,reason,approved_by,expires\nSTD-002,PRJ-1001,,Ann,2026-12-31\n' >"$TMP/w1.csv"
pa run "$N1" --as-of 2026-06-01 --waivers "$TMP/w1.csv"
exit_is 2
err_has "w1.csv:2: the reason is empty"
printf 'rule,key,reason,approved_by,expires\nSTD-002,PRJ-1001,ok,Ann,31/12/2026\n' >"$TMP/w2.csv"
pa run "$N1" --as-of 2026-06-01 --waivers "$TMP/w2.csv"
exit_is 2
err_has "w2.csv:2: expires is not a date YYYY-MM-DD"
printf 'rule,reason\nSTD-002,ok\n' >"$TMP/w3.csv"
pa run "$N1" --as-of 2026-06-01 --waivers "$TMP/w3.csv"
exit_is 2
err_has "w3.csv:1: a waiver file needs the columns"
pa run "$N1" --as-of 2026-06-01 --waivers "$TMP/none.csv"
exit_is 2
err_has "none.csv: cannot read the waivers"

it "the CSV report reads back to the JSON findings, field for field"
pa run "$ROOT/samples" --as-of $ASOF -f json,csv -o "$TMP/both" --waivers "$TMP/waivers.csv" --baseline "$TMP/night1.json"
true_that "python3 $ROOT/tests/tools/report_check.py csv_equals_json $TMP/both/report.csv $TMP/both/report.json"

it "the Markdown summary has the verdict, the counts, the failing rules and top findings, capped"
pa run "$ROOT/samples" --as-of $ASOF -f md
exit_is 1
out_has "## ❌ pmoaudit: FAIL"
out_has "| critical | error | warning | info | waived |"
out_has "### Rules that failed"
out_has '| `STD-003` | error | Projects in execution or closing have an approved charter | 2 |'
out_has "### Top findings"
out_has "more findings: see the full report"
python3 "$ROOT/samples/gen_portfolio.py" --tasks 20000 --out "$TMP/big" --seed 5 >/dev/null
pa run "$TMP/big" --as-of $ASOF -f md
true_that "[ \$(wc -c <$OUT) -lt 61000 ]"

it "with a baseline, the Markdown summary lists the new findings first, with project and file:line, the rest folded"
pa run "$ROOT/samples" --as-of $ASOF -f md --baseline "$ROOT/docs/examples/baseline-2026-06-23.json"
exit_is 1
python3 - "$OUT" >"$TMP/order" <<'PY'
import sys
text = open(sys.argv[1], encoding="utf-8").read()
marks = ["### New since the baseline of 2026-06-23", "16 findings of the baseline are resolved.",
         "<details><summary>All findings: 56 failing rules, top findings</summary>", "### Rules that failed",
         "### Top findings", "</details>"]
at = [text.find(m) for m in marks]
print("ok" if -1 not in at and at == sorted(at) else f"order {at}")
new = [l for l in text.split("### Rules that failed")[0].splitlines() if l.startswith("| error") or l.startswith("| warning")]
print(len(new))
PY
true_that "[ \"\$(cat $TMP/order)\" = \"\$(printf 'ok\n8')\" ]" || cat "$TMP/order"
out_has '| error | `SCH-001` | PRJ-1003 | `'"$ROOT"'/samples/milestones.csv:21` | milestone M-0020 of project PRJ-1003 was due 2026-06-29 (forecast) and is not achieved: 1 day late at 2026-06-30 |'
out_has '| warning | `SCH-020` | PRJ-1002 | `'"$ROOT"'/samples/projects.csv:3` | project PRJ-1002: BEI 0.90 &lt; 0.95'

it "more new findings than a comment can hold: the first 100, most severe first, and how many are left out"
pa run "$TMP/big" --as-of $ASOF -f json -o "$TMP/big-base.json" --only 'STD-*' -q
pa run "$TMP/big" --as-of $ASOF -f md,json -o "$TMP/bignew" --baseline "$TMP/big-base.json"
python3 - "$TMP/bignew/report.md" "$TMP/bignew/report.json" >"$TMP/newcount" <<'PY'
import json, re, sys
text = open(sys.argv[1], encoding="utf-8").read()
new = sum(1 for f in json.load(open(sys.argv[2]))["findings"] if f.get("baseline") == "new" and not f["waived"])
head = text.split("### New since")[1].split("<details>")[0]
rows = [l for l in head.splitlines() if re.match(r"\| (critical|error|warning|info) \| `", l)]
m = re.search(r"_(\d+) more new findings not listed", head)
sev = [l.split(" | ")[0][2:] for l in rows]
order = ["critical", "error", "warning", "info"]
print(len(rows), sev == sorted(sev, key=order.index), new > 100 and len(rows) + int(m.group(1)) == new)
PY
true_that "[ \"\$(cat $TMP/newcount)\" = '100 True True' ]" || cat "$TMP/newcount"

it "reports are byte-identical between runs in every deterministic format"
pa run "$ROOT/samples" --as-of $ASOF -f json,csv,md,text -o "$TMP/r1"
pa run "$ROOT/samples" --as-of $ASOF -f json,csv,md,text -o "$TMP/r2" -j 1
true_that "diff -r $TMP/r1 $TMP/r2 >/dev/null"

it "progress is drawn on a terminal only, and --no-progress turns it off"
python3 "$ROOT/samples/gen_portfolio.py" --tasks 150000 --out "$TMP/mid" --seed 2 >/dev/null
if command -v script >/dev/null 2>&1; then
    script -qec "$PA run $TMP/mid --as-of $ASOF -f json -o $TMP/p.json -j 1" /dev/null >"$TMP/tty.txt" 2>&1
    true_that "grep -aq 'loading .*tasks.csv: [0-9]* rows ([0-9]* rows/s)' $TMP/tty.txt"
    script -qec "$PA run $TMP/mid --as-of $ASOF -f json -o $TMP/p.json --no-progress" /dev/null >"$TMP/tty2.txt" 2>&1
    true_that "! grep -aq 'rows/s' $TMP/tty2.txt"
fi
pa run "$TMP/mid" --as-of $ASOF -f json -o "$TMP/p.json"
true_that "! grep -aq 'rows/s' $ERR"

finish
