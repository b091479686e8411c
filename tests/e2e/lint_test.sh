#!/bin/sh
# pmoaudit lint checks rule packs without data. Each problem is one
# "file:line: message" line, sorted by file and line; exit 1 when there are
# problems, 0 when clean, 2 when lint cannot run. The fixture pack
# (tests/fixtures/lint) holds one mistake of each kind.
. "$(dirname "$0")/lib.sh"

L="$FIX/lint"
P="$L/pack.lua"

it "the built-in pack is clean"
pa lint
exit_is 0
out_has "lint: 61 rules, 122 files: 0 problems"

it "a pack with problems exits 1 and counts them"
pa lint "$L"
exit_is 1
out_has "lint: 2 rules, 3 files: 20 problems"

it "a syntax error is located"
out_has "$L/broken.lua:2: '}' expected (to close '{' at line 1) near 'domain'"
it "malformed metadata is located at the rule{} line"
out_has "$P:27: rule A-003: unknown severity 'fatal' (use info, warning, error or critical)"
it "a duplicate id names both declarations"
out_has "$P:25: duplicate rule id A-001 (already declared at $P:2)"
it "an unknown domain is named, with how to declare your own"
out_has "$P:13: rule A-002: unknown domain 'PROC'; use a built-in one"
it "a table that is neither canonical nor declared is named, with a suggestion"
out_has "$P:13: rule A-002: table 'risk' is not in the data model and no schema{} declares it (did you mean 'risks'?)"
it "a column a row rule reads that its table lacks is found at its line (comments are not code)"
out_has "$P:6: rule A-001: table projects has no column 'sponser' (did you mean 'sponsor'?)"
out_lacks "not_a_column"
it "a column named to report() is checked"
out_has "$P:7: rule A-001: table projects has no column 'budgett' (did you mean 'budget'?)"
it "a row fetched with get() is followed to its table"
out_has "$P:11: rule A-001: table tasks has no column 'percent_complet' (did you mean 'percent_complete'?)"
it "rows of t:rows(), groups() columns and row sets are followed"
out_has "$P:18: rule A-002: table projects has no column 'statuz' (did you mean 'status'?)"
out_has "$P:20: rule A-002: table projects has no column 'sponsr' (did you mean 'sponsor'?)"
out_has "$P:22: rule A-002: table projects has no column 'nam' (did you mean 'name'?)"
it "a param used but not declared is found, also through a local alias of ctx.params"
out_has "$P:6: rule A-001: uses param 'dayz' but does not declare it in 'params'"
out_has "$P:18: rule A-002: uses param 'limit' but does not declare it in 'params'"
it "a table read without being listed in tables is found"
out_has "$P:9: rule A-001: reads table tasks but does not list it in 'tables' (add \"tasks\" or \"tasks?\")"
it "a rule without a test case is named"
out_has "$P:13: rule A-002 has no test: add test{ rule = \"A-002\", ... }"
it "a test of a rule that does not exist is found"
out_has "$L/pack_test.lua:2: test: there is no rule Z-009 in the linted paths"
it "schema{} problems are found: a bad type at its line, a reference to an unknown table"
out_has "$P:30: schema suppliers: column id: unknown type 'txt'"
out_has "$P:29: schema vendors: column project_id: fk = \"project\" is not a known table"
it "problems are sorted by file, then line"
true_that '[ "$(grep -o "^[^:]*:[0-9]*" "$OUT" | sort -t: -k1,1 -k2,2n | tr "\n" " ")" = "$(grep -o "^[^:]*:[0-9]*" "$OUT" | tr "\n" " ")" ]'

it "a declared extra table makes its columns checkable"
W="$TMP/ok"
mkdir -p "$W"
cat >"$W/vendors.lua" <<'LUA'
schema { table = "vendors", key = "vendor_id", columns = { {"vendor_id", "text"}, {"contract_end", "date"} } }
rule { id = "V-1", title = "t", severity = "warning", domain = "CST", tables = {"vendors"}, each = "vendors",
  doc = "d", check = function(v, ctx)
    if v.contract_end and v.contract_end < ctx.T then ctx.report(v, "contract_end", "ended") end
    if v.contract_ed then end
  end }
