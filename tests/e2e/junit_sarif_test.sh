#!/bin/sh
# The JUnit XML (-f junit -> report.xml) and SARIF 2.1.0 (-f sarif ->
# report.sarif) reports of issue 4: JUnit well-formed and shaped as CI test
# reporters read it, with counts that match the JSON report of the same run
# (tests/tools/junit_check.py); SARIF saying what the JSON report says
# (tests/tools/sarif_check.py) and valid against the official SARIF 2.1.0
# schema in tests/fixtures/sarif/, checked twice: by ajv + ajv-formats from
# npm (installed by scripts/sarif-deps.sh; skipped, with a note, where they
# are not) and by tests/tools/sarif_schema.py (standard library, always).
. "$(dirname "$0")/lib.sh"

SCHEMA="$FIX/sarif/sarif-schema-2.1.0.json"
TOOLS="$ROOT/tests/tools"
NM="$ROOT/tests/sarif-validator/node_modules"

AJV=""
if command -v node >/dev/null 2>&1 && [ -f "$NM/ajv/dist/2020.js" ] && [ -f "$NM/ajv-formats/package.json" ]; then
    AJV=1
    # The schema declares JSON Schema 2020-12; strict mode off because it
    # is about the schema's own style (e.g. anyOf branches of "required"
    # only), not about what a document must be.
    cat >"$TMP/validate.cjs" <<'JS'
const fs = require('fs');
const nm = process.env.SARIF_NODE_MODULES;
const Ajv2020 = require(nm + '/ajv/dist/2020').default;
const addFormats = require(nm + '/ajv-formats').default;
const ajv = new Ajv2020({allErrors: true, strict: false});
addFormats(ajv);
const validate = ajv.compile(JSON.parse(fs.readFileSync(process.argv[2], 'utf8')));
let bad = 0;
for (const f of process.argv.slice(3)) {
  if (!validate(JSON.parse(fs.readFileSync(f, 'utf8')))) {
    bad++;
    for (const e of validate.errors.slice(0, 5))
      console.log(f + ': ' + (e.instancePath || '/') + ' ' + e.message + ' ' + JSON.stringify(e.params));
  }
}
process.exit(bad ? 1 : 0);
JS
else
    echo "skipped: ajv is not installed (scripts/sarif-deps.sh installs it); SARIF is checked by tests/tools/sarif_schema.py only"
fi

# tool_ok WHAT CMD...: the command exits 0, else its first lines are the failure.
tool_ok() {
    what="$1"
    shift
    if "$@" >"$TMP/tool.out" 2>&1; then ok; else bad "$what: $(head -c 600 "$TMP/tool.out")"; fi
}

# sarif_valid FILE...: valid against the SARIF 2.1.0 schema.
sarif_valid() {
    tool_ok "schema check (sarif_schema.py)" python3 "$TOOLS/sarif_schema.py" "$SCHEMA" "$@"
    if [ -n "$AJV" ]; then
        tool_ok "schema check (ajv)" env SARIF_NODE_MODULES="$NM" node "$TMP/validate.cjs" "$SCHEMA" "$@"
    fi
}

# both_match DIR: report.xml and report.sarif agree with report.json.
both_match() {
    tool_ok "junit_check" python3 "$TOOLS/junit_check.py" "$1/report.xml" "$1/report.json"
    tool_ok "sarif_check" python3 "$TOOLS/sarif_check.py" "$1/report.sarif" "$1/report.json"
    sarif_valid "$1/report.sarif"
}

it "the schema fixture is the SARIF 2.1.0 schema, and both validators reject a broken document"
file_has "$SCHEMA" '"title": "Static Analysis Results Format (SARIF) Version 2.1.0 JSON Schema"'
file_has "$FIX/sarif/SOURCE.md" "@microsoft/sarif-multitool-linux"
cat >"$TMP/broken.sarif" <<'JSON'
{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}},
  "results": [{"ruleId": "A", "level": "loud", "message": {"text": "m"},
    "locations": [{"physicalLocation": {"artifactLocation": {"uri": "a b.csv"}}}]}], "extra": 1}]}
JSON
rc=0
python3 "$TOOLS/sarif_schema.py" "$SCHEMA" "$TMP/broken.sarif" >"$TMP/v.out" 2>&1 || rc=$?
true_that '[ $rc = 1 ] && grep -q "loud" "$TMP/v.out" && grep -q "uri-reference" "$TMP/v.out" && grep -q "extra" "$TMP/v.out"'
if [ -n "$AJV" ]; then
    rc=0
    SARIF_NODE_MODULES="$NM" node "$TMP/validate.cjs" "$SCHEMA" "$TMP/broken.sarif" >"$TMP/v.out" 2>&1 || rc=$?
    true_that '[ $rc = 1 ] && grep -q "allowedValues" "$TMP/v.out" && grep -q "uri-reference" "$TMP/v.out"'
