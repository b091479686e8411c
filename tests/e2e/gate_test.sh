#!/bin/sh
# --project scoping and `pmoaudit gate PROJECT GATE` (docs/gates.md): the
# rules still see every project, only findings about the selected projects
# count; a gate runs the rules that guard it and gives PASS or BLOCKED.
. "$(dirname "$0")/lib.sh"

# Three projects in execution. PRJ-1002 has no approved charter (STD-003,
# G2/G3); RES-1 is over-allocated across PRJ-1003 and PRJ-1002, and the
# RES-001 finding sits on the PRJ-1003 row, so only its `projects` list
# ties it to PRJ-1002.
data gates
csv projects.csv <<'CSV'
project_id,name,status,phase,sponsor,manager,charter_approved,business_case,start_date,planned_finish,budget
PRJ-1001,Clean,active,execution,Sam,Mia,true,BC-1,2026-01-01,2026-12-31,1000
PRJ-1002,No charter,active,execution,Sam,Lee,false,BC-2,2026-01-01,2026-12-31,1000
PRJ-1003,Busy,active,execution,Sam,Kim,true,BC-3,2026-01-01,2026-12-31,1000
CSV
csv milestones.csv <<'CSV'
milestone_id,project_id,name,gate,baseline_date,actual_date,status,approved_by,approval_date
M1,PRJ-1001,Business case,G1,2026-01-10,2026-01-10,achieved,Board,2026-01-11
M2,PRJ-1001,Plan,G2,2026-02-10,2026-02-10,achieved,Board,2026-02-11
M3,PRJ-1002,Business case,G1,2026-01-10,2026-01-10,achieved,Board,2026-01-11
M4,PRJ-1002,Plan,G2,2026-02-10,2026-02-10,achieved,Board,2026-02-11
M5,PRJ-1003,Business case,G1,2026-01-10,2026-01-10,achieved,Board,2026-01-11
M6,PRJ-1003,Plan,G2,2026-02-10,2026-02-10,achieved,Board,2026-02-11
CSV
csv risks.csv <<'CSV'
risk_id,project_id,title,status,probability,impact,score,owner,mitigation,review_date
R1,PRJ-1001,Vendor late,open,2,3,6,Mia,Second vendor,2026-09-01
R2,PRJ-1002,Scope creep,open,2,3,6,Lee,Change board,2026-09-01
R3,PRJ-1003,Key person,open,2,3,6,Kim,Deputy,2026-09-01
CSV
csv allocations.csv <<'CSV'
resource_id,project_id,start_date,end_date,percent
RES-1,PRJ-1003,2026-03-01,2026-08-31,60
RES-1,PRJ-1002,2026-05-01,2026-09-30,60
RES-2,PRJ-1001,2026-01-01,2026-12-31,80
CSV
G="$D"
CHECK="python3 $ROOT/tests/tools/scope_check.py"

it "--project keeps a cross-project finding for every project it involves, and only those"
pa run "$G" --as-of $ASOF -f json --project PRJ-1002
exit_is 1
count_is RES-001 1
count_is STD-003 1
out_has '"scope": {"project": "PRJ-1002", "projects": ["PRJ-1002"]},'
out_has '"owner": "Kim", "projects": ["PRJ-1002", "PRJ-1003"], "first_seen"'
pa run "$G" --as-of $ASOF -f json --project PRJ-1003
count_is RES-001 1
count_is STD-003 0
pa run "$G" --as-of $ASOF -f json --project PRJ-1001
exit_is 0
count_is RES-001 0
status_is RES-001 passed
out_has '"findings": {"critical": 0, "error": 0,'

it "--project counts equal the whole portfolio's findings filtered to the projects (fixture and samples)"
pa run "$G" --as-of $ASOF -f json -o "$TMP/g-all.json"
pa run "$G" --as-of $ASOF -f json -o "$TMP/g-2.json" --project PRJ-1002
true_that "[ \"\$($CHECK compare $TMP/g-all.json $TMP/g-2.json PRJ-1002)\" = ok ]"
pa run "$ROOT/samples" --as-of $ASOF -f json -o "$TMP/s-all.json"
for p in PRJ-1001 PRJ-1013 'PRJ-100[45]'; do
    pa run "$ROOT/samples" --as-of $ASOF -f json -o "$TMP/s-p.json" --project "$p"
    ids=$(python3 -c "import json,sys; print(','.join(json.load(open(sys.argv[1]))['scope']['projects']))" "$TMP/s-p.json")
    true_that "[ \"\$($CHECK compare $TMP/s-all.json $TMP/s-p.json $ids)\" = ok ]"
done

