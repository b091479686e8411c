#!/bin/sh
# Compare two pmoaudit binaries report by report: the same commands on the
# same data must write byte-identical reports and exit with the same code.
# Used before and after a change meant to alter no behaviour (a refactor).
#
#   scripts/compare-builds.sh OLD_BINARY NEW_BINARY [DATA_DIR...]
#
# Every DATA_DIR (default: samples) is audited in every format, alone and with
# a baseline, waivers, --project, a gate, -j 1 and the text of list, explain,
# schema and docs. Prints one line per difference and "N commands, N differ".
set -u
[ $# -ge 2 ] || { echo "usage: $0 OLD NEW [DATA_DIR...]" >&2; exit 2; }
OLD=$1 NEW=$2
shift 2
[ $# -ge 1 ] || set -- samples
ROOT=$(cd "$(dirname "$0")/.." && pwd)
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
n=0 bad=0

# one LABEL ARGS...: run both binaries with ARGS (OUT stands for the output
# folder) and compare exit code, stdout, stderr and every file written.
one() {
    label=$1; shift
    n=$((n + 1))
    for side in old new; do
        bin=$OLD; [ $side = new ] && bin=$NEW
        rm -rf "$W/$side"; mkdir -p "$W/$side/out"
        args=""
        for a in "$@"; do
            # shellcheck disable=SC2001
            a=$(echo "$a" | sed "s#OUT#$W/$side/out#g")
            args="$args '$a'"
        done
        (cd "$ROOT" && eval "\"$bin\" $args" >"$W/$side/stdout" 2>"$W/$side/stderr"; echo $? >"$W/$side/rc")
        sed -i "s#$W/$side/out#OUT#g" "$W/$side/stdout" "$W/$side/stderr"
        # the HTML header's run duration is the one clock reading in a report
        find "$W/$side/out" -name '*.html' -exec sed -i 's#<dt>Run duration</dt><dd>[^<]*</dd>#<dt>Run duration</dt>#' {} +
    done
    if ! diff -r "$W/old" "$W/new" >"$W/diff" 2>&1; then
        bad=$((bad + 1))
        echo "DIFFERS: $label: $*"
        head -20 "$W/diff"
    fi
}

ASOF=2026-06-30
FMTS=text,json,md,csv,junit,sarif,html
for d in "$@"; do
    one "$d all formats" run "$d" --as-of $ASOF -f $FMTS -o OUT -q
    one "$d stdout text" run "$d" --as-of $ASOF
    one "$d verbose" run "$d" --as-of $ASOF -v --no-color
    one "$d -j 1" run "$d" --as-of $ASOF -f json -o OUT -j 1
    one "$d caps" run "$d" --as-of $ASOF -f json,html -o OUT --max-findings 3
    one "$d only" run "$d" --as-of $ASOF --only 'SCH-*,RES-*' -f json,md -o OUT
    one "$d skip" run "$d" --as-of $ASOF --skip 'DAT-*' --fail-on warning -f junit,sarif -o OUT
    one "$d set" run "$d" --as-of $ASOF --set STD-006.max_days=10 -f json -o OUT
    one "$d baseline" run "$d" --as-of 2026-06-23 -f json -o OUT/base -q --fail-on never
    cp -r "$W/new/out/base" "$W/base.$n" 2>/dev/null || true
    one "$d with baseline" run "$d" --as-of $ASOF -f $FMTS -o OUT --baseline "$W/base.$n/report.json" \
        --waivers docs/examples/waivers.csv --fail-on-new
    one "$d project" run "$d" --as-of $ASOF --project 'PRJ-100*' -f $FMTS -o OUT
    one "$d gate" gate PRJ-1027 G1 "$d" --as-of $ASOF -f text,json,md,junit -o OUT
    one "$d gate stdout" gate PRJ-1003 G3 "$d" --as-of $ASOF
done
one "list" list
one "list -v" list -v
one "explain" explain SCH-013
one "schema" schema
one "docs" docs -o OUT
one "help" --help
one "run help" run --help
one "bad option" run samples --as-of 2026-06-30 --max-findings x
one "bad option 2" run samples --as-of 2026-06-30 --no-such-option
one "bad date" run samples --as-of 2026-13-30
one "test" test
one "lint" lint rules
one "inspect" inspect samples/tasks.csv
echo "$n commands, $bad differ"
[ $bad -eq 0 ]
