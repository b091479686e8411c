#!/bin/sh
# The HTML report (-f html, report.html): one self-contained file with every
# section, well-formed, escaped, capped per rule, deterministic; baseline and
# waiver marks; and, when Chromium and playwright-core are installed
# (scripts/browser-deps.sh), a real browser loads it, filters and sorts it
# (tests/browser/check_report.cjs). PA_SCREENSHOT=docs/report-screenshot.png
# keeps the browser's screenshot there.
. "$(dirname "$0")/lib.sh"

# html_ok FILE: parses FILE and prints what is wrong with it: tags that do
# not nest, duplicate ids, invalid UTF-8, anything loaded from elsewhere.
html_ok() {
    python3 - "$1" <<'PY'
import re, sys
from html.parser import HTMLParser
raw = open(sys.argv[1], 'rb').read()
try:
    text = raw.decode('utf-8')
except UnicodeDecodeError as e:
    sys.exit(f'not UTF-8: {e}')
VOID = {'meta', 'input', 'br', 'img', 'hr', 'link', 'col', 'wbr', 'source'}
class P(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.ids, self.bad = [], set(), []
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if 'id' in a:
            if a['id'] in self.ids:
                self.bad.append(f'duplicate id {a["id"]!r}')
            self.ids.add(a['id'])
        for k in ('src', 'href', 'action', 'srcset', 'data', 'xlink:href'):
            v = a.get(k)
            if v is not None and not v.startswith('#'):
                self.bad.append(f'<{tag} {k}="{v}"> points outside the file')
        if tag in ('link', 'iframe', 'object', 'embed', 'img'):
            self.bad.append(f'<{tag}> element')
        if tag == 'script' and 'src' in a:
            self.bad.append('external script')
        if tag not in VOID:
            self.stack.append((tag, self.getpos()[0]))
    def handle_startendtag(self, tag, attrs):
        pass
    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1][0] != tag:
            self.bad.append(f'line {self.getpos()[0]}: </{tag}> closes {self.stack[-1] if self.stack else "nothing"}')
            return
        self.stack.pop()
p = P()
p.feed(text)
p.close()
if p.stack:
    p.bad.append(f'unclosed: {p.stack[-3:]}')
if not text.startswith('<!DOCTYPE html>'):
    p.bad.append('no doctype')
if re.search(r'https?://', text):
    p.bad.append('an http(s):// reference')
if re.search(r'@import|url\(', text):
    p.bad.append('CSS loading something')
if text.count('<script>') != 1 or text.count('</script>') != 1:
    p.bad.append(f'{text.count("<script")} script elements')
for m in p.bad[:5]:
    print(m)
PY
}

# rows_of FILE RULE: finding rows listed for RULE.
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
listed = len(re.findall(r'<tr data-s=', h))
if listed != len(d['findings']):
    print(f'{listed} rows listed, {len(d["findings"])} findings')
PY
true_that '[ ! -s "$TMP/counts" ]' || sed 's/^/    /' "$TMP/counts"

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
pa run "$D" --as-of $ASOF -f html -o "$TMP/evil.html"
exit_is 1
true_that '[ -z "$(html_ok "$TMP/evil.html")" ]' || html_ok "$TMP/evil.html" | sed 's/^/    /'
file_has "$TMP/evil.html" '&lt;script&gt;alert(1)&lt;/script&gt;'
file_has "$TMP/evil.html" "$(printf 'Bo \357\277\275\357\277\275 Chan')"
file_has "$TMP/evil.html" 'PRJ-&quot;2&gt;'
file_has "$TMP/evil.html" '&lt;img src=x onerror=alert(2)&gt;'
true_that '! grep -q "<script>alert\|<img" "$TMP/evil.html"'

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

it "caps the findings listed per rule with a note pointing to report.json / report.csv"
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
file_has "$TMP/bigout/report.html" '<strong>250 more</strong> findings of BIG-001 not listed here'
file_has "$TMP/bigout/report.html" 'see report.json / report.csv'
true_that '[ "$(rows_of "$TMP/bigout/report.html" BIG-001)" = 200 ]'
file_has "$TMP/bigout/report.html" '1 custom ('
file_has "$TMP/bigout/report.html" 'href="#findings" data-p="PRJ-2149">3 findings'
true_that '[ -z "$(html_ok "$TMP/bigout/report.html")" ]'

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
    python3 - "$TMP/blout/report.json" "$H" >"$TMP/marks" <<'PY'
import json, re, sys
d = json.load(open(sys.argv[1]))
h = open(sys.argv[2], encoding='utf-8').read()
new = sum(1 for f in d['findings'] if f.get('baseline') == 'new' and not f['waived'])
got = len(re.findall(r'<span class="bl bn">NEW</span>', h))
if new != got or new == 0:
    print(f'{got} NEW marks, {new} new findings in the JSON')
PY
    true_that '[ ! -s "$TMP/marks" ]' || sed 's/^/    /' "$TMP/marks"
else
    echo "skipped: baseline and waiver marks (this pmoaudit has no --waivers)"
fi

it "loads in headless Chromium: no console error, filters, sorting, screenshot"
BR="$ROOT/tests/browser"
if ! command -v chromium >/dev/null 2>&1; then
    echo "skipped: browser test: chromium is not installed (scripts/browser-deps.sh)"
elif ! command -v node >/dev/null 2>&1; then
    echo "skipped: browser test: node is not installed (scripts/browser-deps.sh)"
elif [ ! -d "$BR/node_modules/playwright-core" ]; then
    echo "skipped: browser test: playwright-core is not installed (scripts/browser-deps.sh)"
else
    SHOT="${PA_SCREENSHOT:-$TMP/report-screenshot.png}"
    case "$SHOT" in /*) ;; *) SHOT="$ROOT/$SHOT" ;; esac
    set -- --also "$TMP/clean.html" --also "$TMP/errored.html"
    [ -n "$PA_BIG_HTML" ] && set -- "$@" --big "$PA_BIG_HTML"
    if timeout 300 node "$BR/check_report.cjs" "$R1" "$SHOT" "$@" >"$TMP/browser" 2>&1; then
        ok
        grep '^timing:' "$TMP/browser" || true
    else
        bad "the browser check failed:"
        sed 's/^/    /' "$TMP/browser" | head -20
    fi
    true_that '[ -s "$SHOT" ]'
fi

finish
