#!/bin/sh
# One pack, every command: in a folder made by `pmoaudit init`, each
# subcommand reads the same pmoaudit.lua (rule folders, params, severities,
# the config's gates) without being told, and `-c FILE` names it from
# elsewhere. Command-line RULE_PATHs replace the config's rule folders.
. "$(dirname "$0")/lib.sh"

PACK="$TMP/pack"
pa init "$PACK"
cat >>"$PACK/pmoaudit.lua" <<'LUA'
severity = { ["ACME-001"] = "error" }
gates = { G1 = { rules = {"ACME-001"} } }
LUA
in_pack() { cd "$PACK"; pa "$@"; cd "$ROOT"; }

it "run sees the pack's rule, at the config's severity"
in_pack run --as-of $ASOF -f json
exit_is 1
count_is ACME-001 1
true_that "python3 -c \"import json,sys; d=json.load(open('$OUT')); sys.exit(0 if [r for r in d['rules'] if r['id']=='ACME-001'][0]['severity']=='error' else 1)\""

it "gate sees the pack's rule through the config's gate entry"
in_pack gate PRJ-1001 G1 --as-of $ASOF
exit_is 1
out_has "ACME-001 error    data/projects.csv:2  PRJ-1001 has a budget of 2400000 but no finance partner"

it "list shows the pack's rule beside the built-in ones, with the config's severity and gate"
in_pack list
exit_is 0
out_has "ACME-001   error    STD    projects                         G1          Large projects name a finance partner"
out_has "62 rules"

it "explain finds the pack's rule"
in_pack explain ACME-001
exit_is 0
out_has "ACME-001  Large projects name a finance partner"
out_has "severity: error"
out_has "gates:    G1"
out_has "declared: rules/ACME-001.lua:7"

it "test without arguments tests the pack, not the built-in pack"
in_pack test
exit_is 0
out_has "1 rules, 1 with tests; 2 cases"
out_has "2 passed, 0 failed"

it "lint without arguments lints the pack"
in_pack lint
exit_is 0
out_has "lint: 1 rule, 2 files: 0 problems"

it "docs writes the pack's page with the built-in ones"
in_pack docs -o "$TMP/pages"
exit_is 0
out_has "wrote 62 rule pages"
file_has "$TMP/pages/ACME-001.md" "| severity | error |"
file_has "$TMP/pages/ACME-001.md" "| gates | G1 |"

it "schema shows the pack's declared column"
in_pack schema
exit_is 0
out_has "projects (key project_id; extra columns declared at rules/ACME-001.lua:5)"
out_has "finance_partner"

it "-c names the pack from another folder; its rule folders are read from the config's folder"
mkdir -p "$TMP/elsewhere"
cd "$TMP/elsewhere"; pa list -c "$PACK/pmoaudit.lua"; cd "$ROOT"
exit_is 0
out_has "62 rules"
cd "$TMP/elsewhere"; pa explain ACME-001 -c "$PACK/pmoaudit.lua"; cd "$ROOT"
exit_is 0
cd "$TMP/elsewhere"; pa test -c "$PACK/pmoaudit.lua"; cd "$ROOT"
exit_is 0
out_has "2 passed, 0 failed"
cd "$TMP/elsewhere"; pa schema --config "$PACK/pmoaudit.lua"; cd "$ROOT"
out_has "finance_partner"

it "outside a pack, the commands see the built-in pack only"
cd "$TMP/elsewhere"; pa explain ACME-001; cd "$ROOT"
exit_is 2
err_has "no rule ACME-001"
cd "$TMP/elsewhere"; pa list; cd "$ROOT"
out_has "61 rules"

it "a RULE_PATH on the command line replaces the config's rule folders"
mkdir -p "$TMP/other"
cat >"$TMP/other/X-001.lua" <<'LUA'
rule { id = "X-001", title = "t", severity = "info", domain = "STD", tables = {"projects"},
  doc = "d", check = function(ctx) end }
LUA
cp "$PACK/pmoaudit.lua" "$TMP/pack.lua"
sed -i '/ACME-001/d' "$PACK/pmoaudit.lua" # the config's entries for ACME-001 would name a rule not loaded
in_pack list "$TMP/other"
exit_is 0
out_has "X-001"
out_lacks "ACME-001"
in_pack test "$TMP/other"
exit_is 1
out_has "1 rules, 0 with tests; 0 cases"
cp "$TMP/pack.lua" "$PACK/pmoaudit.lua"

it "the config's entries name rules as run sees them: the same error from run and list"
in_pack run -r "$TMP/other" --as-of $ASOF
exit_is 2
err_has "pmoaudit.lua:10: params: ACME-001.threshold: no rule ACME-001"
in_pack list "$TMP/other"
exit_is 2
err_has "pmoaudit.lua:10: params: ACME-001.threshold: no rule ACME-001"

it "a broken config stops every command with its place"
echo 'severity = { ["ACME-001"] = "bogus" }' >>"$PACK/pmoaudit.lua"
for c in list "explain ACME-001" test docs schema lint; do
    in_pack $c
    exit_is 2
    err_has "pmoaudit.lua:"
done

finish
