#!/bin/sh
# A rule sees the same ctx.tables.NAME object as every other rule run on its
# worker until a new store is bound, so a lib can keep what it derived from
# a table for the rest of the run (rules/lib/schedule.lua keeps the
# figures of pmo.schedule once per worker for SCH-010..020). A new store (a new test case) is a new
# object, so nothing derived from old data is ever seen again.
. "$(dirname "$0")/lib.sh"

R="$TMP/pack"
mkdir -p "$R/lib" "$R/sch"
cat >"$R/lib/memo.lua" <<'LUA'
-- counts the rows of ctx.tables.tasks once per table object
local M = { walks = 0 }
local cache = setmetatable({}, { __mode = "k" })
function M.rows(ctx)
  local t = ctx.tables.tasks
  if cache[t] == nil then
    M.walks = M.walks + 1
    local n = 0
    for _ in t:rows() do n = n + 1 end
    cache[t] = n
  end
  return cache[t]
end
return M
LUA
for i in 1 2 3; do
cat >"$R/sch/X-03$i.lua" <<LUA
local memo = require("memo")
rule {
  id = "X-03$i", title = "rows counted once", severity = "info", domain = "SCH",
  tables = {"tasks"}, doc = "test",
  check = function(ctx)
    ctx.report(nil, nil, string.format("X-03$i: %d rows, %d walks", memo.rows(ctx), memo.walks))
  end,
}
LUA
done
cat >"$R/sch/X-031_test.lua" <<'LUA'
test { rule = "X-031", name = "two tasks", data = { tasks = "task_id,project_id\nT1,P1\nT2,P1\n" },
       expect = { count = 1, messages = {"X-031: 2 rows"} } }
test { rule = "X-031", name = "three tasks: a new store, counted afresh",
       data = { tasks = "task_id,project_id\nT1,P1\nT2,P1\nT3,P2\n" },
       expect = { count = 1, messages = {"X-031: 3 rows"} } }
LUA
cat >"$R/sch/X-032_test.lua" <<'LUA'
test { rule = "X-032", name = "one task", data = { tasks = "task_id,project_id\nT1,P1\n" },
       expect = { count = 1, messages = {"X-032: 1 rows"} } }
LUA
cat >"$R/sch/X-033_test.lua" <<'LUA'
test { rule = "X-033", name = "no task", data = { tasks = "task_id,project_id\n" },
       expect = { count = 1, messages = {"X-033: 0 rows"} } }
LUA
data d
csv projects.csv <<'CSV'
project_id,name,status
P1,A,active
CSV
csv tasks.csv <<'CSV'
task_id,project_id
T1,P1
T2,P1
T3,P1
T4,P2
CSV

it "three rules on one worker share one walk of the table"
pa run "$D" --as-of $ASOF --no-builtin -r "$R" -j 1 -f json --fail-on never
exit_is 0
out_has "X-031: 4 rows, 1 walks"
out_has "X-032: 4 rows, 1 walks"
out_has "X-033: 4 rows, 1 walks"

it "on two workers each walks at most once, and the counts agree"
pa run "$D" --as-of $ASOF --no-builtin -r "$R" -j 2 -f json --fail-on never
exit_is 0
true_that "[ \$(grep -c '4 rows, [12] walks' '$OUT') = 3 ]"

it "each test case binds a new store: what a lib derived from the last one is not reused"
pa test "$R"
exit_is 0
out_has "4 passed, 0 failed"

finish
