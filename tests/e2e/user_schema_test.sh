#!/bin/sh
# A rule pack can type the extra CSVs it reads, and add typed columns to the
# canonical tables, with schema{...} in a rule file. Declared tables are
# loaded and checked like canonical ones: cells are typed (DAT-001 for a cell
# that does not parse), required cells filled (DAT-002), keys unique
# (DAT-003), references known (DAT-004), a missing required column is
# exit 2. Declaration mistakes are errors at their file:line.
. "$(dirname "$0")/lib.sh"

data d
csv projects.csv <<'CSV'
project_id,name,status,Cost Center
PRJ-1,Alpha,active,410
PRJ-2,Beta,active,x12
CSV
csv vendors.csv <<'CSV'
Vendor ID,Name,Project ID,Contract End,Contract Value,Tier
V-1,Northwind,PRJ-1,2026-03-31,"$1,200,000.00",Gold
V-2,Contoso,PRJ-9,2026-12-31,"$80,000",silver
V-2,Contoso again,PRJ-2,31/12/2026,n/a,platinum
,Nameless,PRJ-1,,,
CSV

R="$TMP/pack"
mkdir -p "$R"
cat >"$R/vendors.lua" <<'LUA'
schema {
  table = "vendors",
  key = "vendor_id",
  columns = {
    {"Vendor ID", "text", required = true},
    {"name", "text"},
    {"project_id", "text", required = true, fk = "projects"},
    {"contract_end", "date"},
    {"contract_value", "money"},
    {"tier", "enum(gold, silver, bronze)"},
  },
}
schema { table = "projects", columns = { {"cost_center", "int"} } }

rule { id = "VEN-001", title = "Contracts end before the as-of date", severity = "warning", domain = "CST",
  tables = {"vendors"}, each = "vendors", doc = "Typed columns arrive typed.",
  check = function(v, ctx)
    if v.contract_end and v.contract_end < ctx.T then
      ctx.report(v, "contract_end", ("%s ended %s; value %s is a %s; tier %s"):format(
        v.vendor_id, tostring(v.contract_end), tostring(v.contract_value), math.type(v.contract_value), v.tier))
    end
  end }
rule { id = "VEN-002", title = "Cost centres are numbers", severity = "info", domain = "CST",
  tables = {"projects"}, each = "projects", doc = "An extra column of a canonical table, typed.",
  check = function(p, ctx)
    if p.cost_center then ctx.report(p, "cost_center", "cost centre " .. math.type(p.cost_center)) end
  end }
LUA

it "a declared table's cells reach rules typed (date, money, enum)"
pa run "$D" --as-of $ASOF --no-builtin -r "$R" -f json
exit_is 0
count_is VEN-001 1
true_that 'grep -qF "V-1 ended 2026-03-31; value 1200000.0 is a float; tier gold" "$OUT"'
it "an extra column declared on a canonical table is typed too"
count_is VEN-002 1
true_that 'grep -qF "cost centre integer" "$OUT"'

it "a declared table gets the DAT checks of the data model"
pa run "$D" --as-of $ASOF -r "$R" --only 'DAT-*' -f json
exit_is 1
where_is DAT-001 "projects.csv:3 vendors.csv:4 vendors.csv:4 vendors.csv:4"
where_is DAT-002 "vendors.csv:5"
where_is DAT-003 "vendors.csv:4"
where_is DAT-004 "vendors.csv:3"
out_has 'project_id \"PRJ-9\" is not a known project (no such project_id in'
true_that 'grep -qF "\"value\": \"platinum\"" "$OUT"'

it "without the declaration the same file is text and not checked"
pa run "$D" --as-of $ASOF --only 'DAT-*' -f json
exit_is 0

it "a declared table without its required column is exit 2 naming file and column"
data d2
csv projects.csv <<'CSV'
project_id,name,status
PRJ-1,Alpha,active
CSV
csv vendors.csv <<'CSV'
Vendor ID,Name
V-1,Northwind
CSV
pa run "$D" --as-of $ASOF --no-builtin -r "$R"
exit_is 2
err_has "$D/vendors.csv:1: missing required column 'project_id' in table vendors"

