#!/bin/sh
# The HTML report (-f html, report.html): one self-contained file with every
# section, well-formed, escaped, every finding listed (the data block), the
# counts of the report model, a health score, deterministic; baseline and
# waiver marks; and, when Chromium and playwright-core are installed
# (scripts/browser-deps.sh), a real browser loads it, filters, sorts, drills
# into every project, prints it, and opens a report of 300,000 findings in
# under 3 s (tests/browser/check_report.cjs).
# PA_SCREENSHOT=docs/report-screenshot.png keeps the browser's screenshots of
# the samples with a baseline there (and docs/report-screenshot-new.png);
# PA_BIG_HTML=FILE checks FILE as the big report instead of making one.
. "$(dirname "$0")/lib.sh"

# html_ok FILE: prints what is wrong with FILE: tags that do not nest,
# duplicate ids, invalid UTF-8, anything loaded from elsewhere, a script the
# Content-Security-Policy does not allow by its hash, a data block with raw
# markup characters (tests/tools/html_check.py page).
html_ok() { python3 "$ROOT/tests/tools/html_check.py" page "$1"; }
CHECK="$ROOT/tests/tools/html_check.py"

# rows_of FILE RULE: finding rows in the markup of RULE's list.
rows_of() {
    python3 - "$1" "$2" <<'PY'
import re, sys
text = open(sys.argv[1], encoding='utf-8').read()
m = re.search(r'<section class="card rule"[^>]*id="r-%s".*?</section>' % re.escape(sys.argv[2]), text, re.S)
print(len(re.findall(r'<tr data-s=', m.group(0))) if m else 'no group')
PY
}

cd "$ROOT" || exit 1
R1="$TMP/r1.html"
R2="$TMP/r2.html"

it "writes report.html with every section for samples/"
pa run samples --as-of $ASOF -f html -o "$R1"
exit_is 1
for s in 'id="summary"' 'id="portfolio"' 'id="findings"' 'id="notrun"' 'id="rules"' 'id="ptable"' \
    'class="chart"' 'aria-label="findings by severity"' 'aria-label="findings by domain"' \
    'As of (T)</dt><dd>2026-06-30' 'Rule pack' 'projects <b>36</b>' \
    'built-in pack' '<details class="doc">' 'id="f-prj"' 'id="f-sort"' '@media print' \
    'Content-Security-Policy' '<noscript>'; do
    file_has "$R1" "$s"
done
true_that '[ -z "$(html_ok "$R1")" ]' || html_ok "$R1" | sed 's/^/    /'

it "lists every project of projects.csv with computed and reported RAG"
n=$(grep -c '^<tr id="p-PRJ-' "$R1")
true_that '[ "$n" -ge 36 ]'
file_has "$R1" '<tr id="p-PRJ-1001"><td class="pid">PRJ-1001</td><td>Customer Portal Redesign</td>'
file_has "$R1" 'computed RAG is worse than reported'
file_has "$R1" '<a href="#findings" data-p="PRJ-1002">'

it "the summary counts match the JSON report"
pa run samples --as-of $ASOF -f json
python3 - "$OUT" "$R1" >"$TMP/counts" <<'PY'
import json, re, sys
d = json.load(open(sys.argv[1]))
h = open(sys.argv[2], encoding='utf-8').read()
for sev in ('critical', 'error', 'warning', 'info'):
    m = re.search(r'<div class="v">([\d,]+)</div><div class="l">%s</div>' % sev, h)
    got = int(m.group(1).replace(',', '')) if m else None
    if got != d['summary']['findings'][sev]:
        print(f'{sev}: html {got}, json {d["summary"]["findings"][sev]}')
PY
true_that '[ ! -s "$TMP/counts" ]' || sed 's/^/    /' "$TMP/counts"
true_that 'python3 "$CHECK" data "$R1" "$OUT" >"$TMP/data" 2>&1' || sed 's/^/    /' "$TMP/data"
true_that 'python3 "$CHECK" projects "$R1" "$OUT" >"$TMP/prj" 2>&1' || sed 's/^/    /' "$TMP/prj"

it "is byte-identical across runs; the run's duration is shown with --timings only"
pa run samples --as-of $ASOF -f html -o "$R2"
true_that 'cmp -s "$R1" "$R2"'
true_that '! grep -q "Run duration" "$R1"'
pa run samples --as-of $ASOF -f html -o "$R2" --timings
file_has "$R2" '<div class="dur"><dt>Run duration</dt><dd>'

