#!/bin/sh
# Runs every test suite and prints one closing line "N passed, N failed".
#   unit tests (C, under ASan+UBSan)
#   the built-in rule pack's own test cases (pmoaudit test --coverage)
#   end-to-end specs in tests/e2e/*_test.sh (the ASan+UBSan binary)
#   the sandbox escape suite (tests/sandbox)
#   the reference oracle's own cases (tests/oracle)
# Set PA to test another binary, SUITE=name to run one e2e file.
# The suites are independent (each has its own temporary folder), so they
# run TEST_JOBS at a time (default: the number of cores); each suite's
# output is held back and printed whole, in the order above, so a failure
# reads the same as in a serial run. TEST_JOBS=1 runs them one by one.
set -u
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
: "${PA:=$ROOT/build/asan/pmoaudit}"
export PA
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
: "${TEST_JOBS:=$(nproc 2>/dev/null || echo 2)}"
# A suite whose closing line "N passed, N failed" is its count (the unit
# tests, the rule tests, the oracle) goes through tally; the e2e specs
# append their own counts to $RESULTS.
tally() {
    prefix=$1; shift
    out=$("$@" 2>&1); rc=$?
    echo "$out" | grep -v "^${prefix}[0-9]* passed, [0-9]* failed$" || true
    echo "$out" | tail -1
    echo "$out" | sed -n "s/^${prefix}\([0-9]*\) passed, \([0-9]*\) failed$/\1 \2/p" | tail -1 >>"$RESULTS"
    return $rc
}

# run_job N: runs line N of the job list into $WORK/N.log, N.rc and N.secs.
run_job() {
    line=$(sed -n "${1}p" "$JOBS")
    start=$(date +%s)
    rc=0
    eval "${line#*	}" >"$WORK/$1.log" 2>&1 || rc=$?
    echo "$rc" >"$WORK/$1.rc"
    echo $(($(date +%s) - start)) >"$WORK/$1.secs"
}
if [ "${1:-}" = --job ]; then
    WORK=$2 JOBS="$2/jobs" RESULTS="$2/results"
    export RESULTS
    run_job "$3"
    exit 0
fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/pmoaudit-run.XXXXXX")
RESULTS="$WORK/results"
: >"$RESULTS"
export RESULTS
trap 'rm -rf "$WORK"' EXIT

# The job list: one line per suite, "title<TAB>command".
JOBS="$WORK/jobs"
: >"$JOBS"
job() { printf '%s\t%s\n' "$1" "$2" >>"$JOBS"; }
job "unit tests (ASan+UBSan)" "tally 'unit: ' '${UNIT:-build/asan/unit_tests}'"
if [ -z "${SUITE:-}" ]; then
    job "rule tests of the built-in pack (pmoaudit test --coverage)" "tally '' \"\$PA\" test --coverage"
fi
for t in tests/e2e/*_test.sh; do
    name=$(basename "$t" _test.sh)
    if [ -n "${SUITE:-}" ] && [ "$SUITE" != "$name" ]; then continue; fi
    job "e2e $name" "sh '$t'"
done
if [ -z "${SUITE:-}" ] || [ "${SUITE:-}" = sandbox ]; then
    job "sandbox escape suite (tests/sandbox)" "sh tests/sandbox/run.sh"
fi
if [ -z "${SUITE:-}" ] && [ -x tests/oracle/run_cases.sh ]; then
    job "reference oracle cases" "tally '' sh tests/oracle/run_cases.sh"
fi

n=$(wc -l <"$JOBS")
# The slowest suites start first so that no long one is left running alone.
slow=$(grep -n -e '^sandbox' -e '^e2e html' -e '^e2e junit_sarif' -e '^e2e ledger' "$JOBS" | cut -d: -f1)
{ echo "$slow"; seq 1 "$n" | grep -vxF "$slow"; } | grep . | xargs -P "$TEST_JOBS" -I{} sh "$ROOT/tests/run.sh" --job "$WORK" {}
status=0
i=1
while [ "$i" -le "$n" ]; do
    echo "== $(sed -n "${i}p" "$JOBS" | cut -f1) ($(cat "$WORK/$i.secs" 2>/dev/null || echo '?') s)"
    cat "$WORK/$i.log"
    if [ "$(cat "$WORK/$i.rc" 2>/dev/null || echo 1)" != 0 ]; then status=1; fi
    i=$((i + 1))
done

awk '{p += $1; f += $2} END {printf "%d passed, %d failed\n", p, f}' "$RESULTS"
if awk '{f += $2} END {exit f > 0 ? 0 : 1}' "$RESULTS"; then status=1; fi
exit $status
