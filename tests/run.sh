#!/bin/sh
# Runs every test suite and prints one closing line "N passed, N failed".
#   unit tests (C, under ASan+UBSan)
#   the built-in rule pack's own test cases (pmoaudit test --coverage)
#   end-to-end specs in tests/e2e/*_test.sh (the ASan+UBSan binary)
#   the reference oracle's own cases (tests/oracle)
# Set PA to test another binary, SUITE=name to run one e2e file.
set -u
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
: "${PA:=$ROOT/build/asan/pmoaudit}"
export PA
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
RESULTS=$(mktemp)
export RESULTS
trap 'rm -f "$RESULTS"' EXIT
status=0

echo "== unit tests (ASan+UBSan)"
out=$("${UNIT:-build/asan/unit_tests}" 2>&1) || status=1
echo "$out" | grep -v '^unit:' || true
echo "$out" | tail -1
echo "$out" | sed -n 's/^unit: \([0-9]*\) passed, \([0-9]*\) failed$/\1 \2/p' >>"$RESULTS"

if [ -z "${SUITE:-}" ]; then
    echo "== rule tests of the built-in pack (pmoaudit test --coverage)"
    out=$("$PA" test --coverage 2>&1) || status=1
    echo "$out" | grep -v '^[0-9]* passed, [0-9]* failed$' || true
    echo "$out" | tail -1
    echo "$out" | sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed$/\1 \2/p' | tail -1 >>"$RESULTS"
fi

for t in tests/e2e/*_test.sh; do
    name=$(basename "$t" _test.sh)
    if [ -n "${SUITE:-}" ] && [ "$SUITE" != "$name" ]; then continue; fi
    echo "== e2e $name"
    sh "$t" || status=1
done

if [ -z "${SUITE:-}" ] || [ "$SUITE" = sandbox ]; then
    echo "== sandbox escape suite (tests/sandbox)"
    sh tests/sandbox/run.sh || status=1
fi

if [ -z "${SUITE:-}" ] && [ -x tests/oracle/run_cases.sh ]; then
    echo "== reference oracle cases"
    out=$(sh tests/oracle/run_cases.sh 2>&1) || status=1
    echo "$out" | tail -1
    echo "$out" | sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed$/\1 \2/p' | tail -1 >>"$RESULTS"
fi

awk '{p += $1; f += $2} END {printf "%d passed, %d failed\n", p, f}' "$RESULTS"
if awk '{f += $2} END {exit f > 0 ? 0 : 1}' "$RESULTS"; then status=1; fi
exit $status
