#!/bin/sh
# The row ledger and import profiles that lose nothing unannounced (issue
# 18): every input file's rows read, loaded into each table and left out
# and why (data.files of the JSON report, the text header, inspect);
# DAT-008 for rows left out by anything but an explicit filter, DAT-009
# for a value read as a map's default; profiles that see typed values,
# that a config adjusts instead of copying, that say which rules do not
# fit their data; links that name tasks with a '-' in their id. The
# reproductions of the issue are here with exact counts.
. "$(dirname "$0")/lib.sh"

SHARED="$ROOT/../shared/data"
ledger_is() { # FILE "read R loaded L [table N ...] | N reason @lines; ..."
    got=$(python3 "$ROOT/tests/tools/report.py" ledger "$OUT" "$1" 2>&1)
    [ "$got" = "$2" ] && ok || bad "ledger of $1: [$got], expected [$2]"
}
message_has() { # RULE TEXT: a finding of RULE has TEXT in its message
    python3 - "$OUT" "$1" "$2" <<'PY' && ok || bad "no $1 finding says: $2"
import json, sys
rep = json.load(open(sys.argv[1]))
sys.exit(0 if any(f["rule"] == sys.argv[2] and sys.argv[3] in f["message"] for f in rep["findings"]) else 1)
PY
}

# --- plain files -----------------------------------------------------------------

it "blank lines and a repeated header row are left out of a plain file, counted, and one DAT-008 each"
data plain
printf 'project_id,name,status\n\nPRJ-1,A,active\nProject ID,Name,Status\n  \nPRJ-2,B,active\n\n' >"$D/projects.csv"
pa run "$D" --as-of $ASOF -f json --only 'DAT-*'
exit_is 0
ledger_is projects.csv "read 6 loaded 2 [projects 2] | 3 blank line [DAT-008] @2,5,7; 1 repeats the header row [DAT-008] @4"
count_is DAT-008 2
out_has '"message": "3 rows of '"$D"'/projects.csv left out: blank line (lines 2, 5 and 7)"'
out_has '"message": "1 row of '"$D"'/projects.csv left out: repeats the header row (line 4)"'
count_is DAT-001 0
out_has '"projects": {"file": "'"$D"'/projects.csv", "rows": 2}'
pa run "$D" --as-of $ASOF --only 'DAT-*'
out_has "rows: 6 read from 1 file, 2 loaded, 4 left out"
out_has "    3 blank line [DAT-008] (lines 2, 5 and 7)"

it "a file cut in byte ranges and loaded on 4 threads has the ledger of one pass"
data chunked
python3 - "$D" <<'PY'
import sys
with open(sys.argv[1] + "/projects.csv", "w") as f:
    f.write("project_id,name,status\n")
    for i in range(1, 3001):
        f.write("PRJ-%d,Project %d,active\n" % (i, i))
        if i % 1000 == 0:
            f.write("\nproject_id,name,status\n")
PY
pa run "$D" --as-of $ASOF -f json --only 'DAT-*' -j 1
ledger_is projects.csv "read 3006 loaded 3000 [projects 3000] | 3 blank line [DAT-008] @1002,2004,3006; 3 repeats the header row [DAT-008] @1003,2005,3007"
cp "$OUT" "$TMP/one.json"
PMOAUDIT_CHUNK_BYTES=10000 pa run "$D" --as-of $ASOF -f json --only 'DAT-*' -j 4
ledger_is projects.csv "read 3006 loaded 3000 [projects 3000] | 3 blank line [DAT-008] @1002,2004,3006; 3 repeats the header row [DAT-008] @1003,2005,3007"
true_that "cmp -s '$TMP/one.json' '$OUT'"

# --- Jira: no issue type is lost ------------------------------------------------------

# An export of 324 issues of a custom type (the issue's reproduction).
jira_export() { # FILE TYPES...: one project SUP, 324 issues, types in turn
    python3 - "$@" <<'PY'
import csv, sys
path, types = sys.argv[1], sys.argv[2:]
st = [("To Do", "To Do"), ("In Progress", "In Progress"), ("Done", "Done")]
with open(path, "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["Summary", "Issue key", "Issue id", "Issue Type", "Status", "Status Category", "Project key",
                "Project name", "Project lead", "Priority", "Assignee", "Created", "Updated", "Resolved", "Due date"])
    for i in range(1, 325):
        s = st[i % 3]
        w.writerow(["Issue %d" % i, "SUP-%d" % i, str(30000 + i), types[i % len(types)], s[0], s[1], "SUP",
                    "Support", "Kim Ng", "Medium", "Lee Park", "05/Jan/26 9:00 AM", "06/Jan/26 9:00 AM",
                    "07/Jan/26 9:00 AM" if s[0] == "Done" else "", "30/Jan/26"])
