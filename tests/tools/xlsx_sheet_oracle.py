#!/usr/bin/env python3
"""An independent read of one sheet of an .xlsx workbook, for xlsx_test.sh.

    xlsx_sheet_oracle.py BOOK.xlsx SHEET

Prints each data row as pmoaudit should load the sheet into an extra table
(every column text): "R ROW<TAB>v1<TAB>v2...", as wide as the header row
(the first row with a value; cells right of it are DAT-005's, not loaded),
values trimmed of ASCII white space (not of the control characters 0x1C-0x1F,
which Python's strip() would take). Written from ECMA-376 and
docs/importing.md with zipfile and ElementTree, not from the C reader:
- the workbook is the part _rels/.rels names (officeDocument), its sheets,
  shared strings and styles the parts its relationships name; zip names
  written with backslashes are read as with '/';
- any namespace prefix, transitional or strict;
- shared strings are their <t> runs joined, phonetic runs (<rPh>) left out;
  an inline string is its <is> text (a <v> beside it is not the value);
  an empty <v/> is no value; _xHHHH_ escapes are unescaped;
- a number whose style shows a date (built-in formats 14-22, 27-36, 50-58,
  or a custom format with d, m, y, h or s outside quotes and [...], and not
  an elapsed [h]) at or above 1 is an ISO date in the workbook's system,
  with THH:MM:SS when it has a time; booleans are TRUE and FALSE;
- a range merged over several rows gives its value to each of them.
"""
import datetime
import posixpath
import re
import sys
import zipfile
import xml.etree.ElementTree as ET


def ln(tag):
    return tag.rsplit("}", 1)[-1]


def kids(el, name):
    return [c for c in el if ln(c.tag) == name]


def walk(el, name):
    return [c for c in el.iter() if ln(c.tag) == name]


def rid(el):
    return next((v for k, v in el.attrib.items() if ln(k) == "id"), None)


def col(ref):
    n = 0
    for ch in re.match(r"[A-Z]+", ref).group(0):
        n = n * 26 + ord(ch) - 64
    return n - 1


def unescape(s):
    return re.sub(r"_x([0-9A-Fa-f]{4})_", lambda m: chr(int(m.group(1), 16)) if int(m.group(1), 16) else m.group(0), s)


def is_date_format(code):
    if re.search(r"\[[hms]+\]", code, re.I):
        return False
    return bool(re.search(r"[dmyhs]", re.sub(r'"[^"]*"|\[[^\]]*\]|\\.', "", code), re.I))


class Book:
    def __init__(self, path):
        self.z = zipfile.ZipFile(path)
        self.names = {n.replace("\\", "/").lstrip("/").lower(): n for n in self.z.namelist()}
        wb = "xl/workbook.xml"
        if self.has("_rels/.rels"):
            for r in self.xml("_rels/.rels"):
                if r.get("Type", "").endswith("/officeDocument") and self.has(self.target("", r.get("Target"))):
                    wb = self.target("", r.get("Target"))
        self.wb = self.xml(wb)
        base = posixpath.dirname(wb) + "/" if "/" in wb else ""
        self.rels = {}
        for r in self.xml(base + "_rels/" + posixpath.basename(wb) + ".rels"):
            self.rels[r.get("Id")] = (self.target(base, r.get("Target")), r.get("Type").rsplit("/", 1)[-1])
        pr = walk(self.wb, "workbookPr")
        self.d1904 = bool(pr) and pr[0].get("date1904") in ("1", "true")
        self.sst = [self.text(si) for si in self.part("sharedStrings", base + "sharedStrings.xml")]
        st = self.part("styles", base + "styles.xml")
        custom = {f.get("numFmtId"): f.get("formatCode") for f in walk(st, "numFmt")}
        xfs = walk(st, "cellXfs")
        self.dates = []
        for x in kids(xfs[0], "xf") if xfs else []:
            i = x.get("numFmtId", "0")
            n = int(i)
            self.dates.append(14 <= n <= 22 or 27 <= n <= 36 or 50 <= n <= 58 or
                              (i in custom and is_date_format(custom[i])))

    def has(self, p):
        return p.lower() in self.names

    def xml(self, p):
        return ET.fromstring(self.z.read(self.names[p.lower()]))

    def part(self, kind, default):
        p = next((t for t, k in self.rels.values() if k == kind), default)
        return self.xml(p) if self.has(p) else ET.Element("none")

    @staticmethod
    def target(base, t):
        p = t[1:] if t.startswith("/") else base + t
        out = []
        for seg in p.split("/"):
            if seg == "..":
                out = out[:-1]
            elif seg not in ("", "."):
                out.append(seg)
        return "/".join(out)

    @staticmethod
    def text(el):
        parts = []

        def rec(e):
            for c in e:
                if ln(c.tag) == "t":
                    parts.append(c.text or "")
                elif ln(c.tag) != "rPh":
                    rec(c)
        rec(el)
        return unescape("".join(parts))

    def value(self, cell):
        t = cell.get("t", "n")
        if t == "inlineStr":
            isn = kids(cell, "is")
            return self.text(isn[0]) if isn else None
        v = kids(cell, "v")
        text = v[0].text if v else None
        if not text:
            return None
        if t == "s":
            return self.sst[int(text)]
        if t == "b":
            return "TRUE" if text.strip() == "1" else "FALSE"
        if t == "str":
            return unescape(text)
        s = int(cell.get("s") or 0)
        if t == "n" and s < len(self.dates) and self.dates[s] and float(text) >= 1:
            x = float(text)
            day, secs = int(x), round((x - int(x)) * 86400)
            if not self.d1904 and day == 60:
                return "1900-02-29"
            start = datetime.datetime(1904, 1, 1) if self.d1904 else datetime.datetime(1899, 12, 31 if day < 60 else 30)
            d = start + datetime.timedelta(days=day)
            return d.date().isoformat() + ("T%02d:%02d:%02d" % (secs // 3600, secs // 60 % 60, secs % 60) if secs else "")
        return text

    def rows(self, name):
        s = next(s for s in walk(self.wb, "sheet") if s.get("name") == name)
        sh = self.xml(self.rels[rid(s)][0])
        rows, rn = {}, 0
        for row in walk(sh, "row"):
            rn = int(row.get("r")) if row.get("r") else rn + 1
            cells, c = {}, -1
            for cell in kids(row, "c"):
                c = col(cell.get("r")) if cell.get("r") else c + 1
                v = self.value(cell)
                if v:
                    cells[c] = v
            rows[rn] = cells
        for m in walk(sh, "mergeCell"):
            a, _, b = m.get("ref").partition(":")
            if not b:
                continue
            r1, r2 = int(re.sub("[A-Z]", "", a)), int(re.sub("[A-Z]", "", b))
            for r in range(r1 + 1, r2 + 1):
                rows.setdefault(r, {})
                if col(a) not in rows[r] and col(a) in rows.get(r1, {}):
                    rows[r][col(a)] = rows[r1][col(a)]
        return rows


def main(path, sheet):
    rows = Book(path).rows(sheet)
    filled = [n for n in sorted(rows) if rows[n]]
    if not filled:
        return
    width = max(rows[filled[0]]) + 1
    for n in filled[1:]:
        line = "R %d\t%s" % (n, "\t".join(rows[n].get(i, "").strip(" \t\r\n\v\f") for i in range(width)))
        print(line.rstrip("\t"))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
