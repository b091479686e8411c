#!/usr/bin/env python3
"""Compares pmoaudit's per-rule results with an independent expectation.

  compare_counts.py REPORT.json EXPECTED.json

EXPECTED is either a hand-made case (tests/oracle/cases/*/expected.json:
"counts", optional "skipped" and "lines") or the output of the reference
oracle (tests/oracle/pmo_oracle.py: "counts", "skipped", optional
"findings"). Only the rules that pmoaudit ran are compared, so the check
grows with the rule pack. A rule missing from "counts" expects 0 findings.
Prints one line per mismatch; exit 1 when there is any.
"""
import json
import sys


def main():
    rep = json.load(open(sys.argv[1], encoding="utf-8"))
    exp = json.load(open(sys.argv[2], encoding="utf-8"))
    counts = exp.get("counts", {})
    skipped = set(exp.get("skipped", []))
    lines = exp.get("lines", {})
    if "findings" in exp and not lines:
        for f in exp["findings"]:
            lines.setdefault(f["rule"], []).append(f["line"])
    bad = []
    for r in rep["rules"]:
        rid = r["id"]
        if rid.startswith("TEST-"):
            continue
        if r["status"] == "skipped" or rid in skipped:
            if not (r["status"] == "skipped" and rid in skipped):
                bad.append("%s: pmoaudit %s, expected %s" % (
                    rid, r["status"], "skipped" if rid in skipped else "run"))
            continue
        want = counts.get(rid, 0)
        if r["findings"] != want:
            bad.append("%s: pmoaudit %d findings, expected %d" % (rid, r["findings"], want))
            continue
        if rid in lines:
            nokey = lambda x: (x is None, x or 0)   # a finding without a line sorts last
            got = sorted((f["line"] for f in rep["findings"] if f["rule"] == rid), key=nokey)
            if got != sorted(lines[rid], key=nokey):
                bad.append("%s: lines %s, expected %s" % (rid, got, sorted(lines[rid])))
    for b in bad:
        print(b)
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
