#!/bin/sh
# A rule's docs show an example finding, as Nmap's NSE scripts show their
# @output: the findings of the rule's own first test case that expects
# findings, as the text report lists them. `explain`, `docs` and the HTML
# report's rule details show it, for the built-in pack and for a custom
# pack alike; a rule without such a case says so.
. "$(dirname "$0")/lib.sh"

P="$TMP/pack"
mkdir -p "$P"
cat >"$P/acme.lua" <<'LUA'
rule {
  id = "ACME-010", title = "Budgets are recorded", severity = "warning", domain = "STD",
  tables = {"projects"}, each = "projects", doc = "A project without a budget.",
  check = function(p, ctx)
    if p.budget == nil then ctx.report(p, "budget", "project " .. p.project_id .. " has no budget <b>") end
  end,
}
rule {
  id = "ACME-011", title = "Names are short", severity = "info", domain = "STD",
  tables = {"projects"}, each = "projects", doc = "A name over 40 characters.",
  check = function(p, ctx)
    if p.status == "on_hold" then error("cannot judge " .. p.project_id) end
    if #p.name > 40 then ctx.report(p, "name", "long name") end
  end,
}
LUA
cat >"$P/acme_test.lua" <<'LUA'
test { rule = "ACME-010", name = "a project with a budget passes",
  data = { projects = "project_id,name,status,budget\nP1,A,active,100\n" }, expect = 0 }
test { rule = "ACME-010", name = "four projects without a budget",
  data = { projects = "project_id,name,status,budget\nP1,A,active,\nP2,B,active,\nP3,C,active,5\nP4,D,active,\nP5,E,active,\n" },
  expect = { keys = {"P1", "P2", "P4", "P5"} } }
test { rule = "ACME-010", name = "a later failing case is not the example",
  data = { projects = "project_id,name,status\nP9,Z,active\n" }, expect = 1 }
test { rule = "ACME-011", name = "short names pass",
  data = { projects = "project_id,name,status\nP1,A,active\n" }, expect = 0 }
LUA

# example_is: the part of stdout from its "example finding" line on.
example_is() {
    got=$(sed -n '/^example finding/,$p' "$OUT")
    [ "$got" = "$1" ] && ok || bad "example: [$got], expected [$1]"
}

it "explain shows a built-in rule's example, from its first failing case, as the text report lists it"
pa explain STD-002
exit_is 0
example_is 'example finding, from the test case "an open project missing both roles gets two findings" (rules/std/STD-002_test.lua:2):
  STD-002  error  Open projects have a sponsor and a manager  (3 findings)
    projects.csv:2  PRJ-1001  active project PRJ-1001 has no project manager
    projects.csv:2  PRJ-1001  active project PRJ-1001 has no sponsor
    projects.csv:3  PRJ-1002  on_hold project PRJ-1002 has no sponsor'

it "an engine rule's example comes from its DAT findings"
pa explain DAT-003
exit_is 0
true_that 'sed -n "/^example finding/,\$p" "$OUT" | grep -q "^  DAT-003  error  "'

it "explain shows a custom pack's example: the first case that expects findings, at most three findings"
pa explain -r "$P" ACME-010
exit_is 0
example_is "example finding, from the test case \"four projects without a budget\" ($P/acme_test.lua:3):
  ACME-010  warning  Budgets are recorded  (4 findings)
    projects.csv:2  P1  project P1 has no budget <b>
    projects.csv:3  P2  project P2 has no budget <b>
    projects.csv:5  P4  project P4 has no budget <b>
    ... and 1 more"

it "a rule without a failing case says so"
pa explain -r "$P" ACME-011
exit_is 0
example_is "example finding: none (no test case of ACME-011 expects findings)"

it "docs writes the example into each rule's page"
pa docs --no-builtin "$P" -o "$TMP/docs"
exit_is 0
true_that '[ "$(sed -n "/^## Example finding/,\$p" "$TMP/docs/ACME-010.md")" = "## Example finding

From the test case \"four projects without a budget\" ($P/acme_test.lua:3), as the text report lists it:

\`\`\`text
ACME-010  warning  Budgets are recorded  (4 findings)
  projects.csv:2  P1  project P1 has no budget <b>
  projects.csv:3  P2  project P2 has no budget <b>
  projects.csv:5  P4  project P4 has no budget <b>
  ... and 1 more
\`\`\`" ]'
true_that '[ "$(sed -n "/^## Example finding/,\$p" "$TMP/docs/ACME-011.md")" = "## Example finding

No test case of ACME-011 expects findings, so there is no example." ]'

it "the built-in pages in docs/rules carry their examples (make rule-docs)"
file_has "$ROOT/docs/rules/STD-002.md" "From the test case \"an open project missing both roles gets two findings\" (rules/std/STD-002_test.lua:2), as the text report lists it:"
true_that '[ "$(grep -L "^## Example finding" "$ROOT"/docs/rules/[A-Z]*-*.md | wc -l)" = 0 ]'

it "a test file that does not load costs only its own examples"
cp "$P/acme_test.lua" "$TMP/keep.lua"
printf 'test { rule = "ACME-011", name = "broken", data = {}, expect = 1 }\nerror("boom")\n' >"$P/zz_test.lua"
pa explain -r "$P" ACME-010
exit_is 0
out_has "example finding, from the test case \"four projects without a budget\""
rm "$P/zz_test.lua"

it "a failing case whose rule errors says so instead of findings"
printf 'test { rule = "ACME-011", name = "on hold", data = { projects = "project_id,name,status\\nP1,A,on_hold\\n" }, expect = 1 }\n' >"$P/b_test.lua"
pa explain -r "$P" ACME-011
exit_is 0
example_is "example finding, from the test case \"on hold\" ($P/b_test.lua:1):
  (the rule errored on the case: $P/acme.lua:12: cannot judge P1 (while checking projects.csv:2))"
it "a failing case whose data does not load says so"
printf 'test { rule = "ACME-011", name = "no name column", data = { projects = "project_id,status\\nP1,active\\n" }, expect = 1 }\n' >"$P/b_test.lua"
pa explain -r "$P" ACME-011
exit_is 0
example_is "example finding, from the test case \"no name column\" ($P/b_test.lua:1):
  (the case does not run: the case's data does not load: projects.csv:1: missing required column 'name' in table projects (the header has: project_id, status); add the column or rename the header)"
rm "$P/b_test.lua"

data d
csv projects.csv <<'CSV'
project_id,name,status
P1,Alpha,active
CSV
it "the HTML report's rule details show the example, escaped"
pa run "$D" --as-of "$ASOF" --no-builtin -r "$P" -f html -o "$TMP/r1.html"
exit_is 0
file_has "$TMP/r1.html" '<p><strong>Example finding</strong>, from the test case &quot;four projects without a budget&quot; ('"$P"'/acme_test.lua:3):</p>
<pre class="example">ACME-010  warning  Budgets are recorded  (4 findings)
  projects.csv:2  P1  project P1 has no budget &lt;b&gt;'
true_that 'grep -A5 "<pre class=\"example\">ACME-010" "$TMP/r1.html" | grep -qxF "  ... and 1 more</pre>"'
it "the HTML report is byte-identical from run to run"
pa run "$D" --as-of "$ASOF" --no-builtin -r "$P" -f html -o "$TMP/r2.html"
true_that 'cmp -s "$TMP/r1.html" "$TMP/r2.html"'
it "other formats do not run the test cases"
pa run "$D" --as-of "$ASOF" --no-builtin -r "$P" -f json
exit_is 0
out_lacks "four projects without a budget"

finish
