#!/bin/sh
# The sandbox escape suite (docs/security.md). Each attempts/NAME.lua is a
# rule that tries to reach outside the sandbox or around its limits; its
# first line says the message it must fail with ("-- expect: ..."). All of
# them run in one run, in one Lua state (-j 1), between two control rules
# that must report exactly as if the attempts were not there (DECL_*
# change their declaration after rule{}: each must still run as declared and
# fail with the message its first line gives). Then: a rule whose
# declaration is changed after rule{} reports as declared, the runaway
# attempts are stopped within seconds, runaways that only the wall clock
# catches (timeouts/) are stopped past --rule-timeout, a binary chunk as a
# rule file is refused, and a rule reporting ten million findings is capped
# with a note and bounded memory (with the optimised binary $PA_FAST when it
# exists: the sanitizers make ten million calls slow). The memory/ rules are
# each run on their own with their peak RSS measured: the run's memory limit
# over rules that keep memory, regexes made and dropped, shared params.
# Last, the data files (the config,
# a Lua waiver file, an import profile and its functions) run in the same
# sandbox: each data/NAME.lua is tried as each of them. The attempts' pack
# has one helper, lib/shared.lua, which the REQUIRE_* attempts try to change;
# they also run beside the built-in pack, whose findings must not move.
. "$(dirname "$0")/../e2e/lib.sh"
SB="$ROOT/tests/sandbox"
: "${PA_FAST:=$ROOT/build/pmoaudit}"

