#!/bin/sh
# `pmoaudit test`: runs test{...} cases against their rules, shows expected
# and actual on failure, exits 1 when a case fails (docs/rule-tests.md).
. "$(dirname "$0")/lib.sh"

R="$TMP/pack"
mkdir -p "$R"
cat >"$R/X-001.lua" <<'LUA'
rule {
  id = "X-001", title = "budget over a limit", severity = "warning", domain = "CST",
  tables = {"projects"}, each = "projects", params = { limit = 100 }, doc = "test rule",
  check = function(p, ctx)
    if p.budget and p.budget > ctx.params.limit then
      ctx.report(p, "budget", string.format("%s: budget %d > %d", p.project_id, p.budget, ctx.params.limit))
    end
  end,
}
LUA
cat >"$R/X-001_test.lua" <<'LUA'
test {
  rule = "X-001", name = "over the limit fails",
  data = { projects = { { project_id = "P1", name = "a", status = "active", budget = 150 },
                        { project_id = "P2", name = "b", status = "active", budget = 100 } } },
  expect = { count = 1, keys = {"P1"}, columns = {"budget"}, lines = {2}, messages = {"150 > 100"} },
}
test {
  rule = "X-001", name = "params of the case apply",
  params = { limit = 200 },
  data = { projects = "project_id,name,status,budget\nP1,a,active,150\n" },
  expect = 0,
}
test {
  rule = "X-001", name = "skipped without projects",
  data = { tasks = "task_id,project_id\nT1,P1\n" },
  expect = "skipped",
}
LUA

it "passing cases exit 0 with a count line"
pa test "$R"
exit_is 0
out_has "3 passed, 0 failed"

it "-v lists every case"
pa test "$R" -v
out_has "ok    X-001    params of the case apply"

it "a broken rule fails its cases, with expected and actual"
sed -i 's/p.budget > ctx.params.limit/p.budget >= ctx.params.limit/' "$R/X-001.lua"
pa test "$R"
exit_is 1
out_has "FAIL  X-001    over the limit fails"
out_has "expected 1 findings, got 2"
out_has "projects.csv:3  P2  budget  warning  P2: budget 100 > 100"
out_has "2 passed, 1 failed"

it "--coverage names rules without a failing or a passing case"
cat >"$R/X-002.lua" <<'LUA'
rule { id = "X-002", title = "t", severity = "info", domain = "CST", tables = {"projects"}, doc = "d",
       check = function(ctx) end }
LUA
pa test "$R" --coverage
exit_is 1
out_has "rules without a failing case: X-002"
out_has "rules without a passing case: X-002"

it "a case for an unknown rule or with bad data fails clearly"
cat >"$R/bad_test.lua" <<'LUA'
test { rule = "NOPE-1", name = "unknown rule", data = {}, expect = 0 }
test { rule = "X-002", name = "missing required column", data = { projects = "project_id\nP1\n" }, expect = 0 }
LUA
pa test "$R"
out_has "there is no rule NOPE-1 in the rule paths"
out_has "missing required column 'name'"

it "a misspelt test field is an error with file:line"
printf 'test {\n  rule = "X-001", name = "n", expekt = 0,\n}\n' >"$R/typo_test.lua"
pa test "$R"
exit_is 2
err_has "typo_test.lua:1: rule: test: unknown field 'expekt' (did you mean 'expect'?)"

it "an expect table with a field the runner does not know is an error at the test, not a check that never runs"
R5="$TMP/expect"
mkdir -p "$R5"
cp "$R/X-001.lua" "$R5/"
printf '\ntest { rule = "X-001", name = "n", data = {}, expect = { {line = 2} } }\n' >"$R5/X-001_test.lua"
pa test "$R5"
exit_is 2
err_has "$R5/X-001_test.lua:2: rule X-001: test: unknown expect field '[1]'"
printf 'test { rule = "X-001", name = "n", data = {}, expect = { line = {2} } }\n' >"$R5/X-001_test.lua"
pa test "$R5"
exit_is 2
err_has "unknown expect field 'line' (did you mean 'lines'?)"

it "--coverage counts a case that expects findings by any list (lines, messages, ...), not only count or keys"
cat >"$R5/X-001_test.lua" <<'LUA'
test { rule = "X-001", name = "over", data = { projects = "project_id,name,status,budget\nP1,a,active,150\n" },
       expect = { lines = {2} } }
