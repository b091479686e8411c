#!/bin/sh
# Primavera P6's XER export read natively (issue 18, point 4): every value
# of a schedule we wrote (tests/fixtures/import/p6xer/bridge.xer, Windows-
# 1252, CRLF, P6's trailing empty fields left out) and of two real P6
# exports (tests/fixtures/import/p6xer-real, SOURCE.md) checked against an
# independent reading in Python (tests/tools/xer_expect.py); the row ledger
# of every XER table; damaged exports stopped at their line and column.
. "$(dirname "$0")/lib.sh"

XER="$FIX/import/p6xer"
ledger_is() { # FILE:PART "read R loaded L [table N ...] | N reason @lines; ..."
    got=$(python3 "$ROOT/tests/tools/report.py" ledger "$OUT" "$1" 2>&1)
    [ "$got" = "$2" ] && ok || bad "ledger of $1: [$got], expected [$2]"
}

# One finding per row of projects, tasks and resources, every column in
# order ('|'-separated; nil is empty, numbers as %.6g).
cat >"$TMP/dump.lua" <<'LUA'
local cols = {
  projects = {"project_id", "name", "status", "start_date", "forecast_finish", "data_date"},
  resources = {"resource_id", "name"},
  tasks = {"task_id", "project_id", "name", "wbs", "start", "finish", "actual_start", "actual_finish",
           "baseline_start", "baseline_finish", "duration_days", "total_float_days", "percent_complete",
           "constraint", "constraint_date", "is_milestone", "is_summary", "predecessors", "resource",
           "activity_status"},
}
for _, t in ipairs({"projects", "tasks", "resources"}) do
  rule { id = "X-" .. t, title = "dump", severity = "info", domain = "X", doc = "d", tables = {t}, each = t,
    check = function(r, ctx)
      local out = {}
      for i, c in ipairs(cols[t]) do
        local v = r[c]
        out[i] = v == nil and "" or type(v) == "number" and string.format("%.6g", v) or tostring(v)
      end
      ctx.report{ row = r, message = t .. " " .. r._line .. "|" .. table.concat(out, "|") }
    end }
end
LUA

# same_rows DIR XERFILE: the rows loaded equal the independent reading.
same_rows() {
    python3 "$ROOT/tests/tools/xer_expect.py" "$2" | sort >"$TMP/want"
    python3 -c '
import json, sys
rep = json.load(open(sys.argv[1]))
for f in rep["findings"]:
    if f["rule"].startswith("X-"):
        print(f["message"])' "$OUT" | sort >"$TMP/got"
    if [ -s "$TMP/want" ] && cmp -s "$TMP/want" "$TMP/got"; then ok; else
        bad "rows differ from the independent read: $(diff "$TMP/want" "$TMP/got" | head -6 | tr '\n' ' ')"; fi
}

# ledger_holds: read = loaded + left out for every entry, and each XER
# table's read is its number of %R rows (independent count).
ledger_holds() {
    python3 - "$OUT" "$1" "$ROOT/tests/tools/xer_expect.py" <<'PY' && ok || bad "the ledger does not add up"
import json, os, subprocess, sys
rep = json.load(open(sys.argv[1]))
want = dict(l.rsplit(" read ", 1) for l in subprocess.run([sys.executable, sys.argv[3], sys.argv[2], "ledger"],
            capture_output=True, text=True).stdout.split("\n") if l)
got = {}
for e in rep["data"]["files"]:
    assert e["read"] == e["loaded"] + sum(x["rows"] for x in e["left_out"]), e
    assert max(e["tables"].values(), default=0) <= e["loaded"], e
    if os.path.basename(e["file"]) == os.path.basename(sys.argv[2]):
        got[e["part"]] = str(e["read"])
assert got == want, (got, want)
PY
}