it "escapes markup and invalid UTF-8 from the data"
data evil
printf 'project_id,name,status,sponsor,manager,business_case,rag\n' >"$D/projects.csv"
printf 'PRJ-1,"<script>alert(1)</script>",active,,"Bo \377\376 Chan",BC-1,green\n' >>"$D/projects.csv"
printf '"PRJ-""2>","A & B",active,Ann,Bo,,red\n' >>"$D/projects.csv"
printf '<img src=x onerror=alert(2)>,C,active,Ann,Bo,BC-3,amber\n' >>"$D/projects.csv"
cat >"$TMP/markup.lua" <<'LUA'
rule { id = "MRK-001", title = "Markup in a finding's fields", severity = "warning", domain = "TST",
       tables = {"projects"}, each = "projects", doc = "echo markup",
       check = function(p, ctx)
         ctx.report{row = p, key = "</script><script>alert(3)</script>", value = "<!--<script>",
                    message = "x </SCRIPT><img src=y onerror=alert(4)> \u{2028} & " .. p.name}
       end }
LUA
pa run "$D" --as-of $ASOF -r "$TMP/markup.lua" -f html,json -o "$TMP/evilout"
exit_is 1
cp "$TMP/evilout/report.html" "$TMP/evil.html"
true_that 'python3 "$CHECK" data "$TMP/evil.html" "$TMP/evilout/report.json"'
true_that '[ -z "$(html_ok "$TMP/evil.html")" ]' || html_ok "$TMP/evil.html" | sed 's/^/    /'
file_has "$TMP/evil.html" '&lt;script&gt;alert(1)&lt;/script&gt;'
file_has "$TMP/evil.html" "$(printf 'Bo \357\277\275\357\277\275 Chan')"
file_has "$TMP/evil.html" 'PRJ-&quot;2&gt;'
file_has "$TMP/evil.html" '&lt;img src=x onerror=alert(2)&gt;'
true_that '! grep -qi "<script>alert\|<img\|<!--" "$TMP/evil.html"'

it "a clean run and a run with rules that did not run"
data clean; base_projects
pa run "$D" --as-of $ASOF -f html -o "$TMP/clean.html"
exit_is 0
file_has "$TMP/clean.html" 'class="verdict v-pass">PASS'
file_has "$TMP/clean.html" 'No finding: every rule that ran passed.'
file_has "$TMP/clean.html" '<span class="sev s0">skipped</span></td><td class="rid">RSK-001</td>'
true_that '[ -z "$(html_ok "$TMP/clean.html")" ]' || html_ok "$TMP/clean.html" | sed 's/^/    /'
cat >"$TMP/boom.lua" <<'LUA'
rule {
  id = "ERR-001", title = "A rule that raises <an error>", severity = "error", domain = "TST",
  tables = {"projects"}, each = "projects", doc = [[Fails on purpose.]],
  check = function(p, ctx) error("boom <b>" .. p.project_id) end,
}
rule {
  id = "ERR-002", title = "A rule whose table is absent", severity = "warning", domain = "TST",
  tables = {"vendors"}, doc = [[Skipped on purpose.]],
  check = function(ctx) end,
}
LUA
pa run "$D" --as-of $ASOF -r "$TMP/boom.lua" --only 'ERR-*' -f html -o "$TMP/errored.html"
exit_is 3
file_has "$TMP/errored.html" 'class="verdict v-error">ERROR'
file_has "$TMP/errored.html" '<span class="sev s2">errored</span></td><td class="rid">ERR-001</td><td>A rule that raises &lt;an error&gt;</td>'
file_has "$TMP/errored.html" 'boom &lt;b&gt;PRJ-1001'
file_has "$TMP/errored.html" '<span class="sev s0">skipped</span></td><td class="rid">ERR-002</td>'
file_has "$TMP/errored.html" 'boom.lua:'
true_that '[ -z "$(html_ok "$TMP/errored.html")" ]' || html_ok "$TMP/errored.html" | sed 's/^/    /'

it "lists every finding of a rule: all in the data block, the first 20 in the markup for readers without JS"
data big
python3 - "$D" <<'PY'
import sys
with open(sys.argv[1] + '/projects.csv', 'w') as f:
    f.write('project_id,name,status,sponsor,manager,business_case\n')
    for i in range(150):
        f.write(f'PRJ-{2000 + i},Project {i},active,Ann,Bo,BC-{i}\n')
