#!/bin/sh
# MS Project XML (MSPDI, issue 18 point 6): the .xml that MS Project saves,
# read by the msproject profile. Every value of every task is checked
# against an independent read of the same file (tests/tools/mspdi_oracle.py,
# xml.etree), for a file written here that has every field the reader keeps
# and for a real file saved by MS Project 2019 (MPXJ's test data, see its
# SOURCE.md). Hostile XML (entities, deep nesting, bad or truncated XML,
# another namespace) is refused with file:line:column, never a crash.
. "$(dirname "$0")/lib.sh"

MSP="$FIX/import/mspdi"

# Rules that print every mapped value of tasks and projects, in the
# oracle's forms (nil when absent).
cat >"$TMP/show.lua" <<'LUA'
local function s(v) return v == nil and "nil" or tostring(v) end
rule { id = "X-TASK", title = "task", severity = "info", domain = "X", doc = "d", tables = {"tasks"},
  each = "tasks", check = function(r, ctx)
    local f = { r.task_id, r.msp_id, r.unique_id, r.name, r.wbs, r.outline_level, r.start, r.finish,
      r.duration_days, r.percent_complete, r.predecessors, r.constraint, r.baseline_start, r.baseline_finish,
      r.actual_start, r.actual_finish, r.total_float_days, r.resource, r.is_milestone, r.is_summary }
    for i = 1, 20 do f[i] = s(f[i]) end
    ctx.report{ row = r, message = "task " .. table.concat(f, " | ") }
  end }
rule { id = "X-PROJ", title = "project", severity = "info", domain = "X", doc = "d", tables = {"projects"},
  each = "projects", check = function(r, ctx)
    ctx.report{ row = r, message = "project " .. s(r.project_id) .. " | " .. s(r.name) .. " | " .. s(r.status) }
  end }
LUA

# What pmoaudit loaded from FILE (a basename), in the oracle's forms, sorted.
loaded() {
    python3 - "$OUT" "$1" <<'PY'
import json, sys
rep = json.load(open(sys.argv[1]))
out = []
for f in rep["findings"]:
    if f["rule"] in ("X-TASK", "X-PROJ") and f["file"].endswith("/" + sys.argv[2]):
        out.append(f["message"])
    elif f["rule"] == "DAT-001" and f["file"].endswith("/" + sys.argv[2]):
        out.append("dat001 %d %s %s" % (f["line"], f["column"], f["value"]))
for e in rep["data"]["files"]:
    if e["file"].endswith("/" + sys.argv[2]):
        s = "ledger read %d loaded %d [%s]" % (e["read"], e["loaded"],
                                               " ".join("%s %d" % kv for kv in e["tables"].items()))
        for x in e["left_out"]:
            s += " | %d %s @%s" % (x["rows"], x["reason"], ",".join(map(str, x["lines"])))
        out.append(s)
print("\n".join(sorted(out)))
PY
}
matches_oracle() { # FILE.xml (path): pmoaudit's values are the oracle's, all of them
    python3 "$ROOT/tests/tools/mspdi_oracle.py" "$1" >"$TMP/want" 2>&1
    loaded "$(basename "$1")" >"$TMP/got"
    if cmp -s "$TMP/want" "$TMP/got" && [ -s "$TMP/want" ]; then ok; else
        bad "values of $(basename "$1") differ from the oracle's: $(diff "$TMP/want" "$TMP/got" | head -8)"
    fi
}

it "an MSPDI file written with every field: every value is the independent read's"
data full
cp "$MSP/PRJ-3001.xml" "$D/"
pa run "$D" --profile msproject --as-of 2026-03-01 -f json --only 'DAT-*,X-*' -r "$TMP/show.lua"
exit_is 1
matches_oracle "$D/PRJ-3001.xml"
count_is X-TASK 10
count_is DAT-001 3
count_is DAT-008 0
out_has '"part": "Tasks", "read": 12, "loaded": 11'