it "--project on a generated portfolio: a project tied to a finding only by its projects list"
python3 "$ROOT/samples/gen_portfolio.py" --tasks 20000 --out "$TMP/gen" --seed 3 >/dev/null
pa run "$TMP/gen" --as-of $ASOF -f json -o "$TMP/gen-all.json"
p=$($CHECK pick "$TMP/gen-all.json")
true_that "[ -n '$p' ]"
pa run "$TMP/gen" --as-of $ASOF -f json -o "$TMP/gen-p.json" --project "$p"
true_that "[ \"\$($CHECK compare $TMP/gen-all.json $TMP/gen-p.json $p)\" = ok ]"
pa run "$TMP/gen" --as-of $ASOF -f json -o "$TMP/gen-p.json" --project "$p,PRJ-1000*"
ids=$(python3 -c "import json,sys; print(','.join(json.load(open(sys.argv[1]))['scope']['projects']))" "$TMP/gen-p.json")
true_that "[ \"\$($CHECK compare $TMP/gen-all.json $TMP/gen-p.json $ids)\" = ok ]"

it "--project that selects no project stops the run (exit 2) instead of auditing nothing"
pa run "$G" --as-of $ASOF --project PRJ-9999
exit_is 2
err_has "no project in $G/projects.csv matches 'PRJ-9999'"
pa run "$G" --as-of $ASOF --project 'PRJ-1001,NOPE*'
exit_is 2
err_has "matches 'NOPE*'"

it "rules declare their gates; list, explain and docs show them"
pa list
out_has "GATES"
out_has "CLS-001    error    CLS    projects,lessons                 G4"
pa explain STD-003
out_has "gates:    G2, G3"
cat >"$TMP/badgate.lua" <<'LUA'
rule { id = "X-1", title = "t", severity = "info", domain = "STD", tables = {"projects"}, doc = "d",
       gates = {"G2", 3}, check = function(ctx) end }
LUA
pa list "$TMP/badgate.lua"
exit_is 2
err_has "badgate.lua:1: rule X-1: 'gates' entry 2 must be a gate name"

it "gate runs only the rules that guard the gate"
pa gate PRJ-1002 G1 "$G" --as-of $ASOF -f json
exit_is 0
out_has '"verdict": "PASS"'
want=$("$PA" list | awk '$5 ~ /(^|,)G1(,|$)/ {print $1}' | sort | tr '\n' ' ')
got=$(python3 -c "import json,sys; print(' '.join(r['id'] for r in json.load(open(sys.argv[1]))['rules']))" "$OUT")
true_that "[ '$got ' = '$want' ]"
status_is STD-003 absent
pa gate PRJ-1002 g3 "$G" --as-of $ASOF -f json
exit_is 1
status_is STD-003 failed
status_is CLS-001 absent
pa gate PRJ-1002 G9 "$G" --as-of $ASOF
exit_is 2
err_has "gate G9: no rule guards it (the rules declare: G1, G2, G3, G4"

it "the text verdict: PASS exits 0, BLOCKED exits 1 and lists rule, severity, file:line and message"
pa gate PRJ-1001 G3 "$G" --as-of $ASOF
exit_is 0
out_has "gate G3 for PRJ-1001: PASS"
out_has "0 blocking, 0 waived"
pa gate PRJ-1002 G3 "$G" --as-of $ASOF
exit_is 1
out_has "gate G3 for PRJ-1002: BLOCKED"
out_has "RES-001  error    $G/allocations.csv:2  resource RES-1 at 120% on 2026-05-01"
out_has "STD-003  error    $G/projects.csv:3  project PRJ-1002 is in execution"
out_has "not checked (a table they need is missing): CHG-001"
out_has "2 blocking, 0 waived, 0 not blocking; exit 1"
pa gate PRJ-1002 G3
exit_is 2
err_has "data"
pa gate PRJ-1002
exit_is 2
err_has "usage: pmoaudit gate PROJECT GATE"
pa gate PRJ-1002 G3 "$G" --only STD-003
exit_is 2
err_has "--only cannot be used"

it "waivers in a gate: waived findings no longer block and are listed as waived"
cat >"$TMP/waivers.csv" <<'CSV'
rule,key,fingerprint,reason,approved_by,expires
STD-003,PRJ-1002,,Charter signed on paper; scan follows,Sponsor Sam,2026-12-31
RES-001,RES-1,,Overlap ends before go-live,PMO Board,2026-12-31
CSV
pa gate PRJ-1002 G3 "$G" --as-of $ASOF --waivers "$TMP/waivers.csv"
exit_is 0
out_has "gate G3 for PRJ-1002: PASS"
out_has "waived (2):"
out_has "waived: Charter signed on paper; scan follows (approved by Sponsor Sam)"
pa gate PRJ-1002 G3 "$G" --as-of 2027-01-15 --waivers "$TMP/waivers.csv"
exit_is 1
err_has "waiver expired"