it "pmoaudit schema lists declared tables and columns with where they were declared"
pa schema "$R"
exit_is 0
out_has "vendors (key vendor_id; declared at $R/vendors.lua:1)"
out_has "projects (key project_id; extra columns declared at $R/vendors.lua:13)"
out_has "  cost_center            int"
out_has "  tier                   enum(gold, silver, bronze)"

# decl_fails LINE MESSAGE: the schema{} in $R3/bad.lua fails at that line.
decl_fails() {
    pa list --no-builtin "$R3"
    exit_is 2
    err_has "$R3/bad.lua:$1: schema $2"
}
R3="$TMP/bad"
mkdir -p "$R3"
it "an unknown type is an error at the schema line"
printf '\nschema { table = "vendors", columns = { {"id", "txt"} } }\n' >"$R3/bad.lua"
decl_fails 2 "vendors: column id: unknown type 'txt'"
it "an unknown field suggests the intended one"
printf 'schema { table = "vendors", colums = {} }\n' >"$R3/bad.lua"
decl_fails 1 "vendors: unknown field 'colums' (did you mean 'columns'?)"
it "a column already in the data model cannot be redeclared"
printf 'schema { table = "projects", columns = { {"budget", "number"} } }\n' >"$R3/bad.lua"
decl_fails 1 "projects: column budget is already in the data model"
it "a key must be one of the columns"
printf 'schema { table = "vendors", key = "vid", columns = { {"id", "text"} } }\n' >"$R3/bad.lua"
decl_fails 1 "vendors: key 'vid' is not one of its columns"
it "a column declared twice in different ways names both places"
printf 'schema { table = "vendors", columns = { {"id", "text"} } }\nschema { table = "vendors", columns = { {"id", "int", required = true} } }\n' >"$R3/bad.lua"
decl_fails 2 "vendors: column id is declared as int, required here and as text at $R3/bad.lua:1 (declare it once, or the same way everywhere)"
it "an extra table's key given twice must be the same"
printf 'schema { table = "vendors", key = "id", columns = { {"id", "text"}, {"code", "text"} } }\nschema { table = "vendors", key = "code", columns = { {"code", "text"} } }\n' >"$R3/bad.lua"
decl_fails 2 "vendors: key 'code' here, but key 'id' at $R3/bad.lua:1 (a table has one key)"
it "a repeated enum value is an unknown type"
printf 'schema { table = "vendors", columns = { {"tier", "enum(a, A)"} } }\n' >"$R3/bad.lua"
decl_fails 1 "vendors: column tier: unknown type 'enum(a, A)'"

it "rule tests load their fixtures with the declared types"
cat >"$R/vendors_test.lua" <<'LUA'
test { rule = "VEN-001", name = "an expired contract", as_of = "2026-06-30",
  data = { projects = "project_id,name,status\nP1,A,active\n",
           vendors = "vendor_id,project_id,contract_end,contract_value,tier\nV1,P1,2026-01-31,$5,gold\n" },
  expect = { lines = {2}, columns = {"contract_end"} } }
test { rule = "VEN-001", name = "a running contract", as_of = "2026-06-30",
  data = { projects = "project_id,name,status\nP1,A,active\n",
           vendors = "vendor_id,project_id,contract_end\nV1,P1,2027-01-31\n" },
  expect = 0 }
LUA
pa test "$R"
exit_is 0
out_has "2 passed, 0 failed"

# Several files of the packs add columns to one table (the `init` example
# declares one on projects; a second rule file declares another).
C="$TMP/compose"
mkdir -p "$C/a" "$C/b"
cat >"$C/a/one.lua" <<'LUA'
schema { table = "projects", columns = { {"finance_partner", "text"} } }
schema { table = "suppliers", key = "supplier_id", columns = { {"supplier_id", "text"}, {"project_id", "text", fk = "projects"} } }
LUA
cat >"$C/b/two.lua" <<'LUA'
schema { table = "projects", columns = { {"cost_center", "int"}, {"finance_partner", "text"} } }
schema { table = "suppliers", columns = { {"tier", "enum(gold, silver)"}, {"supplier_id", "text"} } }
rule { id = "ACME-002", title = "Cost centres are set", severity = "info", domain = "STD",
  tables = {"projects", "suppliers"}, each = "suppliers", doc = "Reads columns of both declarations.",
  check = function(s, ctx)
    local p = ctx.tables.projects:get(s.project_id)
    if p and p.cost_center == nil and s.tier == "gold" then ctx.report(s, "project_id", p.finance_partner or "-") end
  end }
