#!/bin/sh
# The sandbox escape suite (docs/security.md). Each attempts/NAME.lua is a
# rule that tries to reach outside the sandbox or around its limits; its
# first line says the message it must fail with ("-- expect: ..."). All of
# them run in one run, in one Lua state (-j 1), between two control rules
# that must report exactly as if the attempts were not there. Then: the
# runaway attempts are stopped within seconds, a binary chunk as a rule file
# is refused, and a rule reporting ten million findings is capped with a note
# and bounded memory (with the optimised binary $PA_FAST when it exists: the
# sanitizers make ten million calls slow).
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
out_has '"message": "INTACT X 2026-01-02 nil nil"'

it "runaway rules are stopped within seconds, each on its own"
start=$(date +%s)
pa run "$D" --as-of $ASOF --no-builtin -r "$R/LOOP.lua" -r "$R/LOOP_PCALL.lua" -r "$R/TABLE_MOVE.lua" \
    -r "$R/ALLOC.lua" -r "$R/GC_FINALIZER.lua" -r "$R/GOOD.lua" -f json --max-rule-memory 256
took=$(( $(date +%s) - start ))
exit_is 3
true_that "[ $took -lt 60 ]"
status_is GOOD failed
count_is GOOD 1

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
message_has FLOOD "10000000 findings; only the first 100000 are listed (raise with --max-findings)"
case "$PA_FAST" in *asan*) limit=1024 ;; *) limit=256 ;; esac
true_that "[ ${rss#* } -lt $limit ]"

finish
