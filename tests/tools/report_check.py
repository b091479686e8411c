#!/usr/bin/env python3
"""Checks on pmoaudit reports for the end-to-end tests (exit 0 = holds).

  report_check.py baseline REPORT            new/existing marks agree with the counts
  report_check.py same_fingerprints A B KEY...  the findings with these keys have
                                             the same fingerprints in A and B
  report_check.py csv_equals_json CSV JSON   the CSV rows equal the JSON findings
"""
import csv
import re
import json
import sys


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def baseline(path):
    rep = load(path)
    b = rep["baseline"]
    marks = [f.get("baseline") for f in rep["findings"]]
    ok = marks.count("new") == b["new"] and marks.count("existing") == b["existing"]
    ok = ok and all(f["first_seen"] <= rep["as_of"] for f in rep["findings"])
    return ok


def same_fingerprints(a, b, keys):
    def fps(path):
        return sorted((f["rule"], f["key"], f["fingerprint"]) for f in load(path)["findings"] if f["key"] in keys)
    x, y = fps(a), fps(b)
    return bool(x) and x == y


NUMBER = re.compile(r"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$")


def neutralised(v):
    """What report.csv writes for a JSON value: OWASP's apostrophe before a
    cell a spreadsheet would run as a formula (plain numbers excepted)."""
    if v and v[0] in "=+-@\t\r" and not NUMBER.match(v):
        return "'" + v
    return v


def csv_equals_json(csv_path, json_path):
    rep = load(json_path)
    with open(csv_path, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    if len(rows) != len(rep["findings"]):
        print("rows %d, findings %d" % (len(rows), len(rep["findings"])))
        return False
    for row, f in zip(rows, rep["findings"]):
        w = f.get("waiver") or {}
        want = {
            "rule": f["rule"], "severity": f["severity"], "table": f["table"], "key": f["key"],
            "project_id": f["project_id"], "file": f["file"],
            "line": None if f["line"] is None else str(f["line"]), "column": f["column"],
            "value": f["value"], "message": f["message"], "fingerprint": f["fingerprint"],
            "first_seen": f["first_seen"], "baseline": f.get("baseline"),
            "waived": "true" if f["waived"] else "false", "waiver_reason": w.get("reason"),
            "waiver_approved_by": w.get("approved_by"), "waiver_expires": w.get("expires"),
        }
        want = {k: neutralised(v) if isinstance(v, str) else v for k, v in want.items()}
        got = {k: (v if v != "" else None) for k, v in row.items()}
        if got != want:
            print("csv %r\njson %r" % (got, want))
            return False
    return True


def main():
    cmd = sys.argv[1]
    if cmd == "baseline":
        ok = baseline(sys.argv[2])
    elif cmd == "same_fingerprints":
        ok = same_fingerprints(sys.argv[2], sys.argv[3], set(sys.argv[4:]))
    else:
        ok = csv_equals_json(sys.argv[2], sys.argv[3])
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
