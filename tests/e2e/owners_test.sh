#!/bin/sh
# Issue 16, points 7 and 8: findings routed to who must act. Each finding
# carries its owner, the manager of its project in projects.csv, in JSON,
# CSV, SARIF and the HTML filters; report.csv has every field of the JSON
# findings (tests/tools/report_check.py csv_equals_json); --split-by
# owner|project writes one report per owner or project, each counting
# exactly its findings (tests/tools/split_check.py), under file names that
# are safe whatever the data says, while the run's exit code stays the
# whole portfolio's.
. "$(dirname "$0")/lib.sh"

TOOLS="$ROOT/tests/tools"
CHECK="python3 $TOOLS/report_check.py"
cd "$ROOT"

# Eleven projects in execution, all but PRJ-1011 without an approved
# charter (STD-003, error). Their managers are trouble for file names: a
# path, a hidden file, a formula, three spellings of one name, the reserved
# "unassigned", a long one, an accented one, one with no ASCII letter; and
# PRJ-1010 has none (STD-002, error). RES-1 is booked 60% on PRJ-1002 and
# 60% on PRJ-1003 at once (RES-001: one finding about both).
data own
csv projects.csv <<'CSV'
project_id,name,status,phase,sponsor,manager,charter_approved,business_case,start_date,planned_finish,budget
PRJ-1001,One,active,execution,Sam,  Bo Chan ,false,BC-1,2026-01-01,2026-12-31,1000
PRJ-1002,Two,active,execution,Sam,Bo/Chan,false,BC-2,2026-01-01,2026-12-31,1000
PRJ-1003,Three,active,execution,Sam,bo chan,false,BC-3,2026-01-01,2026-12-31,1000
PRJ-1004,Four,active,execution,Sam,../../etc/passwd,false,BC-4,2026-01-01,2026-12-31,1000
PRJ-1005,Five,active,execution,Sam,.hidden,false,BC-5,2026-01-01,2026-12-31,1000
PRJ-1006,Six,active,execution,Sam,=cmd|' /C calc'!A0,false,BC-6,2026-01-01,2026-12-31,1000
PRJ-1007,Seven,active,execution,Sam,unassigned,false,BC-7,2026-01-01,2026-12-31,1000
PRJ-1008,Eight,active,execution,Sam,Chloé Dubois,false,BC-8,2026-01-01,2026-12-31,1000
PRJ-1009,Nine,active,execution,Sam,xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx,false,BC-9,2026-01-01,2026-12-31,1000
PRJ-1010,Ten,active,execution,Sam,,false,BC-10,2026-01-01,2026-12-31,1000
PRJ-1011,Eleven,active,execution,Sam,日本,true,BC-11,2026-01-01,2026-12-31,1000
CSV
csv allocations.csv <<'CSV'
resource_id,project_id,start_date,end_date,percent
RES-1,PRJ-1003,2026-03-01,2026-08-31,60
RES-1,PRJ-1002,2026-05-01,2026-09-30,60
CSV
OWN="$D"