fi

it "samples/: junit and sarif next to json, matching it and valid"
pa run "$ROOT/samples" --as-of $ASOF -f json,junit,sarif -o "$TMP/s1"
exit_is 1
err_has "report.xml"
err_has "report.sarif"
both_match "$TMP/s1"
file_has "$TMP/s1/report.xml" '<testsuite name="CHG" tests="4" failures="4" errors="0" skipped="0"'
file_has "$TMP/s1/report.xml" 'classname="pmoaudit.CHG"'
file_has "$TMP/s1/report.xml" '<failure message="2 error findings" type="error">'
file_has "$TMP/s1/report.sarif" '"partialFingerprints": {"pmoaudit/v1": '
file_has "$TMP/s1/report.sarif" '"executionSuccessful": true'
true_that '! grep -q timestamp "$TMP/s1/report.xml"'

it "the same input gives byte-identical reports"
pa run "$ROOT/samples" --as-of $ASOF -f junit,sarif -o "$TMP/s2"
true_that 'cmp -s "$TMP/s1/report.xml" "$TMP/s2/report.xml"'
true_that 'cmp -s "$TMP/s1/report.sarif" "$TMP/s2/report.sarif"'

it "-f junit / -f sarif alone write one file, or stdout"
pa run "$ROOT/samples" --as-of $ASOF -f sarif -o "$TMP/one.sarif"
exit_is 1
true_that 'cmp -s "$TMP/one.sarif" "$TMP/s1/report.sarif"'
pa run "$ROOT/samples" --as-of $ASOF -f junit -o -
exit_is 1
true_that 'cmp -s "$OUT" "$TMP/s1/report.xml"'

# A portfolio with no tasks, changes, ...: most rules are skipped; X-BOOM
# errors; X-NAME echoes every project name (cells full of XML trouble).
mkdir -p "$TMP/rules"
cat >"$TMP/rules/x.lua" <<'LUA'
rule {
  id = "X-BOOM", title = "always fails", severity = "error", domain = "XT",
  tables = {"projects"}, each = "projects", doc = "test",
  check = function(p, ctx)
    local x = nil
    return x.field
  end,
}
rule {
  id = "X-NAME", title = "names are echoed (for tests)", severity = "warning", domain = "XT",
  tables = {"projects"}, each = "projects",
  doc = "Reports every project with its name.\nTwo lines.\n\nSecond paragraph.",
  check = function(p, ctx)
    ctx.report(p, "name", "name is " .. tostring(p.name))
  end,
}
LUA

it "a skipped and an errored rule: <skipped>, <error>, executionSuccessful false, notifications"
data "odd"
base_projects
pa run "$D" --as-of $ASOF -r "$TMP/rules" -f json,junit,sarif -o "$TMP/e"
exit_is 3
both_match "$TMP/e"
file_has "$TMP/e/report.xml" '<skipped message="missing table: changes'
file_has "$TMP/e/report.xml" '<error message="'
file_has "$TMP/e/report.xml" 'attempt to index a nil value'
file_has "$TMP/e/report.xml" '<testsuite name="XT" tests="2" failures="1" errors="1" skipped="0"'
file_has "$TMP/e/report.sarif" '"executionSuccessful": false, "exitCode": 3'
file_has "$TMP/e/report.sarif" '"associatedRule": {"id": "X-BOOM"'
file_has "$TMP/e/report.sarif" '"associatedRule": {"id": "CHG-001"'

it "cells with markup, quotes, control characters and invalid UTF-8 stay well-formed"
data "my data"
printf 'project_id,name,status,sponsor,manager,business_case\n' >"$D/projects.csv"
printf 'PRJ-1001,"A ""quoted"" & <b>bold</b> ]]> name",active,Ann,Bo,BC-1\n' >>"$D/projects.csv"
printf 'PRJ-1002,ctl\001\033 bell\007 tab\there,active,Ann,Bo,BC-2\n' >>"$D/projects.csv"
printf 'PRJ-1003,bad \377\376 utf8 and \357\277\277 nonchar,active,Ann,Bo,BC-3\n' >>"$D/projects.csv"
printf 'PRJ-1004,"two\nlines",active,Ann,Bo,BC-4\n' >>"$D/projects.csv"
printf 'PRJ-1005,caf\303\251 \344\270\255\346\226\207 \360\237\223\212,active,Ann,Bo,BC-5\n' >>"$D/projects.csv"
printf 'PRJ-1006,braces {0} and {x},active,Ann,Bo,BC-6\n' >>"$D/projects.csv"
pa run "$D" --as-of $ASOF -r "$TMP/rules" --only X-NAME -f json,junit,sarif -o "$TMP/x"
exit_is 0
both_match "$TMP/x"
file_has "$TMP/x/report.xml" 'A "quoted" &amp; &lt;b&gt;bold&lt;/b&gt; ]]&gt; name'
file_has "$TMP/x/report.xml" "$(printf 'ctl\357\277\275\357\277\275 bell\357\277\275 tab\there')"
file_has "$TMP/x/report.xml" "$(printf 'bad \357\277\275\357\277\275 utf8 and \357\277\275 nonchar')"
file_has "$TMP/x/report.xml" "$(printf 'caf\303\251 \344\270\255\346\226\207 \360\237\223\212')"
file_has "$TMP/x/report.xml" 'projects.csv:5  PRJ-1004  name is two lines'
file_has "$TMP/x/report.sarif" '"text": "name is braces {{0}} and {{x}}"'
file_has "$TMP/x/report.sarif" '"uri": "file://'
file_has "$TMP/x/report.sarif" 'my%20data/projects.csv"'
file_has "$TMP/x/report.sarif" '"fullDescription": {"text": "Reports every project with its name. Two lines."}'
file_has "$TMP/x/report.sarif" '"name": "NamesAreEchoedForTests"'
# a relative data folder stays a relative URI reference
(cd "$TMP" && timeout 60 "$PA" run "my data" --as-of $ASOF -r "$TMP/rules" --only X-NAME -f sarif -o rel.sarif) \
    >"$OUT" 2>"$ERR"