data d; base_projects
csv tasks.csv <<'CSV'
task_id,project_id,name,start,finish
T-1,PRJ-1001,Design,2026-01-05,2026-02-05
CSV
R="$TMP/rules"
MARK="$TMP/pwned"
mkdir -p "$R"
for f in "$SB"/attempts/*.lua "$SB"/controls/*.lua; do
    sed "s|@MARK@|$MARK|g" "$f" >"$R/$(basename "$f")"
done
mkdir -p "$R/lib"
cp "$SB"/lib/*.lua "$R/lib/"
NAMES=$(cd "$SB/attempts" && ls *.lua | sed 's/\.lua$//')

message_has() {
    got=$(python3 "$ROOT/tests/tools/report.py" message "$OUT" "$1" 2>&1)
    case "$got" in *"$2"*) ok ;; *) bad "$1: message [$got] lacks [$2]" ;; esac
}

it "every escape attempt errors, touches nothing, and the run exits 3"
start=$(date +%s)
pa run "$D" --as-of $ASOF --no-builtin -r "$R" -f json --max-rule-memory 64 --max-instructions 50000000 -j 1
took=$(( $(date +%s) - start ))
exit_is 3
true_that "[ ! -e '$MARK' ]"
n=0
for id in $NAMES; do
    CASE="attempt $id"
    status_is "$id" errored
    message_has "$id" "$(sed -n '1s/^-- expect: //p' "$SB/attempts/$id.lua")"
    n=$((n + 1))
done
echo "  ($n escape attempts, all in one run of ${took}s)"
it "at least 20 attempts"
true_that "[ $n -ge 20 ]"

it "the control rules' results are intact, and so are the shared libraries"
status_is GOOD failed
count_is GOOD 1
out_has "seen PRJ-1001"
status_is ZZ_AFTER failed
count_is ZZ_AFTER 1
out_has '"message": "INTACT X 2026-01-02 nil nil 42 deep real"'

# The built-in rules' results (status, message, every finding) as one text,
# from the JSON report on stdout: the REQUIRE_* rules left out.
builtin_results() {
    python3 - "$OUT" <<'PY'
import json, sys
rep = json.load(open(sys.argv[1]))
keep = lambda rule: not rule.startswith("REQUIRE_")
print(json.dumps([r for r in rep["rules"] if keep(r["id"])], sort_keys=True))
print(json.dumps([f for f in rep["findings"] if keep(f["rule"])], sort_keys=True))
PY
}

it "the built-in rules' helpers cannot be reached or changed: their findings stay byte-identical"
# a pack named like the built-in one, by a relative path (rules/acme), with
# the require attempts; -j 1 runs them before SCH-010..020 in one Lua state
W="$TMP/w"
mkdir -p "$W/rules/acme/lib"
cp "$R"/REQUIRE_*.lua "$W/rules/acme/"
cp "$SB"/lib/*.lua "$W/rules/acme/lib/"
cd "$W"
pa run "$ROOT/samples" --as-of $ASOF -f json -j 1
exit_is 1
status_is SCH-010 failed
count_is SCH-011 2
builtin_results >"$TMP/builtin_alone"
pa run "$ROOT/samples" --as-of $ASOF -f json -j 1 -r rules/acme
cd "$ROOT"
exit_is 3
for id in REQUIRE_CHUNKNAME REQUIRE_PREFIX; do
    status_is $id errored
    message_has $id 'require("schedule"): no lib/schedule.lua in the rule pack rules/acme'
done
builtin_results >"$TMP/builtin_beside"
true_that "[ \$(wc -c <'$TMP/builtin_alone') -gt 10000 ]"
true_that "cmp -s '$TMP/builtin_alone' '$TMP/builtin_beside'"

it "a declaration changed after rule{} runs as it was checked: its severity, id, each, tables and params"
cat >"$TMP/mutated.lua" <<'LUA'
local R = {
  id = "MUTATED", title = "changed after rule{}", severity = "info", domain = "STD",
  tables = {"projects"}, each = "projects", params = { word = "declared" }, doc = "d",
  check = function(p, ctx) ctx.report(p, "name", ctx.params.word .. " " .. p.project_id) end,
}
rule(R)
R.severity, R.id, R.each, R.tables, R.params = "bogus", "FORGED\"\27[2J\nID", "tasks", {"tasks"}, { word = "forged" }
LUA
pa run "$D" --as-of $ASOF --no-builtin -r "$TMP/mutated.lua" -f json
exit_is 0
out_has '{"id": "MUTATED", "title": "changed after rule{}", "severity": "info", "domain": "STD", "status": "failed", "findings": 1, "message": null}'
out_has '{"rule": "MUTATED", "severity": "info", "table": "projects", "key": "PRJ-1001", "project_id": "PRJ-1001", "file": "'"$D"'/projects.csv", "line": 2, "column": "name", "value": "Alpha", "message": "declared PRJ-1001"'
out_lacks FORGED
count_is MUTATED 1

it "runaway rules are stopped within seconds, each on its own"
start=$(date +%s)
pa run "$D" --as-of $ASOF --no-builtin -r "$R/LOOP.lua" -r "$R/LOOP_PCALL.lua" -r "$R/TABLE_MOVE.lua" \
    -r "$R/ALLOC.lua" -r "$R/GC_FINALIZER.lua" -r "$R/GOOD.lua" -f json --max-rule-memory 256
took=$(( $(date +%s) - start ))
exit_is 3
true_that "[ $took -lt 60 ]"
status_is GOOD failed
count_is GOOD 1

it "a rule past its wall-clock limit is stopped, inside pcall too, and the others' results are intact"
# timeouts/NAME.lua: runaways that only the clock can catch (one `..` copies
# megabytes in one instruction); first line: the message they must end with
start=$(date +%s)
pa run "$D" --as-of $ASOF --no-builtin -r "$SB/timeouts" -r "$R/GOOD.lua" -f json --rule-timeout 2 -j 1
took=$(( $(date +%s) - start ))
exit_is 3
for f in "$SB"/timeouts/*.lua; do
    id=$(basename "$f" .lua)
    CASE="timeout $id"
    status_is "$id" errored
    message_has "$id" "$(sed -n '1s/^-- expect: //p' "$f")"
done
status_is GOOD failed
count_is GOOD 1
echo "  (two runaways past a 2-second limit, stopped in a run of ${took}s)"
true_that "[ $took -lt 30 ]"

it "a binary chunk as a rule file is refused before anything runs"
printf '\033Lua\124\000binary' >"$TMP/bin.lua"
pa run "$D" --as-of $ASOF -r "$TMP/bin.lua"
exit_is 2
err_has "bin.lua:1: precompiled (binary) Lua chunks are not accepted"

it "a rule reporting ten million findings is capped with a note, in bounded memory"
[ -x "$PA_FAST" ] || PA_FAST="$PA"
rss=$(python3 - "$PA_FAST" "$D" "$SB/FLOOD.lua" "$OUT" <<'PY'
import resource, subprocess, sys
pa, data, rule, out = sys.argv[1:]
with open(out, "w") as f:
    rc = subprocess.run([pa, "run", data, "--as-of", "2026-06-30", "--no-builtin", "-r", rule, "-f", "json",
                         "-q"], stdout=f).returncode
print(rc, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024)
PY
)
echo "  (ten million findings: exit and peak RSS in MiB: $rss)"
true_that "[ '${rss% *}' = 1 ]"
status_is FLOOD failed
count_is FLOOD 100000
message_has FLOOD "10000000 findings: the first 100000 are listed, 9900000 more not listed (raise --max-findings to list them)"
case "$PA_FAST" in *asan*) limit=1024 ;; *) limit=256 ;; esac
true_that "[ ${rss#* } -lt $limit ]"

# rss_run OUTFILE ARGS...: run the optimised binary (as FLOOD does) with ARGS,
# the JSON report to $OUT; prints its exit code and peak RSS in MiB.
rss_run() {
    python3 - "$PA_FAST" "$@" <<'PY'
import resource, subprocess, sys
pa, out, args = sys.argv[1], sys.argv[2], sys.argv[3:]
with open(out, "w") as f:
    try:
        rc = subprocess.run([pa] + args, stdout=f, stderr=subprocess.DEVNULL, timeout=120).returncode
    except subprocess.TimeoutExpired:
        rc = "timeout"
print(rc, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024)
PY
}

# the sanitizers' shadow memory and quarantine come on top of what the run holds
case "$PA_FAST" in *asan*) slack=1024 ;; *) slack=0 ;; esac

it "the run's memory limit: rules that keep memory after they finish are counted together and stopped past it"
rss=$(rss_run "$OUT" run "$D" --as-of $ASOF --no-builtin -r "$SB/memory/HOARD.lua" -r "$R/GOOD.lua" -f json \
    -j 1 --max-rule-memory 64 --max-memory 256)
echo "  (twelve rules keeping 30 MiB each under --max-memory 256: exit and peak RSS in MiB: $rss)"
true_that "[ '${rss% *}' = 3 ]"
for i in 01 02 03 04 05 06 07 08; do
    status_is HOARD_$i passed
done
for i in 09 10 11 12; do
    status_is HOARD_$i errored
    message_has HOARD_$i "stopped: the run reached its memory limit of 256 MiB (what all rules hold together); raise it with --max-memory"
done
status_is GOOD failed
count_is GOOD 1
true_that "[ ${rss#* } -lt $((256 + 64 + slack)) ]"

it "200,000 distinct regexes made and dropped: the rule passes in bounded memory"
rss=$(rss_run "$OUT" run "$D" --as-of $ASOF --no-builtin -r "$SB/memory/RECACHE.lua" -f json --max-rule-memory 64)
echo "  (200,000 regexes compiled and dropped: exit and peak RSS in MiB: $rss)"
true_that "[ '${rss% *}' = 1 ]"
status_is RECACHE failed
out_has '"message": "200000 matched"'
true_that "[ ${rss#* } -lt $((128 + slack)) ]"

it "a params default of shared sub-tables (8^6 paths) runs, in bounded memory, and is shown cut"
rss=$(rss_run "$OUT" run "$D" --as-of $ASOF --no-builtin -r "$SB/memory/PARAMS_DAG.lua" -f json)
echo "  (params with 8^6 paths: exit and peak RSS in MiB: $rss)"
true_that "[ '${rss% *}' = 1 ]"
out_has '"message": "depth 6, leaf 1"'
true_that "[ ${rss#* } -lt $((64 + slack)) ]"
pa explain PARAMS_DAG --no-builtin -r "$SB/memory/PARAMS_DAG.lua"
exit_is 0
out_has " ... (cut: longer than 64 KiB as Lua text)  (table; change with --set PARAMS_DAG.dag=VALUE)"

# --- data files -------------------------------------------------------------------
# data/NAME.lua: its first line is the message it must fail with; @BUDGET@
# stands for the kind's own message for a spent instruction budget.
budget_of() {
    case $1 in
    config) echo "the config file runs too long (it should only assign settings)" ;;
    waivers) echo "the file runs too long (it should only list waivers)" ;;
    *) echo "the profile ran past its instruction budget" ;;
    esac
}
# data_file KIND NAME: the attempt as a config, a waiver file, a profile's main
# chunk or a profile's column function; the file is $F.
data_file() {
    F="$TMP/${1}_$2.lua"
    body=$(sed "s|@MARK@|$MARK|g" "$SB/data/$2.lua")
    case $1 in
    config | waivers) printf '%s\n' "$body" >"$F" ;;
    profile) printf '%s\nreturn { tables = {} }\n' "$body" >"$F" ;;
    function) printf 'return { tables = { projects = { file = "projects.csv", columns = {\n  project_id = "project_id", status = "status",\n  name = function(r)\n%s\n  end } } } }\n' "$body" >"$F" ;;
    esac
}
run_kind() {
    case $1 in
    config) pa run "$D" --as-of $ASOF -c "$F" ;;
    waivers) pa run "$D" --as-of $ASOF --waivers "$F" ;;
    *) pa run "$D" --as-of $ASOF --profile "$F" ;;
    esac
}

it "data files: each attempt as a config, a waiver file, a profile and a profile's function is exit 2 with its message"
DNAMES=$(cd "$SB/data" && ls *.lua | sed 's/\.lua$//')
n=0
start=$(date +%s)
for kind in config waivers profile function; do
    for name in $DNAMES; do
        CASE="data file: $name as a $kind"
        data_file $kind $name
        run_kind $kind
        exit_is 2
        want=$(sed -n '1s/^-- expect: //p' "$SB/data/$name.lua")
        [ "$want" = @BUDGET@ ] && want=$(budget_of $kind)
        err_has "$want"
        # every message names the file, but Lua's own for a profile out of memory
        [ "$kind/$want" = "profile/not enough memory" ] || err_has "$(basename "$F")"
        n=$((n + 1))
    done
done
took=$(( $(date +%s) - start ))
echo "  ($n attempts through data files in ${took}s)"
it "no data file touched anything"
true_that "[ ! -e '$MARK' ]"

it "a runaway data file is stopped at its line, with its kind's message"
data_file config LOOP; run_kind config
err_has "config_LOOP.lua:2: the config file runs too long (it should only assign settings)"
data_file waivers LOOP; run_kind waivers
err_has "waivers_LOOP.lua:2: the file runs too long (it should only list waivers)"
data_file profile LOOP; run_kind profile
err_has "profile_LOOP.lua:2: the profile ran past its instruction budget"
data_file function LOOP; run_kind function
err_has "projects.csv:2: $F, tables.projects.columns.name: $F:5: the profile ran past its instruction budget"
it "a data file over its memory cap says which file"
data_file config STRING_DOUBLE; run_kind config
err_has "config_STRING_DOUBLE.lua: not enough memory (a Lua data file may hold 256 MiB)"
data_file waivers STRING_REP; run_kind waivers
err_has "waivers_STRING_REP.lua: not enough memory (a Lua data file may hold 256 MiB)"

it "a binary chunk as a data file is refused before anything runs"
printf '\033Lua\124\000binary' >"$TMP/bin.lua"
pa run "$D" --as-of $ASOF -c "$TMP/bin.lua"
exit_is 2
err_has "binary chunks are not accepted"
pa run "$D" --as-of $ASOF --waivers "$TMP/bin.lua"
exit_is 2
err_has "binary chunks are not accepted"
pa run "$D" --as-of $ASOF --profile "$TMP/bin.lua"
exit_is 2
err_has "$TMP/bin.lua: binary chunks are not accepted"

finish