it "a P6 XER in the data folder is read without a profile: every value as an independent read gives it"
data bridge
cp "$XER/bridge.xer" "$D/"
pa run "$D" --as-of 2026-03-02 -f json --only 'DAT-*,X-*' -r "$TMP/dump.lua"
exit_is 0
count_is DAT-001 0
count_is DAT-002 0
count_is DAT-008 0
count_is DAT-009 0
count_is X-tasks 9
count_is X-projects 2
count_is X-resources 3
same_rows "$D" "$XER/bridge.xer"
ledger_holds "$XER/bridge.xer"

it "the worked example's values (docs/importing.md): hours to days by calendar, lags, percent by type, WBS paths"
out_has '"message": "tasks 33|A1030|BRG-01|Pier deck (night shift)|BRG-01.CON.PIER|2026-02-23|2026-03-13|2026-02-23||2026-02-16|2026-02-27|10|4|25|FNLT|2026-03-20|false|false|A1020:FF-1d|ENG1|In Progress"'
out_has '"message": "tasks 32|A1020|BRG-01|Pier caisson – east (café side)|BRG-01.CON.PIER|2026-01-19|2026-03-13|2026-01-19||2026-01-19|2026-02-13|20|-1.5|40|SNET|2026-01-19|false|false|A1010:SS+2d|ENG1;CRANE|In Progress"'
out_has '"message": "tasks 38|B1010|BRG-02|Surfacing|BRG-02|2026-03-16|2026-03-19|||2026-03-23|2026-03-26|4|2.5|0|MFO|2026-07-31|false|false|B1000:SF+2d||Not Started"'
out_has '"message": "projects 9|BRG-02|Approach Road (Müller)|proposed|2026-03-02|2026-07-31|2026-03-02"'

it "the ledger has one entry per XER table: loaded into the tables each fed, unread tables left out by choice"
ledger_is bridge.xer:TASK "read 9 loaded 9 [tasks 9] | "
ledger_is bridge.xer:PROJWBS "read 7 loaded 6 [projects 2 tasks 6] | 1 a WBS node with no activity under it that is no project's root @25"
ledger_is bridge.xer:TASKPRED "read 7 loaded 7 [tasks 7] | "
ledger_is bridge.xer:TASKRSRC "read 5 loaded 5 [tasks 5] | "
ledger_is bridge.xer:RSRC "read 3 loaded 3 [resources 3] | "
ledger_is bridge.xer:CALENDAR "read 3 loaded 3 [tasks 3] | "
ledger_is bridge.xer:TASKACTV "read 2 loaded 0 [] | 2 table TASKACTV is not read (pmoaudit reads PROJECT, PROJWBS, CALENDAR, SCHEDOPTIONS, TASK, TASKPRED, RSRC and TASKRSRC) @62,63"

it "the text report names each XER table of the file once per table, and counts the file once"
pa run "$D" --as-of 2026-03-02 --only 'DAT-*'
exit_is 0
out_has 'rows: 42 read from 1 file, 37 loaded, 5 left out'
out_has "/bridge.xer (PROJWBS): 7 rows read, 6 loaded (projects 2, tasks 6), 1 left out"

it "--profile p6 reads the XER too (in place of the profile's CSV exports), named .csv or .xer"
data asp6
cp "$XER/bridge.xer" "$D/activities.csv"
pa run "$D" --profile p6 --as-of 2026-03-02 -f json --only 'DAT-*,X-*' -r "$TMP/dump.lua"
exit_is 0
count_is X-tasks 9
same_rows "$D" "$XER/bridge.xer"
ledger_holds "$D/activities.csv"
out_lacks '"part": null'

it "an XER beside the projects.csv it would also fill is an error naming both"
data clash
cp "$XER/bridge.xer" "$D/"
printf 'project_id,name,status\nP1,A,active\n' >"$D/projects.csv"
pa run "$D" --as-of 2026-03-02
exit_is 2
err_has "projects.csv and the P6 export $D/bridge.xer both give table projects: keep one of them in the data directory"

it "another tool's profile does not read XER files"
data jira
cp "$XER/bridge.xer" "$D/"
cp "$FIX/import/jira/Jira.csv" "$D/"
pa run "$D" --profile jira --as-of 2026-03-02 -f json --only 'DAT-*'
exit_is 1
out_has '"file": "'"$D"'/Jira.csv"'
out_lacks 'bridge.xer'