it "MSPDI: the exact values the oracle derives (a spot check that the oracle itself reads right)"
out_has '"message": "task PRJ-3001.3 | 3 | 20 | Design layout | 1.2 | 2 | 2026-01-19 | 2026-01-30 | 10.0 | 100.0 | PRJ-3001.2:FS | SNET | 2026-01-12 | 2026-01-23 | 2026-01-19 | 2026-01-30 | -1.0 | Ana Wu,Lee Park | false | false"'
out_has '"message": "task PRJ-3001.6 | 6 | 6 | Transport | 2.2 | 2 | 2026-02-23 | 2026-03-20 | 20.0 | 0.0 | PRJ-3001.5:FF-1d;PRJ-3001.3:SF+10d;PRJ-3001.5:FS+2d | FNET | 2026-02-16 | 2026-03-13 | nil | nil | -0.5 | nil | false | false"'
out_has '"message": "task PRJ-3001.5 | 5 | 5 | Pack stock | 2.1 | 2 | 2026-02-04 | 2026-02-20 | 12.5 | 45.0 | PRJ-3001.3:FS+2d;PRJ-3001.2:SS+0.5d | SNLT | 2026-02-02 | 2026-02-13 | 2026-02-04 | nil | 0.5 | nil | false | false"'
out_has '"message": "task PRJ-3001.2 | 2 | 2 | Survey <site> & access | 1.1 | 2 | 2026-01-05 | 2026-01-16 | 10.0 | 100.0 | nil | MSO | 2026-01-05 | 2026-01-16 | 2026-01-05 | 2026-01-16 | 0.0 | Ana Wu | false | false"'
out_has '"message": "project PRJ-3001 | Warehouse move & fit-out | active"'
out_has '"line": 266, "column": "predecessors", "value": "PRJ-3001.9:FS+50%"'
out_has '"line": 266, "column": "duration_days", "value": "P1M"'
out_has '"line": 287, "column": "predecessors", "value": "PredecessorUID 99: no task has this UID"'
out_has '"left_out": [{"reason": "a blank task row (IsNull) (tables.tasks.drop)", "rows": 1, "lines": [211], "rule": null}]'
out_has '"tables": {"projects": 1, "tasks": 10}'

it "a real MSPDI file saved by MS Project 2019 (MPXJ test data): every value is the independent read's"
data real
cp "$MSP/mpxj/task-links-project2019-mspdi.xml" "$D/"
pa run "$D" --profile msproject --as-of 2018-10-25 -f json --only 'DAT-*,X-*' -r "$TMP/show.lua"
exit_is 0
matches_oracle "$D/task-links-project2019-mspdi.xml"
count_is X-TASK 16
count_is DAT-001 0
out_has '"message": "task task-links-project2019-mspdi.8 | 8 | 8 | Task 2 | 8 | 1 | 2018-10-26 | 2018-10-26 | 1.0 | 0.0 | task-links-project2019-mspdi.7:FS+5d | ASAP | nil | nil | nil | nil | 5.0 | nil | false | false"'
out_has '"message": "project task-links-project2019-mspdi | task-links-project2019-mspdi | active"'

it "the text summary and inspect read an MSPDI file through the profile"
pa run "$D" --profile msproject --as-of 2018-10-25 --only 'DAT-*'
out_has "rows: 17 read from 1 file, 17 loaded, 0 left out"
pa inspect "$D/task-links-project2019-mspdi.xml" --profile msproject
exit_is 0
out_has "  table tasks: header on line 196"
out_has "    predecessors           <- \"Predecessors\": found (column 10)"
out_has "format: MS Project XML (MSPDI)"
pa inspect "$D/task-links-project2019-mspdi.xml"
exit_is 0
out_has "  an XML file is read through a profile: --profile msproject"
out_lacks "delimiter"