PY
cat >"$TMP/many.lua" <<'LUA'
rule {
  id = "BIG-001", title = "Three findings per project", severity = "warning", domain = "TST",
  tables = {"projects"}, each = "projects",
  doc = [[Reports every project three times, to fill the report.]],
  check = function(p, ctx)
    for _, k in ipairs({"a", "b", "c"}) do
      ctx.report{row = p, id = k, message = "finding " .. k .. " of " .. p.project_id}
    end
  end,
}
LUA
pa run "$D" --as-of $ASOF -r "$TMP/many.lua" --only BIG-001 -f html,json -o "$TMP/bigout"
exit_is 0
H="$TMP/bigout/report.html"
file_has "$H" '<a class="rid" href="#r-BIG-001">BIG-001</a> Three findings per project</h3>'
file_has "$H" '<span>450 findings</span>'
true_that '[ "$(rows_of "$H" BIG-001)" = 20 ]'
file_has "$H" '<noscript><p class="more"><strong>430 more</strong> findings of BIG-001 (the first 20 are above) are listed here with JavaScript on; report.json and report.csv have every one.</p></noscript>'
file_has "$H" 'JavaScript is off: each rule below shows its first 20 findings, and the filters do not work. The full lists need JavaScript'
true_that '! grep -q "class=\"nl\"\|class=\"more cut\"\|data-more=" "$H"'
file_has "$H" '1 custom ('
file_has "$H" 'href="#findings" data-p="PRJ-2149">3 findings'
true_that 'python3 "$CHECK" data "$H" "$TMP/bigout/report.json"'
true_that 'python3 "$CHECK" projects "$H" "$TMP/bigout/report.json"'
true_that '[ -z "$(html_ok "$H")" ]'

it "past --max-findings: the counts stay, the page says how many are not listed, per rule and per project"
pa run "$D" --as-of $ASOF -r "$TMP/many.lua" --only BIG-001 -f html,json -o "$TMP/capout" --max-findings 100
exit_is 0
H="$TMP/capout/report.html"
file_has "$H" '<span>450 findings</span>'
file_has "$H" '<p class="more cut"><strong>350 not listed</strong>: findings of BIG-001 past <code>--max-findings</code>, counted above but listed in no report. 450 findings: the first 100 are listed, 350 more not listed (raise --max-findings to list them)</p>'
file_has "$H" '<strong>350 findings past <code>--max-findings</code></strong> are counted here but listed in no report.'
file_has "$H" '<td class="go" data-v="3"><a href="#findings" data-p="PRJ-2149">3 findings&nbsp;&rsaquo;</a><small class="nl">3 not listed</small></td>'
file_has "$H" '<td class="go" data-v="3"><a href="#findings" data-p="PRJ-2000">3 findings&nbsp;&rsaquo;</a></td>'
file_has "$H" '<option value="PRJ-2149" data-more="3">PRJ-2149 &mdash; Project 149 (3, 3 not listed)</option>'
file_has "$H" '<option value="Bo" data-more="350">Bo (450, 350 not listed)</option>'
true_that 'python3 "$CHECK" data "$H" "$TMP/capout/report.json"'
true_that 'python3 "$CHECK" projects "$H" "$TMP/capout/report.json"'

it "sorts the portfolio worst first by a health score weighted by severity and normalised by size"
data health
cat >"$D/projects.csv" <<'CSV'
project_id,name,status,sponsor,manager,business_case
PRJ-1,Critical one,active,Ann,Bo,BC-1
PRJ-2,One error on a big project,active,Ann,Bo,BC-2
PRJ-3,Three errors on a small one,active,Ann,Bo,BC-3
PRJ-4,Clean,active,Ann,Bo,BC-4
PRJ-5,Warnings,active,Ann,Bo,BC-5
CSV
python3 - "$D" <<'PY'
import sys
with open(sys.argv[1] + '/risks.csv', 'w') as f:
    f.write('risk_id,project_id,title,owner,probability,impact,status,identified\n')
    for i in range(99):
        f.write(f'R-{i},PRJ-2,Risk {i},Ann,low,low,open,2026-01-01\n')