it "inspect says a file is an XER export and shows its mapped rows and its ledger per table"
pa inspect "$XER/bridge.xer"
exit_is 0
out_has "format: Primavera P6 XER export (read natively; see docs/importing.md)"
out_has "first mapped rows of tasks (9 rows):"
out_has "  line 33: task_id=A1030 | project_id=BRG-01 | name=Pier deck (night shift) | wbs=BRG-01.CON.PIER |"
out_has "bridge.xer (TASKPRED): 7 rows read, 7 loaded (tasks 7), 0 left out"
out_lacks "delimiter:"
printf 'ERMHDR\t19.12\n%%T\tA\n' >"$TMP/cut.xer"
pa inspect "$TMP/cut.xer"
exit_is 0
out_has "load error (a run stops with exit 2):"
out_has "cut.xer:2: the export ends at line 2 without its %E line: the file looks truncated"

# --- damaged exports ---------------------------------------------------------------

xer_head() { printf 'ERMHDR\t19.12\t2026-03-02\n%%T\tPROJECT\n%%F\tproj_id\tproj_short_name\n%%R\t1\tP1\n'; }

it "a truncated export (no %E line) stops with the line where it ends"
data trunc
xer_head >"$D/s.xer"
printf '%%T\tTASK\n%%F\ttask_id\tproj_id\ttask_code\n%%R\t7\t1\tA' >>"$D/s.xer"
pa run "$D" --as-of 2026-03-02
exit_is 2
err_has "s.xer:7: the export ends at line 7 without its %E line: the file looks truncated"

it "a %R row before its table's %F line is an error at its line and column"
data rbeforef
printf 'ERMHDR\t19.12\n%%T\tPROJECT\n%%R\t1\tP1\n%%F\tproj_id\tproj_short_name\n%%E\n' >"$D/s.xer"
pa run "$D" --as-of 2026-03-02
exit_is 2
err_has "s.xer:3:1: a %R row before the %F line of table PROJECT (line 2): its fields have no names"

it "an export with activities but no PROJECT table says so"
data noproj
printf 'ERMHDR\t19.12\n%%T\tTASK\n%%F\ttask_id\ttask_code\n%%R\t1\tA1\n%%E\n' >"$D/s.xer"
pa run "$D" --as-of 2026-03-02
exit_is 2
err_has "s.xer: the export has activities (TASK) but no PROJECT table; export the project from P6 again"

it "--max-rows and --max-cell hold per XER table, at the line that passes them"
data limits
{ xer_head; printf '%%R\t2\tP2\n%%R\t3\tP3\n%%E\n'; } >"$D/s.xer"
pa run "$D" --as-of 2026-03-02 --max-rows 2
exit_is 2
err_has "s.xer:6:1: table PROJECT has more than 2 rows (--max-rows)"
pa run "$D" --as-of 2026-03-02 --max-rows 3 -f json --only 'DAT-*'
exit_is 0
{ xer_head; printf '%%R\t2\t%0300d\n%%E\n' 0; } >"$D/s.xer"
pa run "$D" --as-of 2026-03-02 --max-cell 256
exit_is 2
err_has "s.xer:5:6: a field of 300 bytes passes the limit of 256 (--max-cell)"

it "a file named .xer that is not an export says so at 1:1"
data notxer
printf 'project_id,name\nP1,A\n' >"$D/s.xer"
pa run "$D" --as-of 2026-03-02
exit_is 2
err_has "s.xer:1:1: not an XER export: its first line must start with ERMHDR"

it "a line that is no XER marker, and a table named twice, are errors at their line"
data badline
{ xer_head; printf 'hello\n%%E\n'; } >"$D/s.xer"
pa run "$D" --as-of 2026-03-02
exit_is 2
err_has "s.xer:5:1: a line starting 'hello': expected %T, %F, %R or %E"
{ xer_head; printf '%%T\tPROJECT\n%%E\n'; } >"$D/s.xer"
pa run "$D" --as-of 2026-03-02
exit_is 2
err_has "s.xer:5:4: table PROJECT appears a second time (the first %T PROJECT is at line 2)"

