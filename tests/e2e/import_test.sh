#!/bin/sh
# Reading real exports: dialects and encodings, date layouts, messy files,
# import profiles and `inspect` (docs/importing.md).
. "$(dirname "$0")/lib.sh"

# --- dialects and encodings -------------------------------------------------

it "a ';' file is read with the delimiter guessed from its header"
data semi
printf 'project_id;name;status;budget\nPRJ-1;Alpha, phase 2;active;"1,250"\n' >"$D/projects.csv"
pa run "$D" --as-of $ASOF -f json --only 'DAT-*'
exit_is 0
count_is DAT-001 0
count_is DAT-005 0

it "tab and '|' files are read too"
data tabpipe
printf 'project_id\tname\tstatus\nPRJ-1\tA\tactive\n' >"$D/projects.csv"
printf 'risk_id|project_id|title\nR1|PRJ-1|Supplier late\n' >"$D/risks.csv"
pa run "$D" --as-of $ASOF -f json --only 'DAT-*'
exit_is 0
out_has '"risks": {"file": '
count_is DAT-005 0

it "--delimiter overrides the guess"
data delimopt
printf 'project_id,name;status\nPRJ-1,A;active\n' >"$D/projects.csv"
pa run "$D" --as-of $ASOF -f json --only 'DAT-*' --delimiter ';'
exit_is 2
err_has "missing required column 'project_id' in table projects (the header has: project_id,name, status)"
pa run "$D" --as-of $ASOF -f json --only 'DAT-*' --delimiter ','
exit_is 2
err_has "projects.csv:1: missing required column 'name' in table projects (the header has: project_id, name;status)"
pa run "$D" --as-of $ASOF --delimiter ':'
exit_is 2
err_has "--delimiter :: expected one of , ; | tab"

it "the config's delimiter applies to every file"
data cfgdelim
printf 'project_id|name|status|a;b;c;d;e\nPRJ-1|A|active|1;2;3;4;5\n' >"$D/projects.csv"
pa run "$D" --as-of $ASOF
exit_is 2
err_has "missing required column 'project_id'"
printf '%s\n' '-- a pipe-separated export' 'delimiter = "|"' >"$D/pmoaudit.lua"
pa run "$D" -c "$D/pmoaudit.lua" --as-of $ASOF -f json --only 'DAT-*'
exit_is 0
printf 'fail_on = "error"\ndelimiter = ":"\n' >"$D/pmoaudit.lua"
pa run "$D" -c "$D/pmoaudit.lua" --as-of $ASOF
exit_is 2
err_has "pmoaudit.lua:2: 'delimiter' must be one of"

it "UTF-16 LE and BE files with a BOM (Excel's Unicode text) are converted"
data utf16
printf 'project_id\tname\tstatus\nPRJ-1\tCaf\303\251\tactive\n' | iconv -f UTF-8 -t UTF-16 >"$D/projects.csv"
printf 'risk_id,project_id,title\nR1,PRJ-1,Na\303\257ve plan\n' | iconv -f UTF-8 -t UTF-16BE | { printf '\376\377'; cat; } >"$D/risks.csv"
pa run "$D" --as-of $ASOF -f json --only 'DAT-*'
exit_is 0
count_is DAT-005 0
out_has '"rows": 1'

it "a Windows-1252 file is read when declared, and refused with its place when not valid"
data cp1252
printf 'project_id;name;status;sponsor\nPRJ-1;Caf\351 \200 plan;active;Ren\351e\n' >"$D/projects.csv"
printf 'encoding = "windows-1252"\n' >"$D/pmoaudit.lua"
pa run "$D" -c "$D/pmoaudit.lua" --as-of $ASOF -f json --only 'DAT-*'
exit_is 0
printf 'project_id;name;status\nPRJ-1;Caf\351;active\nPRJ-2;B\201d;active\n' >"$D/projects.csv"
pa run "$D" -c "$D/pmoaudit.lua" --as-of $ASOF
exit_is 2
err_has "projects.csv:3:8: byte 0x81 is not valid WINDOWS-1252 text"
pa run "$D" --as-of $ASOF --encoding ebcdic
exit_is 2
err_has "--encoding ebcdic: expected one of utf-8"

