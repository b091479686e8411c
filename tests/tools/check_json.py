#!/usr/bin/env python3
"""Checks that a pmoaudit JSON report has every stable field of
interfaces.md with the right types, and that findings are in report order.
Exit 0 when it does; prints what is wrong otherwise."""
import json
import sys

SEVERITIES = ["critical", "error", "warning", "info"]


def fail(msg):
    print("check_json: " + msg)
    sys.exit(1)


def need(obj, key, types, where):
    if key not in obj:
        fail("%s lacks %r" % (where, key))
    if not isinstance(obj[key], types):
        fail("%s.%s has type %s" % (where, key, type(obj[key]).__name__))
    return obj[key]


def main():
    rep = json.load(open(sys.argv[1], encoding="utf-8"))
    tool = need(rep, "tool", dict, "report")
    need(tool, "name", str, "tool")
    need(tool, "version", str, "tool")
    need(rep, "as_of", str, "report")
    data = need(rep, "data", dict, "report")
    need(data, "dir", str, "data")
    for name, t in need(data, "tables", dict, "data").items():
        need(t, "file", str, "data.tables." + name)
        need(t, "rows", int, "data.tables." + name)
    s = need(rep, "summary", dict, "report")
    for k in ["rules", "passed", "failed", "skipped", "errored", "waived"]:
        need(s, k, int, "summary")
    for k in SEVERITIES:
        need(s["findings"], k, int, "summary.findings")
    rules = need(rep, "rules", list, "report")
    for r in rules:
        for k in ["id", "title", "severity", "domain", "status"]:
            need(r, k, str, "rule")
        need(r, "findings", int, "rule")
        need(r, "message", (str, type(None)), "rule")
        if r["status"] not in ("passed", "failed", "skipped", "errored"):
            fail("bad status " + r["status"])
    if s["rules"] != len(rules):
        fail("summary.rules != len(rules)")
    findings = need(rep, "findings", list, "report")
    opt = (str, type(None))
    for f in findings:
        for k in ["rule", "severity", "message", "fingerprint"]:
            need(f, k, str, "finding")
        for k in ["table", "key", "project_id", "file", "column", "value"]:
            need(f, k, opt, "finding")
        need(f, "line", (int, type(None)), "finding")
        need(f, "waived", bool, "finding")
    per_sev = {k: 0 for k in SEVERITIES}
    for f in findings:
        per_sev[f["severity"]] += 1
    if per_sev != s["findings"]:
        fail("summary.findings %s != counted %s" % (s["findings"], per_sev))
    keys = [(f["rule"], f["table"] or "", f["key"] or "", f["column"] or "") for f in findings]
    if keys != sorted(keys):
        fail("findings are not sorted by rule, table, key, column")
    fps = [f["fingerprint"] for f in findings]
    if len(set(fps)) != len(fps):
        fail("fingerprints are not unique")


if __name__ == "__main__":
    main()