LUA
it "several rule files add columns to one table; the same column declared the same way twice is fine"
pa schema "$C/a" "$C/b"
exit_is 0
out_has "projects (key project_id; extra columns declared at $C/a/one.lua:1)"
out_has "  cost_center            int                                                (declared at $C/b/two.lua:1)"
out_has "suppliers (key supplier_id; declared at $C/a/one.lua:2)"
out_has "  tier                   enum(gold, silver)                                 (declared at $C/b/two.lua:2)"
true_that '[ "$(grep -c "^  finance_partner " "$OUT")" = 1 ]'
it "lint sees every column of the composed tables"
pa lint "$C/a" "$C/b"
exit_is 1
true_that '[ "$(cat "$OUT")" = "$C/b/two.lua:3: rule ACME-002 has no test: add test{ rule = \"ACME-002\", ... } cases to a *_test.lua file beside it (see docs/rule-tests.md)
lint: 1 rule, 2 files: 1 problem" ]'
it "a column declared differently in two files is one error naming both places"
printf 'schema { table = "projects", columns = { {"finance_partner", "int"} } }\n' >"$C/b/three.lua"
pa lint "$C/a" "$C/b"
exit_is 1
out_has "$C/b/three.lua:1: schema projects: column finance_partner is declared as int here and as text at $C/a/one.lua:1 (declare it once, or the same way everywhere)"
pa run "$D" --no-builtin -r "$C/a" -r "$C/b"
exit_is 2
err_has "$C/b/three.lua:1: schema projects: column finance_partner is declared as int here and as text at $C/a/one.lua:1"
rm "$C/b/three.lua"

it "a pack made by init takes a second rule file that declares another column of projects"
pa init "$TMP/init"
exit_is 0
cat >"$TMP/init/rules/ACME-002.lua" <<'LUA'
schema { table = "projects", columns = { {"cost_center", "int"} } }
rule { id = "ACME-002", title = "Cost centres are set", severity = "info", domain = "STD",
  tables = {"projects"}, each = "projects", doc = "A project without a cost centre.",
  check = function(p, ctx)
    if p.cost_center == nil and pmo.blank(p.finance_partner) then ctx.report(p, "cost_center", p.project_id) end
  end }
LUA
cat >"$TMP/init/rules/ACME-002_test.lua" <<'LUA'
test { rule = "ACME-002", name = "no cost centre", data = { projects = "project_id,name,status,finance_partner,cost_center\nP1,A,active,,\nP2,B,active,,12\n" },
  expect = { keys = {"P1"} } }
LUA
pa lint "$TMP/init/rules"
exit_is 0
true_that '[ "$(cat "$OUT")" = "lint: 2 rules, 4 files: 0 problems" ]'
pa run "$TMP/init/data" --as-of "$ASOF" --no-builtin -r "$TMP/init/rules" -f json
exit_is 0
count_is ACME-001 1
count_is ACME-002 2

it "one bad type in a schema{} is one lint error, not one per column the rules read"
B="$TMP/badtype"
mkdir -p "$B"
cat >"$B/vendors.lua" <<'LUA'
schema {
  table = "vendors",
  key = "vendor_id",
  columns = {
    {"vendor_id", "text", required = true},
    {"contract_end", "dat"},
    {"project_id", "text", fk = "projects"},
    {"tier", "enum(gold, silver)"},
  },
}
rule { id = "VEN-009", title = "Gold contracts outlast their project", severity = "warning", domain = "CST",
  tables = {"vendors", "projects"}, each = "vendors", doc = "Reads the columns after the bad one.",
  check = function(v, ctx)
    local p = ctx.tables.projects:get(v.project_id)
    if p and v.tier == "gold" and v.contract_end and p.planned_finish and v.contract_end < p.planned_finish then
      ctx.report(v, "contract_end", v.vendor_id .. " ends before " .. v.project_id)
    end
  end }
