#!/bin/sh
# The rule sandbox and its limits: escape attempts fail without effect, and
# runaway rules are stopped within seconds while the other rules' results
# stay intact (interfaces.md, "Rules in Lua").
. "$(dirname "$0")/lib.sh"

data d; base_projects
R="$TMP/rules"
mkdir -p "$R"

# attempt NAME BODY: a table rule whose check runs BODY.
attempt() {
    cat >"$R/$1.lua" <<LUA
rule {
  id = "$1", title = "escape attempt", severity = "error", domain = "STD",
  tables = {"projects"}, doc = "sandbox test",
  check = function(ctx)
$2
  end,
}
LUA
}

# A well-behaved rule that must keep reporting next to the attackers.
cat >"$R/GOOD.lua" <<'LUA'
rule {
  id = "GOOD", title = "reports every project", severity = "warning", domain = "STD",
  tables = {"projects"}, each = "projects", doc = "control",
  check = function(p, ctx) ctx.report(p, "name", "seen " .. p.project_id) end,
}
LUA

# A second control, loaded after every attacker (files load in name order)
# and run after them in the same Lua state (-j 1): it uses exactly what
# SHARED_API and STRING_META try to change.
cat >"$R/ZZ_AFTER.lua" <<'LUA'
rule {
  id = "ZZ_AFTER", title = "uses the attacked APIs", severity = "warning", domain = "STD",
  tables = {"projects"}, each = "projects", doc = "control",
  check = function(p, ctx)
    local d = pmo.date("2026-01-02")
    ctx.report(p, nil, table.concat({string.upper("intact"), ("x"):upper(), tostring(d)}, " "))
  end,
}
LUA

MARK="$TMP/pwned"
attempt IO_OPEN "    local f = io.open('$MARK', 'w'); f:write('x'); f:close()"
attempt OS_EXECUTE "    os.execute('touch $MARK')"
attempt REQUIRE "    local m = require('os'); m.execute('touch $MARK')"
attempt LOADLIB "    package.loadlib('/lib/x86_64-linux-gnu/libc.so.6', 'system')('touch $MARK')"
attempt DOFILE "    dofile('/etc/passwd')"
attempt DEBUG "    debug.sethook()"
attempt DUMP "    local b = string.dump(function() end); load(b)()"
attempt LOAD_BINARY "    local f, err = load('\\27Lua\\84\\0'); if not f then error(err) end; f()"
attempt STRING_META "    local mt = getmetatable(''); mt.__index.upper = function() return 'pwned' end"
attempt SHARED_API "    string.upper = nil; pmo.date = nil; table.concat = nil; error('changed my own copies')"
attempt LOOP "    while true do end"
attempt LOOP_PCALL "    while true do pcall(function() while true do end end) end"
attempt ALLOC "    local t = {} ; local s = 'x' ; while true do s = s .. s ; t[#t + 1] = s end"
attempt DEEP "    local function f(n) return f(n + 1) + 1 end ; f(1)"
attempt GC_STOP "    collectgarbage('stop')"

it "every escape attempt errors, touches nothing, and the run exits 3"
pa run "$D" --as-of $ASOF --no-builtin -r "$R" -f json --max-rule-memory 64 -j 1
exit_is 3
true_that "[ ! -e '$MARK' ]"
for id in IO_OPEN OS_EXECUTE REQUIRE LOADLIB DOFILE DEBUG DUMP LOAD_BINARY STRING_META SHARED_API LOOP LOOP_PCALL ALLOC DEEP GC_STOP; do
    status_is $id errored
done

it "the control rule's results are intact, and so is the string library"
status_is GOOD failed
count_is GOOD 1
out_has "seen PRJ-1001"
status_is ZZ_AFTER failed
out_has '"message": "INTACT X 2026-01-02"'

it "each error says what happened"
out_has "attempt to index a nil value (global 'io')"
out_has "attempt to index a nil value (global 'os')"
out_has 'require(\"os\"): no lib/os.lua'
out_has "binary chunks are not allowed"
out_has "instruction budget"
out_has "memory limit of 64 MiB"
out_has "stack overflow"
out_has "collectgarbage(\\\"stop\\\") is not available"

it "runaway rules are stopped within seconds"
start=$(date +%s)
pa run "$D" --as-of $ASOF --no-builtin -r "$R/LOOP.lua" -r "$R/LOOP_PCALL.lua" -r "$R/ALLOC.lua" -r "$R/GOOD.lua" -f json
took=$(( $(date +%s) - start ))
exit_is 3
true_that "[ $took -lt 30 ]"
status_is GOOD failed

it "a binary chunk as a rule file is refused before anything runs"
printf '\033Lua\124\000binary' >"$TMP/bin.lua"
pa run "$D" --as-of $ASOF -r "$TMP/bin.lua"
exit_is 2
err_has "precompiled (binary) Lua chunks are not accepted"

it "a catastrophic regex hits the match limit instead of hanging"
attempt REGEX "    local s = string.rep('a', 40) .. '!' ; pmo.re('^(a+)+\$'):test(s)"
pa run "$D" --as-of $ASOF --no-builtin -r "$R/REGEX.lua" -f json
exit_is 3
out_has "match limit"

finish