it "a file that is not CSV at all is refused with its line and column"
data binary
base_projects
printf 'PK\003\004\024\000\006\000\010\000\000\000!\000' >"$D/tasks.csv"
pa run "$D" --as-of $ASOF
exit_is 2
err_has "tasks.csv:1:3: this is not a CSV text file: binary data (byte 0x03)"

# --- date layouts -------------------------------------------------------------

it "without a layout, a slash date is DAT-001 and an ambiguous one says so"
data nolayout
csv projects.csv <<'CSV'
project_id,name,status,start_date,planned_finish
PRJ-1,A,active,03/04/2026,2026-12-31T17:00:00+01:00
PRJ-2,B,active,13/04/2026,
CSV
pa run "$D" --as-of $ASOF -f json --only 'DAT-*'
count_is DAT-001 2
out_has '"value": "03/04/2026", "message": "date \"03/04/2026\" in column start_date is not valid: expected a date YYYY-MM-DD (this one is ambiguous: DD/MM/YYYY or MM/DD/YYYY? declare the layout with date_format)"'
where_is DAT-001 "projects.csv:2 projects.csv:3"

it "the config's date_format reads day-first dates; a cell in another layout is DAT-001 naming the layout"
data ddmm
csv projects.csv <<'CSV'
project_id,name,status,start_date,planned_finish
PRJ-1,A,active,03/04/2026,31/12/2026
PRJ-2,B,active,2026-04-13,12/31/2026
CSV
printf 'date_format = "DD/MM/YYYY"\n' >"$D/pmoaudit.lua"
pa run "$D" -c "$D/pmoaudit.lua" --as-of $ASOF -f json --only 'DAT-*'
count_is DAT-001 2
out_has '"column": "start_date", "value": "2026-04-13", "message": "date \"2026-04-13\" in column start_date is not valid: expected a date DD/MM/YYYY"'
out_has '"column": "planned_finish", "value": "12/31/2026"'
where_is DAT-001 "projects.csv:3 projects.csv:3"