LUA
cat >"$B/vendors_test.lua" <<'LUA'
test { rule = "VEN-009", name = "an early end", data = {
  projects = "project_id,name,status,planned_finish\nP1,A,active,2026-12-31\n",
  vendors = "vendor_id,contract_end,project_id,tier\nV1,2026-06-30,P1,gold\n" },
  expect = { keys = {"V1"} } }
LUA
pa lint "$B"
exit_is 1
true_that '[ "$(cat "$OUT")" = "$B/vendors.lua:1: schema vendors: column contract_end: unknown type '"'dat'"' (use text, int, number, money, date, bool or enum(a, b, ...) with at most 255 distinct values)
lint: 1 rule, 2 files: 1 problem" ]'

it "a pack's tests check its declared key and foreign key with the engine's DAT rules"
sed -i 's/"dat"/"date"/' "$B/vendors.lua"
cat >>"$B/vendors_test.lua" <<'LUA'
test { rule = "DAT-004", name = "a vendor of an unknown project", data = {
  projects = "project_id,name,status\nP1,A,active\n",
  vendors = "vendor_id,project_id\nV1,P1\nV2,P9\n" },
  expect = { keys = {"V2"}, columns = {"project_id"}, lines = {3} } }
test { rule = "DAT-004", name = "known projects only", data = {
  projects = "project_id,name,status\nP1,A,active\n", vendors = "vendor_id,project_id\nV1,P1\n" },
  expect = 0 }
test { rule = "DAT-003", name = "a vendor id twice", data = {
  projects = "project_id,name,status\nP1,A,active\n", vendors = "vendor_id,project_id\nV1,P1\nV1,P1\n" },
  expect = { keys = {"V1"}, lines = {3} } }
test { rule = "DAT-001", name = "a tier outside the enum", data = {
  projects = "project_id,name,status\nP1,A,active\n", vendors = "vendor_id,project_id,tier\nV1,P1,platinum\n" },
  expect = { keys = {"V1"}, columns = {"tier"} } }
test { rule = "DAT-002", name = "a vendor without its id", data = {
  projects = "project_id,name,status\nP1,A,active\n", vendors = "vendor_id,project_id\n,P1\n" },
  expect = { lines = {2}, columns = {"vendor_id"} } }
LUA
pa test -v "$B"
exit_is 0
true_that '[ "$(cat "$OUT")" = "ok    VEN-009  an early end
ok    DAT-004  a vendor of an unknown project
ok    DAT-004  known projects only
ok    DAT-003  a vendor id twice
ok    DAT-001  a tier outside the enum
ok    DAT-002  a vendor without its id
1 rules, 1 with tests; 6 cases
6 passed, 0 failed" ]'
it "the engine's rules count as no rule of the pack in --coverage"
pa test --coverage "$B"
exit_is 1
out_has "coverage: rules without a failing case: none"
out_has "coverage: rules without a passing case: VEN-009"
it "a case of the engine's rules that fails says what it found"
sed -i 's/lines = {3} } }/lines = {2} } }/' "$B/vendors_test.lua"
pa test "$B"
exit_is 1
out_has "FAIL  DAT-004  a vendor of an unknown project  ($B/vendors_test.lua:5)"
out_has "lines[1]: expected \"2\", got \"3\""
it "lint knows the engine's rules a pack's tests name, and counts only the pack's"
pa lint "$B"
exit_is 0
true_that '[ "$(cat "$OUT")" = "lint: 1 rule, 2 files: 0 problems" ]'
it "a test of a rule nobody declares is still an error"
printf 'test { rule = "DAT-404", name = "n", data = {}, expect = 0 }\n' >"$B/x_test.lua"
pa lint "$B"
exit_is 1
out_has "$B/x_test.lua:1: test: there is no rule DAT-404 in the linted paths"

finish
