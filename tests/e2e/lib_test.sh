#!/bin/sh
# Rules share helpers through lib/ folders: require("name") loads
# lib/name.lua from a folder above the requiring rule file, once, in its own
# sandbox; nothing else can be required.
. "$(dirname "$0")/lib.sh"

R="$TMP/pack"
mkdir -p "$R/lib" "$R/cost" "$TMP/elsewhere/lib"
cat >"$R/lib/fmt.lua" <<'LUA'
-- a helper module: money with thousands separators
local M = {}
loads = (loads or 0) + 1
function M.money(x)
  local s = string.format("%.0f", x)
  return (s:reverse():gsub("(%d%d%d)", "%1,"):reverse():gsub("^,", ""))
end
M.rule_is_nil = (rule == nil)
return M
LUA
cat >"$R/cost/X-010.lua" <<'LUA'
local fmt = require("fmt")
rule {
  id = "X-010", title = "budget shown", severity = "info", domain = "CST",
  tables = {"projects"}, each = "projects", doc = "test",
  check = function(p, ctx)
    assert(fmt.rule_is_nil, "a lib cannot declare rules")
    ctx.report(p, "budget", p.project_id .. " budget " .. fmt.money(p.budget))
  end,
}
LUA
cat >"$R/cost/X-011.lua" <<'LUA'
local fmt = require("fmt")
rule {
  id = "X-011", title = "same module", severity = "info", domain = "CST",
  tables = {"projects"}, doc = "test",
  check = function(ctx) assert(fmt == require("fmt")) end,
}
LUA
data d
csv projects.csv <<'CSV'
project_id,name,status,budget
PRJ-1001,A,active,"$1,250,000"
CSV

it "a rule requires a helper from its pack's lib/ folder, and the lib is no rule itself"
pa run "$D" --as-of $ASOF --no-builtin -r "$R" -f json --fail-on never
exit_is 0
out_has "PRJ-1001 budget 1,250,000"
status_is X-011 passed
out_has '"rules": 2,'

it "one domain folder of a pack sees the pack's lib/ beside it"
pa run "$D" --as-of $ASOF --no-builtin -r "$R/cost" -f json --fail-on never
exit_is 0
out_has "PRJ-1001 budget 1,250,000"

it "a lib outside the rule paths cannot be required"
echo 'return {}' >"$TMP/elsewhere/lib/secret.lua"
cat >"$R/cost/X-012.lua" <<'LUA'
local s = require("secret")
LUA
pa run "$D" --as-of $ASOF --no-builtin -r "$R"
exit_is 2
err_has "X-012.lua:1: require(\"secret\"): no lib/secret.lua in a folder above"
rm "$R/cost/X-012.lua"

it "require takes lib names only, never paths"
printf 'local s = require("../../etc/passwd")\n' >"$R/cost/X-013.lua"
pa run "$D" --as-of $ASOF --no-builtin -r "$R"
exit_is 2
err_has "a lib name is letters, digits"
rm "$R/cost/X-013.lua"

it "a cycle between libs is an error, not a hang"
printf 'return require("b")\n' >"$R/lib/a.lua"
printf 'return require("a")\n' >"$R/lib/b.lua"
printf 'local a = require("a")\n' >"$R/cost/X-014.lua"
pa run "$D" --as-of $ASOF --no-builtin -r "$R"
exit_is 2
err_has "requires itself"

it "the built-in schedule lib answers considered() from the engine's one definition (store/schedule.c)"
S="$TMP/schedpack"
mkdir -p "$S/lib" "$S/sch"
cp "$ROOT/rules/lib/schedule.lua" "$S/lib/"
cat >"$S/sch/X-020.lua" <<'LUA'
local schedule = require("schedule")
rule {
  id = "X-020", title = "considered tasks", severity = "info", domain = "SCH",
  tables = {"tasks"}, doc = "test",
  check = function(ctx)
    local projects = schedule.projects(ctx)
    local of = {} -- row -> true for the rows the per-project figures count
    for _, a in pairs(projects) do
      for _, i in ipairs(a.rows) do of[i] = true end
    end
    for t in ctx.tables.tasks:rows() do
      local c = schedule.considered(ctx, t)
      assert(c == (of[t._index] == true), "considered() and the figures disagree on " .. t.task_id)
      if c then ctx.report(t, nil, "considered " .. t.task_id) end
    end
  end,
}
LUA
data considered
csv projects.csv <<'CSV'
project_id,name,status
PRJ-1,A,active
CSV
csv tasks.csv <<'CSV'
task_id,project_id,is_summary,percent_complete,actual_finish
C1,PRJ-1,,99.99,
C2,PRJ-1,false,-5,
C3,PRJ-9,no,,
N1,PRJ-1,,100,
N2,PRJ-1,,150,
N3,PRJ-1,,,2026-01-01
N4,PRJ-1,true,0,
N5,,,0,
CSV
pa run "$D" --as-of $ASOF --no-builtin -r "$S" -f json --fail-on never
exit_is 0
count_is X-020 3
out_has "considered C1"
out_has "considered C2"
out_has "considered C3"
out_lacks "considered N"

finish