it "every layout of the issue, through --date-format"
for case in "MM/DD/YYYY|12/31/2026" "D-Mon-YYYY|31-Dec-2026" "Month D, YYYY|December 31, 2026" "excel|46387" "ISO|2026-12-31T09:00:00Z"; do
  layout=${case%%|*}; value=${case#*|}
  data "layout"
  printf 'project_id,name,status,planned_finish\nPRJ-1,A,active,"%s"\n' "$value" >"$D/projects.csv"
  pa run "$D" --as-of $ASOF -f json --only 'DAT-*' --date-format "$layout"
  count_is DAT-001 0
done

it "a misspelt import setting in the config is an error at its line, with a suggestion"
data misspelt; base_projects
printf 'jobs = 1\n\ndate_fromat = "DD/MM/YYYY"\n' >"$D/pmoaudit.lua"
pa run "$D" -c "$D/pmoaudit.lua" --as-of $ASOF
exit_is 2
err_has "pmoaudit.lua:3: unknown setting 'date_fromat' (did you mean 'date_format'?)"
printf 'profil = "jira"\n' >"$D/pmoaudit.lua"
pa run "$D" -c "$D/pmoaudit.lua" --as-of $ASOF
exit_is 2
err_has "pmoaudit.lua:1: unknown setting 'profil' (did you mean 'profile'?)"
printf 'fail_on = "error"\ntables = { tasks = 3 }\n' >"$D/pmoaudit.lua"
pa run "$D" -c "$D/pmoaudit.lua" --as-of $ASOF
exit_is 2
err_has "pmoaudit.lua:2: 'tables' must map table names to a file name or a table spec"
printf 'tables = {\n  projects = { file = "x.csv", columns = { name = function(r) return 1 end } } }\n' >"$D/pmoaudit.lua"
pa run "$D" -c "$D/pmoaudit.lua" --as-of $ASOF
exit_is 2
err_has "pmoaudit.lua:2: 'tables' holds a function: computed columns need a profile file"

it "a bad layout is refused where it is written"
data badlayout; base_projects
printf 'jobs = 1\ndate_format = "DD/MM"\n' >"$D/pmoaudit.lua"
pa run "$D" -c "$D/pmoaudit.lua" --as-of $ASOF
exit_is 2
err_has "pmoaudit.lua:2: 'date_format' is not a date layout: a layout needs exactly one year"
pa run "$D" --as-of $ASOF --date-format yyyy
exit_is 2
err_has "--date-format yyyy: a layout is made of"

# --- messy files ----------------------------------------------------------------

it "ragged rows: one DAT-005 each at its line; short rows load with empty cells, extra cells are listed"
data ragged
csv projects.csv <<'CSV'
project_id,name,status,sponsor
PRJ-1,A,active
PRJ-2,B,active,Kim,overflow,more
PRJ-3,C,active,Lee,,
PRJ-4,D,active,Ann
CSV
pa run "$D" --as-of $ASOF -f json --only 'DAT-*'
count_is DAT-005 2
where_is DAT-005 "projects.csv:2 projects.csv:3"
out_has '"message": "the row has 3 cell(s) but the header has 4; the missing cells (from column sponsor) read as empty"'
out_has '"message": "the row has 6 cells but the header has 4; the extra cells are not loaded: \"overflow\", \"more\""'
out_has '"projects": {"file": '
out_has '"rows": 4'

it "an unterminated quote stops a canonical table with exit 2 at the line where the quote opened"
data unterminated
base_projects
csv risks.csv <<'CSV'
risk_id,project_id,title
R1,PRJ-1001,fine
R2,PRJ-1001,"never closed
R3,PRJ-1001,swallowed
CSV
pa run "$D" --as-of $ASOF
exit_is 2
err_has "risks.csv:3: unterminated quoted field: the '\"' that opens field 3 of the row starting on this line is never closed"

it "an unterminated quote in an extra table keeps the rows before it and notes the place"
data unterminated2
base_projects
printf 'a,b\n1,2\n3,"4\n5,6\n' >"$D/vendors.csv"
pa run "$D" --as-of $ASOF -f json --only 'DAT-*'
exit_is 0
out_has '"vendors": {"file": '
out_has 'vendors.csv:3: unterminated quoted field'

it "stray quotes are an error at their line and column"
data stray
base_projects
printf 'risk_id,project_id,title\nR1,PRJ-1001,say "hi"\n' >"$D/risks.csv"
pa run "$D" --as-of $ASOF
exit_is 2
err_has "risks.csv:2:17: malformed quoting"

it "blank lines are skipped and line numbers still count them"
data blank
printf 'project_id,name,status\n\nPRJ-1,A,active\n\n\nPRJ-2,B,paused\n\n' >"$D/projects.csv"
pa run "$D" --as-of $ASOF -f json --only 'DAT-*'
count_is DAT-001 1
where_is DAT-001 "projects.csv:6"
out_has '"rows": 2'

it "duplicate header names: a DAT-005 at line 1, the data kept under name_2"
data duphdr
printf 'project_id,name,status,Sponsor,sponsor\nPRJ-1,A,active,Kim,Lee\n' >"$D/projects.csv"
printf 'rule { id = "X-001", title = "t", severity = "info", domain = "X", tables = {"projects"}, each = "projects", doc = "d",\n  check = function(r, ctx) ctx.report(r, "sponsor_2", "sponsor_2=" .. tostring(r.sponsor_2)) end }\n' >"$TMP/x.lua"
pa run "$D" --as-of $ASOF -f json --only 'DAT-*,X-*' -r "$TMP/x.lua"
count_is DAT-005 1
out_has '"line": 1, "column": "sponsor", "value": null, "message": "header column 5 repeats the name '"'sponsor'"'; its cells are loaded as column '"'sponsor_2'"'"'
out_has '"message": "sponsor_2=Lee"'

it "an empty canonical file is exit 2; a header-only file is an empty table, which DAT-006 reports"
data empty
base_projects
: >"$D/risks.csv"
pa run "$D" --as-of $ASOF
exit_is 2
err_has "risks.csv:1: the file is empty: expected a header row with the columns of table risks"
printf 'risk_id,project_id,title\n' >"$D/risks.csv"
pa run "$D" --as-of $ASOF -f json --only 'DAT-*'
exit_is 1
out_has '"risks": {"file": '
out_has '"rows": 0'
count_is DAT-006 1
where_is DAT-006 "risks.csv:1"

it "NUL bytes in a cell are removed and reported at the line, naming the column"
data nul
printf 'project_id,name,status\nPRJ-1,Al\000pha,active\nPRJ-2,B,active\n' >"$D/projects.csv"
pa run "$D" --as-of $ASOF -f json --only 'DAT-*'
count_is DAT-005 1
where_is DAT-005 "projects.csv:2"
out_has '"column": "name", "value": null, "message": "the cell holds 1 NUL byte(s), which are removed"'
out_has '"rows": 2'

it "a field of several megabytes loads; one past --max-cell is refused at its line"
data bigcell
python3 -c "
import sys
sys.stdout.write('project_id,name,status,business_case\nPRJ-1,A,active,\"' + 'x' * 5000000 + '\"\nPRJ-2,B,active,short\n')" >"$D/projects.csv"
pa run "$D" --as-of $ASOF -f json --only 'DAT-*'
exit_is 0
out_has '"rows": 2'
pa run "$D" --as-of $ASOF --max-cell 1000000
exit_is 2
err_has "projects.csv:2: a cell is larger than the 1000000-byte limit"


# --- import profiles --------------------------------------------------------------

SHARED="$ROOT/../shared/data"

it "the IT Dashboard export loads through its profile: all 2,467 projects, variance columns visible to rules"
if [ -f "$SHARED/itdashboard/itdashboard_projects_2012.csv" ]; then
data itd
cp "$SHARED/itdashboard/itdashboard_projects_2012.csv" "$D/"
cat >"$TMP/var.lua" <<'LUA'
rule { id = "X-VAR", title = "variance", severity = "info", domain = "X", doc = "d",
  tables = {"projects"}, each = "projects",
  check = function(p, ctx)
    local sv = tonumber(p.schedule_variance_pct)
    if p.project_id == "657" or (sv and sv <= -30 and p.project_id == "1006") then
      ctx.report(p, "schedule_variance_pct", p.project_id .. " " .. p.status .. " sv=" .. p.schedule_variance_pct ..
        " cv=" .. p.cost_variance_pct .. " budget=" .. tostring(p.budget) .. " agency=" .. p.portfolio ..
        " start=" .. tostring(p.start_date))
    end
  end }
LUA
pa run "$D" --profile itdashboard --as-of 2012-06-30 -f json -r "$TMP/var.lua"
exit_is 1
out_has '"projects": {"file": '
out_has '"rows": 2467'
count_is DAT-001 0
count_is DAT-003 0
count_is DAT-005 0
out_has '"message": "657 active sv=-84.07 cv=0 budget=179000.0 agency=United States Department of Agriculture start=2011-01-10"'
status_is STD-001 skipped
status_is SCH-004 failed
status_is RSK-001 skipped
fi

it "a profile named in the config; a profile that does not exist"
data itdcfg
printf 'Project ID,Project Name,Updated Date,Projected/Actual Project Completion Date (B2),Planned Cost ($ M)\n77,Portal,2012-01-01T00:00:00Z,,2.5\n' >"$D/projects_export.csv"
printf 'profile = "itdashboard"\n' >"$D/pmoaudit.lua"
pa run "$D" -c "$D/pmoaudit.lua" --as-of $ASOF -f json --only 'DAT-*'
exit_is 0
out_has '"rows": 1'
pa run "$D" --profile nosuch --as-of $ASOF
exit_is 2
err_has "no import profile 'nosuch' (bundled: "

# A rule that prints chosen columns of each row, to check mapped values.
show_rule() { # TABLE "expr"
cat >"$TMP/show.lua" <<LUA
rule { id = "X-SHOW", title = "show", severity = "info", domain = "X", doc = "d", tables = {"$1"}, each = "$1",
  check = function(r, ctx) ctx.report{ row = r, message = $2 } end }
LUA
}

it "Jira: one export feeds projects, tasks, issues and risks by issue type; dates dd/Mon/yy; statuses mapped"
show_rule issues 'r.issue_id .. " " .. tostring(r.status) .. " " .. tostring(r.priority) .. " " .. tostring(r.raised_date)'
pa run "$FIX/import/jira" --profile jira --as-of 2026-03-15 -f json --only 'DAT-*,X-*' -r "$TMP/show.lua"
out_has '"projects": {"file": '
out_has '"rows": 2'
out_has '"message": "PAY-4 in_progress critical 2026-02-03"'
out_has '"message": "CRM-2 nil medium 2026-02-09"'
count_is DAT-001 2
out_has '"value": "Awaiting triage", "message": "enum \"Awaiting triage\" in column status is not valid: expected one of open, in_progress, resolved, closed"'
out_has '"line": 8, "column": "finish", "value": "2026-04-01", "message": "date \"2026-04-01\" in column finish is not valid: expected a date DD/Mon/YY"'
show_rule tasks 'r.task_id .. " " .. tostring(r.is_summary) .. " " .. tostring(r.percent_complete) .. " " .. tostring(r.finish)'
pa run "$FIX/import/jira" --profile jira --as-of 2026-03-15 -f json --only 'X-*' -r "$TMP/show.lua"
count_is X-SHOW 4
out_has '"message": "PAY-1 true 0.0 2026-06-30"'
out_has '"message": "PAY-2 false 100.0 2026-02-27"'

it "MS Project: predecessors like 12FS+2 days become the link grammar; durations, slack, constraints"
show_rule tasks 'r.task_id .. " " .. tostring(r.predecessors) .. " " .. tostring(r.duration_days) .. " " .. tostring(r.total_float_days) .. " " .. tostring(r.constraint) .. " " .. tostring(r.start) .. " " .. tostring(r.actual_finish)'
pa run "$FIX/import/msproject" --profile msproject --as-of 2026-03-01 -f json --only 'DAT-*,X-*' -r "$TMP/show.lua"
out_has '"message": "PRJ-2001.4 PRJ-2001.3:FS+2d;PRJ-2001.2:SS 25.0 -2.0 SNET 2026-02-09 nil"'
out_has '"message": "PRJ-2001.5 PRJ-2001.4:FS-1d 5.0 0.0 ASAP 2026-03-16 nil"'
out_has '"message": "PRJ-2001.2 nil 10.0 0.0 ASAP 2026-01-05 2026-01-16"'
count_is DAT-001 1
out_has '"line": 7, "column": "predecessors", "value": "PRJ-2001.5:FS+50%"'
out_has '"tasks": {"file": '
count_is DAT-005 0

it "MS Project: several files feed one table; each finding names the file its row came from"
pa run "$FIX/import/msproject2" --profile msproject --as-of 2026-03-01 -f json --only 'DAT-*'
out_has '"rows": 8'
count_is DAT-003 0
where_is DAT-001 "PRJ-2001.csv:7 PRJ-2002.csv:3"
where_is DAT-005 "PRJ-2002.csv:2"
out_has '"message": "date \"Fri 2/30/26 5:00 PM\" in column start is not valid: expected a date M/D/YY"'

it "Primavera P6: activities and relationships (two header rows) make tasks with predecessors"
show_rule tasks 'r.task_id .. " " .. tostring(r.predecessors) .. " " .. tostring(r.actual_start) .. " " .. tostring(r.finish) .. " " .. tostring(r.constraint) .. " " .. tostring(r.is_milestone)'
pa run "$FIX/import/p6" --profile p6 --as-of 2026-03-01 -f json --only 'DAT-*,X-*' -r "$TMP/show.lua"
count_is DAT-001 0
count_is DAT-005 0
out_has '"message": "A1030 A1010:SS+5d;A1020:FS nil 2026-04-24 FNLT false"'
out_has '"message": "A1020 A1010:FS+2d 2026-01-19 2026-02-27 SNET false"'
out_has '"message": "A1040 A1030:FF-1d nil 2026-04-24 nil true"'
out_lacks '"relationships"'

it "UK GMPP 2021-2023 (CRLF, multi-line quoted text) loads with its profile"
if [ -f "$SHARED/gmpp-uk/uk_gmpp_2021_2023_rowwise.csv" ]; then
data gmpp1
cp "$SHARED/gmpp-uk/uk_gmpp_2021_2023_rowwise.csv" "$D/"
show_rule projects 'r.project_id .. " " .. tostring(r.rag) .. " " .. tostring(r.budget) .. " " .. tostring(r.planned_finish)'
pa run "$D" --profile gmpp --as-of 2023-06-30 -f json --only 'DAT-*,X-*' -r "$TMP/show.lua"
out_has '"rows": 663'
count_is DAT-001 0
count_is DAT-003 0
count_is DAT-005 0
out_has '"message": "CO_0024_2021-Q2/2023 amber 34000000.0 2024-09-30"'
fi

it "UK GMPP 2023 as published (';', Windows-1252, transposed) loads with its profile"
if [ -f "$SHARED/gmpp-uk/uk_gmpp_2023_transposed_cp1252.csv" ]; then
data gmpp2
cp "$SHARED/gmpp-uk/uk_gmpp_2023_transposed_cp1252.csv" "$D/"
show_rule projects 'r.project_id .. " | " .. r.name .. " | " .. tostring(r.rag) .. " | " .. tostring(r.start_date)'
pa run "$D" --profile gmpp-published --as-of 2023-06-30 -f json --only 'DAT-*,X-*' -r "$TMP/show.lua"
out_has '"rows": 244'
count_is DAT-003 0
out_has '"message": "CO_0024_2021-Q2 | Civil Service Pensions 2015 Remedy | nil | 2020-05-20"'
out_has 'Exempt under Section 43 of the Freedom of Information Act 2000'
fi

it "the config's tables: a file name per table, or a table spec with renames and a value map"
data cfgtables
printf 'project_id,name,status\nPRJ-1,A,active\n' >"$D/portfolio-export.csv"
printf 'Ref;Project;Title;State\nT1;PRJ-1;Design;Doing\nT2;PRJ-1;Build;Blocked\n' >"$D/board.csv"
cat >"$D/pmoaudit.lua" <<'LUA'
tables = {
  projects = "portfolio-export.csv",
  issues = { file = "board.csv", columns = { issue_id = "Ref", project_id = "Project", title = "Title",
             status = { from = "State", map = { Doing = "in_progress" } } } },
}
LUA
pa run "$D" -c "$D/pmoaudit.lua" --as-of $ASOF -f json --only 'DAT-*'
exit_is 1
out_has '"projects": {"file": '
out_has '"issues": {"file": '
count_is DAT-001 1
out_has '"line": 3, "column": "status", "value": "Blocked"'
out_lacks '"board"'
printf 'tables = { issues = { file = "board.csv", colums = {} } }\n' >"$D/pmoaudit.lua"
pa run "$D" -c "$D/pmoaudit.lua" --as-of $ASOF
exit_is 2
err_has "pmoaudit.lua:1: tables.issues: unknown key 'colums' (did you mean 'columns'?)"

it "profile errors name the profile, the place and what to do"
data proferr
printf 'Key,Title\nK1,A\n' >"$D/x.csv"
printf 'return { tables = { projects = { file = "x.csv", columns = { project_id = "Id", name = "Title", status = { value = "active" } } } } }\n' >"$TMP/p1.lua"
pa run "$D" --profile "$TMP/p1.lua" --as-of $ASOF
exit_is 2
err_has "x.csv:1: $TMP/p1.lua: tables.projects.columns.project_id reads column 'Id', which the header lacks (it has: Key, Title)"
printf 'return { tables = { projects = { file = "x.csv", columns = { project_id = "Key", name = function(r) return r.Title .. nil end, status = { value = "active" } } } } }\n' >"$TMP/p2.lua"
pa run "$D" --profile "$TMP/p2.lua" --as-of $ASOF
exit_is 2
err_has "x.csv:2: $TMP/p2.lua, tables.projects.columns.name: $TMP/p2.lua:1: attempt to concatenate a nil value"
printf 'return { tables = { projects = { file = "x.csv", columns = { project_id = "Key", name = function(r) while true do end end, status = { value = "active" } } } } }\n' >"$TMP/p3.lua"
pa run "$D" --profile "$TMP/p3.lua" --as-of $ASOF
exit_is 2
err_has "instruction budget"
printf 'return { tables = { projects = { file = "x.csv", columns = { project_id = "Key", status = { value = "active" },\n  name = function(r) return (io or os or debug or require or load or string.dump) and "open" or "sandboxed" end } } } }\n' >"$TMP/p4.lua"
show_rule projects 'r.name'
pa run "$D" --profile "$TMP/p4.lua" --as-of $ASOF -f json --only 'DAT-*,X-*' -r "$TMP/show.lua"
exit_is 0
out_has '"message": "sandboxed"'
printf 'return { tabels = {} }\n' >"$TMP/p5.lua"
pa run "$D" --profile "$TMP/p5.lua" --as-of $ASOF
exit_is 2
err_has "unknown key 'tabels' (did you mean 'tables'?)"

# --- inspect ---------------------------------------------------------------------

it "inspect shows the dialect, column mapping, inferred types, first rows and problems with lines"
data insp
printf 'Project ID;Name;Status;Start Date;Budget;Notes\nPRJ-1;Caf\351;Active;03/04/2026;$1,000;a\nPRJ-2;B;Paused;13/04/2026;$2,000\n' >"$D/projects.csv"
pa inspect "$D/projects.csv" --encoding cp1252 --rows 1
exit_is 0
out_has "encoding: WINDOWS-1252, converted to UTF-8"
out_has "delimiter: ; (guessed from the header line)"
out_has "table: projects (a table of the data model)"
out_has "header: line 1; 2 data row(s)"
out_has "Start Date                   -> start_date             date           cells look like: date DD/MM/YYYY (2 filled)"
out_has "Budget                       -> budget                 money          cells look like: money (2 filled)"
out_has "Notes                        -> notes                  extra text"
out_has "  line 2: PRJ-1 | Café | Active | 03/04/2026 | \$1,000 | a"
out_lacks "line 3: PRJ-2"
out_has "projects.csv:3  DAT-005  the row has 5 cell(s) but the header has 6"
out_has "projects.csv:3  DAT-001  status: enum \"Paused\""
out_has "projects.csv:2  DAT-001  start_date: date \"03/04/2026\" in column start_date is not valid: expected a date YYYY-MM-DD (this one is ambiguous"
pa inspect "$D/projects.csv" --encoding cp1252 --date-format DD/MM/YYYY
out_lacks "DAT-001  start_date"
out_lacks "encoding check"
pa inspect "$D/projects.csv"
out_has "encoding check: $D/projects.csv:2:10: byte 0xE9 is not valid UTF-8: if the file is Windows-1252 or Latin-1, declare it"
pa inspect "$FIX/import/jira/Jira.csv"
out_has "encoding check: valid UTF-8"
out_has "Jira.csv:1  DAT-005  labels: header column 20 repeats the name 'labels'"

it "inspect under a profile shows which tables a file feeds and from which columns"
pa inspect "$FIX/import/p6/activities.csv" --profile p6
exit_is 0
out_has "  table tasks: header on line 2"
out_has "  table tasks:"
out_has "    predecessors           <- a function"
out_has "    constraint             <- \"Primary Constraint\", value map"

it "inspect of a missing, binary or UTF-16 file"
pa inspect "$TMP/nope.csv"
exit_is 2
out_has "cannot read: No such file or directory"
data insp2
printf 'PK\003\004\024\000\006\000\010\000\000\000!\000' >"$D/x.csv"
pa inspect "$D/x.csv"
out_has "x.csv:1:3: this is not a CSV text file: binary data (byte 0x03)"
printf 'a\tb\n1\t2\n' | iconv -f UTF-8 -t UTF-16 >"$D/u.csv"
pa inspect "$D/u.csv"
out_has "encoding: UTF-16LE (byte-order mark), converted to UTF-8"
out_has "delimiter: tab (guessed from the header line)"
out_has "cells look like: int (1 filled)"

finish
