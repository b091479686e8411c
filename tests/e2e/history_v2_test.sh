#!/bin/sh
# The history's schema version 2 (docs/history.md): a finding the previous
# run had writes no new rows (its streak and, while its content is the
# same, its detail are reused); a changed one writes one detail row; one
# that comes back after being resolved starts a new streak marked
# reopened; `finding` is a view with version 1's columns; prune leaves no
# streak or detail that no run lists, and reopened stays right; a damaged
# run list is exit 2 with a clear message; a version 1 file (made by the
# last build that wrote version 1) migrates and answers as before.
. "$(dirname "$0")/lib.sh"

H="$TMP/v2.db"
# sql QUERY: the rows of a query on $H, one a line, cells joined by "|"
sql() { python3 -c 'import sqlite3,sys
for r in sqlite3.connect(sys.argv[1]).execute(sys.argv[2]): print("|".join("" if c is None else str(c) for c in r))' "$H" "$1"; }
HEAD="project_id,name,status,phase,sponsor,manager,start_date,planned_finish,charter_approved,business_case"
P1_BAD="PRJ-1,One,active,execution,,Bo Chan,2026-01-05,2026-12-18,yes,BC-1"
P1_OK="PRJ-1,One,active,execution,Ann Lee,Bo Chan,2026-01-05,2026-12-18,yes,BC-1"
P2_BAD="PRJ-2,Two,active,execution,Ann Lee,,2026-01-05,2026-12-18,yes,BC-2"
P3_OK="PRJ-3,Three,active,execution,Ann Lee,Bo Chan,2026-01-05,2026-12-18,yes,BC-3"
data night
# night DAY ROWS...: projects.csv of the rows, then the run of 2026-03-DAY
night() {
    day=$1
    shift
    printf '%s\n' "$HEAD" "$@" >"$D/projects.csv"
    pa run "$D" --as-of "2026-03-$day" --only STD-002 --history "$H" -f json -o "$TMP/night$day.json"
}
# fp KEY: the fingerprint of PRJ-KEY's finding in the last night's report
fp() { python3 -c 'import json,sys
print([f["fingerprint"] for f in json.load(open(sys.argv[1]))["findings"] if f["key"] == sys.argv[2]][0])' \
    "$TMP/night$day.json" "$1"; }

it "the first run writes a streak and a detail per finding"
night 01 "$P1_BAD" "$P2_BAD" "$P3_OK"
exit_is 1
true_that "[ '$(sql 'SELECT (SELECT count(*) FROM streak), (SELECT count(*) FROM detail), (SELECT count(*) FROM run_list)')' = '2|2|1' ]"
FP1=$(fp PRJ-1)
FP2=$(fp PRJ-2)

it "a second run with the same findings adds its list and no streak or detail"
night 02 "$P1_BAD" "$P2_BAD" "$P3_OK"
exit_is 1
true_that "[ '$(sql 'SELECT (SELECT count(*) FROM streak), (SELECT count(*) FROM detail), (SELECT count(*) FROM run_list)')' = '2|2|2' ]"
true_that "[ '$(sql "SELECT items FROM run_list WHERE run_id = 1")' = '$(sql "SELECT items FROM run_list WHERE run_id = 2")' ]"

it "a finding whose content changed (its row moved down a line) adds exactly one detail, no streak"
night 03 "$P1_BAD" "$P3_OK" "$P2_BAD"
exit_is 1
true_that "[ '$(sql 'SELECT (SELECT count(*) FROM streak), (SELECT count(*) FROM detail)')' = '2|3' ]"
true_that "[ '$(sql "SELECT line, first_seen, baseline FROM finding WHERE run_id = 3 AND fingerprint = '$FP2'")' = '4|2026-03-01|existing' ]"

it "a resolved finding that comes back starts a new streak, born reopened, first_seen this run"
night 04 "$P1_OK" "$P3_OK" "$P2_BAD"
exit_is 1
night 05 "$P1_BAD" "$P3_OK" "$P2_BAD"
exit_is 1
true_that "[ '$(sql "SELECT count(*), max(first_seen), max(born) FROM streak WHERE fingerprint = '$FP1'")' = '2|2026-03-05|reopened' ]"
true_that "[ '$(sql "SELECT baseline, first_seen FROM finding WHERE run_id = 5 AND fingerprint = '$FP1'")' = 'reopened|2026-03-05' ]"
file_has "$TMP/night05.json" '"new": 1, "existing": 1, "reopened": 1, "resolved": []'

it "finding is a view with the columns of schema version 1"
true_that "[ '$(sql "SELECT type FROM sqlite_master WHERE name = 'finding'")' = view ]"
true_that "[ '$(sql "SELECT group_concat(name, ',') FROM pragma_table_info('finding')")' = 'run_id,seq,fingerprint,rule,severity,table_name,key,project_id,owner,projects,file,line,column_name,value,message,disc,first_seen,baseline,waived,waiver_reason,waiver_by,waiver_expires,waiver_file,waiver_line' ]"
true_that "[ '$(sql "SELECT group_concat(run_id || ':' || seq || ':' || coalesce(baseline, '-'), ' ') FROM finding")' = '1:0:- 1:1:- 2:0:existing 2:1:existing 3:0:existing 3:1:existing 4:0:existing 5:0:reopened 5:1:existing' ]"

it "prune drops the streaks and details no run lists; a kept streak starts at its oldest run left"
pa history show 4 -f csv --history "$H"
cp "$OUT" "$TMP/show4.before"
pa history prune --keep 2 --history "$H"
exit_is 0
out_has "pruned 3 runs; 2 left"
LISTED="SELECT json_extract(j.value, '\$[0]') AS s, json_extract(j.value, '\$[1]') AS d FROM run_list, json_each(items) j"
true_that "[ '$(sql "SELECT (SELECT count(*) FROM streak WHERE id NOT IN (SELECT s FROM ($LISTED))), (SELECT count(*) FROM detail WHERE id NOT IN (SELECT d FROM ($LISTED))), (SELECT count(*) FROM streak), (SELECT count(*) FROM detail)")' = '0|0|2|2' ]"
true_that "[ '$(sql "SELECT first_run, first_seen FROM streak WHERE fingerprint = '$FP2'")' = '4|2026-03-01' ]"
pa history show 4 -f csv --history "$H"
true_that "cmp -s '$OUT' '$TMP/show4.before'"

it "after prune, a finding resolved and back is reopened against the runs left"
night 06 "$P1_OK" "$P3_OK" "$P2_BAD"
night 07 "$P1_BAD" "$P3_OK" "$P2_BAD"
exit_is 1
file_has "$TMP/night07.json" '"new": 1, "existing": 1, "reopened": 1, "resolved": []'

it "a damaged run list is exit 2 with a clear message, not a crash"
cp "$H" "$TMP/damaged.db"
python3 -c "import sqlite3; c = sqlite3.connect('$TMP/damaged.db'); c.execute(\"UPDATE run_list SET items = '[[1,2,3],[4' WHERE run_id = 7\"); c.commit()"
pa run "$D" --as-of 2026-03-08 --only STD-002 --history "$TMP/damaged.db" -f json
exit_is 2
err_has "$TMP/damaged.db: run 7: a run's finding list (run_list.items) is not a JSON array of [streak, detail, hash]; the history is damaged"
pa history prune --keep 1 --history "$TMP/damaged.db"
exit_is 2
err_has "the history is damaged"

V1="$FIX/history_v1"
it "a schema version 1 history migrates: list, show, diff, trend and export answer as before"
cp "$V1/v1.db" "$TMP/v1.db"
for q in "list.csv:list -f csv" "show3.json:show 3 -f json" "diff25.csv:diff 2 5 -f csv" "diff34.csv:diff 3 4 -f csv" \
    "trend.csv:trend -f csv" "export5.json:export 5 -f json"; do
    # shellcheck disable=SC2086
    pa history ${q#*:} --history "$TMP/v1.db"
    exit_is 0
    true_that "cmp -s '$OUT' '$V1/${q%%:*}' || { diff '$OUT' '$V1/${q%%:*}' | head -5; false; }"
done
pa history trend --project 'PRJ-100*' --rule 'STD-00[23]' -f csv --history "$TMP/v1.db"
true_that "cmp -s '$OUT' '$V1/trend_f.csv'"
H="$TMP/v1.db"
true_that "[ '$(sql 'PRAGMA user_version')' = 2 ]"
true_that "[ '$(sql "SELECT count(*) FROM streak WHERE born = 'reopened'")' -ge 5 ]"

it "the night after the migration marks new, existing, reopened and resolved as before"
mkdir -p "$TMP/days"
python3 "$ROOT/tests/tools/history_nightly.py" gen "$TMP/days" 7
data v1night
cp "$TMP/days/6.csv" "$D/projects.csv"
python3 -c "import sqlite3; c = sqlite3.connect('$TMP/v1.db'); c.execute(\"UPDATE run SET data_dir = '$D'\"); c.commit()"
pa run "$D" --as-of 2026-03-07 --only STD-002,STD-003,STD-004 --history "$TMP/v1.db" -f json -o "$TMP/next.json"
exit_is 1
CODE=0
python3 - "$TMP/next.json" "$V1/next.json" >"$OUT" 2>&1 <<'PY' || CODE=$?
import json, sys
got, want = (json.load(open(p)) for p in sys.argv[1:3])
def marks(r):
    return sorted((f["fingerprint"], f["baseline"], f.get("reopened", False), f["first_seen"], f["severity"])
                  for f in r["findings"])
def base(r):
    b = r["baseline"]
    return (b["as_of"], b["new"], b["existing"], b["reopened"], sorted(x["fingerprint"] for x in b["resolved"]))
assert marks(got) == marks(want), "marks differ"
assert base(got) == base(want), "baseline differs: %r %r" % (base(got), base(want))
print("same: %d findings, %d reopened" % (len(got["findings"]), got["baseline"]["reopened"]))
PY
exit_is 0
out_has "same: 62 findings, 10 reopened"

finish