test { rule = "X-001", name = "under", data = { projects = "project_id,name,status,budget\nP1,a,active,50\n" },
       expect = 0 }
LUA
pa test "$R5" --coverage
exit_is 0
out_has "coverage: rules without a failing case: none"

it "the built-in pack's tests pass and cover every rule both ways"
pa test --coverage
exit_is 0
out_has "rules without a failing case: none"
out_has "rules without a passing case: none"


it "a table, row set or iterator kept from an earlier case is refused at the rule's line, not read after free"
K="$TMP/keep"
mkdir -p "$K"
cat >"$K/KEEP.lua" <<'LUA'
local kept = {}
rule { id = "KEEP", title = "keeps objects across cases", severity = "info", domain = "STD",
  tables = {"projects"}, doc = "keeps the first case's objects and reads them in the second",
  check = function(ctx)
    if not kept.t then
      kept.t, kept.rs = ctx.tables.projects, ctx.tables.projects:select("status", "active")
      kept.it = ctx.tables.projects:rows("name")
      ctx.report(nil, nil, "kept")
      return
    end
    local _, e1 = pcall(function() return kept.t:get("PRJ-1001") end)
    local _, e2 = pcall(function() return #kept.rs end)
    local _, e3 = pcall(kept.it)
    local function base(e) return (e:gsub("^[^:]*/", "")) end
    ctx.report(nil, nil, base(e1) .. " | " .. base(e2) .. " | " .. e3)
  end,
}
LUA
cat >"$K/KEEP_test.lua" <<'LUA'
test { rule = "KEEP", name = "first", data = { projects = "project_id,name,status\nPRJ-1001,a,active\n" },
       expect = { count = 1, messages = {"kept"} } }
test { rule = "KEEP", name = "second", data = { projects = "project_id,name,status\nPRJ-1002,b,active\n" },
       expect = { count = 1, messages = {
         "KEEP.lua:11: this table object belongs to data that is no longer loaded (kept from an earlier test case?) | "
         .. "KEEP.lua:12: this row set belongs to data that is no longer loaded (kept from an earlier test case?) | "
         .. "this iterator belongs to data that is no longer loaded (kept from an earlier test case?)" } } }
LUA
pa test "$K"
exit_is 0
out_has "2 passed, 0 failed"

it "a case changed after test{} runs as it was declared, and nothing of its table is read again"
M="$TMP/mutate"
mkdir -p "$M"
cp "$R/X-001.lua" "$M/"
sed -i 's/p.budget >= ctx.params.limit/p.budget > ctx.params.limit/' "$M/X-001.lua"
cat >"$M/X-001_test.lua" <<'LUA'
local T = { rule = "X-001", name = "changed after test{}", params = { limit = 100 },
            data = { projects = { { project_id = "P1", name = "a", status = "active", budget = 150 } } },
            expect = { count = 1, keys = {"P1"}, messages = {"150 > 100"} } }
test(T)
T.rule, T.name, T.expect = "NOPE-1", "forged", 7
T.params.limit = 1000
T.data.projects[1].budget = 1
T.expect = { count = 0 }
-- a case whose table answers the fields it lacks (as_of, params) with an
-- endless loop once the file has run: read again, it would hang the runner
local armed = false
test(setmetatable({ rule = "X-001", name = "trapped", data = {}, expect = "skipped" },
                  { __index = function() if armed then while true do end end end }))
armed = true
LUA
pa test "$M" -v
exit_is 0
out_has "ok    X-001    changed after test{}"
out_has "ok    X-001    trapped"
out_has "2 passed, 0 failed"

it "a data cell or an expected entry with a __tostring is refused at test{}, and none of its code runs"
C="$TMP/conv"
mkdir -p "$C"
cp "$M/X-001.lua" "$C/"
printf 'local endless = setmetatable({}, { __tostring = function() while true do end end })\ntest { rule = "X-001", name = "n", expect = 0,\n  data = { projects = { { project_id = "P1", name = endless } } } }\n' >"$C/X-001_test.lua"
pa test "$C"
exit_is 2
err_has "$C/X-001_test.lua:2: rule X-001: test: data.projects[1].name is a table (a cell is a string, number, boolean or date)"
printf 'local bad = setmetatable({}, { __tostring = function() return {} end })\ntest { rule = "X-001", name = "n",\n  data = { projects = { { project_id = "P1", budget = bad } } }, expect = 0 }\n' >"$C/X-001_test.lua"
pa test "$C"
exit_is 2
err_has "$C/X-001_test.lua:2: rule X-001: test: data.projects[1].budget is a table (a cell is a string, number, boolean or date)"
printf 'local endless = setmetatable({}, { __tostring = function() while true do end end })\ntest { rule = "X-001", name = "n", data = {},\n  expect = { messages = { endless } } }\n' >"$C/X-001_test.lua"
pa test "$C"
exit_is 2
err_has "$C/X-001_test.lua:2: rule X-001: test: expect.messages[1] is a table (an entry is a string, a number, or false for none)"
printf 'local bad = setmetatable({}, { __tostring = function() return {} end })\ntest { rule = "X-001", name = "n", data = {},\n  expect = { [bad] = 1 } }\n' >"$C/X-001_test.lua"
pa test "$C"
exit_is 2
err_has "$C/X-001_test.lua:2: rule X-001: test: unknown expect field '[table]'"

it "a case's data keeps dates, numbers and booleans as text, and its params are data"
cat >"$C/X-001_test.lua" <<'LUA'
test { rule = "X-001", name = "typed cells", params = { limit = 100 },
       data = { projects = { { project_id = "P1", name = "a", status = "active", budget = 150,
                               start_date = pmo.date("2026-01-05"), charter_approved = true } } },
       expect = { count = 1, messages = {"P1: budget"} } }
LUA
pa test "$C" -v
exit_is 0
out_has "ok    X-001    typed cells"
printf 'test { rule = "X-001", name = "n", data = {}, expect = 0, params = { limit = { print } } }\n' >"$C/X-001_test.lua"
pa test "$C"
exit_is 2
err_has "$C/X-001_test.lua:1: rule X-001: test: param 'limit' holds a function (params are numbers, strings, booleans and tables of them)"

it "a schedule network or its iterator kept from an earlier case is refused too"
N="$TMP/keepnet"
mkdir -p "$N"
cat >"$N/KEEPNET.lua" <<'LUA'
local kept = {}
rule { id = "KEEPNET", title = "keeps a network across cases", severity = "info", domain = "SCH",
  tables = {"tasks"}, doc = "keeps the first case's network and reads it in the second",
  check = function(ctx)
    if not kept.net then
      kept.net = pmo.network(ctx.tables.tasks, "P1")
      kept.it = kept.net:rows()
      ctx.report(nil, nil, "kept " .. #kept.net .. " tasks, CPL " .. kept.net.cpl)
      return
    end
    local _, e1 = pcall(function() return kept.net.cpl end)
    local _, e2 = pcall(kept.it)
    local function base(e) return (e:gsub("^[^:]*/", "")) end
    ctx.report(nil, nil, base(e1) .. " | " .. e2)
  end,
}
LUA
cat >"$N/KEEPNET_test.lua" <<'LUA'
test { rule = "KEEPNET", name = "first", data = { tasks = "task_id,project_id,duration_days,predecessors\nA,P1,2,\nB,P1,3,A\n" },
       expect = { count = 1, messages = {"kept 2 tasks, CPL 5"} } }
test { rule = "KEEPNET", name = "second", data = { tasks = "task_id,project_id,duration_days\nC,P1,1\n" },
       expect = { count = 1, messages = {
         "KEEPNET.lua:11: this network belongs to data that is no longer loaded (kept from an earlier test case?) | "
         .. "this network belongs to data that is no longer loaded (kept from an earlier test case?)" } } }
LUA
pa test "$N"
exit_is 0
out_has "2 passed, 0 failed"

it "rules without a single test case fail the run: nothing was tested"
E="$TMP/untested"
mkdir -p "$E"
cat >"$E/X-009.lua" <<'LUA'
rule { id = "X-009", title = "t", severity = "info", domain = "CST", tables = {"projects"}, doc = "d",
       check = function(ctx) end }
LUA
pa test "$E"
exit_is 1
out_has "1 rules, 0 with tests; 0 cases"
err_has "pmoaudit: no test cases found, so nothing was tested: add test{ rule = \"ID\", ... } cases to a *_test.lua file beside the rules (docs/rule-tests.md)"

finish