PY
}

it "Jira: 324 issues of a type the profile does not know load as 324 tasks, with one DAT-009 and nothing left out"
data jira1
jira_export "$D/JiraSupport.csv" "Sprint Defect"
pa run "$D" --profile jira --as-of 2026-03-01 -f json --fail-on never
exit_is 0
ledger_is JiraSupport.csv "read 324 loaded 324 [projects 1 tasks 324 risks 0 issues 0] | "
out_has '"tasks": {"file": "'"$D"'/JiraSupport.csv", "rows": 324}'
count_is DAT-008 0
count_is DAT-009 1
where_is DAT-009 "JiraSupport.csv:2"
out_has '"column": "kind", "value": "Sprint Defect", "message": "\"Sprint Defect\" (column '"'Issue Type'"') is not in the map of profile jira for tables.tasks.columns.kind: read as \"task\", the map'"'"'s default, in 324 rows (lines 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21 and 304 more); if it means something else, add it to the map (tables.tasks.columns.kind in the config)"'

it "Jira: issue types in turn reach tasks, issues and risks; each unknown type is one DAT-009 with its count"
data jira2
jira_export "$D/Jira.csv" Story Spike Bug Improvement Risk "Sprint Defect"
cat >"$TMP/kinds.lua" <<'LUA'
rule { id = "X-KIND", title = "t", severity = "info", domain = "X", doc = "d", tables = {"tasks"},
  check = function(ctx) local n = {} for r in ctx.tables.tasks:rows() do n[r.kind] = (n[r.kind] or 0) + 1 end
    ctx.report{ message = "story " .. n.story .. " task " .. n.task } end }
LUA
pa run "$D" --profile jira --as-of 2026-03-01 -f json --fail-on never -r "$TMP/kinds.lua"
ledger_is Jira.csv "read 324 loaded 324 [projects 1 tasks 216 risks 54 issues 54] | "
count_is DAT-009 3
out_has '"value": "Spike", "message": "\"Spike\" (column '"'Issue Type'"') is not in the map of profile jira for tables.tasks.columns.kind: read as \"task\", the map'"'"'s default, in 54 rows (lines 2, 8, 14,'
out_has '"value": "Improvement"'
out_has '"value": "Sprint Defect"'
out_has '"message": "story 54 task 162"'
out_lacks '"value": "Story"'

# --- IT Dashboard: a file saved by hand ------------------------------------------------

ITD="$SHARED/itdashboard/itdashboard_projects_2012.csv"
if [ -f "$ITD" ]; then
data itdm
python3 "$ROOT/tests/tools/mess_itdashboard.py" "$ITD" "$D/itdashboard_messy.csv" >"$TMP/counts"
read -r _ projects _ totals _ closed _ totlines <"$TMP/counts"
cat >"$TMP/status.lua" <<'LUA'
rule { id = "X-ST", title = "t", severity = "info", domain = "X", doc = "d", tables = {"projects"},
  check = function(ctx) local n = {} for r in ctx.tables.projects:rows() do n[r.status] = (n[r.status] or 0) + 1 end
    ctx.report{ message = "closed " .. (n.closed or 0) .. " active " .. (n.active or 0) } end }
LUA

it "IT Dashboard: the generator's counts (2,467 projects, 31 Total rows, 628 closed by the profile's rule)"
true_that "[ '$projects $totals $closed' = '2467 31 628' ]"

it "IT Dashboard, header on line 6: the error names the line that holds the columns"
pa run "$D" --profile itdashboard --date-format DD/MM/YYYY --as-of 2012-06-30
exit_is 2
err_has "itdashboard_messy.csv:1: profile itdashboard: tables.projects.columns.name reads column 'Project Name', which the header lacks (it has: IT Dashboard - Projects); line 6 holds more of the profile's column names: is the header there (header_row = 6)?"