it "a byte Windows-1252 does not define, and a NUL byte, are errors at their line and column"
data badbytes
{ xer_head; printf '%%T\tTASK\n%%F\ttask_id\ttask_name\n%%R\t1\tCaf\351 \201\n%%E\n'; } >"$D/s.xer"
pa run "$D" --as-of 2026-03-02
exit_is 2
err_has "s.xer:7:12: byte 0x81 is not valid WINDOWS-1252 text; check the encoding the file was saved in"
{ xer_head; printf '%%T\tTASK\n%%F\ttask_id\ttask_name\n%%R\t1\tA\000B\n%%E\n'; } >"$D/s.xer"
pa run "$D" --as-of 2026-03-02
exit_is 2
err_has "s.xer:7:7: a NUL byte in the line; an XER export is text"

it "rows with more fields than %F, links and assignments to activities the file lacks: left out with DAT-008"
data ragged
{ xer_head; printf '%%T\tTASK\n%%F\ttask_id\tproj_id\ttask_code\ttask_name\n%%R\t7\t1\tA1\tOne\n'
  printf '%%R\t8\t1\tA2\tTwo\tsurplus\n%%R\t9\t1\tA3\n'
  printf '%%T\tTASKPRED\n%%F\ttask_pred_id\ttask_id\tpred_task_id\tpred_type\tlag_hr_cnt\n'
  printf '%%R\t1\t9\t7\tPR_FS\t0\n%%R\t2\t9\t8\tPR_FS\t0\n%%R\t3\t99\t7\tPR_SS\t8\n%%R\t4\t7\t9\tPR_XX\t0\n%%R\t5\t7\t9\tPR_FF\tabc\n'
  printf '%%T\tTASKRSRC\n%%F\ttaskrsrc_id\ttask_id\trsrc_id\n%%R\t1\t7\t\n%%R\t2\t7\t55\n%%E\n'; } >"$D/s.xer"
pa run "$D" --as-of 2026-03-02 -f json --only 'DAT-*,X-*' -r "$TMP/dump.lua"
exit_is 0
count_is X-tasks 2
ledger_is s.xer:TASK "read 3 loaded 2 [tasks 2] | 1 more fields than its table's %F line names [DAT-008] @8"
ledger_is s.xer:TASKPRED "read 5 loaded 1 [tasks 1] | 1 its predecessor (pred_task_id) is not in table TASK [DAT-008] @13; 1 its activity (task_id) is not in table TASK [DAT-008] @14; 1 pred_type is not PR_FS, PR_SS, PR_FF or PR_SF [DAT-008] @15; 1 lag_hr_cnt is not a number [DAT-008] @16"
ledger_is s.xer:TASKRSRC "read 2 loaded 0 [] | 1 no rsrc_id (a role assigned without a resource) [DAT-008] @19; 1 its resource (rsrc_id) is not in table RSRC [DAT-008] @20"
count_is DAT-008 7
out_has "\"message\": \"1 row of $D/s.xer (TASK) left out: more fields than its table's %F line names (line 8)\""
out_has '"message": "tasks 9|A3|P1|||||||||||0|||false|false|A1:FS||"'

it "P6 codes pmoaudit does not know are kept or read as a stated default, with one DAT-009 per value"
data codes
{ printf 'ERMHDR\t19.12\n%%T\tPROJECT\n%%F\tproj_id\tproj_short_name\n%%R\t1\tP1\n'
  printf '%%T\tPROJWBS\n%%F\twbs_id\tproj_id\tproj_node_flag\tstatus_code\twbs_short_name\twbs_name\n%%R\t5\t1\tY\tWS_Odd\tP1\tPilot\n'
  printf '%%T\tTASK\n%%F\ttask_id\tproj_id\ttask_code\tstatus_code\ttask_type\tcstr_type\tcomplete_pct_type\n'
  printf '%%R\t7\t1\tA1\tTK_Paused\tTT_Odd\tCS_Odd\tCP_Odd\n%%R\t8\t1\tA2\tTK_Paused\tTT_Task\t\tCP_Drtn\n%%E\n'; } >"$D/s.xer"