file_has "$TMP/rel.sarif" '"uri": "my%20data/projects.csv"'
sarif_valid "$TMP/rel.sarif"

it "a rule with more findings than the JUnit list shows, and more than --max-findings keeps"
data big
python3 - "$D/projects.csv" <<'PY'
import sys
with open(sys.argv[1], "w") as f:
    f.write("project_id,name,status,sponsor,manager,business_case\n")
    for i in range(300):
        f.write("PRJ-%04d,Project %d,active,Ann,Bo,BC-%d\n" % (2000 + i, i, i))
PY
pa run "$D" --as-of $ASOF -r "$TMP/rules" --only X-NAME --max-findings 250 -f json,junit,sarif -o "$TMP/big"
exit_is 0
both_match "$TMP/big"
file_has "$TMP/big/report.xml" '<failure message="300 warning findings" type="warning">'
file_has "$TMP/big/report.xml" '... and 100 more findings (all of them are in -f json)'

if "$PA" run --help | grep -q -- "--waivers" && "$PA" run --help | grep -q -- "--baseline"; then
    it "baseline: new/unchanged marks, resolved findings; waivers: suppressions, expired and unused"
    cp -r "$ROOT/samples" "$TMP/now"
    grep -v '^CR-040,' "$ROOT/samples/changes.csv" >"$TMP/now/changes.csv"
    pa run "$ROOT/samples" --as-of $ASOF --skip CHG-001 -f json -o "$TMP/base.json"
    cat >"$TMP/waivers.csv" <<'CSV'
rule,key,fingerprint,reason,approved_by,expires
CHG-003,CR-041,,"Board <approved> & minuted",Ann Lee,2026-12-31
CHG-001,CR-038,,old exception,Bo Chan,2026-01-01
CHG-004,NOPE,,never matches,Bo Chan,2026-12-31
CSV
    pa run "$TMP/now" --as-of $ASOF --baseline "$TMP/base.json" --waivers "$TMP/waivers.csv" \
        -f json,junit,sarif -o "$TMP/bw"
    exit_is 1
    both_match "$TMP/bw"
    file_has "$TMP/bw/report.xml" '<failure message="2 error findings (2 new)" type="error">[new] '
    file_has "$TMP/bw/report.xml" 'waived: 1 finding'
    file_has "$TMP/bw/report.xml" 'Board &lt;approved&gt; &amp; minuted; approved by Ann Lee; expires 2026-12-31'
    file_has "$TMP/bw/report.xml" 'expired on 2026-01-01 and no longer applies (1 finding)'
    file_has "$TMP/bw/report.xml" 'matches no finding (unused)'
    file_has "$TMP/bw/report.sarif" '"baselineState": "new"'
    file_has "$TMP/bw/report.sarif" '"baselineState": "unchanged"'
    file_has "$TMP/bw/report.sarif" '"suppressions": [{"kind": "external", "status": "accepted", "justification": "Board <approved> & minuted"'
    file_has "$TMP/bw/report.sarif" 'expired on 2026-01-01'
    true_that 'python3 -c "
import json, sys
s = json.load(open(sys.argv[1])); j = json.load(open(sys.argv[2]))
got = [x[\"fingerprint\"] for x in s[\"runs\"][0][\"properties\"][\"baseline\"][\"resolved\"]]
want = [x[\"fingerprint\"] for x in j[\"baseline\"][\"resolved\"]]
sys.exit(0 if got == want and len(got) >= 1 else 1)" "$TMP/bw/report.sarif" "$TMP/bw/report.json"'
fi

finish
