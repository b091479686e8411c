#!/bin/sh
# The rule API's period and group helpers (issue 20, point 6): pmo.sweep,
# pmo.latest / pmo.earliest and the month and period arithmetic, through
# the test{} cases of three small rules (tests/fixtures/pmo_helpers); every
# bad argument is an error at the rule's file:line naming the pmo function;
# lint knows the helpers (an unknown pmo.NAME and a misspelt column given
# to a helper are located problems); and the sweep's work, counted by the
# rule's instruction budget, grows with the rows and not with how many days
# their ranges span.
. "$(dirname "$0")/lib.sh"

FIX="$ROOT/tests/fixtures/pmo_helpers"

it "the helpers' test{} cases pass, and lint finds the three rules clean"
pa test "$FIX"
exit_is 0
out_has "3 rules, 3 with tests; 10 cases"
out_has "10 passed, 0 failed"
pa lint "$FIX"
exit_is 0
out_has "lint: 3 rules, 6 files: 0 problems"

it "a case expecting the wrong run fails, naming the case"
mkdir -p "$TMP/wrong"
cp "$FIX/HLP-001.lua" "$TMP/wrong/"
sed 's/sum 120 rows 2,3,4"/sum 110 rows 2,3,4"/' "$FIX/HLP-001_test.lua" >"$TMP/wrong/HLP-001_test.lua"
pa test "$TMP/wrong"
exit_is 1
out_has "FAIL  HLP-001  by day: runs split where a row starts or ends"

data e
csv projects.csv <<'CSV'
project_id,name,status,start_date
P1,A,active,2026-01-01
CSV
csv allocations.csv <<'CSV'
resource_id,project_id,start_date,end_date,percent
R1,P1,2026-01-01,2026-02-01,50
CSV
cat >"$TMP/bad.lua" <<'LUA'
local function r(id, f)
  rule { id = id, title = "bad call", severity = "error", domain = "RES", tables = {"projects", "allocations"}, doc = "d", check = f }
end
r("BAD-01", function(ctx) return pmo.add_months(ctx.T, 1.5) end)
r("BAD-02", function(ctx) return pmo.add_months("2026-01-31", 1) end)
r("BAD-03", function(ctx) return pmo.add_months(pmo.date("9999-12-01"), 1) end)
r("BAD-04", function(ctx) return pmo.period(ctx.T, "months") end)
r("BAD-05", function(ctx) return pmo.months_between(ctx.T) end)
r("BAD-06", function(ctx) return pmo.sweep(ctx.tables.allocations, { from = "start_date", amount = "percent", limit = 100, per_ = "day" }) end)
r("BAD-07", function(ctx) return pmo.sweep(ctx.tables.allocations, { from = "start_date", amount = "resource_id", limit = 100 }) end)
r("BAD-08", function(ctx) return pmo.sweep(ctx.tables.allocations, { from = "start_date", amount = "percent" }) end)
r("BAD-09", function(ctx) return pmo.sweep(nil, {}) end)
r("BAD-10", function(ctx) return pmo.sweep(ctx.tables.allocations, { from = "start", amount = "percent", limit = 1 }) end)
r("BAD-11", function(ctx) return pmo.sweep(ctx.tables.allocations, { from = "start_date", amount = "percent", limit = 1e12 }) end)
r("BAD-12", function(ctx) return pmo.latest(ctx.tables.projects, "name") end)
r("BAD-13", function(ctx) return pmo.latest(ctx.tables.projects, "start_date", { upto = "2026-01-01" }) end)
r("BAD-14", function(ctx) return pmo.earliest(ctx.tables.projects, "start_date", { ["until"] = ctx.T }) end)
r("BAD-15", function(ctx) return pmo.sweep(ctx.tables.allocations, { from = "start_date", amount = "percent", limit = 1, per = "fortnight" }) end)
r("BAD-16", function(ctx) return pmo.latest({}, "start_date") end)
LUA

