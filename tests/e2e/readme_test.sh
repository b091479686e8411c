#!/bin/sh
# The README's examples work as written: its custom rule loads and finds
# what it says, and its tour commands run on the bundled samples.
. "$(dirname "$0")/lib.sh"

mkdir -p "$TMP/custom"
awk '/^```lua$/ {on = 1; next} /^```$/ {on = 0} on' "$ROOT/README.md" >"$TMP/custom/budget_owner.lua"

it "the README's custom rule flags large projects without a finance partner"
data readme
csv projects.csv <<'CSV'
project_id,name,status,budget,finance_partner
PRJ-1001,Big without partner,active,"$2,500,000",
PRJ-1002,Big with partner,active,"$2,500,000",Dana Fox
PRJ-1003,Small,active,"$90,000",
CSV
pa run "$D" --as-of $ASOF --no-builtin -r "$TMP/custom" -f json
exit_is 0
count_is ACME-001 1
out_has "PRJ-1001 has a budget of 2500000 but no finance partner"

it "the README's tour commands run on samples/"
pa run "$ROOT/samples" --as-of $ASOF
exit_is 1
out_has "result: FAIL (fail on error: 91 findings at or above it; exit 1)"
out_has "$(grep -m1 '^[0-9]* rules: ' "$ROOT/README.md")"
out_has "$(grep -m1 '^findings: ' "$ROOT/README.md")"
pa run "$ROOT/samples" --as-of $ASOF --only STD-003 -f json
out_has '"fingerprint": "645ddea6e5c10c473e3d65fb7bde3442"'
pa explain STD-001
exit_is 0

it "the README's gate example is what pmoaudit gate prints"
awk '/^\$ build\/pmoaudit gate PRJ-1009/ {on = 1; next} on && /^```/ {exit} on' "$ROOT/README.md" >"$TMP/gate.want"
pa gate PRJ-1009 G3 "$ROOT/samples" --as-of $ASOF
exit_is 1
true_that "[ -s $TMP/gate.want ] && sed 's|$ROOT/samples|samples|g' $OUT | diff -u $TMP/gate.want - >&2"

finish
