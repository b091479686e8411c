#!/bin/sh
# CSV conformance: every csv-spectrum case loads to its expected rows, and
# rows keep their physical line numbers across quoted line breaks. The cases
# are a copy of ../shared/data/csv-spectrum (see SOURCE.md beside them).
. "$(dirname "$0")/lib.sh"

SPECTRUM="$FIX/csv-spectrum"

for f in "$SPECTRUM"/csvs/*.csv; do
    name=$(basename "$f" .csv)
    it "csv-spectrum $name loads to its expected rows"
    data "spectrum-$name"
    csv projects.csv <<'CSV'
project_id,name,status
PRJ-1001,Alpha,active
CSV
    cp "$f" "$D/case.csv"
    pa run "$D" --as-of $ASOF --no-builtin -r "$FIX/rules/dump_case.lua" -f json --fail-on never
    exit_is 0
    if python3 "$ROOT/tests/tools/spectrum.py" "$OUT" "$SPECTRUM/json/$name.json" >"$TMP/diff" 2>&1; then
        ok
    else
        bad "$(cat "$TMP/diff")"
    fi
done

it "rows after multi-line quoted fields keep their physical line numbers"
data lines
csv projects.csv <<'CSV'
project_id,name,status
PRJ-1001,Alpha,active
CSV
cp "$SPECTRUM/csvs/quotes_and_newlines.csv" "$D/case.csv"
pa run "$D" --as-of $ASOF --no-builtin -r "$FIX/rules/dump_case.lua" -f json --fail-on never
where_is TEST-DUMP "case.csv:2 case.csv:5"

finish
