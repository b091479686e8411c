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

it "an empty canonical file is exit 2; a header-only file is an empty table"
data empty
base_projects
: >"$D/risks.csv"
pa run "$D" --as-of $ASOF
exit_is 2
err_has "risks.csv:1: the file is empty: expected a header row with the columns of table risks"
printf 'risk_id,project_id,title\n' >"$D/risks.csv"
pa run "$D" --as-of $ASOF -f json --only 'DAT-*'
exit_is 0
out_has '"risks": {"file": '
out_has '"rows": 0'

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
status_is STD-001 failed
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

finish
