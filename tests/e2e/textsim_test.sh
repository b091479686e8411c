#!/bin/sh
# Text similarity (docs/rule-api.md "Text similarity") and GOV-004 on
# adversarial portfolios: pmo.words and pmo.similar as documented, their
# work charged to the instruction budget and their memory to the rule's cap,
# and GOV-004 giving one finding per project on thousands of equal names,
# found by --project and by the G1 gate from either side.
. "$(dirname "$0")/lib.sh"

data d
base_projects
mkdir -p "$TMP/api"
cat >"$TMP/api/API.lua" <<'LUA'
rule {
  id = "API", title = "prints", severity = "info", domain = "X", tables = {"projects"}, doc = "d",
  check = function(ctx)
    print("words", table.concat(pmo.words("The CRM-Migrate programme, Europe",
      {min_len = 3, stop = {"the", "programme"}}), " "))
    print("few", #pmo.words("CRM Europe", {min_words = 3}))
    local names = {"CRM Migrate Europe Programme", false, "Migrate CRM Europe", "Payroll run", "payroll RUN!"}
    local best, score = pmo.similar(names, {min = 0.8, stop = {"programme"}})
    for i = 1, 5 do print("best", i, best[i], score[i]) end
    for _, bad in ipairs{ {{1}}, {{"a"}, {mni = 1}}, {{"a"}, {min = 0}}, {{"a"}, {min_len = 1.5}} } do
      print("error", select(2, pcall(pmo.similar, table.unpack(bad))))
    end
  end,
}
LUA

it "pmo.words and pmo.similar give what docs/rule-api.md says"
pa run "$D" --as-of $ASOF --no-builtin -r "$TMP/api" -q
exit_is 0
err_has "[API] words	crm migrate europe"
err_has "[API] few	0"
err_has "[API] best	1	3	1.0"
err_has "[API] best	2	nil	nil"
err_has "[API] best	3	1	1.0"
err_has "[API] best	4	5	1.0"
err_has "[API] error	pmo.similar: texts[1] is a number (expected a string, or false for one not to judge)"
err_has "[API] error	pmo.similar: unknown option 'mni' (did you mean 'min'?)"
err_has "[API] error	pmo.similar: option min must be a number above 0"
err_has "[API] error	pmo.similar: option min_len must be a whole number of at least 1"

cat >"$TMP/BIG.lua" <<'LUA'
rule {
  id = "BIG", title = "long texts", severity = "info", domain = "X", tables = {"projects"}, doc = "d",
  check = function(ctx)
    local long, texts = string.rep("word ", 20000), {}
    for i = 1, 100 do texts[i] = long end -- one string of 100 kB, a hundred times
    local best = pmo.similar(texts)
    ctx.report(nil, nil, "best of 100: " .. best[100])
  end,
}
LUA

it "pmo.similar's work counts against the instruction budget, its memory against the cap"
pa run "$D" --as-of $ASOF --no-builtin -r "$TMP/BIG.lua" -f json
exit_is 0
out_has "best of 100: 1"
pa run "$D" --as-of $ASOF --no-builtin -r "$TMP/BIG.lua" -f json --max-instructions 5000000
exit_is 3
out_has "stopped: exceeded its instruction budget of 5020000 instructions"
pa run "$D" --as-of $ASOF --no-builtin -r "$TMP/BIG.lua" -f json --max-rule-memory 16
exit_is 3
out_has "stopped: exceeded its memory limit of 16 MiB"

it "thousands of equal names: one GOV-004 finding per project, each naming the earliest other"
data many
python3 - "$D/projects.csv" <<'PY'
import sys
with open(sys.argv[1], "w") as f:
    f.write("project_id,name,status\n")
    for i in range(4000):
        f.write("PRJ-%05d,%s,active\n" % (i, "Migrate CRM Europe" if i % 2 else "Site %05d refresh" % i))
    f.write("PRJ-X,CRM migrate EUROPE programme,closed\n")
PY
pa run "$D" --as-of $ASOF --only GOV-004 -f json --max-instructions 1000000
exit_is 0
count_is GOV-004 2000
true_that "python3 -c 'import json,sys; f=json.load(open(sys.argv[1]))[\"findings\"]; k=[x[\"key\"] for x in f]; sys.exit(not (len(set(k)) == 2000 and sum(\"looks like PRJ-00001 \" in x[\"message\"] for x in f) == 1999))' $OUT"

it "a GOV-004 finding is kept by --project and by the G1 gate of either project"
data pair
csv projects.csv <<'CSV'
project_id,name,status,sponsor,manager,business_case
PRJ-1012,CRM Migrate Europe Programme,active,Ann Lee,Bo Chan,BC-1
PRJ-1044,Migrate CRM Europe,active,Ann Lee,Cy Dunn,BC-2
PRJ-1050,Payroll Outsourcing,active,Ann Lee,Bo Chan,BC-3
CSV
pa run "$D" --as-of $ASOF --only GOV-004 --project PRJ-1012 -f json
exit_is 0
count_is GOV-004 2
pa run "$D" --as-of $ASOF --only GOV-004 --project PRJ-1050 -f json
count_is GOV-004 0
pa gate PRJ-1044 G1 "$D" --as-of $ASOF
exit_is 0
out_has "gate G1 for PRJ-1044: PASS"
out_has 'GOV-004  warning  '
out_has 'PRJ-1044 "Migrate CRM Europe" looks like PRJ-1012 "CRM Migrate Europe Programme" (similarity 1.00)'
pa explain GOV-004
out_has "G1"

finish