it "IT Dashboard, a config overlay (header_row = 6) over the bundled profile: day-first dates compared as dates, Total rows dropped and counted"
printf 'profile = "itdashboard"\ndate_format = "DD/MM/YYYY"\ntables = { projects = { header_row = 6 } }\n' >"$TMP/itd.lua"
pa run "$D" -c "$TMP/itd.lua" --as-of 2012-06-30 -f json --fail-on never -r "$TMP/status.lua"
exit_is 0
ledger_is itdashboard_messy.csv "read 2503 loaded 2467 [projects 2467] | 5 above the header row (header_row = 6) @1,2,3,4,5; 31 a Total row (tables.projects.drop) @$totlines"
out_has '"message": "closed 628 active 1839"'
count_is DAT-001 0
count_is DAT-008 0
status_is STD-001 skipped
cp "$OUT" "$TMP/messy.json"

it "IT Dashboard: the hand-saved file gives the clean export's statuses and findings, rule by rule"
data itdclean
cp "$ITD" "$D/"
pa run "$D" --profile itdashboard --as-of 2012-06-30 -f json --fail-on never -r "$TMP/status.lua"
out_has '"message": "closed 628 active 1839"'
python3 "$ROOT/tests/tools/report.py" counts "$OUT" >"$TMP/clean.counts"
python3 "$ROOT/tests/tools/report.py" counts "$TMP/messy.json" >"$TMP/messy.counts"
true_that "cmp -s '$TMP/clean.counts' '$TMP/messy.counts'"
count_is SCH-004 75
count_is STD-005 39

it "IT Dashboard: the profile's governance rules do not run, the report says why, --all-rules and --only run them"
pa run "$D" --profile itdashboard --as-of 2012-06-30 --fail-on never
out_has "profile itdashboard: STD-001, STD-002 not run: public IT Dashboard data has no PMO project ids, sponsors or managers (--all-rules runs them)"
pa run "$D" --profile itdashboard --as-of 2012-06-30 -f json --fail-on never
status_is STD-002 skipped
out_has '"id": "STD-001", "title": "Project IDs follow the PMO numbering scheme", "severity": "error", "domain": "STD", "status": "skipped", "findings": 0, "message": "does not fit data read with profile itdashboard: public IT Dashboard data has no PMO project ids, sponsors or managers (--all-rules runs it)"}'
pa run "$D" --profile itdashboard --as-of 2012-06-30 -f json --fail-on never --all-rules
count_is STD-001 2467
pa run "$D" --profile itdashboard --as-of 2012-06-30 -f json --fail-on never --only STD-001
count_is STD-001 2467
printf 'profile = "itdashboard"\nall_rules = true\n' >"$TMP/all.lua"
pa run "$D" -c "$TMP/all.lua" --as-of 2012-06-30 -f json --fail-on never
status_is STD-002 failed

it "IT Dashboard: inspect under the config shows the header used, each column found, mapped rows and rows left out"
pa inspect "$TMP/itdm/itdashboard_messy.csv" -c "$TMP/itd.lua" --rows 1
exit_is 0
out_has "under profile itdashboard:"
out_has "  table projects: header on line 6"
out_has '    project_id             <- "Project ID": found (column 6)'
out_has "  line 7: project_id=656 | name=Operations | status=active | portfolio=United States Department of Agriculture"
out_has "  $TMP/itdm/itdashboard_messy.csv: 2503 rows read, 2467 loaded (projects 2467), 36 left out"
out_has "    5 above the header row (header_row = 6) (lines 1, 2, 3, 4 and 5)"
out_has "    31 a Total row (tables.projects.drop) (lines 16, 18, 59,"
out_has "built-in rules that read this file's tables:"
out_has "    STD-002 (sponsor, manager)"
pa inspect "$TMP/itdm/itdashboard_messy.csv" --profile itdashboard
out_has "  table projects: header on line 1"
out_has '    project_id             <- "Project ID": MISSING (required: the table cannot load); line 6 holds more of the profile'"'"'s column names: is the header there (header_row = 6)?'
out_has "load errors (a run stops with exit 2):"
fi

# --- overlays and missing columns -----------------------------------------------------

it "an overlay changes the columns it names, removes one set to false, keeps the rest, and adds a table"
data overlay
printf 'Project ID,Project Name,Project Description,Business Case ID,Updated Date,Planned Cost ($ M)\n77,Portal,Web portal rebuild,BC-9,2012-01-01T00:00:00Z,2.5\n' >"$D/projects_export.csv"
printf 'Ref,Project,Title\nR1,77,Vendor late\n' >"$D/raid.csv"
cat >"$TMP/ov.lua" <<'LUA'
profile = "itdashboard"
tables = {
  projects = { columns = { name = "Project Description", business_case = false } },
  risks = { file = "raid.csv", columns = { risk_id = "Ref", project_id = "Project", title = "Title" } },
}
LUA
cat >"$TMP/show.lua" <<'LUA'
rule { id = "X-SHOW", title = "t", severity = "info", domain = "X", doc = "d", tables = {"projects"}, each = "projects",
  check = function(p, ctx) ctx.report(p, "name", p.name .. " | " .. tostring(p.business_case) .. " | " .. tostring(p.budget)
    .. " | " .. p.status) end }
