#!/usr/bin/env python3
"""Check the reports of a --split-by run against its whole JSON report.

  split_check.py DATA_DIR WHOLE.json OUT_DIR owner|project [EXT...]

DATA_DIR/projects.csv (a plain CSV file) gives each project's owner (its
manager, trimmed).
OUT_DIR/split-index.csv must list one part per owner (or project id) of
projects.csv, in byte order after the first part (no owner, or no
project), plus in project mode the ids that findings name but
projects.csv lacks. For each part, OUT_DIR/<file>.json must hold exactly
the whole report's findings that involve it (a finding involves its
project_id and its projects; in owner mode, their owners; a finding that
involves none is in the first part), field for field and in the same
order; its summary and rules must count exactly those findings, and the
index row must repeat its counts and its exit code (1 when an unwaived
finding is error or critical, 3 when a rule errored, else 0). Every
finding of the whole report must be in some part, and OUT_DIR/<file>.EXT
must exist for every EXT given. Prints what is wrong and exits 1.
"""
import csv
import json
import os
import sys

SEVS = ["critical", "error", "warning", "info"]
problems = []


def bad(msg):
    problems.append(msg)


def owners(data_dir):
    """project id -> manager, from projects.csv; headers as pmoaudit reads
    them ("Project ID" is project_id)."""
    m = {}
    with open(os.path.join(data_dir, "projects.csv"), encoding="utf-8-sig", newline="") as f:
        for raw in csv.DictReader(f):
            row = {k.strip().lower().replace(" ", "_"): v for k, v in raw.items() if k}
            pid = (row.get("project_id") or "").strip()
            if pid and pid not in m:
                m[pid] = (row.get("manager") or "").strip() or None
    return m


def parts_of(f, by, own):
    ids = [p for p in [f["project_id"]] + f.get("projects", []) if p]
    if not ids:
        return {None}
    return {own.get(p) for p in ids} if by == "owner" else set(ids)


def unneutralised(v):
    """The name as data has it: the index's cells, like report.csv's, get
    an apostrophe before what a spreadsheet would run as a formula."""
    if v and v[0] == "'" and v[1:2] in ("=", "+", "-", "@", "\t", "\r"):
        return v[1:]
    return v or None


def check_part(row, whole, by, own, out_dir, exts):
    name = unneutralised(row[by])
    where = "part %r" % name
    path = os.path.join(out_dir, row["file"] + ".json")
    try:
        rep = json.load(open(path, encoding="utf-8"))
    except OSError as e:
        bad("%s: %s" % (where, e))
        return []
    for ext in exts:
        if not os.path.isfile(os.path.join(out_dir, row["file"] + "." + ext)):
            bad("%s: no %s.%s" % (where, row["file"], ext))
    split = rep.get("split", {})
    if split.get("by") != by or split.get("name") != name or split.get("file") != row["file"]:
        bad("%s: split %r does not name it" % (where, split))
    want = [f for f in whole["findings"] if name in parts_of(f, by, own)]
    if rep["findings"] != want:
        bad("%s: %d findings, expected the %d of the whole report that involve it" % (where, len(rep["findings"]),
                                                                                     len(want)))
    open_ = [f for f in want if not f["waived"]]
    sev = {s: sum(1 for f in open_ if f["severity"] == s) for s in SEVS}
    s = rep["summary"]
    if s["findings"] != sev or s["waived"] != len(want) - len(open_):
        bad("%s: summary %r, its findings count %r" % (where, s, sev))
    for r in rep["rules"]:
        n = sum(1 for f in want if f["rule"] == r["id"])
        status = r["status"] if r["status"] in ("skipped", "errored") else ("failed" if n else "passed")
        if r["findings"] != n or r["status"] != status:
            bad("%s: rule %s has %d findings, %s; expected %d, %s" % (where, r["id"], r["findings"], r["status"],
                                                                      n, status))
    errored = any(r["status"] == "errored" for r in rep["rules"])
    code = 3 if errored else 1 if sev["critical"] + sev["error"] else 0
    got = [int(row[k]) for k in SEVS + ["waived", "exit_code"]]
    if got != [sev[k] for k in SEVS] + [s["waived"], code]:
        bad("%s: index row %r, expected counts %r and exit code %d" % (where, row, sev, code))
    return want


def main():
    data_dir, whole_path, out_dir, by = sys.argv[1:5]
    exts = sys.argv[5:]
    own = owners(data_dir)
    whole = json.load(open(whole_path, encoding="utf-8"))
    with open(os.path.join(out_dir, "split-index.csv"), encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    names = [unneutralised(r[by]) for r in rows]
    if by == "owner":
        expect = sorted({o for o in own.values() if o})
    else:
        named = {p for f in whole["findings"] for p in [f["project_id"]] + f.get("projects", []) if p}
        expect = sorted(set(own) | named)
    if names != [None] + expect:
        bad("index names %r, expected None then %r" % (names[:8], expect[:8]))
    seen = set()
    for row in rows:
        for f in check_part(row, whole, by, own, out_dir, exts):
            seen.add(f["fingerprint"])
    missing = [f["fingerprint"] for f in whole["findings"] if f["fingerprint"] not in seen]
    if missing:
        bad("%d findings of the whole report are in no part" % len(missing))
    for p in problems[:20]:
        print("split_check: " + p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
