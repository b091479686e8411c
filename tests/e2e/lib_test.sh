#!/bin/sh
# Rules share helpers through lib/ folders: require("name") loads
# lib/name.lua from the nearest lib/ folder at or above the requiring file
# inside its own pack (the folder given as a rule path), once per pack, in
# its own sandbox, and hands out a read-only view; nothing else can be
# required, and no pack reaches another's helpers.
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

it "one domain folder given alone is a pack of its own: the lib/ of the folder above is not its"
pa run "$D" --as-of $ASOF --no-builtin -r "$R/cost" -f json --fail-on never
exit_is 2
err_has "$R/cost/X-010.lua:1: require(\"fmt\"): no lib/fmt.lua in the rule pack $R/cost (a rule may require only the helpers in the lib/ folders of its own pack, at or above its folder)"
pa run "$D" --as-of $ASOF --no-builtin -r "$R/cost/X-010.lua" -f json --fail-on never
exit_is 2
err_has "require(\"fmt\"): no lib/fmt.lua in the rule pack $R/cost "

it "a lib outside the rule paths cannot be required"
echo 'return {}' >"$TMP/elsewhere/lib/secret.lua"
cat >"$R/cost/X-012.lua" <<'LUA'
local s = require("secret")
LUA
pa run "$D" --as-of $ASOF --no-builtin -r "$R"
exit_is 2
err_has "X-012.lua:1: require(\"secret\"): no lib/secret.lua in the rule pack $R (a rule may require"
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

it "a pack run as -r rules/acme cannot reach the built-in rules/lib, nor a rules/lib/ on disk above it"
W="$TMP/work"
mkdir -p "$W/rules/acme" "$W/rules/lib"
cp "$ROOT/rules/lib/schedule.lua" "$W/rules/lib/"
printf 'local schedule = require("schedule")\n' >"$W/rules/acme/X-030.lua"
cd "$W" && pa run "$D" --as-of $ASOF -r rules/acme; cd "$ROOT"
exit_is 2
err_has "rules/acme/X-030.lua:1: require(\"schedule\"): no lib/schedule.lua in the rule pack rules/acme (a rule may require only the helpers in the lib/ folders of its own pack, at or above its folder)"
cd "$W" && pa run "$D" --as-of $ASOF -r "$W/rules/acme" --no-builtin; cd "$ROOT"
exit_is 2
err_has "require(\"schedule\"): no lib/schedule.lua in the rule pack $W/rules/acme "
it "a load chunk name does not change whose helpers a rule reaches"
printf 'local s = load([[return require("schedule")]], "@rules/sch/SCH-010.lua")()\n' >"$W/rules/acme/X-030.lua"
cd "$W" && pa run "$D" --as-of $ASOF -r rules/acme; cd "$ROOT"
exit_is 2
err_has "rules/sch/SCH-010.lua:1: require(\"schedule\"): no lib/schedule.lua in the rule pack rules/acme "
err_has "rules/acme/X-030.lua:1: in the file's main chunk"

