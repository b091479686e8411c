#!/bin/sh
# The command line: commands, options, formats, output files and exit codes
# (interfaces.md, "Command line" and "Exit codes").
. "$(dirname "$0")/lib.sh"

data clean; base_projects
CLEAN="$D"

it "--version and --help answer"
pa --version
exit_is 0
out_has "pmoaudit 0.2.0 (commit "
pa help run
exit_is 0
out_has "--fail-on SEVERITY"

it "exit 0 when no finding reaches --fail-on"
pa run "$D" --as-of $ASOF
exit_is 0
out_has "result: PASS"

it "exit 1 when a finding reaches --fail-on, 0 again with a higher threshold"
data failing
csv projects.csv <<'CSV'
project_id,name,status,sponsor,manager,business_case
PRJ-1001,Alpha,active,,Bo,BC-1
PRJ-1002,Beta,active,Ann,Bo,
CSV
pa run "$D" --as-of $ASOF
exit_is 1
out_has "result: FAIL"
out_has "projects.csv:2"
pa run "$D" --as-of $ASOF --fail-on critical
exit_is 0
pa run "$D" --as-of $ASOF --fail-on never
exit_is 0
pa run "$D" --as-of $ASOF --fail-on warning --only STD-004
exit_is 1
pa run "$D" --as-of $ASOF --fail-on error --only STD-004
exit_is 0

it "exit 2 on a bad option, naming it"
pa run "$CLEAN" --bogus
exit_is 2
err_has "unknown option '--bogus' (see pmoaudit help run)"

it "a misspelt option suggests the nearest one of the option table"
pa run "$CLEAN" --fail-of error
exit_is 2
err_has "unknown option '--fail-of': did you mean '--fail-on'? (see pmoaudit help run)"
pa run "$CLEAN" --max-findngs=3
exit_is 2
err_has "unknown option '--max-findngs=3': did you mean '--max-findings'?"

it "the command line and pmoaudit.lua hold an option to the same bounds"
pa run "$CLEAN" --max-findings 2000000000000
exit_is 2
err_has "--max-findings 2000000000000: expected a number from 1 to 1099511627776"
printf 'limits = { max_findings = 2000000000000 }\n' >"$TMP/bounds.lua"
pa run "$CLEAN" -c "$TMP/bounds.lua"
exit_is 2
err_has "1099511627776"
pa run "$CLEAN" --as-of 2026-13-01
exit_is 2
err_has "--as-of 2026-13-01"
pa run "$CLEAN" --fail-on loud
exit_is 2
pa run "$CLEAN" -f xml
exit_is 2
err_has "unknown format 'xml'"
pa run "$CLEAN" --only 'NOPE-*'
exit_is 2
err_has "no rule matches 'NOPE-*'"
pa run "$CLEAN" --set STD-001.nope=1
exit_is 2
err_has "rule STD-001 has no param 'nope'"
pa run "$CLEAN" --set STD-001
exit_is 2
pa frobnicate
exit_is 2

it "exit 2 on a missing data directory or projects.csv"
pa run "$TMP/no-such-dir" --as-of $ASOF
exit_is 2
err_has "no-such-dir: data directory not found"
data noprojects
csv tasks.csv <<'CSV'
task_id,project_id
T1,P
CSV
pa run "$D" --as-of $ASOF
exit_is 2
err_has "projects.csv not found"

it "exit 2 on a missing required column, naming file and column"
data nocolumn
csv projects.csv <<'CSV'
project_id,title,status
PRJ-1001,A,active
CSV
pa run "$D" --as-of $ASOF
exit_is 2
err_has "projects.csv:1: missing required column 'name'"

it "exit 2 on malformed CSV quoting, with line and column"
data badquote
csv projects.csv <<'CSV'
project_id,name,status
PRJ-1001,The "Big" one,active
CSV
pa run "$D" --as-of $ASOF
exit_is 2
err_has "projects.csv:2:14: malformed quoting"

it "exit 2 on a rule file with a syntax error, with file:line"
mkdir -p "$TMP/badrules"
cat >"$TMP/badrules/broken.lua" <<'LUA'
rule {
  id = "X-001",
  title = "broken"
  severity = "error",
}
LUA
pa run "$CLEAN" --as-of $ASOF -r "$TMP/badrules"
exit_is 2
err_has "broken.lua:4:"