it "a real MS Project 2007 file with a task per duration unit: an elapsed duration (1 eday = PT24H) counts 24-hour days"
data durations
cp "$MSP/mpxj/mspdiduration.xml" "$D/"
pa run "$D" --profile msproject --as-of 2009-03-25 -f json --only 'DAT-*,X-*' -r "$TMP/show.lua"
exit_is 0
matches_oracle "$D/mspdiduration.xml"
count_is X-TASK 10
out_has '"message": "task mspdiduration.3 | 3 | 3 | Task 3 | 3 | 1 | 2009-03-25 | 2009-03-25 | 1.0 | 0.0 |'
out_has '"message": "task mspdiduration.8 | 8 | 8 | Task 8 | 8 | 1 | 2009-03-25 | 2009-03-26 | 1.0 | 0.0 |'
out_has '"message": "task mspdiduration.9 | 9 | 9 | Task 9 | 9 | 1 | 2009-03-25 | 2009-04-01 | 7.0 | 0.0 |'
out_has '"message": "task mspdiduration.1 | 1 | 1 | Task 1 | 1 | 1 | 2009-03-25 | 2009-03-25 | 0.002083333 | 0.0 |'

it "CSV exports and XML files in one folder: one project each, findings name their file"
data mixed
cp "$FIX/import/msproject/PRJ-2001.csv" "$MSP/PRJ-3001.xml" "$D/"
pa run "$D" --profile msproject --as-of 2026-03-01 -f json --only 'DAT-*,X-*' -r "$TMP/show.lua"
count_is X-PROJ 2
count_is X-TASK 16
where_is DAT-001 "PRJ-2001.csv:7 PRJ-3001.xml:266 PRJ-3001.xml:266 PRJ-3001.xml:287"
matches_oracle "$D/PRJ-3001.xml"

