#!/usr/bin/env python3
"""Writes the Excel workbooks of the tests (tests/e2e/xlsx_test.sh, the
fuzz seeds) with zipfile and hand-written XML, so that no spreadsheet
library is needed and every byte of every part is chosen here.

  xlsx_gen.py portfolio DIR   DIR/portfolio.xlsx: sheets Projects, tasks, Notes
  xlsx_gen.py book1904 DIR    DIR/projects.xlsx: one sheet "Sheet1", 1904 dates
  xlsx_gen.py register DIR    DIR/register.xlsx: a register with a title row and a Total row
  xlsx_gen.py hostile DIR     one broken workbook per case, named after it
  xlsx_gen.py seeds DIR       small workbooks for the fuzz corpus

A sheet is a list of rows; a row is a list of cells (column A on) or a
(row_number, {column_letter: cell}) pair for sparse rows. A cell is None
(no cell), a str (shared string), a number, a bool, or a tuple:
("inline", s), ("rich", [run, ...]), ("date", serial), ("cdate", serial)
(custom date format), ("pct", x) and ("elapsed", x) (number formats that
are not dates), ("err", "#N/A"), ("str", s) (a formula's text), ("ref", s)
(a cell without its r attribute).
"""
import os
import sys
import zipfile
from xml.sax.saxutils import escape

NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
RNS = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'

# cellXfs: 0 general, 1 built-in date (14), 2 custom date, 3 percent (10), 4 elapsed [h]:mm
STYLES = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
          '<styleSheet %s><numFmts count="2">'
          '<numFmt numFmtId="164" formatCode="dd/mm/yyyy\\ hh:mm"/>'
          '<numFmt numFmtId="165" formatCode="[h]:mm"/></numFmts>'
          '<cellStyleXfs count="1"><xf numFmtId="0"/></cellStyleXfs>'
          '<cellXfs count="5"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/>'
          '<xf numFmtId="164" applyNumberFormat="1"/><xf numFmtId="10" applyNumberFormat="1"/>'
          '<xf numFmtId="165" applyNumberFormat="1"/></cellXfs></styleSheet>' % NS)


def col_name(i):
    s = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s


def col_index(letters):
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n - 1


class Book:
    def __init__(self):
        self.sst = []
        self.index = {}

    def shared(self, s):
        if s not in self.index:
            self.index[s] = len(self.sst)
            self.sst.append(s)
        return self.index[s]

    def cell(self, ref, v):
        attr = ' r="%s"' % ref
        if isinstance(v, tuple) and v[0] == "ref":
            attr, v = "", v[1]
        if isinstance(v, bool):
            return '<c%s t="b"><v>%d</v></c>' % (attr, v)
        if isinstance(v, (int, float)):
            return '<c%s><v>%r</v></c>' % (attr, v)
        if isinstance(v, str):
            return '<c%s t="s"><v>%d</v></c>' % (attr, self.shared(v))
        kind, x = v
        if kind == "inline":
            return '<c%s t="inlineStr"><is><t xml:space="preserve">%s</t></is></c>' % (attr, escape(x))
        if kind == "rich":
            return '<c%s t="s"><v>%d</v></c>' % (attr, self.shared(tuple(x)))
        style = {"date": 1, "cdate": 2, "pct": 3, "elapsed": 4}.get(kind)
        if style:
            return '<c%s s="%d"><v>%r</v></c>' % (attr, style, x)
        if kind == "err":
            return '<c%s t="e"><v>%s</v></c>' % (attr, escape(x))
        if kind == "str":
            return '<c%s t="str"><f>CONCAT("a","b")</f><v>%s</v></c>' % (attr, escape(x))
        raise ValueError(kind)

    def sheet_xml(self, rows, merges=()):
        out = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet %s %s>'
               '<dimension ref="A1"/><sheetViews><sheetView workbookViewId="0"/></sheetViews>'
               '<sheetData>' % (NS, RNS)]
        n = 0
        for row in rows:
            if isinstance(row, tuple):
                n, cells = row
                items = sorted(cells.items(), key=lambda kv: col_index(kv[0]))
            else:
                n += 1
                items = [(col_name(i), v) for i, v in enumerate(row)]
            out.append('<row r="%d">' % n)
            out.extend(self.cell("%s%d" % (c, n), v) for c, v in items if v is not None)
            out.append('</row>')
        out.append('</sheetData>')
        if merges:
            out.append('<mergeCells count="%d">%s</mergeCells>' % (
                len(merges), "".join('<mergeCell ref="%s"/>' % m for m in merges)))
        out.append('</worksheet>')
        return "".join(out)

    def sst_xml(self):
        items = []
        for s in self.sst:
            if isinstance(s, tuple):
                runs = "".join('<r><rPr><b/></rPr><t xml:space="preserve">%s</t></r>' % escape(x) for x in s)
                items.append('<si>%s<rPh sb="0" eb="1"><t>PHONETIC</t></rPh></si>' % runs)
            else:
                items.append('<si><t xml:space="preserve">%s</t></si>' % escape(s))
        return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst %s count="%d" uniqueCount="%d">%s'
                '</sst>' % (NS, len(self.sst), len(self.sst), "".join(items)))


