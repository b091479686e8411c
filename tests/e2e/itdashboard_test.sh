#!/bin/sh
# The IT Dashboard worked example (docs/cookbook/itdashboard/README.md) runs
# as written, and its counts are right: the commands of the page's marked
# block are run from the repository root with the expected output, and the
# band counts of its table equal those computed independently here, in
# Python, from the raw export.
. "$(dirname "$0")/lib.sh"

DOC="$ROOT/docs/cookbook/itdashboard/README.md"
CSV="$ROOT/../shared/data/itdashboard/itdashboard_projects_2012.csv"
if [ ! -f "$CSV" ]; then
    echo "skipped: itdashboard example (no $CSV)"
    finish
    exit 0
fi

# The console block after the "commands" marker: "$ cmd" lines, then output.
python3 - "$DOC" "$TMP" <<'PY'
import sys, re
doc, tmp = sys.argv[1], sys.argv[2]
text = open(doc, encoding="utf-8").read()
block = text.split("<!-- commands:", 1)[1].split("```console\n", 1)[1].split("```", 1)[0]
cmds, outs = [], []
for line in block.splitlines():
    if line.startswith("$ "):
        cmds.append(line[2:]); outs.append([])
    else:
        outs[-1].append(line)
for i, (c, o) in enumerate(zip(cmds, outs)):
    open(f"{tmp}/cmd{i}", "w").write(c + "\n")
    open(f"{tmp}/out{i}", "w").write("\n".join(o) + "\n")

PY
i=0
cd "$ROOT"
while [ -f "$TMP/cmd$i" ]; do
    cmd=$(cat "$TMP/cmd$i")
    it "the page's command runs as written: $cmd"
    # build/pmoaudit on the page is the binary under test here
    set -- $(echo "$cmd" | sed 's|^build/pmoaudit ||; s|-o itdashboard.json|-o '"$TMP"'/itd.json|')
    pa "$@"
    while IFS= read -r line; do
        [ -z "$line" ] && continue
        grep -qxF -- "$line" "$OUT" "$ERR" 2>/dev/null && ok || bad "output lacks: $line"
    done <"$TMP/out$i"
    i=$((i + 1))
done
true_that '[ "$i" = 3 ]'

it "the bands counted in Python from the raw export equal pmoaudit's findings and the page's table"
python3 - "$CSV" "$TMP/itd.json" "$DOC" >"$OUT" 2>&1 <<'PY'
import csv, json, sys, collections, re
rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8-sig")))
report = json.load(open(sys.argv[2]))
doc = open(sys.argv[3], encoding="utf-8").read()
got = collections.Counter((f["rule"], f["severity"]) for f in report["findings"])
problems = []
for rule, col in (("ITD-001", "Cost Variance (%)"), ("ITD-002", "Schedule Variance (%)")):
    bands = collections.Counter()
    for r in rows:
        v = r[col].strip()
        if not v:
            bands["blank"] += 1
            continue
        x = abs(float(v))
        bands["red" if x >= 30 else "yellow" if x >= 10 else "green"] += 1
    if got[(rule, "warning")] != bands["yellow"] or got[(rule, "error")] != bands["red"]:
        problems.append(f"{rule}: pmoaudit {got[(rule, 'warning')]}/{got[(rule, 'error')]}, python {bands['yellow']}/{bands['red']}")
    line = [l for l in doc.splitlines() if l.startswith(f"| {rule} ")]
    want = f"| {bands['yellow']} | {bands['red']} | {bands['green']:,} | {bands['blank']} | {len(rows):,} |"
    if not line or not line[0].endswith(want):
        problems.append(f"{rule}: the page's row {line} does not end with {want}")
print("\n".join(problems) if problems else "agree")
PY
out_has "agree"

finish
