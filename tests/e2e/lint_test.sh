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

it "a missing path is exit 2"
pa lint "$TMP/nope"
exit_is 2
err_has "$TMP/nope"

finish
