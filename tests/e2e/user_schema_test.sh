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
it "a table declared twice names the first declaration"
printf 'schema { table = "vendors", columns = { {"id", "text"} } }\nschema { table = "vendors", columns = { {"id", "text"} } }\n' >"$R3/bad.lua"
decl_fails 2 "vendors: table vendors is already declared at $R3/bad.lua:1"
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

finish