PY
cat >"$TMP/health.lua" <<'LUA'
rule {
  id = "HLT-001", title = "Planted findings", severity = "error", domain = "TST",
  tables = {"projects"}, each = "projects", doc = [[Plants findings by project.]],
  check = function(p, ctx)
    local plan = {["PRJ-1"] = {"critical"}, ["PRJ-2"] = {"error"}, ["PRJ-3"] = {"error", "error", "error"},
                  ["PRJ-5"] = {"warning", "warning", "warning", "warning", "warning", "info"}}
    for i, sev in ipairs(plan[p.project_id] or {}) do
      ctx.report{row = p, id = tostring(i), severity = sev, message = sev .. " " .. i}
    end
  end,
}
LUA
pa run "$D" --as-of $ASOF --no-builtin -r "$TMP/health.lua" -f html -o "$TMP/health.html"
exit_is 1
true_that '[ "$(python3 "$CHECK" health "$TMP/health.html" | tr "\n" " ")" = "PRJ-1 6000 r PRJ-3 7000 a PRJ-5 8950 a PRJ-2 9800 g PRJ-4 10000 g " ]' || python3 "$CHECK" health "$TMP/health.html" | sed 's/^/    /'
file_has "$TMP/health.html" '<th class="s" data-num data-asc aria-sort="ascending" title="health score, worst first (docs/report-formats.md)">Health</th><th class="s" data-num>Reported</th>'
file_has "$TMP/health.html" '<td class="n" data-v="9800"><span class="hs hg" title="health 98.00 of 100; 100 rows of data">98</span></td>'

it "marks new, existing and resolved findings, and shows waivers apart"
if "$PA" run --help 2>/dev/null | grep -q -- '--waivers'; then
    data bl
    cp "$ROOT/samples/"*.csv "$D/"
    pa run "$D" --as-of $ASOF -f json -o "$TMP/base.json"
    grep -v '^CR-038,' "$ROOT/samples/changes.csv" >"$D/changes.csv"
    printf 'CR-099,PRJ-1006,Late change,scope,submitted,2026-01-05,,,,,,\n' >>"$D/changes.csv"
    cat >"$TMP/waivers.csv" <<'CSV'
rule,key,fingerprint,reason,approved_by,expires
CST-001,PRJ-1006,,Recovery plan <agreed>,Jane Doe (PMO),2026-12-31
CHG-004,CR-045,,Awaiting the committee,Tom Becker,2026-03-01
SCH-003,NOPE-1,,Old exception,Ann Lee,2027-01-01
CSV
    pa run "$D" --as-of $ASOF --baseline "$TMP/base.json" --waivers "$TMP/waivers.csv" -f html,json -o "$TMP/blout"
    exit_is 1
    H="$TMP/blout/report.html"
    file_has "$H" '<span class="bl be">existing</span>'
    file_has "$H" 'id="resolved"'
    file_has "$H" 'CR-038'
    file_has "$H" '<span class="bl br">RESOLVED</span>'
    file_has "$H" 'id="f-bl"'
    file_has "$H" 'id="waived"'
    file_has "$H" 'Recovery plan &lt;agreed&gt;</td><td>Jane Doe (PMO)</td><td class="age">2026-12-31</td>'
    file_has "$H" 'expired, no longer applies'
    file_has "$H" 'unused, matches no finding'
    file_has "$H" 'title="first seen 2026-06-30">0 d</td>'
    true_that '[ -z "$(html_ok "$H")" ]' || html_ok "$H" | sed 's/^/    /'
    # the waived finding is not in the findings list, and a new one is marked new
    true_that '! grep -q "data-p=\"PRJ-1006\" data-a=\"[0-9]*\" data-b=\"[ne]\" id=\"f[0-9]*\"><td><span class=\"sev s1\">warning</span></td><td class=\"pid\">PRJ-1006</td><td class=\"mono key\">PRJ-1006</td><td class=\"where\"><span title=\"[^\"]*\">projects.csv</span>:7</td><td class=\"msg\">project PRJ-1006: CPI" "$H"'
    true_that 'python3 "$CHECK" data "$H" "$TMP/blout/report.json"'
    # "new since the baseline" comes first after the summary, most severe first, counted as report.json counts
    python3 - "$TMP/blout/report.json" "$H" >"$TMP/marks" <<'PY'
import json, re, sys
d = json.load(open(sys.argv[1]))
h = open(sys.argv[2], encoding='utf-8').read()
new = [f for f in d['findings'] if f.get('baseline') == 'new' and not f['waived']]
m = re.search(r'<section class="sec" id="new">\n<h2>New since the baseline<span class="c">(\d+)</span>.*?</section>', h, re.S)
if not m or int(m.group(1)) != len(new) or not new:
    print(f'new section {m and m.group(1)}, {len(new)} new unwaived findings in the JSON')