LUA
printf 'test { rule = "V-1", name = "n", data = {}, expect = 0 }\n' >"$W/vendors_test.lua"
pa lint "$W"
exit_is 1
out_has "$W/vendors.lua:5: rule V-1: table vendors has no column 'contract_ed' (did you mean 'contract_end'?)"
out_has "lint: 1 rule, 2 files: 1 problem"

it "a column guarded by t:has() is not a problem"
sed -i 's/if v.contract_ed then end/if ctx.tables.vendors:has("owner") and v.owner then end/' "$W/vendors.lua"
pa lint "$W"
exit_is 0

it "the config's domains are known, and its rule folders are linted by default"
sed -i 's/domain = "CST"/domain = "PRC"/' "$W/vendors.lua"
pa lint "$W"
exit_is 1
out_has "unknown domain 'PRC'"
printf 'rules = {"ok"}\ndomains = {"PRC"}\n' >"$TMP/pmoaudit.lua"
cd "$TMP"; pa lint; cd "$ROOT"
exit_is 0
out_has "lint: 1 rule, 2 files: 0 problems"

it "t:rows(column, ...) has its columns checked, and its first loop variable is the row"
R4="$TMP/cells"
mkdir -p "$R4"
cat >"$R4/cells.lua" <<'LUA'
rule { id = "C-001", title = "cells", severity = "info", domain = "STD", tables = {"tasks", "resources"}, doc = "d",
  check = function(ctx)
    local t = ctx.tables.resources:get("R1")
    for t, s, f in ctx.tables.tasks:rows("actual_start", "actual_finsh") do
      if t.percent_complete and t.resource_nam then end
    end
  end }
LUA
printf 'test { rule = "C-001", name = "n", data = { tasks = "task_id\\nT1\\n" }, expect = { count = 0 } }\n' >"$R4/cells_test.lua"
pa lint "$R4"
exit_is 1
out_has "$R4/cells.lua:4: rule C-001: table tasks has no column 'actual_finsh' (did you mean 'actual_finish'?)"
out_has "$R4/cells.lua:5: rule C-001: table tasks has no column 'resource_nam'"
out_has "lint: 1 rule, 2 files: 2 problems"

