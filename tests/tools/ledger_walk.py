#!/usr/bin/env python3
"""Walks every folder of CSV files (and of MS Project XML files, under a
profile's fixture folder) under the given roots and checks the row
ledger pmoaudit reports for each input file (interfaces.md: read = loaded +
the rows of every left-out reason), and, for plain UTF-8 files read without
a profile, that `read` equals an independent count: every record but the
header, blank lines included, as Python's csv module sees them.

  ledger_walk.py PMOAUDIT TMPDIR ROOT...

A folder with projects.csv is run as a data directory; a folder of an
import profile's fixtures (tests/fixtures/import/NAME, the shared IT
Dashboard and GMPP data) with that profile; any other CSV file is copied
beside a one-row projects.csv and read as an extra table. Prints one line
per problem and a summary; exit 1 when there is a problem.
"""
import csv
import io
import json
import os
import shutil
import subprocess
import sys

PROFILES = {"jira": ["jira"], "msproject": ["msproject"], "msproject2": ["msproject"], "p6": ["p6"],
            "itdashboard": ["itdashboard"], "gmpp-uk": ["gmpp", "gmpp-published"],
            "mspdi": ["msproject"], "mpxj": ["msproject"]}
MINIMAL = "project_id,name,status\nPRJ-1,A,active\n"
COMPARED = [0]  # entries whose read count was compared with an independent count


def run(pa, d, profile):
    args = [pa, "run", d, "-f", "json", "--fail-on", "never", "-q", "--as-of", "2026-06-30", "-j", "2"]
    if profile:
        args += ["--profile", profile]
    p = subprocess.run(args, capture_output=True, timeout=300)
    if p.returncode not in (0, 1):
        return None, p.stderr.decode("utf-8", "replace").strip()
    return json.loads(p.stdout.decode("utf-8")), None


def independent(path):
    """Every record but the header, blank lines included (before the header
    too), or None when the file is not plain UTF-8 that csv reads without
    trouble."""
    try:
        text = open(path, encoding="utf-8", newline="").read()
    except (UnicodeDecodeError, OSError):
        return None
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\0" in text or ("\r" in text and "\r\n" not in text):
        return None
    rows = list(csv.reader(io.StringIO(text)))
    blank = [not r or (len(r) == 1 and not r[0].strip(" \t")) for r in rows]
    return len(rows) - (0 if all(blank) else 1)


def xml_tasks(path):
    """The Task elements of an MS Project XML file (xml.etree)."""
    import xml.etree.ElementTree as ET
    ns = "{http://schemas.microsoft.com/project}"
    return len(ET.parse(path).getroot().findall(ns + "Tasks/" + ns + "Task"))


def check(rep, problems, where, plain):
    notes = " ".join(rep["data"]["notes"])
    n = 0
    for e in rep["data"]["files"]:
        n += 1
        left = sum(x["rows"] for x in e["left_out"])
        if e["read"] != e["loaded"] + left:
            problems.append("%s: %s: read %d != loaded %d + left out %d" % (where, e["file"], e["read"], e["loaded"],
                                                                            left))
        if any(v > e["loaded"] for v in e["tables"].values()) or (e["tables"] and e["loaded"] >
                                                                    sum(e["tables"].values())):
            problems.append("%s: %s: tables %s do not fit loaded %d" % (where, e["file"], e["tables"], e["loaded"]))
        if e["file"].endswith(".xml"):
            COMPARED[0] += 1
            if xml_tasks(e["file"]) != e["read"]:
                problems.append("%s: %s: read %d, %d Task elements" % (where, e["file"], e["read"],
                                                                       xml_tasks(e["file"])))
        if plain and os.path.basename(e["file"]) not in notes:
            want = independent(e["file"])
            COMPARED[0] += want is not None
            if want is not None and want != e["read"]:
                problems.append("%s: %s: read %d, an independent count says %d" % (where, e["file"], e["read"],
                                                                                  want))
    return n


def walk_one(pa, tmp, d, files, problems):
    name = os.path.basename(d)
    checked = 0
    if name in PROFILES:
        for prof in PROFILES[name]:
            rep, err = run(pa, d, prof)
            if rep is None:
                problems.append("%s --profile %s: %s" % (d, prof, err))
                continue
            checked += check(rep, problems, "%s (%s)" % (d, prof), False)
        return checked
    if "projects.csv" in files:
        rep, _ = run(pa, d, None)
        if rep is not None:
            return check(rep, problems, d, True)
    for f in files:  # one by one, as an extra table beside a minimal projects.csv
        w = os.path.join(tmp, "walk")
        shutil.rmtree(w, ignore_errors=True)
        os.makedirs(w)
        open(os.path.join(w, "projects.csv"), "w").write(MINIMAL)
        shutil.copy(os.path.join(d, f), os.path.join(w, "walked_file.csv"))
        rep, err = run(pa, w, None)
        if rep is None:
            problems.append("%s/%s: %s" % (d, f, err))
            continue
        rep["data"]["files"] = [e for e in rep["data"]["files"] if e["file"].endswith("walked_file.csv")]
        checked += check(rep, problems, "%s/%s" % (d, f), True)
    return checked


def xer_rows(path):
    """The %R lines of each %T table of an XER export, counted here."""
    counts, table = {}, None
    for line in open(path, "rb").read().split(b"\n"):
        if line.startswith(b"%T\t"):
            table = line[3:].split(b"\t")[0].rstrip(b"\r").decode("latin-1")
            counts[table] = 0
        elif line.startswith(b"%R") and table is not None:
            counts[table] += 1
    return counts


def walk_xer(pa, tmp, path, problems):
    w = os.path.join(tmp, "walk")
    shutil.rmtree(w, ignore_errors=True)
    os.makedirs(w)
    shutil.copy(path, os.path.join(w, "walked.xer"))
    rep, err = run(pa, w, None)
    if rep is None:
        problems.append("%s: %s" % (path, err))
        return 0
    want = xer_rows(path)
    got = {e["part"]: e["read"] for e in rep["data"]["files"] if e["file"].endswith("walked.xer")}
    COMPARED[0] += len(got)
    if got != want:
        problems.append("%s: read per XER table %s, an independent count says %s" % (path, got, want))
    return check(rep, problems, path, False)


def main():
    pa, tmp, roots = sys.argv[1], sys.argv[2], sys.argv[3:]
    problems, files_seen, entries = [], 0, 0
    for root in roots:
        for d, _, names in sorted(os.walk(root)):
            csvs = sorted(n for n in names if n.endswith(".csv") or
                          (n.endswith(".xml") and os.path.basename(d) in PROFILES))
            if os.path.abspath(d).startswith(os.path.abspath(tmp)):
                continue
            for x in sorted(n for n in names if n.endswith(".xer")):
                if "/fuzz/" not in d + "/":
                    files_seen += 1
                    entries += walk_xer(pa, tmp, os.path.join(d, x), problems)
            if not csvs:
                continue
            files_seen += len(csvs)
            entries += walk_one(pa, tmp, d, csvs, problems)
    for p in problems:
        print(p)
    print("ledger walk: %d csv, xml and xer files, %d ledger entries (%d compared with an independent count), %d problems"
          % (files_seen, entries, COMPARED[0], len(problems)))
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
