#!/usr/bin/env python3
"""Checks on pmoaudit reports for the end-to-end tests (exit 0 = holds).

  report_check.py baseline REPORT            new/existing marks agree with the counts
  report_check.py same_fingerprints A B KEY...  the findings with these keys have
                                             the same fingerprints in A and B
  report_check.py csv_equals_json CSV JSON   the CSV rows hold every field of the JSON findings, then
                                             one note row per rule whose list --max-findings cut
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


def flat(f):
    """A JSON finding as report.csv writes it: every field a column, the
    "projects" list joined with ';', the "waiver" object as waiver_<field>
    columns, booleans true/false, numbers as text, null as an empty cell."""
    row = {}
    for k, v in f.items():
        if k == "projects":
            row[k] = ";".join(v)
        elif k == "waiver":
            for wk, wv in v.items():
                row["waiver_" + wk] = wv
        else:
            row[k] = v
    out = {}
    for k, v in row.items():
        if isinstance(v, bool):
            v = "true" if v else "false"
        elif isinstance(v, int):
            v = str(v)
        out[k] = neutralised(v) if isinstance(v, str) else v
    return out


def cap_notes(rows, rep):
    """The rows after the findings: one per rule with "not_listed" in the
    JSON, in its order, with only the rule and the message
    "N more findings of ID past --max-findings (...): counted, not listed"."""
    want = [(r["id"], r["not_listed"]) for r in rep["rules"] if r.get("not_listed")]
    if len(rows) != len(want):
        print("%d note rows, %d rules with findings not listed" % (len(rows), len(want)))
        return False
    for row, (rid, n) in zip(rows, want):
        head = "%d more finding%s of %s past --max-findings (" % (n, "" if n == 1 else "s", rid)
        others = [k for k, v in row.items() if k not in ("rule", "message") and v != ""]
        if row["rule"] != rid or not row["message"].startswith(head) or \
                not row["message"].endswith("): counted, not listed") or others:
            print("note row %r, expected rule %s and a message starting %r" % (row, rid, head))
            return False
    return True


def csv_equals_json(csv_path, json_path):
    """Every field of every JSON finding is a column of its CSV row with
    the same value; the CSV's other cells are empty. After the findings,
    the rows with no fingerprint are the notes of the rules whose list
    --max-findings cut (cap_notes)."""
    rep = load(json_path)
    with open(csv_path, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    k = len(rows)
    while k and rows[k - 1]["fingerprint"] == "":
        k -= 1
    if not cap_notes(rows[k:], rep):
        return False
    rows = rows[:k]
    if len(rows) != len(rep["findings"]):
        print("rows %d, findings %d" % (len(rows), len(rep["findings"])))
        return False
    for row, f in zip(rows, rep["findings"]):
        want = flat(f)
        missing = sorted(set(want) - set(row))
        if missing:
            print("csv lacks the JSON finding fields %s" % missing)
            return False
        got = {k: (v if v != "" else None) for k, v in row.items()}
        want.update({k: None for k in got if k not in want})
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