it "the Markdown verdict is fit for a merge-request comment"
pa gate PRJ-1002 G3 "$G" --as-of $ASOF -f md
exit_is 1
out_has "## ❌ Gate G3 for PRJ-1002: BLOCKED"
out_has "### Blocking findings (2)"
out_has "| STD-003 | error | \`$G/projects.csv:3\` | project PRJ-1002 is in execution but its charter is not approved |"
out_has "Not checked (a table they need is missing): CHG-001"
pa gate PRJ-1002 G3 "$G" --as-of $ASOF -f md --waivers "$TMP/waivers.csv"
exit_is 0
out_has "## ✅ Gate G3 for PRJ-1002: PASS"
out_has "### Waived (2)"
out_has "| Overlap ends before go-live (PMO Board) |"

it "-f json marks blocking findings; junit works as for run"
pa gate PRJ-1002 G3 "$G" --as-of $ASOF -f json --waivers "$TMP/waivers.csv"
out_has '"verdict": "PASS"'
out_has '"blocking": 0, "waived": 2, "not_blocking": 0}'
out_has '"waived": true'
pa gate PRJ-1002 G3 "$G" --as-of $ASOF -f json
out_has '"verdict": "BLOCKED", "block": ["critical", "error"]'
out_has '"blocking": true'
pa gate PRJ-1002 G3 "$G" --as-of $ASOF -f junit,md -o "$TMP/gj"
exit_is 1
file_has "$TMP/gj/report.xml" 'STD-003'
file_has "$TMP/gj/report.xml" '<property name="gate" value="G3"/>'
file_has "$TMP/gj/report.xml" '<property name="project" value="PRJ-1002"/>'
file_has "$TMP/gj/report.md" 'BLOCKED'
pa gate PRJ-1001 G3 "$G" --as-of $ASOF -f html
exit_is 0
out_has 'PASS<small>blocking critical, error &middot; no finding blocks &middot; exit 0</small>'
pa run "$G" --as-of $ASOF -f md --project 'PRJ-100[12]'
out_has 'project scope `PRJ-100[12]` (2 projects)'
pa run "$G" --as-of $ASOF --project PRJ-1002
out_has 'scope: --project PRJ-1002 (1 project: PRJ-1002); findings about other projects are left out'

it "the config adds rules to a gate and sets the severities that block"
cat >"$TMP/gates.lua" <<'LUA'
gates = {
  G1 = { rules = {"RES-001"} },                      -- over-allocation also blocks G1
  G3 = { block = {"critical"} },                      -- only critical findings block G3
}
LUA
pa gate PRJ-1002 G1 "$G" --as-of $ASOF -c "$TMP/gates.lua" -f json
exit_is 1
status_is RES-001 failed
pa gate PRJ-1002 G3 "$G" --as-of $ASOF -c "$TMP/gates.lua"
exit_is 0
out_has "blocking severities: critical"
out_has "not blocking (2):"
pa gate PRJ-1002 G3 "$G" --as-of $ASOF -c "$TMP/gates.lua" --fail-on error
exit_is 1
printf 'gates = { FUNDING = { rules = {"STD-00[34]"}, block = {"warning", "error"} } }\n' >"$TMP/funding.lua"
pa gate PRJ-1002 funding "$G" --as-of $ASOF -c "$TMP/funding.lua" -f json
exit_is 1
out_has '"gate": {"name": "funding", "project": "PRJ-1002", "verdict": "BLOCKED", "block": ["error", "warning"], "rules": ["STD-003", "STD-004"]'
cat >"$TMP/badgates.lua" <<'LUA'
fail_on = "error"
gates = { G2 = { rules = {"RES-001"}, blok = {"error"} } }
LUA
pa gate PRJ-1002 G2 "$G" -c "$TMP/badgates.lua"
exit_is 2
err_has "badgates.lua:2: 'gates' entry G2 has an unknown key 'blok' (did you mean 'block'?)"
printf 'gates = { G2 = { rules = {"NOPE-*"} } }\n' >"$TMP/badrules.lua"
pa gate PRJ-1002 G2 "$G" -c "$TMP/badrules.lua"
exit_is 2
err_has "badrules.lua:1: gates.G2.rules: no rule matches 'NOPE-*'"
printf 'gates = { G2 = { block = {"severe"} } }\n' >"$TMP/badblock.lua"
pa gate PRJ-1002 G2 "$G" -c "$TMP/badblock.lua"
exit_is 2
err_has "badblock.lua:1: 'gates' entry G2.block must list severities"

finish