it "every bad argument errors the rule at its file:line with pmo.NAME and what was wrong (exit 3)"
pa run "$D" --no-builtin -r "$TMP/bad.lua" --as-of $ASOF
exit_is 3
out_has "16 rules: 0 failed, 0 passed, 0 skipped, 16 errored"
for m in \
    "BAD-01  bad call: $TMP/bad.lua:4: pmo.add_months: months must be a whole number, got a fraction" \
    "BAD-02  bad call: $TMP/bad.lua:5: pmo.add_months: argument 1 must be a date, got string" \
    "BAD-03  bad call: $TMP/bad.lua:6: pmo.add_months: 9999-12-01 + 1 months is outside 0001-01-01 .. 9999-12-31" \
    "BAD-04  bad call: $TMP/bad.lua:7: pmo.period: unit must be day, week, month, quarter or year, got \"months\"" \
    "BAD-05  bad call: $TMP/bad.lua:8: pmo.months_between: argument 2 must be a date, got no value" \
    "BAD-06  bad call: $TMP/bad.lua:9: pmo.sweep: unknown option 'per_' (did you mean 'per'?)" \
    "BAD-07  bad call: $TMP/bad.lua:10: pmo.sweep: column 'resource_id' of table allocations is not a number column (option amount)" \
    "BAD-08  bad call: $TMP/bad.lua:11: pmo.sweep: option limit must be a number, got nil" \
    "BAD-09  bad call: $TMP/bad.lua:12: pmo.sweep: expected a data table (ctx.tables.NAME) or a row set, got nil" \
    "BAD-10  bad call: $TMP/bad.lua:13: pmo.sweep: table allocations has no column 'start' (option from)" \
    "BAD-11  bad call: $TMP/bad.lua:14: pmo.sweep: limit 1e+12 is too large to add up exactly with digits = 9 (use fewer digits)" \
    "BAD-12  bad call: $TMP/bad.lua:15: pmo.latest: column 'name' of table projects is not a date column" \
    "BAD-13  bad call: $TMP/bad.lua:16: pmo.latest: option upto must be a date, got string" \
    "BAD-14  bad call: $TMP/bad.lua:17: pmo.earliest: unknown option 'until' (options: by, upto, since)" \
    "BAD-15  bad call: $TMP/bad.lua:18: pmo.sweep: option per must be day, week, month, quarter or year" \
    "BAD-16  bad call: $TMP/bad.lua:19: pmo.latest: expected a data table (ctx.tables.NAME) or a row set, got table"; do
    out_has "$m"
done

it "lint: an unknown pmo function and misspelt columns given to the helpers, each at its line"
mkdir -p "$TMP/lintpack"
cat >"$TMP/lintpack/LNT-001.lua" <<'LUA'
rule { id = "LNT-001", title = "t", severity = "warning", domain = "RES", doc = "d",
  tables = {"allocations", "status_reports"},
  check = function(ctx)
    local over = pmo.sweep(ctx.tables.allocations, { from = "start_dat", to = "end_date",
      amount = "percnt", by = "resource_id", limit = 100 })
    local last = pmo.latest(ctx.tables.status_reports, "report_dat")
    local r = pmo.latest(ctx.tables.status_reports, "report_date")
    if r and r.summry == "red" then end
    local m = pmo.month_strat(ctx.T)
    local by = pmo.earliest(ctx.tables.status_reports, "report_date", { by = "project" })
  end }
LUA
cat >"$TMP/lintpack/LNT-001_test.lua" <<'LUA'
test { rule = "LNT-001", name = "n", data = { allocations = "resource_id\n" }, expect = 0 }
LUA
pa lint "$TMP/lintpack"
exit_is 1
out_has "LNT-001.lua:4: rule LNT-001: table allocations has no column 'start_dat' (did you mean 'start_date'?)"
out_has "LNT-001.lua:5: rule LNT-001: table allocations has no column 'percnt' (did you mean 'percent'?)"
out_has "LNT-001.lua:6: rule LNT-001: table status_reports has no column 'report_dat' (did you mean 'report_date'?)"
out_has "LNT-001.lua:8: rule LNT-001: table status_reports has no column 'summry' (did you mean 'summary'?)"
out_has "LNT-001.lua:9: rule LNT-001: pmo has no function 'month_strat' (did you mean 'pmo.month_start'?)"
out_has "LNT-001.lua:10: rule LNT-001: table status_reports has no column 'project' (did you mean 'project_id'?)"
out_has "lint: 1 rule, 2 files: 6 problems"

# sweep_work N DAYS: the instructions of one pmo.sweep over N allocations,
# each DAYS days long, spread over the year (a limit nobody reaches).
sweep_work() {
    data "w$1_$2"
    base_projects
    python3 - "$D/allocations.csv" "$1" "$2" <<'PY'
import datetime, sys
path, n, days = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
d0 = datetime.date(2026, 1, 1)
with open(path, "w") as f:
    f.write("resource_id,project_id,start_date,end_date,percent\n")
    for i in range(n):
        s = d0 + datetime.timedelta(days=(i * 37) % 365)
        f.write("R%d,P%d,%s,%s,%d\n" % (i % 50, i % 7, s, s + datetime.timedelta(days=days), 10 + i % 30))
PY
    pa run "$D" --no-builtin -r "$TMP/sweep.lua" --as-of $ASOF -q -j 1 -f json -o "$TMP/w.json" --stats "$TMP/ws.json"
    python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['rules'][0]['instructions'])" "$TMP/ws.json"
}
cat >"$TMP/sweep.lua" <<'LUA'
rule { id = "SWP-001", title = "sweep", severity = "warning", domain = "RES", doc = "d", tables = {"allocations"},
  check = function(ctx)
    local over = pmo.sweep(ctx.tables.allocations, { from = "start_date", to = "end_date", amount = "percent",
      by = "resource_id", limit = 1e6 })
    assert(#over == 0)
  end }
LUA

it "the sweep's counted work grows with the rows (4x rows: under 5x work), not with the days they span"
w1=$(sweep_work 2000 20)
w4=$(sweep_work 8000 20)
wl=$(sweep_work 2000 3000)
true_that "[ '$w1' -gt 2000 ] && [ '$w4' -gt \$((3 * $w1)) ] && [ '$w4' -lt \$((5 * $w1)) ]"
true_that "[ '$wl' -lt \$((2 * $w1)) ]"

finish
