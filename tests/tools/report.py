#!/usr/bin/env python3
"""Query a pmoaudit JSON report for the end-to-end tests.

  report.py count  REPORT RULE   number of findings of RULE
  report.py status REPORT RULE   the rule's status
  report.py where  REPORT RULE   "file:line" of each finding (basename), sorted
  report.py counts REPORT        "RULE N" per rule that ran
  report.py message REPORT RULE  the rule's message (why it errored, or a cap note)
  report.py ledger REPORT FILE   the row ledger of FILE (basename; FILE:PART for a part) in one line:
                                 "read R loaded L [table N ...] | N reason @lines; ..."
"""
import json
import os
import sys


def main():
    cmd, path = sys.argv[1], sys.argv[2]
    try:
        with open(path, encoding="utf-8") as f:
            rep = json.load(f)
    except (OSError, ValueError) as e:
        print("(no JSON report: %s)" % str(e).splitlines()[0])
        return
    if cmd == "ledger":
        want, part = sys.argv[3], None
        if ":" in want:
            want, part = want.split(":", 1)
        for e in rep["data"]["files"]:
            if os.path.basename(e["file"]) != want or e.get("part") != part:
                continue
            tables = " ".join("%s %d" % kv for kv in e["tables"].items())
            left = "; ".join("%d %s%s @%s" % (x["rows"], x["reason"], " [%s]" % x["rule"] if x["rule"] else "",
                                              ",".join(map(str, x["lines"]))) for x in e["left_out"])
            print("read %d loaded %d [%s] | %s" % (e["read"], e["loaded"], tables, left))
            return
        print("(no ledger entry for %s)" % want)
        return
    if cmd == "counts":
        for r in rep["rules"]:
            print(r["id"], r["findings"] if r["status"] != "skipped" else "skipped")
        return
    rule = sys.argv[3]
    if cmd == "count":
        print(sum(1 for x in rep["findings"] if x["rule"] == rule))
    elif cmd == "status":
        print(next((r["status"] for r in rep["rules"] if r["id"] == rule), "absent"))
    elif cmd == "message":
        print(next((r.get("message") or "" for r in rep["rules"] if r["id"] == rule), "absent"))
    elif cmd == "where":
        locs = sorted("%s:%s" % (os.path.basename(x["file"] or "-"), x["line"])
                      for x in rep["findings"] if x["rule"] == rule)
        print(" ".join(locs))


if __name__ == "__main__":
    main()