it "a lib/ folder deeper in a pack serves the files at or below its folder; the nearest wins"
N="$TMP/nested"
mkdir -p "$N/lib" "$N/team/lib" "$N/team/sub" "$N/other"
printf 'return { who = "top" }\n' >"$N/lib/who.lua"
printf 'return { who = "team" }\n' >"$N/team/lib/who.lua"
for f in team/sub/X-041 team/X-042 other/X-043 X-044; do
    id=${f##*/}
    cat >"$N/$f.lua" <<LUA
local who = require("who").who
rule { id = "$id", title = "t", severity = "info", domain = "X", tables = {"projects"}, doc = "d",
       check = function(ctx) ctx.report(nil, nil, "$id sees " .. who) end }
LUA
done
pa run "$D" --as-of $ASOF --no-builtin -r "$N" -f json --fail-on never
exit_is 0
out_has "X-041 sees team"
out_has "X-042 sees team"
out_has "X-043 sees top"
out_has "X-044 sees top"

it "two spellings of one folder are one pack, sharing one run of its helper; another folder is another pack"
C="$TMP/counted"
mkdir -p "$C/lib" "$C/sub/lib"
printf 'local M = { n = 0 }\nfunction M.bump() M.n = M.n + 1; return M.n end\nreturn M\n' >"$C/lib/count.lua"
cp "$C/lib/count.lua" "$C/sub/lib/"
for f in X-051 X-052 sub/X-053; do
    id=${f##*/}
    cat >"$C/$f.lua" <<LUA
local count = require("count")
rule { id = "$id", title = "t", severity = "info", domain = "X", tables = {"projects"}, doc = "d",
       check = function(ctx) ctx.report(nil, nil, "$id call " .. count.bump()) end }
LUA
done
cd "$TMP" && pa run "$D" --as-of $ASOF --no-builtin -j 1 -f json --fail-on never \
    -r "$C/X-051.lua" -r "counted/./X-052.lua" -r "$C/sub"; cd "$ROOT"
exit_is 0
out_has "X-051 call 1"
out_has "X-052 call 2"
out_has "X-053 call 1"

it "what require returns reads like the helper's table but cannot be changed, at any depth"
V="$TMP/view"
mkdir -p "$V/lib"
cat >"$V/lib/data.lua" <<'LUA'
local M = { list = {"a", "b", "c"}, deep = { deeper = { x = 1 } }, [7] = { y = 2 } }
M.self = M
function M.f() return "f" end
return setmetatable(M, { __call = function(_, a) return "called " .. a end })
LUA
cat >"$V/X-060.lua" <<'LUA'
local d = require("data")
local function fails(f, want)
  local ok, e = pcall(f)
  assert(not ok and e:find(want, 1, true), "expected [" .. want .. "], got [" .. tostring(e) .. "]")
end
rule { id = "X-060", title = "t", severity = "info", domain = "X", tables = {"projects"}, doc = "d",
  check = function(ctx)
    assert(d == require("data") and d.self == d and d.deep.deeper == d.deep.deeper)
    assert(#d.list == 3 and table.concat(d.list, ",") == "a,b,c" and d.f() == "f" and d[7].y == 2)
    local n = 0
    for i, v in ipairs(d.list) do n = n + i end
    for k, v in pairs(d) do n = n + 1 end
    assert(n == 6 + 5 and d("x") == "called x" and getmetatable(d) == false)
    fails(function() d.f = nil end, "cannot assign data.f: what require returns is read-only")
    fails(function() d.deep.deeper.x = 2 end, "cannot assign data.deep.deeper.x: what require returns is read-only")
    fails(function() d[7].y = 3 end, "cannot assign data[7].y: what require returns is read-only")
    fails(function() table.insert(d.list, "d") end, "cannot assign data.list[4]")
    fails(function() rawset(d, "f", 1) end, "bad argument #1 to 'rawset' (table expected, got read-only table)")
    fails(function() next(d) end, "bad argument #1 to 'next' (table expected, got read-only table)")
    fails(function() setmetatable(d, nil) end, "bad argument #1 to 'setmetatable' (table expected")
    local iter = pairs(d)
    fails(function() iter({}, nil) end, "(read-only table expected, got table)")
    fails(function() iter(pmo.date("2026-01-01"), nil) end, "(read-only table expected, got")
    ctx.report(nil, nil, "view ok " .. d.deep.deeper.x)
  end }
LUA
pa run "$D" --as-of $ASOF --no-builtin -r "$V" -f json --fail-on never
exit_is 0
status_is X-060 failed
out_has "view ok 1"

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

it "the schedule lib's lead_rows() lists, in file order, the considered tasks with a negative lag (SCH-011's)"
cat >"$S/sch/X-021.lua" <<'LUA'
local schedule = require("schedule")
rule {
  id = "X-021", title = "tasks with a lead", severity = "info", domain = "SCH",
  tables = {"tasks"}, doc = "test",
  check = function(ctx)
    local tasks = ctx.tables.tasks
    local want = {} -- the same list from every considered task's links
    for _, i in ipairs(schedule.considered_rows(ctx)) do
      for _, _, lag in tasks:links(tasks:row(i)) do
        if lag < 0 then want[#want + 1] = i; break end
      end
    end
    local got = schedule.lead_rows(ctx)
    assert(#got == #want, "lead_rows has " .. #got .. " rows, the links " .. #want)
    for k, i in ipairs(got) do
      assert(i == want[k], "lead_rows and the links disagree at " .. k)
      ctx.report(tasks:row(i), nil, k .. " lead " .. tasks:row(i).task_id)
    end
  end,
}
LUA
data leads
csv projects.csv <<'CSV'
project_id,name,status
PRJ-1,A,active
CSV
csv tasks.csv <<'CSV'
task_id,project_id,predecessors,actual_finish
A,PRJ-1,,
L1,PRJ-1,A:SS-2d,
N1,PRJ-1,A:FS+1d,
N2,PRJ-1,A:FS-0d,
L2,PRJ-1,A;L1:FF-1.5d,
N3,PRJ-1,A:FS-2d,2026-01-01
N4,,A:FS-2d,
L3,PRJ-9,A:FS-1d;A:XX,
CSV
pa run "$D" --as-of $ASOF --no-builtin -r "$S" --only X-021 -f json --fail-on never
exit_is 0
count_is X-021 3
out_has "1 lead L1"
out_has "2 lead L2"
out_has "3 lead L3"

finish