pa run "$D" --as-of 2026-03-02 -f json --only 'DAT-*,X-*' -r "$TMP/dump.lua"
exit_is 0
count_is DAT-009 5
out_has '"message": "\"TK_Paused\" in TASK.status_code is not a P6 code pmoaudit knows: kept as it is in 2 rows (lines 10 and 11)"'
out_has '"message": "\"WS_Odd\" in PROJWBS.status_code is not a P6 code pmoaudit knows: read as \"active\" in 1 row (line 7)"'
out_has '"message": "\"CP_Odd\" in TASK.complete_pct_type is not a P6 code pmoaudit knows: read as \"CP_Drtn\" in 1 row (line 10)"'
out_has '"message": "projects 4|P1|Pilot|active|||"'
out_has '"message": "tasks 10|A1|P1|||||||||||0|CS_Odd||false|false|||TK_Paused"'

it "a UTF-8 export is read as UTF-8; --encoding windows-1252 reads its bytes as code page 1252"
data utf8
printf 'ERMHDR\t19.12\n%%T\tPROJECT\n%%F\tproj_id\tproj_short_name\n%%R\t1\tP1\n%%T\tTASK\n%%F\ttask_id\tproj_id\ttask_code\ttask_name\n%%R\t7\t1\tA1\tCaf\303\251\n%%E\n' >"$D/s.xer"
pa run "$D" --as-of 2026-03-02 -f json --only 'X-*' -r "$TMP/dump.lua"
out_has '"message": "tasks 7|A1|P1|Café|'
pa run "$D" --as-of 2026-03-02 --encoding windows-1252 -f json --only 'X-*' -r "$TMP/dump.lua"
out_has '"message": "tasks 7|A1|P1|CafÃ©|'

# --- real exports --------------------------------------------------------------------

for f in percent-complete-8.4.xer resource-rates-test.xer; do
it "a real P6 export ($f, SOURCE.md): every value as the independent read gives it; the ledger adds up"
data "real-$f"
cp "$FIX/import/p6xer-real/$f" "$D/"
pa run "$D" --as-of 2026-03-02 -f json --only 'DAT-*,X-*' -r "$TMP/dump.lua"
exit_is 0
count_is DAT-001 0
count_is DAT-008 0
same_rows "$D" "$FIX/import/p6xer-real/$f"
ledger_holds "$FIX/import/p6xer-real/$f"
done

it "the real 8.4 export: percent complete by type as P6 shows it (duration 25/75/100, physical as entered)"
data real84
cp "$FIX/import/p6xer-real/percent-complete-8.4.xer" "$D/"
pa run "$D" --as-of 2026-03-02 -f json --only 'X-*' -r "$TMP/dump.lua"
out_has '|A1010|'
python3 - "$OUT" <<'PY' && ok || bad "percent complete of A1000..A1060 is not 0 25 75 100 0 25 75"
import json, sys
rep = json.load(open(sys.argv[1]))
pct = {m[1]: m[13] for m in (f["message"].split("|") for f in rep["findings"] if f["rule"] == "X-tasks")}
assert [pct["A10%d0" % i] for i in range(7)] == ["0", "25", "75", "100", "0", "25", "75"], pct
PY


it "the network rules on the real 8.4 schedule: no activity has a resource (SCH-021), no loop, CPLI not judged past its finish"
data realnet
cp "$FIX/import/p6xer-real/percent-complete-8.4.xer" "$D/"
pa run "$D" --as-of 2026-06-30 -f json --only 'SCH-021,SCH-022,SCH-023'
exit_is 0
count_is SCH-021 1
out_has "project EC00640: 9 of 9 open tasks (100%) have a duration but no resource"
status_is SCH-022 passed
status_is SCH-023 passed

finish