it "each finding names its owner: the project's manager, trimmed; null without one"
pa run "$OWN" --as-of $ASOF -f json
exit_is 1
out_has '"rule": "STD-003", "severity": "error", "table": "projects", "key": "PRJ-1001", "project_id": "PRJ-1001", "file":'
out_has '"owner": "Bo Chan", "first_seen"'
out_has '"owner": null, "first_seen"'
out_has '"owner": "bo chan", "projects": ["PRJ-1002", "PRJ-1003"], "first_seen"'
true_that 'python3 -c "
import json, sys
f = json.load(open(sys.argv[1]))[\"findings\"]
sys.exit(0 if all(\"owner\" in x for x in f) and sum(x[\"owner\"] is None for x in f) == 2 else 1)" "$OUT"'

it "report.csv has every field of the JSON findings: projects, owner, blocking, the waiver's line"
# the issue's reproduction: report.csv left out "projects"
pa run "$OWN" --as-of $ASOF -f json,csv -o "$TMP/c1"
exit_is 1
true_that "$CHECK csv_equals_json $TMP/c1/report.csv $TMP/c1/report.json"
file_has "$TMP/c1/report.csv" "rule,severity,table,key,project_id,owner,projects,file,line,column,value,message,fingerprint,first_seen,baseline,waived,blocking,waiver_reason,waiver_approved_by,waiver_expires,waiver_line"
file_has "$TMP/c1/report.csv" ",PRJ-1003,bo chan,PRJ-1002;PRJ-1003,$OWN/allocations.csv,"
file_has "$TMP/c1/report.csv" ",PRJ-1006,'=cmd|' /C calc'!A0,,$OWN/projects.csv,7,"
printf 'rule,key,reason,approved_by,expires\nSTD-003,PRJ-1001,accepted,Ann,2026-12-31\n' >"$TMP/w.csv"
pa gate PRJ-1001 G1 "$ROOT/samples" --as-of $ASOF -f json,csv -o "$TMP/g1"
true_that "$CHECK csv_equals_json $TMP/g1/report.csv $TMP/g1/report.json"
true_that 'python3 -c "
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline=\"\")))
sys.exit(0 if rows and {r[\"blocking\"] for r in rows} <= {\"true\", \"false\"} and any(r[\"blocking\"] == \"true\" for r in rows) else 1)" "$TMP/g1/report.csv"'
pa run "$OWN" --as-of $ASOF -f json,csv -o "$TMP/c2" --waivers "$TMP/w.csv"
true_that "$CHECK csv_equals_json $TMP/c2/report.csv $TMP/c2/report.json"
file_has "$TMP/c2/report.csv" ",true,,accepted,Ann,2026-12-31,2"

it "the owner is in SARIF's result properties and the HTML report's Owner filter"
pa run "$OWN" --as-of $ASOF -f sarif,html -o "$TMP/h1"
file_has "$TMP/h1/report.sarif" '"project_id": "PRJ-1003", "owner": "bo chan", "projects": ["PRJ-1002", "PRJ-1003"],'
file_has "$TMP/h1/report.html" '<label class="f">Owner<select id="f-own"><option value="">All owners</option><option value="../../etc/passwd">../../etc/passwd (1)</option>'
file_has "$TMP/h1/report.html" '<option value="bo chan">bo chan (2)</option>'
file_has "$TMP/h1/report.html" 'data-p="PRJ-1001" data-o="Bo Chan"'

it "--split-by owner: one report per owner under a safe, unique file name; the unassigned ones apart"
pa run "$OWN" --as-of $ASOF -f json,csv,html -o "$TMP/s1" --split-by owner
exit_is 1
err_has "pmoaudit: wrote 11 reports by owner as $TMP/s1/report-NAME.EXT, listed in $TMP/s1/split-index.csv"
true_that '[ "$(cd "$TMP/s1" && ls -A | grep "\.json$" | tr "\n" " ")" = "report-Bo-Chan-2.json report-Bo-Chan.json report-Chloe-Dubois.json report-bo-chan-3.json report-cmd-C-calc-A0.json report-etc-passwd.json report-hidden.json report-unassigned-2.json report-unassigned.json report-unnamed.json report-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx.json report.json " ]'
true_that '[ "$(find "$TMP/s1" -mindepth 1 | grep -c /)" = "$(ls -A "$TMP/s1" | wc -l)" ] && [ -z "$(find "$TMP/s1" -mindepth 1 -type d)" ]'
true_that '[ ! -e "$TMP/etc" ] && [ ! -e "$ROOT/etc" ]'
tool_ok() { if "$@" >"$TMP/tool.out" 2>&1; then ok; else bad "$(head -c 600 "$TMP/tool.out")"; fi; }
tool_ok python3 "$TOOLS/split_check.py" "$OWN" "$TMP/s1/report.json" "$TMP/s1" owner csv html
file_has "$TMP/s1/split-index.csv" "$(printf 'owner,file,projects,critical,error,warning,info,waived,exit_code\r\n,report-unassigned,PRJ-1010,0,2,0,0,0,1\r\n../../etc/passwd,report-etc-passwd,PRJ-1004,0,1,0,0,0,1\r\n')"
file_has "$TMP/s1/split-index.csv" "$(printf "'=cmd|' /C calc'!A0,report-cmd-C-calc-A0,PRJ-1006,0,1,0,0,0,1\r\n")"
file_has "$TMP/s1/split-index.csv" "$(printf 'Bo/Chan,report-Bo-Chan-2,PRJ-1002,0,2,0,0,0,1\r\n')"
file_has "$TMP/s1/split-index.csv" "$(printf 'unassigned,report-unassigned-2,PRJ-1007,0,1,0,0,0,1\r\n')"
file_has "$TMP/s1/split-index.csv" "$(printf '日本,report-unnamed,PRJ-1011,0,0,0,0,0,0\r\n')"
file_has "$TMP/s1/report-Bo-Chan-2.json" '"split": {"by": "owner", "name": "Bo/Chan", "file": "report-Bo-Chan-2", "projects": ["PRJ-1002"]},'
true_that "$CHECK csv_equals_json $TMP/s1/report-bo-chan-3.csv $TMP/s1/report-bo-chan-3.json"
file_has "$TMP/s1/report-Bo-Chan.html" '<dt>Part of the run</dt><dd>owner Bo Chan (1 project; counts and verdict are this part'
true_that 'grep -q "id=\"p-PRJ-1001\"" "$TMP/s1/report-Bo-Chan.html" && ! grep -q "id=\"p-PRJ-1002\"" "$TMP/s1/report-Bo-Chan.html"'

it "a part that passes does not change the run's exit code, and the same input gives the same files"
# 日本's part has no finding: exit code 0 in the index, while the run exits 1
file_has "$TMP/s1/report-unnamed.json" '"findings": {"critical": 0, "error": 0, "warning": 0, "info": 0}, "waived": 0},'
pa run "$OWN" --as-of $ASOF -f json,csv,html -o "$TMP/s2" --split-by owner -j 1
exit_is 1
# (HTML aside: it still states the run's duration)
true_that 'diff -r -x "*.html" "$TMP/s1" "$TMP/s2" >/dev/null && [ "$(ls "$TMP/s1" | wc -l)" = 37 ]'

it "--split-by project: each project's report holds what --project would report about it"
pa run "$ROOT/samples" --as-of $ASOF -f json,md -o "$TMP/p1" --split-by project
exit_is 1
tool_ok python3 "$TOOLS/split_check.py" "$ROOT/samples" "$TMP/p1/report.json" "$TMP/p1" project md
for p in PRJ-1002 PRJ-1012 PRJ-1014; do
    pa run "$ROOT/samples" --as-of $ASOF -f json --project $p
    true_that "python3 -c '
import json, sys
a = json.load(open(sys.argv[1])); b = json.load(open(sys.argv[2]))
same = a[\"findings\"] == b[\"findings\"] and a[\"summary\"] == b[\"summary\"] and a[\"rules\"] == b[\"rules\"]
sys.exit(0 if same and a[\"findings\"] else 1)' $TMP/p1/report-$p.json $OUT"
done
file_has "$TMP/p1/report-PRJ-1012.md" 'Part of the run for project `PRJ-1012` (1 project): the counts and the verdict above are this part'"'"'s; the run'"'"'s exit code is the whole portfolio'"'"'s.'
pa run "$ROOT/samples" --as-of $ASOF -f json -o "$TMP/p2" --split-by project --project 'PRJ-101*'
exit_is 1
true_that '[ "$(cut -d, -f1 "$TMP/p2/split-index.csv" | tr -d "\r" | tr "\n" " ")" = "project  PRJ-1010 PRJ-1011 PRJ-1012 PRJ-1013 PRJ-1014 PRJ-1015 PRJ-1016 PRJ-1017 PRJ-1018 PRJ-1019 " ]'

it "--split-by needs a folder; owner or project only"
pa run "$OWN" --as-of $ASOF -f json --split-by owner
exit_is 2
err_has "pmoaudit: --split-by owner writes one report per owner: give a folder with -o"
pa run "$OWN" --as-of $ASOF -f json -o - --split-by project
exit_is 2
err_has "pmoaudit: --split-by project writes one report per project: give a folder with -o"
: >"$TMP/afile"
pa run "$OWN" --as-of $ASOF -f json -o "$TMP/afile" --split-by owner
exit_is 2
err_has "pmoaudit: -o $TMP/afile: --split-by writes several reports into a folder, and $TMP/afile is a file"
pa run "$OWN" --as-of $ASOF -f json -o "$TMP/x" --split-by manager
exit_is 2
err_has "pmoaudit: --split-by manager: expected owner or project"
printf 'split_by = "manager"\n' >"$TMP/pmoaudit.lua"
pa run "$OWN" --as-of $ASOF -c "$TMP/pmoaudit.lua" -f json -o "$TMP/x"
exit_is 2
err_has "$TMP/pmoaudit.lua:1: 'split_by' must be \"owner\" or \"project\""
printf 'split_by = "owner"\n' >"$TMP/pmoaudit.lua"
pa run "$OWN" --as-of $ASOF -c "$TMP/pmoaudit.lua" -f json -o "$TMP/fromconfig"
exit_is 1
true_that '[ -f "$TMP/fromconfig/report-Bo-Chan.json" ] && [ -f "$TMP/fromconfig/split-index.csv" ]'

finish
