#!/bin/sh
# The JUnit XML (-f junit -> report.xml) and SARIF 2.1.0 (-f sarif ->
# report.sarif) reports of issues 4 and 16: JUnit well-formed, valid against
# the Jenkins JUnit schema (tests/fixtures/junit/, by xmllint) and shaped as
# CI test reporters read it, with counts and failures that follow the
# run's gate as the exit code does (tests/tools/junit_check.py); SARIF
# saying what the JSON report says with URIs relative to --sarif-base
# (tests/tools/sarif_check.py), within GitHub code scanning's upload limits
# (tests/tools/github_sarif_check.py), and valid against the official SARIF
# 2.1.0 schema in tests/fixtures/sarif/, checked twice: by ajv + ajv-formats
# from npm (installed by scripts/sarif-deps.sh; skipped, with a note, where
# they are not) and by tests/tools/sarif_schema.py (standard library, always).
. "$(dirname "$0")/lib.sh"

SCHEMA="$FIX/sarif/sarif-schema-2.1.0.json"
XSD="$FIX/junit/junit-10.xsd"
TOOLS="$ROOT/tests/tools"
NM="$ROOT/tests/sarif-validator/node_modules"
cd "$ROOT" # the working directory is the default --sarif-base

XMLLINT=""
if command -v xmllint >/dev/null 2>&1; then
    XMLLINT=1
else
    echo "skipped: xmllint is not installed (scripts/deps.sh lists libxml2-utils); JUnit is not checked against the Jenkins schema"
fi

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

# xsd_valid FILE...: valid against the Jenkins JUnit schema.
xsd_valid() {
    if [ -n "$XMLLINT" ]; then
        tool_ok "Jenkins JUnit schema (xmllint)" xmllint --noout --schema "$XSD" "$@"
    fi
}

# github_ok FILE...: within what GitHub code scanning accepts.
github_ok() {
    tool_ok "GitHub upload rules" python3 "$TOOLS/github_sarif_check.py" "$@"
}

