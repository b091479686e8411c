#!/usr/bin/env python3
"""scope_check.py - checks of --project against a whole-portfolio run.

  scope_check.py pick WHOLE.json
      print a project that a cross-project finding involves without being
      its project_id (so only the finding's `projects` can keep it in scope)
  scope_check.py compare WHOLE.json SCOPED.json ID[,ID...]
      the scoped report's findings, per-rule counts and summary must equal
      the whole report's findings filtered to those projects; prints "ok"
      or what differs, and exits 1 when something differs
"""
import json
import sys

SEVS = ("critical", "error", "warning", "info")


def involves(f, ids):
    return f.get("project_id") in ids or any(p in ids for p in f.get("projects", []))


def pick(whole):
    for f in whole["findings"]:
        for p in f.get("projects", []):
            if p != f.get("project_id"):
                return p
    return ""


def compare(whole, scoped, ids):
    bad = []
    want = [f for f in whole["findings"] if involves(f, ids)]
    if [f["fingerprint"] for f in want] != [f["fingerprint"] for f in scoped["findings"]]:
        bad.append("findings: %d expected, %d reported, or in another order" % (len(want), len(scoped["findings"])))
    per_rule = {}
    for f in want:
        per_rule[f["rule"]] = per_rule.get(f["rule"], 0) + 1
    for r in scoped["rules"]:
        n = per_rule.get(r["id"], 0)
        if r["status"] in ("passed", "failed") and (r["findings"] != n or r["status"] != ("failed" if n else "passed")):
            bad.append("rule %s: %d findings (%s), expected %d" % (r["id"], r["findings"], r["status"], n))
    for s in SEVS:
        n = sum(1 for f in want if f["severity"] == s and not f["waived"])
        if scoped["summary"]["findings"][s] != n:
            bad.append("summary %s: %d, expected %d" % (s, scoped["summary"]["findings"][s], n))
    scope = scoped.get("scope", {})
    if sorted(scope.get("projects", [])) != sorted(ids):
        bad.append("scope.projects %s, expected %s" % (scope.get("projects"), sorted(ids)))
    if not want:
        bad.append("no finding in scope: the comparison proves nothing")
    print("\n".join(bad) if bad else "ok")
    return 1 if bad else 0


def main():
    if sys.argv[1] == "pick":
        print(pick(json.load(open(sys.argv[2]))))
        return 0
    whole, scoped = json.load(open(sys.argv[2])), json.load(open(sys.argv[3]))
    return compare(whole, scoped, set(sys.argv[4].split(",")))


if __name__ == "__main__":
    sys.exit(main())
