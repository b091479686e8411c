#!/usr/bin/env python3
"""Compares what pmoaudit loaded from a csv-spectrum case (a JSON report of
the TEST-DUMP rule) with the case's expected parse.

The data model trims every value and reads an empty cell as null, so the
expected strings are trimmed and "" is compared as null; everything else,
quotes, commas and line breaks inside fields included, must match exactly.
Usage: spectrum.py REPORT.json EXPECTED.json
"""
import json
import sys


def main():
    rep = json.load(open(sys.argv[1], encoding="utf-8"))
    expected = json.load(open(sys.argv[2], encoding="utf-8"))
    found = sorted((f for f in rep["findings"] if f["rule"] == "TEST-DUMP"), key=lambda f: f["line"])
    got = [json.loads(f["message"]) for f in found]
    want = [{k: (v.strip() or None) for k, v in row.items()} for row in expected]
    if got != want:
        print("loaded:   %r\nexpected: %r" % (got, want))
        sys.exit(1)


if __name__ == "__main__":
    main()