# Issue 20: the traps a rule author falls into without a message. The
# fixture makes each mistake once; lint must give exactly one message per
# mistake, at its line (the whole output is compared).
T="$FIX/lint_traps"
it "every trap of the fixture gets exactly one located message, and nothing else"
cd "$T" && pa lint && cd "$ROOT"
exit_is 1
COL="(an extra CSV column must be declared with schema{} to be checked here)"
cat >"$TMP/traps.want" <<EOF
pack/acme.lua:4: rule ACME-001: table projects has no column 'forecast_finsh' (did you mean 'forecast_finish'?) $COL
pack/acme.lua:7: pmo.re: "\b" in a quoted string is a backspace to Lua, not a word boundary as PCRE reads it (write "\\\\b", or the pattern as a long string [[...]])
pack/acme.lua:13: rule ACME-001: table projects has no column 'busines_case' (did you mean 'business_case'?) $COL
pack/acme.lua:16: rule ACME-001: table projects has no column 'sponsr' (did you mean 'sponsor'?) $COL
pack/acme.lua:17: rule ACME-001: table projects has no column 'nme' (did you mean 'name'?) $COL
pack/acme.lua:18: rule ACME-001: table projects has no column 'manger' (did you mean 'manager'?) $COL
pack/acme.lua:19: rule ACME-001: table projects has no column 'projct_id' (did you mean 'project_id'?) $COL
pack/acme.lua:20: rule ACME-001: table projects has no column 'managr' (did you mean 'manager'?) $COL
pack/acme.lua:22: rule ACME-001: projects.phase == "Execution" is always false: enum cells read normalised, as one of initiation, planning, execution, closing, closed (did you mean "execution"?)
pack/acme.lua:23: rule ACME-001: projects.status == "activ" is always false: enum cells read normalised, as one of proposed, active, on_hold, closed, cancelled (did you mean "active"?)
pack/acme.lua:24: rule ACME-001: projects.start_date == "2026-01-12" is always false: date cells read as dates, never as a string (write pmo.date("2026-01-12"))
pack/acme.lua:29: pmo.re: bad regular expression /^PRJ-(\d{4}\$/ at offset 12: missing closing parenthesis
pack/acme.lua:30: rule ACME-001: table projects has no column 'sponser' (did you mean 'sponsor'?) $COL
pack/acme.lua:30: rule ACME-001: table projects has no column 'statu' (did you mean 'status'?) $COL
pack/acme_test.lua:1: rule ACME-001: test: params: unknown param 'budget_limt' (did you mean 'budget_limit'?; params: budget_limit)
pmoaudit.lua:3: params: ACME-001.budget_limt: rule ACME-001 has no param 'budget_limt' (did you mean 'budget_limit'?; params: budget_limit)
lint: 1 rule, 2 files: 16 problems
EOF
true_that 'diff -u "$TMP/traps.want" "$OUT"'

it "the run stops at the config's param typo, at its line, listing the rule's params"
data traps
base_projects
cd "$T" && pa run "$D" --as-of "$ASOF" && cd "$ROOT"
exit_is 2
err_has "pmoaudit: pmoaudit.lua:3: params: ACME-001.budget_limt: rule ACME-001 has no param 'budget_limt' (did you mean 'budget_limit'?; params: budget_limit)"

it "pmoaudit test stops at a test case's param typo, at the test{} line"
cd "$T" && pa test pack && cd "$ROOT"
exit_is 2
err_has "pack/acme_test.lua:1: rule ACME-001: test: params: unknown param 'budget_limt' (did you mean 'budget_limit'?; params: budget_limit)"

it "a test case's param of another type than its default is refused"
mkdir -p "$TMP/typed"
cp "$T/pack/acme.lua" "$TMP/typed/"
sed 's/budget_limt = 5/budget_limit = "5"/' "$T/pack/acme_test.lua" >"$TMP/typed/acme_test.lua"
pa test "$TMP/typed"
exit_is 2
err_has "$TMP/typed/acme_test.lua:1: rule ACME-001: test: params: 'budget_limit' is a string, but its default in rule ACME-001 is a number"

# The run cannot see `==` happen (Lua compares two strings, or a date and a
# string, without calling pmoaudit), so it reads the checks as lint does
# and warns before reporting; lookups that can never match it sees as they
# run. Each warning once per rule, not once per row.
W="$TMP/warn"
mkdir -p "$W"
cat >"$W/w.lua" <<'LUA'
rule { id = "W-1", title = "t", severity = "warning", domain = "GOV", tables = {"projects"}, each = "projects",
  params = { phase = "Execution" }, doc = "d",
  check = function(p, ctx)
    if p.phase == "Execution" then ctx.report(p, "phase", "in execution") end
    if p.status == "activ" then ctx.report(p, "status", "active") end
    if p.start_date == "2026-01-12" then ctx.report(p, "start_date", "starts on 12 January") end
    if ctx.tables.projects:find("phase", ctx.params.phase) then ctx.report(p, "phase", "some project executes") end
  end }
LUA
data wrun
csv projects.csv <<'CSV'
project_id,name,status,phase,start_date
PRJ-1,Alpha,Active,Execution,2026-01-12
PRJ-2,Beta,active,execution,2026-01-12
CSV
it "a run warns once about each comparison that can never be true, and about a lookup that never matches"
pa run "$D" -r "$W" --only W-1 --as-of "$ASOF" -f json
exit_is 0
count_is W-1 0
err_has "pmoaudit: warning: $W/w.lua:4: rule W-1: projects.phase == \"Execution\" is always false: enum cells read normalised, as one of initiation, planning, execution, closing, closed (did you mean \"execution\"?)"
err_has "pmoaudit: warning: $W/w.lua:5: rule W-1: projects.status == \"activ\" is always false"
err_has "pmoaudit: warning: $W/w.lua:6: rule W-1: projects.start_date == \"2026-01-12\" is always false: date cells read as dates, never as a string (write pmo.date(\"2026-01-12\"))"
err_has "pmoaudit: warning: $W/w.lua:7: rule W-1: projects:find(\"phase\", \"Execution\") never finds a row: enum cells read normalised"
true_that '[ "$(grep -c "warning:" "$ERR")" = 4 ]'

it "the same rule written right finds what it meant, without a warning"
sed -i 's/"Execution"/"execution"/g; s/"activ"/"active"/; s/== "2026-01-12"/== pmo.date("2026-01-12")/' "$W/w.lua"
pa run "$D" -r "$W" --only W-1 --as-of "$ASOF" -f json
exit_is 0
count_is W-1 8
true_that '! grep -q "warning:" "$ERR"'

it "lint sees the same comparisons and lookups in a table rule's loop cells, groups and helpers"
cat >"$W/w.lua" <<'LUA'
local function starts(row) return row.strt_date end
rule { id = "W-1", title = "t", severity = "warning", domain = "GOV", tables = {"projects", "tasks"}, doc = "d",
  check = function(ctx)
    local pj = ctx.tables.projects
    for r, st in pj:rows("status") do
      if st == "On Hold" and starts(r) then end
    end
    for phase, rows in pj:groups("phase") do
      if phase ~= "exec" and #rows > 0 then end
    end
    local t = ctx.tables.tasks:find("percent_complete", "100")
    if pj:get("PRJ-1") and t and t.is_summary == "yes" then end
  end }
LUA
printf 'test { rule = "W-1", name = "n", data = {}, expect = "skipped" }\n' >"$W/w_test.lua"
pa lint "$W"
exit_is 1
out_has "$W/w.lua:1: rule W-1: table projects has no column 'strt_date' (did you mean 'start_date'?)"
out_has "$W/w.lua:6: rule W-1: projects.status == \"On Hold\" is always false: enum cells read normalised, as one of proposed, active, on_hold, closed, cancelled (did you mean \"on_hold\"?)"
out_has "$W/w.lua:9: rule W-1: projects.phase ~= \"exec\" is always true: enum cells read normalised, as one of initiation, planning, execution, closing, closed (did you mean \"execution\"?)"
out_has "$W/w.lua:11: rule W-1: tasks:find(\"percent_complete\", \"100\") never finds a row: number cells read as numbers, never as a string (write 100)"
out_has "$W/w.lua:12: rule W-1: tasks.is_summary == \"yes\" is always false: bool cells read as booleans, never as a string (write true)"
out_has "lint: 1 rule, 2 files: 5 problems"

it "lint reads ctx, table and row set fields; regexes written right are clean"
cat >"$W/w.lua" <<'LUA'
rule { id = "W-1", title = "t", severity = "warning", domain = "GOV", tables = {"projects"}, doc = "d",
  check = function(ctx)
    local pj = ctx.tables.projects
    local n = pj.nme or ctx.tabels
    local open = pj:select("status", "active")
    local first = open:first()
    local ok = pmo.re([[\bTBD\b]], "i"):test(pj.name) and pmo.re("^PRJ-\\d{4}$"):test(pj.file)
  end }
LUA
pa lint "$W"
exit_is 1
out_has "$W/w.lua:4: rule W-1: tables have no field or method 'nme'"
out_has "$W/w.lua:4: rule W-1: ctx has no field 'tabels' (did you mean 'tables'?) (it has T, rule, params, tables and report)"
out_has "$W/w.lua:6: rule W-1: row sets have no field or method 'first' (use #rows, rows[i] or rows:rows())"
out_has "lint: 1 rule, 2 files: 3 problems"

it "a syntax error is reported once, at Lua's line"
printf 'rule { id = "W-1", title = "t", severity = "warning", domain = "GOV", tables = {"projects"}, doc = "d",\n  check = function(ctx)\n    if ctx.T then\n  end }\n' >"$W/w.lua"
pa lint "$W"
exit_is 1
true_that '[ "$(grep -c "w.lua" "$OUT")" = 1 ]'
out_has "$W/w.lua:4: unexpected symbol near '}'"

it "a file Lua loads but nested too deep for lint's reading says its code is not checked"
{ printf 'rule { id = "W-1", title = "t", severity = "warning", domain = "GOV", tables = {"projects"}, doc = "d",\n'
  printf '  check = function(ctx) local x = ctx'
  i=0; while [ $i -lt 600 ]; do printf '.a'; i=$((i + 1)); done
  printf ' end }\n'; } >"$W/w.lua"
pa lint "$W"
exit_is 1
out_has "$W/w.lua:2: expressions nested deeper than 500 levels; lint does not check this file's code"
out_has "lint: 1 rule, 2 files: 1 problem"

it "a missing path is exit 2"
pa lint "$TMP/nope"
exit_is 2
err_has "$TMP/nope"

finish
