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
# Every JSON report it writes (on stdout, or with -o into a file or folder)
# is kept under $TMP/json-reports; finish validates them all against
# docs/report.schema.json in one pass.
pa() {
    CODE=0
    timeout 60 "$PA" "$@" >"$OUT" 2>"$ERR" || CODE=$?
    keep_json_reports "$@"
}
JSON_KEPT=0
# is_report FILE: a JSON report of pmoaudit's (its tool line among the first
# lines, whether or not schema_version is there: a report without it fails).
is_report() {
    [ "$(head -c 1 "$1" 2>/dev/null)" = "{" ] && head -c 300 "$1" | grep -q '^  "tool": {"name": "pmoaudit"'
}
keep_report() {
    JSON_KEPT=$((JSON_KEPT + 1))
    mkdir -p "$TMP/json-reports"
    cp "$1" "$TMP/json-reports/$JSON_KEPT.json"
}
keep_json_reports() {
    if is_report "$OUT"; then keep_report "$OUT"; fi
    prev=""
    for a in "$@"; do
        o=""
        case "$prev" in -o | --output) o=$a ;; esac
        case "$a" in --output=*) o=${a#--output=} ;; -o?*) o=${a#-o} ;; esac
        prev=$a
        [ -n "$o" ] && [ "$o" != - ] || continue
        case "$o" in /*) ;; *) o="$(pwd)/$o" ;; esac
        if [ -f "$o" ] && is_report "$o"; then keep_report "$o"; fi
        if [ -d "$o" ]; then
            for f in "$o"/*.json; do
                [ -f "$f" ] && is_report "$f" && keep_report "$f"
            done
        fi
    done
    return 0
}
# The kept JSON reports against docs/report.schema.json: one failure per
# report that does not validate (tests/tools/json_schema.py says why).
validate_kept_reports() {
    [ -d "$TMP/json-reports" ] || return 0
    CASE="every JSON report this suite wrote validates against docs/report.schema.json"
    got=$(python3 "$ROOT/tests/tools/json_schema.py" "$ROOT/docs/report.schema.json" "$TMP"/json-reports/*.json 2>&1)
    if [ -z "$got" ]; then ok; else
        echo "$got" | head -10 | while read -r line; do echo "    $line"; done
        bad "$(echo "$got" | wc -l) problems in the kept reports"
    fi
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
    validate_kept_reports
    echo "$PASS $FAIL" >>"$RESULTS"
    [ "$FAIL" = 0 ]
}