LUA
pa run "$D" -c "$TMP/ov.lua" --as-of 2012-06-30 -f json --fail-on never --only 'DAT-*,X-*' -r "$TMP/show.lua"
out_has '"message": "Web portal rebuild | nil | 2500000.0 | active"'
out_has '"risks": {"file": "'"$D"'/raid.csv", "rows": 1}'
ledger_is raid.csv "read 1 loaded 1 [risks 1] | "
count_is DAT-004 0

it "a mapped column the header lacks: the close header names are suggested (an error when required, else a note)"
data missing
printf 'Project ID,Project Name,Status,Sponsr\nP1,Alpha,active,Kim\n' >"$D/x.csv"
printf 'return { tables = { projects = { file = "x.csv", columns = { project_id = "Project ID", name = "Project Nme", status = "Status" } } } }\n' >"$TMP/m1.lua"
pa run "$D" --profile "$TMP/m1.lua" --as-of $ASOF
exit_is 2
err_has "x.csv:1: $TMP/m1.lua: tables.projects.columns.name reads column 'Project Nme', which the header lacks (it has: Project ID, Project Name, Status, Sponsr); did you mean 'Project Name'?"
printf 'return { tables = { projects = { file = "x.csv", columns = { project_id = "Project ID", name = "Project Name", status = "Status", sponsor = "Sponsor" } } } }\n' >"$TMP/m2.lua"
pa run "$D" --profile "$TMP/m2.lua" --as-of $ASOF -f json --only 'DAT-*'
exit_is 0
out_has "x.csv:1: $TMP/m2.lua: tables.projects.columns.sponsor reads column 'Sponsor', which the header lacks: the column is empty; did you mean 'Sponsr'?"

# --- what profile functions see, and what they give ----------------------------------

it "profile functions get typed values in row._typed; a computed ISO date loads whatever the layout"
data typed
printf 'Key,Title,Start,Budget,Done,Other Date,Note\nP1,Alpha,03/04/2026,"$1,250.50",yes,31/12/2026,plain text\n' >"$D/t.csv"
cat >"$TMP/typed.lua" <<'LUA'
return { date_format = "DD/MM/YYYY", tables = { projects = { file = "t.csv", keep_other = false, columns = {
  project_id = "Key", name = "Title", status = { value = "active" },
  start_date = "Start", budget = "Budget", charter_approved = "Done",
  planned_finish = function(row) return row._typed["Other Date"] end,
  business_case = function(row)
    local t = row._typed
    return table.concat({ t.Start, math.type(t.Budget), tostring(t.Budget), tostring(t.Done), t["Other Date"],
                          t.note, row.Start }, " ")
  end } } } }
LUA
cat >"$TMP/bc.lua" <<'LUA'
rule { id = "X-BC", title = "t", severity = "info", domain = "X", doc = "d", tables = {"projects"}, each = "projects",
  check = function(p, ctx) ctx.report(p, "business_case", p.business_case .. " / " .. tostring(p.planned_finish)) end }
LUA
pa run "$D" --profile "$TMP/typed.lua" --as-of $ASOF -f json --only 'DAT-*,X-*' -r "$TMP/bc.lua"
exit_is 0
count_is DAT-001 0
out_has '"message": "2026-04-03 float 1250.5 true 2026-12-31 plain text 03/04/2026 / 2026-12-31"'

it "a profile function that gives nothing for a non-empty cell is a DAT-001 naming the profile and the cell"
data nilfn
printf 'Key,Title,Cost\nP1,Alpha,2.5\nP2,Beta,n/a\nP3,Gamma,\n' >"$D/c.csv"
printf 'return { tables = { projects = { file = "c.csv", columns = { project_id = "Key", name = "Title", status = { value = "active" },\n  budget = { from = "Cost", fn = function(v) return tonumber(v) end } } } } }\n' >"$TMP/nil.lua"
pa run "$D" --profile "$TMP/nil.lua" --as-of $ASOF -f json --only 'DAT-*'
exit_is 1
count_is DAT-001 1
where_is DAT-001 "c.csv:3"
out_has '"key": "P2", "project_id": "P2", "file": "'"$D"'/c.csv", "line": 3, "column": "budget", "value": "n/a", "message": "'"$TMP"'/nil.lua: tables.projects.columns.budget gave no value for \"n/a\" (column '"'Cost'"'): the cell is left empty; fix the profile'"'"'s function or the cell"'

