# lib.sh - a small spec-style harness for end-to-end tests of the binary.
#
#   it "exits 2 on a bad option"        start a case (named in failures)
#   pa run "$D" --bogus                 run pmoaudit; sets $CODE, files $OUT/$ERR
#   exit_is 2                           expectations: exit_is, out_has,
#   err_has "unknown option"            out_lacks, err_has, count_is, ...
#
# Each expectation prints "not ok - case: why" on failure; the file's totals
# are appended to $RESULTS for tests/run.sh. $PA is the binary under test.

: "${RESULTS:=/dev/null}"
TMP=$(mktemp -d "${TMPDIR:-/tmp}/pmoaudit-e2e.XXXXXX")
OUT="$TMP/stdout"
ERR="$TMP/stderr"
PASS=0
FAIL=0
CASE="(none)"
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
: "${PA:=$ROOT/build/pmoaudit}"
case "$PA" in /*) ;; *) PA="$(pwd)/$PA" ;; esac
FIX="$ROOT/tests/fixtures"
ASOF=2026-06-30
trap 'rm -rf "$TMP"' EXIT

it() { CASE="$1"; }

ok() { PASS=$((PASS + 1)); }
bad() {
    FAIL=$((FAIL + 1))
    echo "not ok - $(basename "$0"): $CASE: $1"
    if [ -n "$VERBOSE" ]; then sed 's/^/    stderr: /' "$ERR" | head -5; fi
}

# pa ARGS...: run the binary with a timeout; never aborts the script.
pa() {
    CODE=0
    timeout 60 "$PA" "$@" >"$OUT" 2>"$ERR" || CODE=$?
}

exit_is() { [ "$CODE" = "$1" ] && ok || bad "exit code $CODE, expected $1 ($(head -c 300 "$ERR"))"; }
out_has() { grep -qF -- "$1" "$OUT" && ok || bad "stdout lacks: $1"; }
out_lacks() { grep -qF -- "$1" "$OUT" && bad "stdout has: $1" || ok; }
err_has() { grep -qF -- "$1" "$ERR" && ok || bad "stderr lacks: $1 (stderr: $(head -c 300 "$ERR"))"; }
err_empty() { [ ! -s "$ERR" ] && ok || bad "stderr not empty: $(head -c 300 "$ERR")"; }
file_has() { grep -qF -- "$2" "$1" 2>/dev/null && ok || bad "$1 lacks: $2"; }
true_that() { if eval "$1"; then ok; else bad "not true: $1"; fi; }

# count_is RULE N: findings of RULE in the JSON report on stdout.
count_is() {
    got=$(python3 "$ROOT/tests/tools/report.py" count "$OUT" "$1" 2>&1)
    [ "$got" = "$2" ] && ok || bad "$1: $got findings, expected $2"
}
# status_is RULE STATUS: the rule's status in the JSON report on stdout.
status_is() {
    got=$(python3 "$ROOT/tests/tools/report.py" status "$OUT" "$1" 2>&1)
    [ "$got" = "$2" ] && ok || bad "$1: status $got, expected $2"
}
# where_is RULE "file:line ..." : the sorted locations of RULE's findings.
where_is() {
    got=$(python3 "$ROOT/tests/tools/report.py" where "$OUT" "$1" 2>&1)
    [ "$got" = "$2" ] && ok || bad "$1 at [$got], expected [$2]"
}

# data DIR: a fresh data directory under $TMP; write files with `csv`.
data() { D="$TMP/$1"; rm -rf "$D"; mkdir -p "$D"; }
csv() { cat >"$D/$1"; }

# A minimal valid portfolio: one healthy active project.
base_projects() {
    csv projects.csv <<'CSV'
project_id,name,status,phase,sponsor,manager,start_date,planned_finish,charter_approved,business_case
PRJ-1001,Alpha,active,execution,Ann Lee,Bo Chan,2026-01-05,2026-12-18,yes,BC-17
CSV
}

finish() {
    echo "$PASS $FAIL" >>"$RESULTS"
    [ "$FAIL" = 0 ]
}