else:
    sevs = [int(x) for x in re.findall(r'<tr data-s="(\d)"', m.group(0))]
    want = sorted((-['info', 'warning', 'error', 'critical'].index(f['severity']), i) for i, f in enumerate(new))
    if sevs != [-s for s, _ in want[:25]]:
        print(f'new rows by severity {sevs}')
if not (h.index('id="summary"') < h.index('id="new"') < h.index('id="portfolio"')):
    print('the new findings are not right after the summary')
PY
    true_that '[ ! -s "$TMP/marks" ]' || sed 's/^/    /' "$TMP/marks"
    file_has "$H" '<a href="#new">New<span class="c">'
    file_has "$H" '<h2>New since the baseline<span class="c">2</span></h2>'
    file_has "$H" '<p class="lede">Findings of this run that the baseline base.json (as of 2026-06-30) did not have, most severe first.</p>'

else
    echo "skipped: baseline and waiver marks (this pmoaudit has no --waivers)"
fi

it "loads in headless Chromium: no console error, filters, sorting, drill-downs, print view, screenshot"
BR="$ROOT/tests/browser"
if ! command -v chromium >/dev/null 2>&1; then
    echo "skipped: browser test: chromium is not installed (scripts/browser-deps.sh)"
elif ! command -v node >/dev/null 2>&1; then
    echo "skipped: browser test: node is not installed (scripts/browser-deps.sh)"
elif [ ! -d "$BR/node_modules/playwright-core" ]; then
    echo "skipped: browser test: playwright-core is not installed (scripts/browser-deps.sh)"
else
    # the samples with a baseline a week older, as docs/examples has them (run in $TMP, so that the
    # page, and the screenshots, name "samples" and "baseline-2026-06-23.json" as a reader would)
    mkdir -p "$TMP/shot/samples" && cp "$ROOT/samples/"*.csv "$TMP/shot/samples/"
    (cd "$TMP/shot" && "$PA" run samples --as-of 2026-06-23 -f json -o baseline-2026-06-23.json -q --fail-on never &&
        "$PA" run samples --as-of $ASOF --baseline baseline-2026-06-23.json -f html -o "$TMP/rb.html" -q)
    true_that '[ -s "$TMP/rb.html" ]'
    # 300,000 findings and more: 100,000 tasks, three findings each, and the built-in pack. Made with
    # the optimised binary ($PA_FAST), as the sandbox's FLOOD test does: under ASan it takes minutes.
    : "${PA_FAST:=$ROOT/build/pmoaudit}"
    [ -x "$PA_FAST" ] || PA_FAST="$PA"
    BIG="${PA_BIG_HTML:-$TMP/big.html}"
    if [ -z "$PA_BIG_HTML" ]; then
        python3 "$ROOT/samples/gen_portfolio.py" --tasks 100000 --out "$TMP/bigdata" >/dev/null
        cat >"$TMP/flood.lua" <<'LUA'
rule {
  id = "TSK-900", title = "Three findings per task", severity = "warning", domain = "TST",
  tables = {"tasks"}, each = "tasks", doc = [[Reports every task three times, to fill the report.]],
  check = function(t, ctx)
    ctx.report{row = t, id = "a", column = "name", message = "task " .. t.task_id .. ": name to review"}
    ctx.report{row = t, id = "b", severity = "info", message = "task " .. t.task_id .. ": second check & more"}
    ctx.report{row = t, id = "c", severity = "error", message = "task " .. t.task_id .. ": <third> check"}
  end,
}
LUA
        "$PA_FAST" run "$TMP/bigdata" --as-of $ASOF -r "$TMP/flood.lua" --max-findings 400000 -f html -o "$BIG" -q
    fi
    SHOT="${PA_SCREENSHOT:-$TMP/report-screenshot.png}"
    case "$SHOT" in /*) ;; *) SHOT="$ROOT/$SHOT" ;; esac
    set -- --also "$R1" --also "$TMP/clean.html" --also "$TMP/errored.html" --evil "$TMP/evil.html" --big "$BIG"
    if timeout 600 node "$BR/check_report.cjs" "$TMP/rb.html" "$SHOT" "$@" >"$TMP/browser" 2>&1; then
        ok
        grep '^timing:' "$TMP/browser" || true
    else
        bad "the browser check failed:"
        sed 's/^/    /' "$TMP/browser" | head -20
    fi
    true_that '[ -s "$SHOT" ] && [ -s "${SHOT%.png}-new.png" ]'
fi

finish
