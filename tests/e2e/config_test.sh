#!/bin/sh
# The config file (docs/config.md): ./pmoaudit.lua or -c FILE; settings at
# their file:line when wrong; the command line overrides them.
. "$(dirname "$0")/lib.sh"

W="$TMP/work"
mkdir -p "$W/exports" "$W/pack"
cat >"$W/exports/projects.csv" <<'CSV'
project_id,name,status,sponsor,manager,business_case
PRJ-1001,Alpha,active,,Bo,
P-7,Beta,active,Ann,Bo,BC-2
CSV
cat >"$W/pack/X-1.lua" <<'LUA'
rule { id = "X-1", title = "custom", severity = "info", domain = "STD", tables = {"projects"},
       params = { word = "x" }, doc = "d",
       check = function(ctx) ctx.report(ctx.tables.projects:row(1), nil, "word " .. ctx.params.word) end }
LUA
cat >"$W/pmoaudit.lua" <<'LUA'
-- settings of the test portfolio
data = "exports"
rules = {"pack"}
only = {"STD-00[124]", "X-*"}
severity = { ["STD-004"] = "error" }
params = { ["STD-001"] = { id_pattern = "^P(RJ)?-[0-9]+$" }, ["X-1"] = { word = "from config" } }
formats = "json"
fail_on = "warning"
LUA

it "./pmoaudit.lua is read: data, rules, selection, severities and params"
cd "$W"; pa run --as-of $ASOF; cd "$ROOT"
exit_is 1
out_has '"rules": 4,'
status_is STD-001 passed
out_has '"id": "STD-004", "title": "Active projects reference a business case", "severity": "error"'
out_has "word from config"

it "the command line overrides the config"
cd "$W"; pa run --as-of $ASOF -f text --fail-on never --set X-1.word=cli --only 'X-*'; cd "$ROOT"
exit_is 0
out_has "word cli"
out_has "1 rules:"

it "-c reads another file; its relative paths are taken from its own folder"
mkdir -p "$TMP/elsewhere"
pa run -c "$W/pmoaudit.lua" --as-of $ASOF
exit_is 1
out_has '"rules": 4,'
pa run -c "$TMP/none.lua"
exit_is 2
err_has "none.lua: config file not found"

it "an unknown setting is an error at its line, with a suggestion"
printf 'data = "exports"\n\nfail_of = "warning"\n' >"$TMP/c1.lua"
pa run -c "$TMP/c1.lua"
exit_is 2
err_has "c1.lua:3: unknown setting 'fail_of' (did you mean 'fail_on'?)"

it "a wrong value is an error at its line"
printf 'jobs = "many"\n' >"$TMP/c2.lua"
pa run -c "$TMP/c2.lua"
exit_is 2
err_has "c2.lua:1: 'jobs' must be a whole number"
printf 'fail_on = "loud"\n' >"$TMP/c3.lua"
pa run -c "$TMP/c3.lua"
exit_is 2
err_has "c3.lua:1: 'fail_on' must be one of info, warning, error, critical, never"
printf 'severity = { ["NOPE-1"] = "error" }\ndata = "%s"\n' "$W/exports" >"$TMP/c4.lua"
pa run -c "$TMP/c4.lua"
exit_is 2
err_has "c4.lua:1: severity: no rule NOPE-1"

it "a syntax error names the file and line; the config cannot reach the system"
printf 'data = "x"\nonly = {\n' >"$TMP/c5.lua"
pa run -c "$TMP/c5.lua"
exit_is 2
err_has "c5.lua:"
printf 'os.execute("touch %s/pwned")\n' "$TMP" >"$TMP/c6.lua"
pa run -c "$TMP/c6.lua"
exit_is 2
true_that "[ ! -e $TMP/pwned ]"
printf 'while true do end\n' >"$TMP/c7.lua"
pa run -c "$TMP/c7.lua"
exit_is 2
err_has "runs too long"

it "a params table with a list entry is an error, not a crash (found by fuzz_config)"
printf 'params = { ["SCH-003"] = { warn_below == 0.85 } }\n' >"$TMP/c8.lua"
pa run -c "$TMP/c8.lua"
exit_is 2
err_has "c8.lua:1: 'params' values must be numbers, strings, booleans or tables"

finish