def workbook_xml(names, date1904=False):
    sheets = "".join('<sheet name="%s" sheetId="%d" r:id="rId%d"/>' % (escape(n, {'"': "&quot;"}), i + 1, i + 1)
                     for i, n in enumerate(names))
    pr = '<workbookPr date1904="1"/>' if date1904 else '<workbookPr defaultThemeVersion="124226"/>'
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook %s %s>%s<sheets>%s</sheets>'
            '</workbook>' % (NS, RNS, pr, sheets))


def rels_xml(n):
    rels = "".join('<Relationship Id="rId%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                   'relationships/worksheet" Target="worksheets/sheet%d.xml"/>' % (i + 1, i + 1) for i in range(n))
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.'
            'openxmlformats.org/package/2006/relationships">%s</Relationships>' % rels)


CONTENT_TYPES = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.'
                 'openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType='
                 '"application/xml"/></Types>')


def write(path, sheets, date1904=False, parts=None, drop=()):
    """sheets: [(name, rows, merges)]; parts: {name: text} replaces or adds parts; drop: parts left out."""
    book = Book()
    files = {"[Content_Types].xml": CONTENT_TYPES,
             "xl/workbook.xml": workbook_xml([s[0] for s in sheets], date1904),
             "xl/_rels/workbook.xml.rels": rels_xml(len(sheets)),
             "xl/styles.xml": STYLES}
    for i, (name, rows, merges) in enumerate(sheets):
        files["xl/worksheets/sheet%d.xml" % (i + 1)] = book.sheet_xml(rows, merges)
    files["xl/sharedStrings.xml"] = book.sst_xml()
    files.update(parts or {})
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in files.items():
            if name not in drop:
                z.writestr(name, text)


# ---- the workbooks of the tests --------------------------------------------------

PROJECT_HEADER = ["Project ID", "Name", "Status", "Manager", "Start Date", "Planned Finish", "Budget",
                  "Charter Approved"]
TASK_HEADER = ["Task ID", "Project ID", "Name", "Start", "Finish", "Percent Complete", "Predecessors",
               "Is Milestone", "Duration Days"]


def portfolio(d):
    projects = [
        PROJECT_HEADER,
        ["P1", ("inline", "Data centre move"), "active", "Ann Lee", ("date", 45292), ("date", 45657), 250000,
         True],
        ["P2", ("rich", ["ERP ", "upgrade"]), "on_hold", "Bo Chen", ("cdate", 45383.5), ("date", 60), 1200.5,
         False],
        [],  # a row without a value: blank
        (6, {"A": "P3", "B": "Intranet", "C": "closed", "D": ("err", "#N/A"), "E": ("date", 44927),
             "F": ("date", 45000), "G": ("pct", 0.25), "H": ("str", "yes")}),
    ]
    tasks = [
        TASK_HEADER,
        ["T1", "P1", "Plan", ("date", 45292), ("date", 45306), 100, None, False, 10],
        ["T2", None, "Build", ("date", 45307), ("date", 45337), ("elapsed", 0.5), "T1", False, 22.5],
        ["T3", None, "Go live", ("date", 45338), ("date", 45338), 0, "T2:FS+2", True, 0],
        (5, {"A": ("ref", "T4"), "B": ("ref", "P2"), "C": ("ref", "Scope"), "E": "not a date"}),
        (8, {"A": "T5", "B": "P2", "C": "Design", "D": ("date", 45383), "E": ("date", 45390)}),
    ]
    # B2:B4 merged: T2 and T3 belong to P1 as well; C1:D1 and A9:C9 are one-row merges (no effect)
    write(os.path.join(d, "portfolio.xlsx"),
          [("Projects", projects, ()), ("tasks", tasks, ("B2:B4",)), ("Notes", [["read me"]], ("A1:C1",))])


