#!/bin/sh
# make valgrind: a representative part of the test suite under valgrind
# (memcheck), on the optimised build (not the ASan one: the two do not mix).
# The parts chosen (VALGRIND_SUITES, default dat limits config, plus the
# built-in pack's rule tests) cover loading and typing every table, the
# load-time checks, the rule runtime with every built-in rule, the config
# and every limit, in about two minutes; the report-format, sandbox and
# interrupt specs are left to the ASan run (valgrind makes them take many
# minutes). Any other e2e spec can be named in VALGRIND_SUITES. Prints "N passed, N failed".
set -u
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
: "${B:=build}"
if ! command -v valgrind >/dev/null 2>&1; then
    echo "valgrind: skipped (not installed; sh scripts/fuzz-deps.sh installs it)"
    exit 0
fi
export PA_REAL="$ROOT/$B/pmoaudit" PA="$ROOT/tests/valgrind/pa.sh"
RESULTS=$(mktemp)
export RESULTS
trap 'rm -f "$RESULTS"' EXIT
status=0
for s in ${VALGRIND_SUITES:-dat limits config}; do
    echo "== valgrind: e2e $s"
    sh "tests/e2e/${s}_test.sh" || status=1
done
echo "== valgrind: rule tests of the built-in pack"
if out=$("$PA" test 2>&1); then echo "1 0" >>"$RESULTS"; else echo "$out" | tail -20; echo "0 1" >>"$RESULTS"; status=1; fi
echo "$out" | tail -1
awk '{p += $1; f += $2} END {printf "valgrind: %d passed, %d failed\n", p, f}' "$RESULTS"
exit $status
