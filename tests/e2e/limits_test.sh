#!/bin/sh
# Resource limits (docs/config.md "Limits", docs/security.md): each can be
# set on the command line and in the config, is refused out of range, and
# says which option raises it when hit.
. "$(dirname "$0")/lib.sh"

data d
csv projects.csv <<'CSV'
project_id,name,status,phase,sponsor,manager,start_date,planned_finish,charter_approved,business_case
PRJ-1001,Alpha,active,execution,Ann Lee,Bo Chan,2026-01-05,2026-12-18,yes,BC-17
PRJ-1002,Beta,active,execution,Ann Lee,Bo Chan,2026-01-05,2026-12-18,yes,BC-18
PRJ-1003,Gamma,active,execution,Ann Lee,Bo Chan,2026-01-05,2026-12-18,yes,BC-19
CSV
cat >"$TMP/MANY.lua" <<'LUA'
rule {
  id = "MANY", title = "reports ten per project", severity = "warning", domain = "STD",
  tables = {"projects"}, each = "projects", doc = "limits test",
  check = function(p, ctx) for i = 1, 10 do ctx.report{row = p, message = "n" .. i, id = tostring(i)} end end,
}
LUA

it "rows: --max-rows stops the load at the first row over it, with the file and line"
pa run "$D" --as-of $ASOF --max-rows 2
exit_is 2
err_has "$D/projects.csv:4: more than 2 data rows, the limit (raise it with --max-rows or limits.max_rows)"
pa run "$D" --as-of $ASOF --max-rows 3 -q
exit_is 0

it "columns: --max-columns refuses a wider header"
pa run "$D" --as-of $ASOF --max-columns 9
exit_is 2
err_has "$D/projects.csv:1: the header has more than 9 columns, the limit (raise it with --max-columns or limits.max_columns)"
pa run "$D" --as-of $ASOF --max-columns 10 -q
exit_is 0

it "cells: --max-cell refuses a larger cell, located"
cp -r "$D" "$TMP/big"
awk 'BEGIN { s = ""; for (i = 0; i < 300; i++) s = s "x"; print "PRJ-1004," s ",active,execution,A,B,2026-01-05,2026-12-18,yes,BC-1" }' >>"$TMP/big/projects.csv"
pa run "$TMP/big" --as-of $ASOF --max-cell 256
exit_is 2
err_has "big/projects.csv:5: a cell is larger than the 256-byte limit (often an unclosed"

it "findings: --max-findings keeps the first N and says how many there were"
pa run "$D" --as-of $ASOF --no-builtin -r "$TMP/MANY.lua" -f json --max-findings 7
exit_is 0
count_is MANY 7
out_has '"findings": 30, "not_listed": 23, "message": "30 findings: the first 7 are listed, 23 more not listed (raise --max-findings to list them)"'
out_has '"waived": 0, "not_listed": 23},'
pa run "$D" --as-of $ASOF --no-builtin -r "$TMP/MANY.lua" --max-findings 7 --no-color
exit_is 0
out_has "MANY  warning  reports ten per project  (30 findings)"
out_has "  ... and 23 more not listed in any report (past --max-findings 7: raise it to list them)"
out_has "note: 23 findings past --max-findings are counted above but not listed"

out_lacks "all of them are in -f json"

it "instructions and memory: the rule errors with the limit and the option"
cat >"$TMP/HOG.lua" <<'LUA'
rule {
  id = "HOG", title = "loops", severity = "warning", domain = "STD",
  tables = {"projects"}, doc = "limits test",
  check = function(ctx) local t = {} for i = 1, 1e9 do t[i] = i end end,
}
LUA
pa run "$D" --as-of $ASOF --no-builtin -r "$TMP/HOG.lua" -f json --max-instructions 100000
exit_is 3
out_has "stopped: exceeded its instruction budget of 160000 instructions (an endless loop?); raise it with --max-instructions"
pa run "$D" --as-of $ASOF --no-builtin -r "$TMP/HOG.lua" -f json --max-rule-memory 8
exit_is 3
out_has "stopped: exceeded its memory limit of 8 MiB; raise it with --max-rule-memory"

it "the run's memory limit: rules that keep memory are counted together, the rule past it is errored"
cat >"$TMP/KEEP.lua" <<'LUA'
local kept = {}
for i = 1, 3 do
  rule {
    id = "KEEP-" .. i, title = "keeps 10 MiB", severity = "warning", domain = "STD",
    tables = {"projects"}, doc = "limits test",
    check = function(ctx) kept[i] = {} for k = 1, 10 do kept[i][k] = string.rep("x", 2^20) end end,
  }