it "a profile's drop gives its reason to the ledger; rows no table's where takes are a DAT-008"
data wheredrop
printf 'Key,Title,Kind\nP1,Alpha,project\nP2,Beta,programme\nTOTAL,,\nP3,Gamma,portfolio\n' >"$D/w.csv"
cat >"$TMP/wd.lua" <<'LUA'
return { tables = { projects = { file = "w.csv",
  where = function(row) return row.Kind == "project" or row.Kind == "programme" end,
  drop = function(row) return row.Key == "TOTAL" and "a sum line" end,
  columns = { project_id = "Key", name = "Title", status = { value = "active" } } } } }
LUA
pa run "$D" --profile "$TMP/wd.lua" --as-of $ASOF -f json --only 'DAT-*'
exit_is 0
ledger_is w.csv "read 4 loaded 2 [projects 2] | 1 a sum line (tables.projects.drop) @4; 1 no table took it (the where of projects refused it) [DAT-008] @5"
count_is DAT-008 1
out_has '"message": "1 row of '"$D"'/w.csv left out: no table took it (the where of projects refused it) (line 5)"'

it "P6: the relationships file joined into tasks has its own ledger; a relationship without a successor is a DAT-008"
data p6
cp "$FIX/import/p6/activities.csv" "$FIX/import/p6/relationships.csv" "$D/"
printf 'A1030,,PR_FS,0\n' >>"$D/relationships.csv"
pa run "$D" --profile p6 --as-of 2026-03-01 -f json --only 'DAT-*'
ledger_is activities.csv "read 6 loaded 5 [projects 1 tasks 5] | 1 above the header row (header_row = 2) @1"
ledger_is relationships.csv "read 7 loaded 5 [tasks 5] | 1 above the header row (header_row = 2) @1; 1 no value in the join key column 'Successor' (tables.tasks.join) [DAT-008] @8"

# --- links -----------------------------------------------------------------------

it "a predecessor ABC-1 is the task ABC-1 when it exists; ABC-9 is ABC with a 9-day lead; ABC-2-2d is ABC-2 with a 2-day lead"
data links
base_projects
printf 'task_id,project_id,name,predecessors\nABC-1,PRJ-1001,a,\nABC-2,PRJ-1001,b,ABC-1\nABC-3,PRJ-1001,c,ABC-2-2d;ABC-9;ABC-4:SS\nABC-4,PRJ-1001,d,ABC-3+1\n' >"$D/tasks.csv"
cat >"$TMP/links.lua" <<'LUA'
rule { id = "X-LINK", title = "t", severity = "info", domain = "X", doc = "d", tables = {"tasks"}, each = "tasks",
  check = function(r, ctx) local s = {}
    for id, ty, lag in ctx.tables.tasks:links(r) do s[#s + 1] = id .. ":" .. ty .. ":" .. lag end
    ctx.report(r, "predecessors", r.task_id .. " <- " .. table.concat(s, " ")) end }
LUA
pa run "$D" --as-of $ASOF -f json --only 'DAT-*,X-*' -r "$TMP/links.lua"
out_has '"message": "ABC-2 <- ABC-1:FS:0"'
out_has '"message": "ABC-3 <- ABC-2:FS:-2 ABC:FS:-9 ABC-4:SS:0"'
out_has '"message": "ABC-4 <- ABC-3:FS:1"'
count_is DAT-001 0

# --- the ledger's invariant, everywhere --------------------------------------------

it "every CSV file in tests/, samples/ and ../shared/data: read = loaded + left out, and read is what an independent reader counts"
if python3 "$ROOT/tests/tools/ledger_walk.py" "$PA" "$TMP/walk" "$ROOT/samples" "$ROOT/tests" "$SHARED" >"$TMP/walk.out" 2>&1; then
    ok
else
    bad "$(tail -5 "$TMP/walk.out")"
fi
true_that "grep -q ' 0 problems' '$TMP/walk.out'"

finish