it "link ids with dots and dashes name the right task: PRJ-2001.99 (no such task) is not PRJ with a lead"
data dotted
csv PRJ-2001.csv <<'CSV'
ID,Unique ID,Name,Duration,Start,Finish,Predecessors
1,1,A,1 day,Mon 1/5/26 8:00 AM,Mon 1/5/26 5:00 PM,
2,2,B,1 day,Mon 1/5/26 8:00 AM,Mon 1/5/26 5:00 PM,1
12,12,C,1 day,Mon 1/5/26 8:00 AM,Mon 1/5/26 5:00 PM,"2,99"
CSV
cat >"$TMP/links.lua" <<'LUA'
rule { id = "X-LINKS", title = "links", severity = "info", domain = "X", doc = "d", tables = {"tasks"},
  each = "tasks", check = function(r, ctx)
    local out = {}
    for id, type, lag in ctx.tables.tasks:links(r) do out[#out + 1] = id .. "|" .. type .. "|" .. lag end
    ctx.report{ row = r, message = r.task_id .. " " .. table.concat(out, " ") }
  end }
LUA
pa run "$D" --profile msproject --as-of 2026-03-01 -f json --only 'X-*,SCH-011' -r "$TMP/links.lua"
out_has '"message": "PRJ-2001.2 PRJ-2001.1|FS|0"'
out_has '"message": "PRJ-2001.12 PRJ-2001.2|FS|0 PRJ-2001.99|FS|0"'
count_is SCH-011 0

it "an MS Project CSV export with another locale's dates: --date-format or the config's date_format wins over the profile's M/D/YY"
data locale
csv PRJ-2004.csv <<'CSV'
ID,Active,Task Mode,Name,Duration,Start,Finish,Predecessors,Outline Level
1,Yes,Auto Scheduled,Overhaul,24 hrs,2026 January 05 8:00 AM,2026 January 07 5:00 PM,,1
2,Yes,Auto Scheduled,Strip down,16 hrs,2026 January 05 8:00 AM,2026 January 06 5:00 PM,,2
3,Yes,Auto Scheduled,Inspect,8 hrs,2026 January 07 8:00 AM,2026 January 07 5:00 PM,2,2
CSV
pa run "$D" --profile msproject --as-of 2026-03-01 -f json --only 'DAT-*'
count_is DAT-001 6
out_has 'date \"2026 January 05 8:00 AM\" in column start is not valid: expected a date M/D/YY'
pa run "$D" --profile msproject --date-format 'YYYY Month DD' --as-of 2026-03-01 -f json --only 'DAT-*,X-*' -r "$TMP/show.lua"
exit_is 0
count_is DAT-001 0
out_has '"message": "task PRJ-2004.3 | 3 | nil | Inspect | nil | 2 | 2026-01-07 | 2026-01-07 | 1.0 | nil | PRJ-2004.2:FS |'
printf 'profile = "msproject"\ndate_format = "YYYY Month DD"\n' >"$TMP/locale.lua"
pa run "$D" -c "$TMP/locale.lua" --as-of 2026-03-01 -f json --only 'DAT-*'
exit_is 0
count_is DAT-001 0

it "a CSV export that shows the project summary task (Unique ID 0): it is the project, not a task"
data summary
csv PRJ-2003.csv <<'CSV'
ID,Unique ID,Name,Duration,Start,Finish,Predecessors
0,0,Whole project,2 days,Mon 1/5/26 8:00 AM,Tue 1/6/26 5:00 PM,
1,1,A,1 day,Mon 1/5/26 8:00 AM,Mon 1/5/26 5:00 PM,
2,2,B,1 day,Tue 1/6/26 8:00 AM,Tue 1/6/26 5:00 PM,1
CSV
pa run "$D" --profile msproject --as-of 2026-03-01 -f json --only 'DAT-*'
out_has '"read": 3, "loaded": 3, "tables": {"projects": 1, "tasks": 2}, "left_out": []'
out_has '"tasks": {"file": "'"$D"'/PRJ-2003.csv", "rows": 2}'
count_is DAT-008 0

it "the grid carries the fields the profile does not map (a config overlay maps them)"
data overlay
cp "$MSP/PRJ-3001.xml" "$D/"
cat >"$TMP/overlay.lua" <<'CONF'
profile = "msproject"
tables = { tasks = { columns = { constraint_date = "Constraint Date", baseline_duration = "Baseline Duration" } } }
CONF
cat >"$TMP/extra.lua" <<'LUA'
rule { id = "X-EXTRA", title = "extra", severity = "info", domain = "X", doc = "d", tables = {"tasks"},
  each = "tasks", check = function(r, ctx)
    ctx.report{ row = r, message = r.task_id .. " " .. tostring(r.constraint_date) .. " " .. tostring(r.baseline_duration) }
  end }
LUA
pa run "$D" --config "$TMP/overlay.lua" --as-of 2026-03-01 -f json --only 'X-*' -r "$TMP/extra.lua"
out_has '"message": "PRJ-3001.5 2026-02-06T08:00:00 10 days"'
out_has '"message": "PRJ-3001.1 nil 15 days"'

# --- hostile and broken XML: refused with file:line:column, exit 2 ------------------

bad_xml() { # NAME: run on $D/NAME.xml
    pa run "$D" --profile msproject --as-of 2026-03-01 -f json
    exit_is 2
}

it "a DOCTYPE (billion laughs) is refused before any entity is declared"
data laughs
python3 - "$D/PRJ.xml" <<'PY'
import sys
ents = "".join('<!ENTITY l%d "&l%d;&l%d;&l%d;&l%d;&l%d;&l%d;&l%d;&l%d;&l%d;&l%d;">\n' % ((i,) + (i - 1,) * 10)
               for i in range(1, 10))
open(sys.argv[1], "w").write('<?xml version="1.0"?>\n<!DOCTYPE Project [\n<!ENTITY l0 "lol">\n' + ents +
    ']>\n<Project xmlns="http://schemas.microsoft.com/project"><Tasks><Task><Name>&l9;</Name></Task></Tasks></Project>\n')
PY
bad_xml
err_has "$D/PRJ.xml:2:19: a DOCTYPE is not accepted: MS Project XML has none, and its entities could expand without bound"

it "an external entity (XXE) is refused too; an undeclared entity is bad XML"
data xxe
printf '<?xml version="1.0"?>\n<!DOCTYPE p SYSTEM "file:///etc/passwd">\n<Project xmlns="http://schemas.microsoft.com/project"/>\n' >"$D/PRJ.xml"
bad_xml
err_has "$D/PRJ.xml:2:40: a DOCTYPE is not accepted"
printf '<Project xmlns="http://schemas.microsoft.com/project">\n<Title>&secret;</Title></Project>\n' >"$D/PRJ.xml"
bad_xml
err_has "$D/PRJ.xml:2:8: not well-formed XML: undefined entity"

it "nesting deeper than 64 elements is refused"
data deep
python3 -c "import sys; open(sys.argv[1], 'w').write('<Project xmlns=\"http://schemas.microsoft.com/project\">' + '<a>' * 100000 + '</a>' * 100000 + '</Project>')" "$D/PRJ.xml"
bad_xml
err_has "$D/PRJ.xml:1:244: elements are nested deeper than 64 levels: this is not MS Project XML"

it "a value longer than 1 MiB is refused"
data long
python3 -c "import sys; open(sys.argv[1], 'w').write('<Project xmlns=\"http://schemas.microsoft.com/project\">\n<Tasks><Task><Name>' + 'x' * 1100000 + '</Name></Task></Tasks></Project>')" "$D/PRJ.xml"
bad_xml
err_has "$D/PRJ.xml:2:1048522: a value is longer than 1 MiB: this is not MS Project XML"

it "bad, truncated and empty XML name the line and column"
data broken
printf '<Project xmlns="http://schemas.microsoft.com/project">\n<Tasks><Task><Name>A</Nam></Task>\n</Tasks></Project>\n' >"$D/PRJ.xml"
bad_xml
err_has "$D/PRJ.xml:2:23: not well-formed XML: mismatched tag"
head -c 300 "$MSP/PRJ-3001.xml" >"$D/PRJ.xml"
bad_xml
err_has "$D/PRJ.xml:5:2: not well-formed XML: unclosed token"
: >"$D/PRJ.xml"
bad_xml
err_has "$D/PRJ.xml:1:1: not well-formed XML: no element found"
printf '\377\376<\000P\000' >"$D/PRJ.xml"
bad_xml
err_has "$D/PRJ.xml:1:"

it "another root element or namespace is not MS Project XML"
data ns
printf '<?xml version="1.0"?>\n<Project><Tasks/></Project>\n' >"$D/PRJ.xml"
bad_xml
err_has "$D/PRJ.xml:2:1: the root element is <Project> in no namespace, not MS Project's <Project xmlns=\"http://schemas.microsoft.com/project\">"
printf '<?xml version="1.0"?>\n<p:Project xmlns:p="urn:other"/>\n' >"$D/PRJ.xml"
bad_xml
err_has "$D/PRJ.xml:2:1: the root element is <Project> in namespace \"urn:other\", not MS Project's"
printf '<svg xmlns="http://www.w3.org/2000/svg"/>\n' >"$D/PRJ.xml"
bad_xml
err_has "$D/PRJ.xml:1:1: the root element is <svg> in namespace \"http://www.w3.org/2000/svg\""

it "a well-formed MSPDI file with no tasks loads no rows and says so (DAT-006)"
data empty
printf '<Project xmlns="http://schemas.microsoft.com/project"><Name>x</Name></Project>\n' >"$D/PRJ.xml"
pa run "$D" --profile msproject --as-of 2026-03-01 -f json --only 'DAT-*'
exit_is 1
count_is DAT-006 2
out_has '"part": "Tasks", "read": 0, "loaded": 0'

finish