end
LUA
pa run "$D" --as-of $ASOF --no-builtin -r "$TMP/KEEP.lua" -f json -j 1 --max-memory 20
exit_is 3
status_is KEEP-1 passed
status_is KEEP-2 errored
out_has "stopped: the run reached its memory limit of 20 MiB (what all rules hold together); raise it with --max-memory"
pa run "$D" --as-of $ASOF --no-builtin -r "$TMP/KEEP.lua" -f json -j 1 --max-memory 64
exit_is 0
status_is KEEP-3 passed

it "wall clock: a rule past --rule-timeout is errored with the limit and the option"
cat >"$TMP/SLOW.lua" <<'LUA'
rule {
  id = "SLOW", title = "copies megabytes per instruction", severity = "warning", domain = "STD",
  tables = {"projects"}, doc = "limits test",
  check = function(ctx) local s = string.rep("x", 2^22) while true do local t = s .. "y" end end,
}
LUA
pa run "$D" --as-of $ASOF --no-builtin -r "$TMP/SLOW.lua" -f json --rule-timeout 1
exit_is 3
out_has "stopped: ran past its time limit of 1 seconds (wall clock); raise it with --rule-timeout"

it "the config's limits table sets them; the command line wins"
cat >"$TMP/limits.lua" <<'LUA'
limits = { max_rows = 2, max_findings = 5, max_memory = 20, rule_timeout = 1 }
LUA
pa run "$D" --as-of $ASOF -c "$TMP/limits.lua"
exit_is 2
err_has "more than 2 data rows, the limit"
pa run "$D" --as-of $ASOF -c "$TMP/limits.lua" --max-rows 5 --rule-timeout 600 --no-builtin -r "$TMP/MANY.lua" -f json
exit_is 0
count_is MANY 5
pa run "$D" --as-of $ASOF -c "$TMP/limits.lua" --max-rows 5 --rule-timeout 600 --no-builtin -r "$TMP/KEEP.lua" -f json -j 1
exit_is 3
status_is KEEP-2 errored
out_has "the run reached its memory limit of 20 MiB"
pa run "$D" --as-of $ASOF -c "$TMP/limits.lua" --max-rows 5 --no-builtin -r "$TMP/SLOW.lua" -f json
exit_is 3
out_has "stopped: ran past its time limit of 1 seconds (wall clock)"
pa run "$D" --as-of $ASOF -c "$TMP/limits.lua" --max-rows 5 --no-builtin -r "$TMP/KEEP.lua" -f json -j 1 --rule-timeout 600 \
    --max-memory 64
exit_is 0

it "out-of-range limits and unknown keys are errors with the place"
printf 'limits = { max_rowz = 5 }\n' >"$TMP/bad.lua"
pa run "$D" -c "$TMP/bad.lua"
exit_is 2
err_has "bad.lua:1: 'limits' has no limit max_rowz (known: max_cell, max_rows"
printf 'jobs = 1\nlimits = { max_columns = 0 }\n' >"$TMP/bad.lua"
pa run "$D" -c "$TMP/bad.lua"
exit_is 2
err_has "bad.lua:2: 'limits' max_columns must be a whole number of columns from 1 to 65536"
printf 'limits = 5\n' >"$TMP/bad.lua"
pa run "$D" -c "$TMP/bad.lua"
exit_is 2
err_has "bad.lua:1: 'limits' must be a table"
pa run "$D" --max-rows 0
exit_is 2
err_has "--max-rows 0: expected a number of rows from 1 to 1099511627776"
pa run "$D" --max-columns 70000
exit_is 2
err_has "--max-columns 70000: expected a number of columns from 1 to 65536"
pa run "$D" --regex-match-limit 10
exit_is 2
err_has "--regex-match-limit 10: expected a number of steps from 1000 to 4294967295"
pa run "$D" --max-memory 8
exit_is 2
err_has "--max-memory 8: expected megabytes from 16 to 16777216"
pa run "$D" --rule-timeout 0
exit_is 2
err_has "--rule-timeout 0: expected seconds from 1 to 86400"
printf 'limits = { rule_timeout = -1 }\n' >"$TMP/bad.lua"
pa run "$D" -c "$TMP/bad.lua"
exit_is 2
err_has "bad.lua:1: 'limits' rule_timeout must be a whole number of seconds from 1 to 86400"

it "config: a params table whose shared sub-tables make it longer than 64 KiB as text is refused at its line"
printf 'local t = {1}\nfor i = 1, 20 do t = {a = t, b = t, c = t, d = t} end\nparams = { ["SCH-003"] = { dag = t } }\n' >"$TMP/dag.lua"
pa run "$D" -c "$TMP/dag.lua"
exit_is 2
err_has "dag.lua:3: 'params' holds a table longer than 64 KiB as Lua text (a table used in several places is written out at each)"

finish