# both_match DIR [junit_check options]: report.xml and report.sarif agree
# with report.json, and are valid.
both_match() {
    dir="$1"
    shift
    tool_ok "junit_check" python3 "$TOOLS/junit_check.py" "$dir/report.xml" "$dir/report.json" "$@"
    xsd_valid "$dir/report.xml"
    tool_ok "sarif_check" python3 "$TOOLS/sarif_check.py" "$dir/report.sarif" "$dir/report.json"
    sarif_valid "$dir/report.sarif"
    github_ok "$dir/report.sarif"
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

it "the JUnit schema fixture is Jenkins', and rejects what it must"
file_has "$XSD" '<xs:element name="testsuites">'
file_has "$FIX/junit/SOURCE.md" "jenkinsci/xunit-plugin"
if [ -n "$XMLLINT" ]; then
    # the attribute the JUnit report used to write on <testsuites>
    printf '<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="x" tests="0" failures="0" errors="0" skipped="0" time="0"/>\n' >"$TMP/skipped.xml"
    printf '<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="x" tests="1" failures="0" errors="0" time="1.5"><testsuite name="a" tests="1" failures="0" errors="0" skipped="0" time="x"/></testsuites>\n' >"$TMP/time.xml"
    rc=0
    xmllint --noout --schema "$XSD" "$TMP/skipped.xml" >"$TMP/v.out" 2>&1 || rc=$?
    true_that '[ $rc != 0 ] && grep -q "The attribute .skipped. is not allowed" "$TMP/v.out"'
    rc=0
    xmllint --noout --schema "$XSD" "$TMP/time.xml" >"$TMP/v.out" 2>&1 || rc=$?
    true_that '[ $rc != 0 ] && grep -q "attribute .time.: \[facet .pattern.\]" "$TMP/v.out"'
fi

it "samples/: junit and sarif next to json, matching it and valid"
pa run "$ROOT/samples" --as-of $ASOF -f json,junit,sarif -o "$TMP/s1"
exit_is 1
err_has "report.xml"
err_has "report.sarif"
both_match "$TMP/s1"
file_has "$TMP/s1/report.xml" '<testsuite name="CHG" tests="4" failures="2" errors="0" skipped="0" time="0">'
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
file_has "$TMP/e/report.xml" '<testsuite name="XT" tests="2" failures="0" errors="1" skipped="0"'
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
true_that '! grep -q "file:" "$TMP/x/report.sarif"'
file_has "$TMP/x/report.sarif" 'my%20data/projects.csv", "uriBaseId": "%SRCROOT%"'
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
file_has "$TMP/big/report.xml" '<system-out>not failing (below --fail-on error): 300 warning findings'
file_has "$TMP/big/report.xml" '... and 100 more findings (50 in -f json; 50 past --max-findings, counted but not listed anywhere)'
true_that '! grep -q "<failure" "$TMP/big/report.xml"'
pa run "$D" --as-of $ASOF -r "$TMP/rules" --only X-NAME --max-findings 250 --fail-on warning -f json,junit,sarif \
    -o "$TMP/big-w"
exit_is 1
both_match "$TMP/big-w" --fail-on warning
file_has "$TMP/big-w/report.xml" '<failure message="300 warning findings" type="warning">'

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

# ---- issue 16: JUnit follows the gate ------------------------------------

it "--fail-on never: no testcase fails, as the exit code says; the findings are in <system-out>"
pa run "$ROOT/samples" --as-of $ASOF --fail-on never -f json,junit,sarif -o "$TMP/never"
exit_is 0
both_match "$TMP/never" --fail-on never
file_has "$TMP/never/report.xml" '<testsuites name="pmoaudit" tests="61" failures="0" errors="0" time="0">'
true_that '! grep -q "<failure" "$TMP/never/report.xml"'
file_has "$TMP/never/report.xml" '<system-out>not failing (--fail-on never): 2 error findings'
file_has "$TMP/never/report.xml" '<property name="fail_on" value="never"/>'

it "default --fail-on error: a rule with only warnings passes, with its findings in <system-out>"
file_has "$TMP/s1/report.xml" '<testsuites name="pmoaudit" tests="61" failures="29" errors="0" time="0">'
true_that 'python3 - "$TMP/s1/report.xml" <<PY
import sys, xml.etree.ElementTree as ET
tc = [t for t in ET.parse(sys.argv[1]).iter("testcase") if t.get("name").startswith("CHG-003 ")][0]
out = tc.find("system-out").text
sys.exit(0 if tc.find("failure") is None and out.startswith(
    "not failing (below --fail-on error): 2 warning findings\n$ROOT/samples/changes.csv:42  CR-041  ") else 1)
PY'
pa run "$ROOT/samples" --as-of $ASOF --fail-on warning -f json,junit -o "$TMP/warn"
exit_is 1
tool_ok "junit_check --fail-on warning" python3 "$TOOLS/junit_check.py" "$TMP/warn/report.xml" \
    "$TMP/warn/report.json" --fail-on warning
file_has "$TMP/warn/report.xml" '<testsuites name="pmoaudit" tests="61" failures="56" errors="0" time="0">'

it "--fail-on-new: a rule with no new finding passes; only the new ones fail"
pa run "$ROOT/samples" --as-of $ASOF -f json -o "$TMP/night.json"
pa run "$ROOT/samples" --as-of $ASOF --baseline "$TMP/night.json" --fail-on-new -f json,junit,sarif -o "$TMP/same"
exit_is 0
both_match "$TMP/same" --fail-on-new
file_has "$TMP/same/report.xml" '<testsuites name="pmoaudit" tests="61" failures="0" errors="0" time="0">'
file_has "$TMP/same/report.xml" \
    '<system-out>not failing (below --fail-on error; or existing, with --fail-on-new): 2 error findings'
pa run "$ROOT/samples" --as-of $ASOF --skip CHG-001 -f json -o "$TMP/night2.json"
pa run "$ROOT/samples" --as-of $ASOF --baseline "$TMP/night2.json" --fail-on-new -f json,junit -o "$TMP/new1"
exit_is 1
tool_ok "junit_check --fail-on-new" python3 "$TOOLS/junit_check.py" "$TMP/new1/report.xml" \
    "$TMP/new1/report.json" --fail-on-new
xsd_valid "$TMP/new1/report.xml"
file_has "$TMP/new1/report.xml" '<testsuites name="pmoaudit" tests="61" failures="1" errors="0" time="0">'
file_has "$TMP/new1/report.xml" "<failure message=\"2 error findings (2 new)\" type=\"error\">[new] $ROOT/samples/changes.csv:39"

it "--timings writes each rule's measured time into the JUnit report (stderr's, rounded to ms); nothing else changes"
# X-SLOW spends a few million Lua steps, so its time cannot round to 0
mkdir "$TMP/slow"
cat >"$TMP/slow/slow.lua" <<'LUA'
rule { id = "X-SLOW", title = "busy", severity = "info", domain = "XT", tables = {"projects"}, doc = "test",
       check = function(ctx) local n = 0; for i = 1, 5000000 do n = n + i % 7 end end }
LUA
pa run "$ROOT/samples" --as-of $ASOF -r "$TMP/slow" -f json,junit -o "$TMP/untimed" -j 1
pa run "$ROOT/samples" --as-of $ASOF -r "$TMP/slow" -f json,junit -o "$TMP/timed" --timings -j 1
exit_is 1
tool_ok "junit_check --timings" python3 "$TOOLS/junit_check.py" "$TMP/timed/report.xml" "$TMP/timed/report.json" \
    --timings
xsd_valid "$TMP/timed/report.xml"
true_that 'sed "s/ time=\"[0-9.]*\"/ time=\"0\"/" "$TMP/timed/report.xml" | cmp -s - "$TMP/untimed/report.xml"'
true_that 'python3 - "$TMP/timed/report.xml" "$ERR" <<PY
import re, sys, xml.etree.ElementTree as ET
times = {t.get("name").split(" ")[0]: t.get("time") for t in ET.parse(sys.argv[1]).iter("testcase")}
slow = re.findall(r"^pmoaudit: timing   (\S+) +([0-9.]+) s(?: +[0-9]+ instructions)?$", open(sys.argv[2]).read(), re.M)
ok = len(slow) == 10 and slow[0][0] == "X-SLOW" and times["X-SLOW"] != "0"
ok = ok and all(float(times[r]) == float(s) for r, s in slow)
sys.exit(0 if ok else 1)
PY'

# ---- issue 16: SARIF that GitHub code scanning accepts -------------------

it "an absolute data path: URIs relative to the working directory (the default --sarif-base), never file:"
# the issue's reproduction: $ROOT/samples used to give file:///.../samples/changes.csv
file_has "$TMP/s1/report.sarif" '"artifactLocation": {"uri": "samples/changes.csv", "uriBaseId": "%SRCROOT%"}'
file_has "$TMP/s1/report.sarif" '"location": {"uri": "samples/projects.csv", "uriBaseId": "%SRCROOT%"}'
file_has "$TMP/s1/report.sarif" '"originalUriBaseIds": {"%SRCROOT%": {"description": {"text": "The folder given by --sarif-base'
true_that '! grep -q "file:" "$TMP/s1/report.sarif"'
true_that '! grep -q "outside the --sarif-base" "$TMP/s1/report.sarif"'

it "--sarif-base: URIs relative to it, through symbolic links; a data folder outside it climbs out with ../ and is noted"
pa run "$ROOT/samples" --as-of $ASOF -f json,sarif -o "$TMP/b1" --sarif-base "$ROOT/samples"
exit_is 1
tool_ok "sarif_check --base" python3 "$TOOLS/sarif_check.py" "$TMP/b1/report.sarif" "$TMP/b1/report.json" \
    --base "$ROOT/samples"
github_ok "$TMP/b1/report.sarif"
file_has "$TMP/b1/report.sarif" '"artifactLocation": {"uri": "changes.csv", "uriBaseId": "%SRCROOT%"}'
ln -s "$ROOT" "$TMP/link"
pa run "$TMP/link/samples" --as-of $ASOF -f sarif -o "$TMP/b2.sarif" --sarif-base "$ROOT"
true_that '[ "$(grep -o "\"uri\": \"[^\"]*\"" "$TMP/b2.sarif")" = "$(grep -o "\"uri\": \"[^\"]*\"" "$TMP/s1/report.sarif")" ]'
mkdir "$TMP/elsewhere"
pa run "$ROOT/samples" --as-of $ASOF -f json,sarif -o "$TMP/b3" --sarif-base "$TMP/elsewhere"
exit_is 1
tool_ok "sarif_check --base" python3 "$TOOLS/sarif_check.py" "$TMP/b3/report.sarif" "$TMP/b3/report.json" \
    --base "$TMP/elsewhere"
sarif_valid "$TMP/b3/report.sarif"
github_ok "$TMP/b3/report.sarif"
true_that 'grep -q "\"uri\": \"\.\./" "$TMP/b3/report.sarif" && ! grep -q "file:" "$TMP/b3/report.sarif"'
file_has "$TMP/b3/report.sarif" '{"level": "warning", "message": {"text": "13 data files are outside the --sarif-base folder: their URIs start with ../, and code scanning cannot show them in the repository"}}'
pa run "$ROOT/samples" --as-of $ASOF -f sarif -o "$TMP/b4.sarif" --sarif-base "$TMP/none"
exit_is 2
err_has "pmoaudit: --sarif-base $TMP/none: No such file or directory"
pa run "$ROOT/samples" --as-of $ASOF -f sarif -o "$TMP/b4.sarif" --sarif-base "$XSD"
exit_is 2
err_has "pmoaudit: --sarif-base $XSD: not a folder"
true_that '[ ! -e "$TMP/b4.sarif" ]'

# A portfolio of 25,000 projects: X-ALL warns on each, X-CRIT (critical)
# and X-ERR (error) on every 100th, X-INFO on the first ten: 25,510
# findings, 510 more than a SARIF run may hold. The baseline saw only the
# first 20,000 projects, a month earlier.
mkdir "$TMP/rules2"
cat >"$TMP/rules2/many.lua" <<'LUA'
local function every(n)
  return function(p, ctx)
    local k = tonumber(p.project_id:sub(5))
    if k % n == 0 then ctx.report(p, "name", "project " .. p.project_id) end
  end
end
rule { id = "X-ALL", title = "every project", severity = "warning", domain = "XT", tables = {"projects"},
       each = "projects", doc = "test", check = every(1) }
rule { id = "X-CRIT", title = "every 100th project", severity = "critical", domain = "XT", tables = {"projects"},
       each = "projects", doc = "test", check = every(100) }
rule { id = "X-ERR", title = "every 100th project too", severity = "error", domain = "XT", tables = {"projects"},
       each = "projects", doc = "test", check = every(100) }
rule { id = "X-INFO", title = "the first ten", severity = "info", domain = "XT", tables = {"projects"},
       each = "projects", doc = "test",
       check = function(p, ctx) if tonumber(p.project_id:sub(5)) <= 10 then ctx.report(p, "name", "first") end end }
LUA
data many
python3 - "$D/projects.csv" "$TMP/old.csv" <<'PY'
import sys
rows = ["PRJ-%05d,Project %d,active,Ann,Bo,BC-%d\n" % (i, i, i) for i in range(1, 25001)]
head = "project_id,name,status,sponsor,manager,business_case\n"
open(sys.argv[1], "w").write(head + "".join(rows))
open(sys.argv[2], "w").write(head + "".join(rows[:20000]))
PY
mkdir "$TMP/many-old"
cp "$TMP/old.csv" "$TMP/many-old/projects.csv"

it "more than 25,000 findings: the most severe and newest 25,000 are written, the rest counted and noted"
pa run "$TMP/many-old" --as-of 2026-05-31 -r "$TMP/rules2" --only 'X-*' -f json -o "$TMP/many-base.json"
exit_is 1
pa run "$D" --as-of $ASOF -r "$TMP/rules2" --only 'X-*' --baseline "$TMP/many-base.json" -f json,sarif -o "$TMP/many"
exit_is 1
tool_ok "sarif_check" python3 "$TOOLS/sarif_check.py" "$TMP/many/report.sarif" "$TMP/many/report.json"
sarif_valid "$TMP/many/report.sarif"
github_ok "$TMP/many/report.sarif"
file_has "$TMP/many/report.sarif" '"truncated": {"limit": 25000, "findings": 25510, "results": 25000, "left_out": {"critical": 0, "error": 0, "warning": 500, "info": 10}}'
file_has "$TMP/many/report.sarif" '{"level": "warning", "message": {"text": "25510 findings, more than the 25000 results GitHub code scanning accepts in one run: the 25000 most severe and newest are written, 510 findings left out (500 warning, 10 info); -f json and -f csv list every finding"}}'
# kept: every critical and error, every new warning (projects 20001 on),
# and the existing warnings first in report order; left out: the last 500
# existing warnings and the ten infos
true_that 'python3 - "$TMP/many/report.sarif" <<PY
import json, sys
res = json.load(open(sys.argv[1]))["runs"][0]["results"]
keys = {}
for x in res:
    keys.setdefault(x["ruleId"], []).append(int(x["properties"]["key"][4:]))
allw = keys["X-ALL"]
ok = (len(res) == 25000 and len(keys["X-CRIT"]) == 250 and len(keys["X-ERR"]) == 250 and "X-INFO" not in keys
      and allw == list(range(1, 19501)) + list(range(20001, 25001)))
sys.exit(0 if ok else 1)
PY'

it "severity in SARIF: critical and error are both level error; rank and the rule's security-severity put critical first"
file_has "$TMP/many/report.sarif" '"properties": {"severity": "critical", "security-severity": "9.5", "domain": "XT"'
file_has "$TMP/many/report.sarif" '"properties": {"severity": "error", "security-severity": "8.0", "domain": "XT"'
file_has "$TMP/many/report.sarif" '"properties": {"severity": "warning", "security-severity": "5.5", "domain": "XT"'
file_has "$TMP/many/report.sarif" '{"ruleId": "X-CRIT", "ruleIndex": 1, "level": "error", "rank": 95,'
file_has "$TMP/many/report.sarif" '{"ruleId": "X-ERR", "ruleIndex": 2, "level": "error", "rank": 80,'
file_has "$TMP/many/report.sarif" '{"ruleId": "X-ALL", "ruleIndex": 0, "level": "warning", "rank": 55,'

finish