it "exit 3 when a rule errors, with the other rules reported"
mkdir -p "$TMP/errrules"
cat >"$TMP/errrules/boom.lua" <<'LUA'
rule {
  id = "X-BOOM", title = "always fails", severity = "error", domain = "STD",
  tables = {"projects"}, each = "projects", doc = "test",
  check = function(p, ctx)
    local x = nil
    return x.field
  end,
}
LUA
pa run "$CLEAN" --as-of $ASOF -r "$TMP/errrules" -f json
exit_is 3
status_is X-BOOM errored
status_is STD-001 passed
out_has "boom.lua:6: attempt to index a nil value"
out_has "while checking"
pa run "$CLEAN" --as-of $ASOF -r "$TMP/errrules"
exit_is 3
out_has "errored  X-BOOM"
out_has "declared at"

it "--no-builtin runs only the given rules; --skip removes rules"
pa run "$CLEAN" --as-of $ASOF -r "$TMP/errrules" --no-builtin -f json
out_has '"rules": 1,'
pa run "$CLEAN" --as-of $ASOF -r "$TMP/errrules" --skip 'X-*' -f json
exit_is 0
status_is X-BOOM absent

it "list, explain and schema describe the rules and the data model"
pa list
exit_is 0
out_has "STD-001    error    STD    projects"
pa explain STD-002
exit_is 0
out_has "Why it matters"
pa explain NOPE-1
exit_is 2
pa schema
exit_is 0
out_has "percent_complete"
out_has "FK(projects)"

it "-o writes a file atomically and leaves no temporary file"
pa run "$CLEAN" --as-of $ASOF -f json -o "$TMP/out.json"
exit_is 0
file_has "$TMP/out.json" '"as_of": "2026-06-30"'
true_that "[ -z \"\$(ls $TMP | grep tmp-)\" ]"

it "several formats go into a folder, one file each"
pa run "$CLEAN" --as-of $ASOF -f text,json -o "$TMP/reports"
exit_is 0
file_has "$TMP/reports/report.json" '"tool"'
file_has "$TMP/reports/report.txt" "result: PASS"
pa run "$CLEAN" --as-of $ASOF -f text,json
exit_is 2
err_has "give a folder with -o"

it "a run that cannot finish leaves the previous report untouched"
echo previous >"$TMP/keep.json"
pa run "$TMP/missing-data" --as-of $ASOF -f json -o "$TMP/keep.json"
exit_is 2
file_has "$TMP/keep.json" previous
if [ "$(id -u)" != 0 ]; then # root writes through permission bits
    mkdir "$TMP/ro" && echo previous >"$TMP/ro/keep.json" && chmod 0555 "$TMP/ro"
    pa run "$CLEAN" --as-of $ASOF -f json -o "$TMP/ro/keep.json"
    chmod 0755 "$TMP/ro"
    exit_is 2
    err_has "ro/keep.json: cannot create the report file"
    file_has "$TMP/ro/keep.json" previous
fi

it "an output path in a missing folder is exit 2 with the path and the OS error"
pa run "$CLEAN" --as-of $ASOF -f json -o "$TMP/no/such/dir/r.json"
exit_is 2
err_has "r.json: cannot create the report file: No such file or directory"

it "two runs give byte-identical JSON, and -j 1 equals -j 4"
pa run "$ROOT/samples" --as-of $ASOF -f json -o "$TMP/a.json" -j 1
pa run "$ROOT/samples" --as-of $ASOF -f json -o "$TMP/b.json" -j 1
pa run "$ROOT/samples" --as-of $ASOF -f json -o "$TMP/c.json" -j 4
true_that "cmp -s $TMP/a.json $TMP/b.json"
true_that "cmp -s $TMP/a.json $TMP/c.json"
true_that "[ \$(wc -c <$TMP/a.json) -gt 1000 ]"

it "the JSON report has every stable field of interfaces.md"
true_that "python3 $ROOT/tests/tools/check_json.py $TMP/a.json"

it "--timings lists the ten slowest rules, slowest first, on stderr only"
pa run "$ROOT/samples" --as-of $ASOF -f json -o "$TMP/t.json" --timings
true_that "[ \$(grep -c 'timing   ' $ERR) -eq 10 ]"
true_that "grep 'timing   ' $ERR | awk '{print \$4}' | sort -rn -c"
pa run "$ROOT/samples" --as-of $ASOF -f json -o "$TMP/t.json" --timings --only 'STD-00[1-3]'
true_that "[ \$(grep -c 'timing   ' $ERR) -eq 3 ]"

it "text output has no colour when not on a terminal"
pa run "$ROOT/samples" --as-of $ASOF
true_that "! grep -q \"\$(printf '\\033')\" $OUT"

finish
