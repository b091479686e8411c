#!/bin/sh
# Rule errors point at the author's own code: every error a rule can raise
# names the rule file and line and the rule id; a traceback lists only the
# rule author's frames (rule files and lib/ helpers, never the engine's C);
# an error inside a row rule says which CSV row (file:line) was being read;
# the other rules' results are kept and the run exits 3.
. "$(dirname "$0")/lib.sh"

data d
base_projects
csv tasks.csv <<'CSV'
task_id,project_id,name,percent_complete
T1,PRJ-1001,Design,50
T2,PRJ-1001,Build,
CSV

R="$TMP/pack"
mkdir -p "$R/lib"
cat >"$R/lib/ratio.lua" <<'LUA'
local M = {}
function M.share(done, total)
  return done.value / total
end
return M
LUA
cat >"$R/rules.lua" <<'LUA'
local ratio = require("ratio")
rule{ id = "ERR-LIB", title = "fails inside a lib helper", severity = "error", domain = "custom",
  tables = {"tasks"}, each = "tasks", doc = "d",
  check = function(row, ctx)
    if row.percent_complete == nil then
      ratio.share(nil, 100)
    end
  end }
rule{ id = "ERR-API", title = "misuses the rule API", severity = "error", domain = "custom",
  tables = {"projects"}, each = "projects", doc = "d",
  check = function(row, ctx)
    ctx.report(row, "no_such_column", "x")
  end }
rule{ id = "ERR-LOOP", title = "never ends", severity = "error", domain = "custom",
  tables = {"projects"}, doc = "d",
  check = function(ctx)
    local n = 0
    while true do n = n + 1 end
  end }
rule{ id = "ERR-OBJ", title = "raises a table", severity = "error", domain = "custom",
  tables = {"projects"}, doc = "d",
  check = function(ctx)
    error({code = 7})
  end }
rule{ id = "OK-1", title = "works", severity = "warning", domain = "custom",
  tables = {"tasks"}, each = "tasks", doc = "d",
  check = function(row, ctx)
    if row.percent_complete == nil then ctx.report(row, "percent_complete", "no progress") end
  end }
LUA

it "a rule error exits 3 and keeps the other rules' findings"
pa run "$D" --as-of $ASOF --no-builtin -r "$R" -f json
exit_is 3
status_is ERR-LIB errored
status_is OK-1 failed
count_is OK-1 1

msg() { python3 -c "import json,sys; r=[r for r in json.load(open(sys.argv[1]))['rules'] if r['id']==sys.argv[2]][0]; print(r['message'])" "$OUT" "$1"; }

it "an error in a lib helper is located in the helper, with the row being read"
true_that 'msg ERR-LIB | sed -n 1p | grep -qF "$R/lib/ratio.lua:3: attempt to index a nil value (local '"'"'done'"'"') (while checking $D/tasks.csv:3)"'
it "its traceback holds the author's frames only, innermost first, ending in the rule's check"
true_that '[ "$(msg ERR-LIB | sed -n 2,4p)" = "traceback (rule code only):
    $R/lib/ratio.lua:3: in field '"'"'share'"'"'
    $R/rules.lua:6: in the check of ERR-LIB" ]'
true_that '[ "$(msg ERR-LIB | wc -l)" = 4 ]'

it "an error raised by the rule API (in C) is located at the author's call"
true_that 'msg ERR-API | grep -qF "$R/rules.lua:12: report: table projects has no column '"'"'no_such_column'"'"' (while checking $D/projects.csv:2)"'
it "a single-frame error has no traceback to repeat the location"
true_that '[ "$(msg ERR-API | wc -l)" = 1 ]'

it "the instruction budget names the line where it struck"
true_that 'msg ERR-LOOP | grep -qE "^$R/rules.lua:1[78]: stopped: exceeded its instruction budget"'

it "a non-string error value is described, at the line that raised it"
true_that 'msg ERR-OBJ | grep -qF "$R/rules.lua:23: error object is a table value"'

it "the text report names rule id, file:line and indents the traceback"
pa run "$D" --as-of $ASOF --no-builtin -r "$R" --only ERR-LIB --no-color
exit_is 3
out_has "errored  ERR-LIB  fails inside a lib helper: $R/lib/ratio.lua:3:"
out_has "         traceback (rule code only):"
out_has "             $R/rules.lua:6: in the check of ERR-LIB"
out_has "         declared at $R/rules.lua:2"

it "runaway recursion shows the innermost frames only, and says more were cut"
R4="$TMP/deep"
mkdir -p "$R4"
cat >"$R4/deep.lua" <<'LUA'
local function down(n) return down(n + 1) + 1 end
rule { id = "ERR-DEEP", title = "recurses", severity = "error", domain = "STD", tables = {"projects"}, doc = "d",
  check = function(ctx) down(1) end }
LUA
pa run "$D" --as-of $ASOF --no-builtin -r "$R4" -f json
exit_is 3
true_that 'msg ERR-DEEP | sed -n 1p | grep -qF "$R4/deep.lua:1: stack overflow"'
true_that '[ "$(msg ERR-DEEP | grep -c "deep.lua:1: in upvalue")" = 12 ]'
true_that 'msg ERR-DEEP | tail -1 | grep -qF "... (deeper frames not shown)"'

it "an error while loading a rule file (in a helper it requires) is exit 2 with the traceback"
R2="$TMP/pack2"
mkdir -p "$R2/lib"
printf 'local M = {}\nM.limit = nil + 1\nreturn M\n' >"$R2/lib/bad.lua"
printf '\nlocal bad = require("bad")\n' >"$R2/uses.lua"
pa run "$D" --as-of $ASOF --no-builtin -r "$R2"
exit_is 2
err_has "$R2/lib/bad.lua:2: attempt to perform arithmetic on a nil value (while loading $R2/uses.lua)"
err_has "    $R2/uses.lua:2: in the file's main chunk"

it "a rule's test case that errors shows the same located message"
cat >"$R/rules_test.lua" <<'LUA'
test{ rule = "ERR-LIB", name = "blank progress", data = { tasks = "task_id,project_id,percent_complete\nT9,P1,\n" }, expect = 0 }
LUA
pa test "$R"
exit_is 1
out_has "$R/lib/ratio.lua:3: attempt to index a nil value"
out_has "in the check of ERR-LIB"

finish