def book1904(d):
    rows = [PROJECT_HEADER[:5], ["Q1", "Dates in 1904", "active", "Cy Dee", ("date", 0)],
            ["Q2", "Leap day", "active", "Cy Dee", ("date", 1155)]]
    write(os.path.join(d, "projects.xlsx"), [("Sheet1", rows, ())], date1904=True)


def register(d):
    """A PMO register as people keep one: a merged title row, the header on
    row 3, states merged over two rows, a Total row, and a lookup sheet."""
    rows = [
        ["PMO project register, Q2 2024"],
        (3, {"A": "Project No.", "B": "Project", "C": "State", "D": "Start", "E": "Due", "F": "Budget ($)"}),
        ["P-101", "Website relaunch", "In Progress", ("date", 45292), ("date", 45657), 120000],
        ["P-102", "CRM rollout", "Done", ("date", 44927), ("date", 45200), 80000.5],
        ["P-103", "Data warehouse", "On Hold", ("date", 45017), ("date", 45565), 310000],
        ["P-104", "Print shop exit", None, ("date", 45108), ("date", 45474), 15000],
        ["Total", None, None, None, None, ("str", "525000.5")],
    ]
    write(os.path.join(d, "register.xlsx"),
          [("Register", rows, ("A1:F1", "C6:C7")), ("Lookups", [["State"], ["In Progress"], ["Done"]], ())])


HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n'


def hostile(d):
    rows = [PROJECT_HEADER[:3], ["P1", "One", "active"]]
    sheet = [("projects", rows, ())]
    p = lambda name: os.path.join(d, name + ".xlsx")
    write(p("badxml"), sheet, parts={"xl/worksheets/sheet1.xml": HEAD + '<worksheet %s><sheetData><row r="1">'
                                     '<c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s">'
                                     '<v>2</v></c></row>\n<row r="2"><c r="A2" t="inlineStr"><is><t>P1</is></c>'
                                     '</row></sheetData></worksheet>' % NS})
    write(p("nowb"), sheet, drop=("xl/workbook.xml",))
    write(p("nosheetpart"), sheet, drop=("xl/worksheets/sheet1.xml",))
    write(p("badsst"), sheet, parts={"xl/sharedStrings.xml": HEAD + '<sst %s count="4294967295" '
                                     'uniqueCount="4294967295"><si><t>Project ID</t></si></sst>' % NS})
    write(p("badref"), sheet, parts={"xl/worksheets/sheet1.xml": HEAD + '<worksheet %s><sheetData><row r="1">'
                                     '<c r="A1" t="inlineStr"><is><t>Project ID</t></is></c>'
                                     '<c r="B7" t="inlineStr"><is><t>Name</t></is></c></row></sheetData>'
                                     '</worksheet>' % NS})
    write(p("dtd"), sheet, parts={"xl/workbook.xml": HEAD + '<!DOCTYPE lol [<!ENTITY a "aaaaaaaa">]>'
                                  '<workbook %s %s><sheets><sheet name="&a;" sheetId="1" r:id="rId1"/></sheets>'
                                  '</workbook>' % (NS, RNS)})
    with open(p("ole2"), "wb") as f:  # the signature of an encrypted workbook or an .xls
        f.write(bytes([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) + bytes(504))
    with open(p("notzip"), "w") as f:
        f.write("Project ID,Name,Status\nP1,One,active\n")
    # a sheet part that inflates to 300 MiB of spaces (the cap is 256 MiB), about 300 KiB on disk
    write(p("bomb"), sheet, drop=("xl/worksheets/sheet1.xml",))
    with zipfile.ZipFile(p("bomb"), "a", zipfile.ZIP_DEFLATED) as z:
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as w:
            w.write((HEAD + '<worksheet %s><sheetData>' % NS).encode())
            block = b" " * (1 << 20)
            for _ in range(300):
                w.write(block)
            w.write(b'</sheetData></worksheet>')


def seeds(d):
    portfolio(d)
    book1904(d)
    write(os.path.join(d, "tiny.xlsx"), [("projects", [["Project ID", "Name", "Status"], ["P", ("inline", "x"),
                                                                                           True]], ("A2:A3",))])


def main():
    kind, d = sys.argv[1], sys.argv[2]
    os.makedirs(d, exist_ok=True)
    {"portfolio": portfolio, "book1904": book1904, "register": register, "hostile": hostile,
     "seeds": seeds}[kind](d)


if __name__ == "__main__":
    main()
