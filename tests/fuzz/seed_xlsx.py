#!/usr/bin/env python3
"""Builds tests/fuzz/corpus/xlsx/ (run from the repository root): the
workbooks of tests/tools/xlsx_gen.py `seeds`, each as its parts joined by
0xFF bytes in fuzz_xlsx.c's order (sheet, shared strings, styles,
workbook, relationships), and one whole zip file."""
import os
import subprocess
import sys
import tempfile
import zipfile

OUT = "tests/fuzz/corpus/xlsx"
PARTS = ["xl/worksheets/sheet%d.xml", "xl/sharedStrings.xml", "xl/styles.xml", "xl/workbook.xml",
         "xl/_rels/workbook.xml.rels"]


def main():
    os.makedirs(OUT, exist_ok=True)
    with tempfile.TemporaryDirectory() as d:
        subprocess.run([sys.executable, "tests/tools/xlsx_gen.py", "seeds", d], check=True)
        for name in sorted(os.listdir(d)):
            z = zipfile.ZipFile(os.path.join(d, name))
            names = set(z.namelist())
            sheet = 1
            while PARTS[0] % sheet in names:
                parts = [PARTS[0] % sheet] + PARTS[1:]
                blob = b"\xff".join(z.read(p) if p in names else b"" for p in parts)
                with open(os.path.join(OUT, "%s_sheet%d" % (name[:-5], sheet)), "wb") as f:
                    f.write(blob)
                sheet += 1
        with open(os.path.join(d, "tiny.xlsx"), "rb") as src, open(os.path.join(OUT, "whole_tiny_zip"), "wb") as f:
            f.write(src.read())


if __name__ == "__main__":
    main()
