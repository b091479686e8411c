#!/bin/sh
# Excel workbooks (issue 18, point 5): a sheet named after a table loads as
# that table, every value as an independent reader (Python's zipfile and
# ElementTree, below) reads it; dates stored as serial numbers in the 1900
# and 1904 systems; merged cells; sparse rows and cells; every finding
# located at its cell (book.xlsx:Sheet!C12) in text, JSON and SARIF; the
# row ledger per sheet; broken and hostile workbooks end in a located
# error (exit 2), never a crash. The workbooks are written by
# tests/tools/xlsx_gen.py.
. "$(dirname "$0")/lib.sh"

GEN="$ROOT/tests/tools/xlsx_gen.py"
cat >"$TMP/dump.lua" <<'LUA'
rule { id = "X-DUMP", title = "t", severity = "info", domain = "X", doc = "d", tables = {"projects", "tasks?"},
  check = function(ctx)
    for _, name in ipairs({"projects", "tasks"}) do
      local t = ctx.tables[name]
      for r in (t and t:rows() or function() end) do
        local parts = {}
        for _, c in ipairs(t.columns) do
          local v = r[c]
          if type(v) == "number" then v = string.format("%.10g", v) end
          if v ~= nil then parts[#parts + 1] = c .. "=" .. tostring(v) end
        end
        ctx.report(r, nil, name .. " " .. r._line .. " " .. table.concat(parts, "|"))
      end
    end
  end }
LUA

# The independent read: every data row of the sheets named after projects and
# tasks, typed as the data model types them, in X-DUMP's form; compared with
# X-DUMP's findings in the JSON report. Prints the differences.
cat >"$TMP/oracle.py" <<'PY'
import datetime, json, re, sys, zipfile
import xml.etree.ElementTree as ET
M = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
TYPES = {"start_date": "date", "planned_finish": "date", "start": "date", "finish": "date", "budget": "num",
         "duration_days": "num", "percent_complete": "num", "charter_approved": "bool", "is_milestone": "bool"}
ORDER = {"projects": ["project_id", "name", "status", "phase", "portfolio", "program", "sponsor", "manager", "rag",
                      "priority", "start_date", "planned_finish", "forecast_finish", "actual_finish", "budget"],
         "tasks": ["task_id", "project_id", "name", "wbs", "baseline_start", "baseline_finish", "start", "finish",
                   "actual_start", "actual_finish", "duration_days", "percent_complete", "predecessors",
                   "constraint", "total_float_days", "resource", "is_milestone", "is_summary"]}
ORDER["projects"] += ["planned_value", "earned_value", "actual_cost", "charter_approved", "business_case"]

sys.path.insert(0, sys.argv[3])
from xlsx_sheet_oracle import col  # "C12" -> 2: one column reader for both oracles

def read(path):
    z = zipfile.ZipFile(path)
    wb = ET.fromstring(z.read("xl/workbook.xml"))
    pr = wb.find(M + "workbookPr")
    d1904 = pr is not None and pr.get("date1904") in ("1", "true")
    rels = {r.get("Id"): r.get("Target") for r in ET.fromstring(z.read("xl/_rels/workbook.xml.rels"))}
    sst = ["".join(t.text or "" for t in si.iter(M + "t") if t not in set(si.findall(".//" + M + "rPh/" + M + "t")))
           for si in ET.fromstring(z.read("xl/sharedStrings.xml"))]
    st = ET.fromstring(z.read("xl/styles.xml"))
    custom = {f.get("numFmtId"): f.get("formatCode") for f in st.iter(M + "numFmt")}
    dates = [int(x.get("numFmtId")) in range(14, 23) or "yy" in custom.get(x.get("numFmtId"), "")
             for x in st.find(M + "cellXfs")]
    out = {}
    for s in wb.iter(M + "sheet"):
        sh = ET.fromstring(z.read("xl/" + rels[s.get(R)]))
        merges = [m.get("ref").split(":") for m in sh.iter(M + "mergeCell")]
        rows, last = {}, 0
        for row in sh.iter(M + "row"):
            n, cells, c = int(row.get("r")), {}, -1
            for cell in row.findall(M + "c"):
                c = col(cell.get("r")) if cell.get("r") else c + 1
                v, t = cell.find(M + "v"), cell.get("t")
                text = "".join(x.text or "" for x in cell.iter(M + "t")) if t == "inlineStr" else (
                    v.text if v is not None else None)
                if t == "s":
                    text = sst[int(text)]
                elif t == "b":
                    text = "TRUE" if text == "1" else "FALSE"
                elif t is None and text and dates[int(cell.get("s", 0))]:
                    x = float(text)
                    day = int(x)
                    if d1904:
                        text = str(datetime.date(1904, 1, 1) + datetime.timedelta(days=day))
                    elif day == 60:
                        text = "1900-02-29"
                    else:
                        text = str(datetime.date(1899, 12, 31 if day < 60 else 30) + datetime.timedelta(days=day))
                if text:
                    cells[c] = text
            rows[n] = cells
        for a, b in merges:  # a range over several rows: its value in each, in its first column
            r1, r2 = int(re.sub("[A-Z]", "", a)), int(re.sub("[A-Z]", "", b))
            for r in range(r1 + 1, r2 + 1):
                if r in rows and col(a) not in rows[r] and col(a) in rows.get(r1, {}):
                    rows[r][col(a)] = rows[r1][col(a)]
        out[s.get("name")] = rows
    return out

def typed(name, v):
    v = v.strip()
    kind = TYPES.get(name)
    try:
        if kind == "date":
            return str(datetime.date.fromisoformat(v[:10]))
        if kind == "num":
            return "%.10g" % float(v)
        if kind == "bool":
            return {"true": "true", "yes": "true", "false": "false", "no": "false"}[v.lower()]
    except (ValueError, KeyError):
        return None
    return v

book, report = read(sys.argv[1]), json.load(open(sys.argv[2]))
want = []
stem = sys.argv[1].rsplit("/", 1)[-1][:-5]
for i, (sheet, rows) in enumerate(book.items()):
    table = sheet.strip().lower()
    if table not in ORDER and i == 0 and stem in ORDER:  # projects.xlsx: its first sheet
        table = stem
    if table not in ORDER:
        continue
    numbers = sorted(rows)
    header = {c: h.strip().lower().replace(" ", "_") for c, h in rows[numbers[0]].items()}
    for n in numbers[1:]:
        if not rows[n]:
            continue
        vals = {header[c]: typed(header[c], v) for c, v in rows[n].items() if c in header}
        parts = ["%s=%s" % (k, vals[k]) for k in ORDER[table] if vals.get(k) is not None]
        want.append("%s %d %s" % (table, n, "|".join(parts)))
got = [f["message"] for f in report["findings"] if f["rule"] == "X-DUMP"]
for w in want:
    if w not in got:
        print("expected: " + w)
for g in got:
    if g not in want:
        print("pmoaudit: " + g)
print("compared %d rows" % len(want))
PY
same_as_oracle() { # BOOK N: X-DUMP's rows equal the independent read's, N of them
    got=$(python3 "$TMP/oracle.py" "$1" "$OUT" "$ROOT/tests/tools" 2>&1)
    [ "$got" = "compared $2 rows" ] && ok || bad "the independent read differs: $got"
}
ledger_is() { # FILE "read R loaded L [table N ...] | N reason @lines; ..." (report.py's form, one sheet)
    got=$(python3 - "$OUT" "$1" <<'PY' 2>&1
import json, sys
rep = json.load(open(sys.argv[1]))
e = [e for e in rep["data"]["files"] if e.get("part") == sys.argv[2]][0]
left = sum(x["rows"] for x in e["left_out"])
assert e["read"] == e["loaded"] + left, "read != loaded + left out"
print("read %d loaded %d [%s] | %s" % (e["read"], e["loaded"], " ".join("%s %d" % kv for kv in e["tables"].items()),
      "; ".join("%d %s @%s" % (x["rows"], x["reason"], ",".join(map(str, x["lines"]))) for x in e["left_out"])))
PY
)
    [ "$got" = "$2" ] && ok || bad "ledger of sheet $1: [$got], expected [$2]"
}

data book
python3 "$GEN" portfolio "$D"

it "a workbook's sheets Projects and tasks load as tables projects and tasks, every value as an independent read gives"
pa run "$D" --as-of 2024-06-01 -f json --fail-on never -r "$TMP/dump.lua"
exit_is 0
same_as_oracle "$D/portfolio.xlsx" 8
count_is X-DUMP 8

it "dates: serials in the 1900 system, Excel's 29 February 1900 (serial 60) is a DAT-001, a custom format's date-time"
out_has '"message": "projects 3 project_id=P2|name=ERP upgrade|status=on_hold|manager=Bo Chen|start_date=2024-04-01|budget=1200.5|charter_approved=false"'
out_has '"sheet": "Projects", "cell": "F3", "column": "planned_finish", "value": "1900-02-29", "message": "date \"1900-02-29\" in column planned_finish is not valid: expected a date YYYY-MM-DD"'

it "shared, rich (phonetic runs left out) and inline strings; booleans; a formula's text; a percent and an elapsed time stay numbers"
out_has '"message": "projects 2 project_id=P1|name=Data centre move|status=active|manager=Ann Lee|start_date=2024-01-01|planned_finish=2024-12-31|budget=250000|charter_approved=true"'
out_has '"message": "projects 6 project_id=P3|name=Intranet|status=closed|manager=#N/A|start_date=2023-01-01|planned_finish=2023-03-15|budget=0.25|charter_approved=true"'
out_has '"message": "tasks 3 task_id=T2|project_id=P1|name=Build|start=2024-01-16|finish=2024-02-15|duration_days=22.5|percent_complete=0.5|predecessors=T1|is_milestone=false"'

it "a range merged over B2:B4 gives P1 to the tasks of rows 3 and 4; cells without a reference follow the one before"
out_has '"message": "tasks 4 task_id=T3|project_id=P1|name=Go live|start=2024-02-16|finish=2024-02-16|duration_days=0|percent_complete=0|predecessors=T2:FS+2|is_milestone=true"'
out_has '"message": "tasks 5 task_id=T4|project_id=P2|name=Scope"'
out_has '"sheet": "tasks", "cell": "E5", "column": "finish", "value": "not a date"'

it "the ledger per sheet: a row without a value and the row numbers a sheet skips are blank rows, each counted"
ledger_is Projects "read 5 loaded 3 [projects 3] | 2 blank line @4,5"
ledger_is tasks "read 7 loaded 5 [tasks 5] | 2 blank line @6,7"
out_has '"file": "'"$D"'/portfolio.xlsx", "part": "Projects", "read": 5, "loaded": 3'

it "findings point at cells: text book.xlsx:Sheet!C12, a whole row as Sheet!6:6, DAT-008 at the first blank row"
pa run "$D" --as-of 2024-06-01 -v --only 'DAT-*,STD-001,CLS-002'
exit_is 1
out_has "  $D/portfolio.xlsx:Projects!F3  P2  date \"1900-02-29\" in column planned_finish is not valid"
out_has "  $D/portfolio.xlsx:Projects!A6  P3  project id \"P3\" does not match"
out_has "  $D/portfolio.xlsx:Projects!6:6  P3  closed project P3 has no actual finish date"
out_has "  $D/portfolio.xlsx:tasks!6:6  2 rows of $D/portfolio.xlsx:tasks left out: blank line (lines 6 and 7)"
out_has "  $D/portfolio.xlsx:Projects: 5 rows read, 3 loaded (projects 3), 2 left out"
out_has "note: $D/portfolio.xlsx: sheet 'Notes' is not read: no table is named after it"

it "SARIF: the workbook is the artifact, the region's line the row, its properties the sheet and the cell"
pa run "$D" --as-of 2024-06-01 -f sarif --only 'DAT-001' --sarif-base "$TMP"
out_has '"artifactLocation": {"uri": "book/portfolio.xlsx", "uriBaseId": "%SRCROOT%"}, "region": {"startLine": 3, "properties": {"sheet": "Projects", "cell": "F3", "column": "planned_finish"}}'
out_has '"mimeType": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "roles": ["analysisTarget"], "properties": {"sheet": "tasks", "table": "tasks", "rows": 5}'

it "the SARIF report of a workbook is valid against the SARIF 2.1.0 schema"
pa run "$D" --as-of 2024-06-01 -f sarif
cp "$OUT" "$TMP/book.sarif"
true_that "python3 '$ROOT/tests/tools/sarif_schema.py' '$FIX/sarif/sarif-schema-2.1.0.json' '$TMP/book.sarif' >/dev/null"

it "HTML and Markdown print the same cell references"
pa run "$D" --as-of 2024-06-01 -f html --only 'DAT-001'
out_has '>portfolio.xlsx:Projects!F3</span>'
pa run "$D" --as-of 2024-06-01 -f md --only 'DAT-001'
out_has "portfolio.xlsx:Projects!F3"

it "inspect shows each sheet of a workbook: the table it feeds, its columns and first rows"
pa inspect "$D/portfolio.xlsx"
exit_is 0
out_has "sheet: Projects (table projects)"
out_has "  line 3: P2 | ERP upgrade | on_hold | Bo Chen | 2024-04-01T12:00:00 | 1900-02-29 | 1200.5 | FALSE"
out_has "sheet: tasks (table tasks)"
out_has "    5  Finish                       -> finish                 date           cells look like: date ISO except 1 cell(s) (5 filled)"
out_has "sheet: Notes (not read: no table is named after it)"

it "--date-format does not stop a workbook's dates (stored as numbers) from reading"
pa run "$D" --as-of 2024-06-01 -f json --fail-on never --date-format DD/MM/YYYY -r "$TMP/dump.lua"
same_as_oracle "$D/portfolio.xlsx" 8

it "the same workbook loaded on 4 threads gives the same report"
pa run "$D" --as-of 2024-06-01 -f json -j 1
cp "$OUT" "$TMP/one.json"
pa run "$D" --as-of 2024-06-01 -f json -j 4
true_that "cmp -s '$TMP/one.json' '$OUT'"

it "projects.xlsx gives table projects its first sheet; 1904 dates: serial 0 is 1904-01-01"
data b1904
python3 "$GEN" book1904 "$D"
pa run "$D" --as-of 2024-06-01 -f json --fail-on never -r "$TMP/dump.lua"
exit_is 0
same_as_oracle "$D/projects.xlsx" 2
out_has '"message": "projects 2 project_id=Q1|name=Dates in 1904|status=active|manager=Cy Dee|start_date=1904-01-01"'
out_has '"message": "projects 3 project_id=Q2|name=Leap day|status=active|manager=Cy Dee|start_date=1907-03-01"'
ledger_is Sheet1 "read 2 loaded 2 [projects 2] | "

it "a table given by a CSV file and a sheet is an error naming both"
cp "$FIX/../../samples/projects.csv" "$D/projects.csv"
pa run "$D" --as-of 2024-06-01
exit_is 2
err_has "pmoaudit: $D: table projects is given twice: by $D/projects.csv and by a sheet of $D/projects.xlsx; keep one"

it "an import profile reads a workbook's sheet: header_row under a merged title, states merged over two rows, a Total row dropped"
data reg
python3 "$GEN" register "$D"
cat >"$TMP/register.lua" <<'LUA'
return {
  name = "register",
  tables = {
    projects = {
      file = "register.xlsx", sheet = "Register", header_row = 3,
      drop = function(row) return row["Project No."] == "Total" and "a Total row" end,
      columns = {
        project_id = "Project No.", name = "Project",
        status = { from = "State", map = { ["In Progress"] = "active", Done = "closed", ["On Hold"] = "on_hold" } },
        start_date = "Start", planned_finish = "Due", budget = "Budget ($)",
      },
    },
  },
}
LUA
pa run "$D" --profile "$TMP/register.lua" --as-of 2024-06-01 -f json --fail-on never -r "$TMP/dump.lua"
exit_is 0
ledger_is Register "read 7 loaded 4 [projects 4] | 2 above the header row (header_row = 3) @1,2; 1 a Total row (tables.projects.drop) @8"
out_has '"message": "projects 4 project_id=P-101|name=Website relaunch|status=active|start_date=2024-01-01|planned_finish=2024-12-31|budget=120000"'
out_has '"message": "projects 5 project_id=P-102|name=CRM rollout|status=closed|start_date=2023-01-01|planned_finish=2023-10-01|budget=80000.5"'
out_has '"message": "projects 7 project_id=P-104|name=Print shop exit|status=on_hold|start_date=2023-07-01|planned_finish=2024-07-01|budget=15000"'
out_has '"file": "'"$D"'/register.xlsx", "line": 5, "sheet": "Register", "cell": "5:5"'
out_lacks "sheet 'Lookups' is not read"

it "a config's tables entry names a sheet the workbook lacks: the error lists the sheets it has"
printf 'tables = { projects = { file = "register.xlsx", sheet = "Plan" } }\n' >"$TMP/sheet.lua"
pa run "$D" -c "$TMP/sheet.lua" --as-of 2024-06-01
exit_is 2
err_has "pmoaudit: $D/register.xlsx: no sheet 'Plan' for table projects (the workbook has: 'Register', 'Lookups')"

it "broken and hostile workbooks: exit 2 with the file, the part and line or the cell, never a crash"
python3 "$GEN" hostile "$TMP/hostile"
hostile() { # CASE MESSAGE
    data "h_$1"
    cp "$TMP/hostile/$1.xlsx" "$D/projects.xlsx"
    pa run "$D" --as-of 2024-06-01
    exit_is 2
    err_has "pmoaudit: $D/projects.xlsx$2"
}
hostile badxml ":projects: xl/worksheets/sheet1.xml:3:47: mismatched tag (after cell A2)"
hostile badref ":projects!B7: the cell reference is not one of row 1"
hostile badsst ":projects!B1: shared string '1' does not exist (the workbook has 1)"
hostile nowb ": not an Excel workbook: the zip has no xl/workbook.xml"
hostile nosheetpart ":projects: the sheet's part xl/worksheets/sheet1.xml is not in the file"
hostile dtd ": xl/workbook.xml:2: a DTD (<!DOCTYPE>) is not allowed in a workbook part"
hostile ole2 ": the file is an OLE2 compound document, not a zip: a password-protected workbook or an Excel 97-2003 .xls"
pa inspect "$TMP/hostile/badsst.xlsx"
exit_is 2
out_has "cannot read: $TMP/hostile/badsst.xlsx:projects!B1: shared string '1' does not exist (the workbook has 1)"
hostile notzip ": not an Excel workbook (.xlsx): the file is not a zip archive"
hostile bomb ":projects: xl/worksheets/sheet1.xml: the part would decompress to 314572951 bytes, more than the 268435456 allowed (a zip bomb?)"

it "a workbook Excel is editing leaves a ~\$ lock file, which is not read"
data lock
python3 "$GEN" book1904 "$D"
cp "$TMP/hostile/ole2.xlsx" "$D/~\$projects.xlsx"
pa run "$D" --as-of 2024-06-01 -f json --fail-on never
exit_is 0

# --- real workbooks that nobody here wrote (tests/fixtures/import/xlsx-real, SOURCE.md) ---

REAL="$FIX/import/xlsx-real"
cat >"$TMP/sheetx.lua" <<'LUA'
rule { id = "X-SHEET", title = "t", severity = "info", domain = "X", doc = "d", tables = {"sheetx"},
  check = function(ctx)
    local t = ctx.tables.sheetx
    ctx.report{ message = "H " .. table.concat(t.columns, "|") }
    for r in t:rows() do
      local parts = {}
      for i, c in ipairs(t.columns) do parts[i] = r[c] == nil and "" or tostring(r[c]) end
      ctx.report{ row = r, message = ("R " .. r._line .. "\t" .. table.concat(parts, "\t")):gsub("\t+$", "") }
    end
  end }
LUA
# sheet_run BOOK SHEET: the sheet read through a config tables entry as the
# extra table sheetx (every column text), beside a one-row projects.csv.
sheet_run() {
    data "sheet_$(basename "$1" .xlsx)"
    cp "$1" "$D/book.xlsx"
    base_projects
    printf 'tables = { sheetx = { file = "book.xlsx", sheet = "%s" } }\n' "$2" >"$TMP/sheetx_conf.lua"
    pa run "$D" -c "$TMP/sheetx_conf.lua" -r "$TMP/sheetx.lua" --only 'X-*,DAT-*' -f json --as-of 2026-01-01
}
# same_sheet BOOK SHEET: every row of the sheet as the independent read gives it.
same_sheet() {
    sheet_run "$1" "$2"
    python3 "$ROOT/tests/tools/xlsx_sheet_oracle.py" "$1" "$2" | sort -t' ' -k2n >"$TMP/want"
    python3 -c '
import json, sys
for f in json.load(open(sys.argv[1]))["findings"]:
    if f["rule"] == "X-SHEET" and f["message"].startswith("R "): print(f["message"])' "$OUT" | sort -t' ' -k2n >"$TMP/got"
    if [ -s "$TMP/want" ] && cmp -s "$TMP/want" "$TMP/got"; then ok; else
        bad "rows of $(basename "$1"):$2 differ from the independent read: $(diff "$TMP/want" "$TMP/got" | head -6 | tr '\n' ' ')"; fi
}

it "real workbooks (calamine's test files): every row of every sheet as an independent read gives it"
for x in "empty_shared_string_value.xlsx:Sheet1" "inlineStr_with_value.xlsx:Requirements" \
         "shared_formula_reversed.xlsx:Sheet1" "shared_formula_reversed.xlsx:Sheet2" \
         "nonstandard-xml-ns-prefix.xlsx:Sheet1" "strict_iso_paths.xlsx:ml_out" "issue_530.xlsx:出勤分类组织汇总表"; do
    same_sheet "$REAL/${x%%:*}" "${x#*:}"
done

it "an empty <v/> is an empty cell, not the text of the cell read before it"
sheet_run "$REAL/empty_shared_string_value.xlsx" Sheet1
exit_is 0
out_has '"message": "R 2\tAlice\t\tActive"'
out_has '"message": "R 3\t\tBerlin"'

it "an inline string is its <is> text; a <v> written beside it is not part of the value"
sheet_run "$REAL/inlineStr_with_value.xlsx" Requirements
out_has '"message": "R 2\t1.0\t+\t\t1.\tRQ11610\trequirement\tTextual Requirement\ttest"'

it "two header cells with one name under a config table: both columns load, the second as name_2 with a DAT-005"
sheet_run "$REAL/shared_formula_reversed.xlsx" Sheet1
out_has '"message": "H 1|1_2"'
out_has '"message": "R 5\t5\t5"'
count_is DAT-005 1
out_has "header column 2 repeats the name '1'; its cells are loaded as column '1_2'"

it "Excel's _xHHHH_ escapes are unescaped; a line break in a header cell separates words like a space"
sheet_run "$REAL/has_x000D_.xlsx" Sheet1
out_has '"message": "H abc_def"'
data escapes
python3 - "$D/escapes.xlsx" <<'PY'
import sys, zipfile
M = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
R = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
P = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
with zipfile.ZipFile(sys.argv[1], "w") as z:
    z.writestr("xl/workbook.xml", '<workbook %s %s><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>' % (M, R))
    z.writestr("xl/_rels/workbook.xml.rels", '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
               '<Relationship Id="rId1" Type="%sworksheet" Target="worksheets/sheet1.xml"/>'
               '<Relationship Id="rId2" Type="%ssharedStrings" Target="sharedStrings.xml"/></Relationships>' % (P, P))
    z.writestr("xl/sharedStrings.xml", '<sst %s><si><t>Key</t></si><si><t>Note</t></si>'
               '<si><t>line 1_x000D_\nline 2</t></si><si><t>_x005F_x0041_ stays</t></si></sst>' % M)
    z.writestr("xl/worksheets/sheet1.xml", '<worksheet %s><sheetData>'
               '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>'
               '<row r="2"><c r="A2" t="inlineStr"><is><t>tab_x0009_bell_x0007_</t></is></c><c r="B2" t="s"><v>2</v></c></row>'
               '<row r="3"><c r="A3" t="str"><v>_xD83D__xDE00_ _x0000_</v></c><c r="B3" t="s"><v>3</v></c></row>'
               '</sheetData></worksheet>' % M)
PY
sheet_run "$D/escapes.xlsx" S
out_has '"message": "R 2\ttab\tbell\u0007\tline 1\r\nline 2"'
out_has '"message": "R 3\t😀 _x0000_\t_x0041_ stays"'

it "zip names written with backslashes (xl\\workbook.xml, by a .NET writer) are read like names with '/'"
pa inspect "$REAL/issue_530.xlsx" --rows 2
exit_is 0
out_has "sheet: 出勤分类组织汇总表 (not read: no table is named after it)"
out_has "  line 2: 报表导出时间： | 2023年03月04日"

it "a package whose workbook is not xl/workbook.xml: _rels/.rels names it, its relationships name the rest"
data pkg
python3 - "$D/book.xlsx" <<'PY'
import sys, zipfile
M = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
R = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
P = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
REL = '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">%s</Relationships>'
with zipfile.ZipFile(sys.argv[1], "w") as z:
    z.writestr("_rels/.rels", REL % ('<Relationship Id="rId1" Type="%sofficeDocument" Target="/book/main.xml"/>' % P))
    z.writestr("book/main.xml", '<workbook %s %s><sheets><sheet name="projects" sheetId="1" r:id="s1"/></sheets></workbook>' % (M, R))
    z.writestr("book/_rels/main.xml.rels", REL % (
        '<Relationship Id="s1" Type="%sworksheet" Target="../sheets/one.xml"/>'
        '<Relationship Id="s2" Type="%sstyles" Target="look.xml"/>' % (P, P)))
    z.writestr("book/look.xml", '<styleSheet %s><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs></styleSheet>' % M)
    rows = [("project_id", "name", "status", "start_date"), ("PRJ-1001", "Move", "active", 46027)]
    cell = lambda c, r, v: ('<c r="%s%d" s="1"><v>%d</v></c>' % (c, r, v) if isinstance(v, int) else
                            '<c r="%s%d" t="inlineStr"><is><t>%s</t></is></c>' % (c, r, v))
    z.writestr("sheets/one.xml", '<worksheet %s><sheetData>%s</sheetData></worksheet>' % (M, "".join(
        '<row r="%d">%s</row>' % (r + 1, "".join(cell("ABCD"[i], r + 1, v) for i, v in enumerate(row)))
        for r, row in enumerate(rows))))
PY
pa inspect "$D/book.xlsx"
exit_is 0
out_has "  line 2: PRJ-1001 | Move | active | 2026-01-05"

finish
