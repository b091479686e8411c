#!/bin/sh
# Runs libFuzzer harnesses one after the other (the machine's cores are
# shared; each harness uses one). For each NAME given:
#   1. replays tests/fuzz/regressions/NAME/* (inputs that once crashed);
#   2. fuzzes for FUZZ_TIME seconds from the seed corpus tests/fuzz/corpus/NAME
#      plus what earlier runs found ($B/fuzz/corpus/NAME), with the dictionary
#      tests/fuzz/NAME.dict when there is one.
# A crash leaves its input in $B/fuzz/crashes/NAME/ and fails the script.
# Prints "N passed, N failed" (one per harness) for tests/run.sh.
set -u
cd "$(dirname "$0")/../.."
: "${B:=build}" "${FUZZ_TIME:=60}"
pass=0 fail=0
for name in "$@"; do
    bin="$B/fuzz/fuzz_$name"
    work="$B/fuzz/corpus/$name"
    crashes="$B/fuzz/crashes/$name"
    mkdir -p "$work" "$crashes"
    log="$B/fuzz/$name.log"
    ok=1
    reg="tests/fuzz/regressions/$name"
    if [ -d "$reg" ] && [ -n "$(ls -A "$reg" 2>/dev/null)" ]; then
        if ! "$bin" -rss_limit_mb=2048 -timeout=20 "$reg"/* >"$log.replay" 2>&1; then
            echo "fuzz $name: a regression input fails again:"; tail -30 "$log.replay"; ok=0
        fi
    fi
    dict=""
    [ -f "tests/fuzz/$name.dict" ] && dict="-dict=tests/fuzz/$name.dict"
    seeds="tests/fuzz/corpus/$name"
    # the rule files and lint's fixtures seed lua_code where they are (libFuzzer reads folders recursively)
    [ "$name" = lua_code ] && seeds="$seeds rules tests/fixtures"
    # shellcheck disable=SC2086 # $dict is one optional word, $seeds a list of folders
    if [ $ok = 1 ] && ! "$bin" -max_total_time="$FUZZ_TIME" -rss_limit_mb=2048 -timeout=20 -max_len=16384 \
        -print_final_stats=1 -artifact_prefix="$crashes/" $dict "$work" $seeds >"$log" 2>&1; then
        echo "fuzz $name: FAILED (input in $crashes/):"; grep -A25 'ERROR\|WARNING\|==ABORTING\|deadly' "$log" | head -40; ok=0
    fi
    if [ $ok = 1 ]; then
        runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
        echo "fuzz $name: ok (${FUZZ_TIME}s, ${runs:-?} inputs)"
        pass=$((pass + 1))
    else
        fail=$((fail + 1))
    fi
done
echo "$pass passed, $fail failed"
[ $fail = 0 ]
