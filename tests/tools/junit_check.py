#!/usr/bin/env python3
"""Check a pmoaudit JUnit report against the JSON report of the same run.

  junit_check.py REPORT.xml REPORT.json

The XML must be well-formed UTF-8 (xml.etree parses it) and shaped as the
JUnit readers of GitLab, Jenkins and GitHub expect: <testsuites> holding one
<testsuite> per domain with tests/failures/errors/skipped counts that add
up, one <testcase> per rule (classname pmoaudit.DOMAIN, name "ID title"),
and in each testcase what the JSON report says of the rule:

  skipped rule                          <skipped message="its message"/>
  errored rule                          <error message="its message">
  failed rule with unwaived findings    <failure message="N ..." type=SEV>,
                                        one line per finding (file:line key),
                                        capped with an "... and N more" line
  waived findings                       listed in <system-out>, never failing
  otherwise                             nothing

and no timestamps. Prints what is wrong and exits 1; silent exit 0 when it
is all right.
"""
import json
import sys
import xml.etree.ElementTree as ET

CAP = 200
problems = []


def bad(msg):
    problems.append(msg)


def count_attr(el, name):
    try:
        return int(el.get(name))
    except (TypeError, ValueError):
        bad("<%s name=%r> has %s=%r, not a count" % (el.tag, el.get("name"), name, el.get(name)))
        return -1


def loc(f):
    if f["file"] and f["line"]:
        return "%s:%s" % (f["file"], f["line"])
    return f["file"] or "-"


def expected(rule, findings):
    """What the testcase of a rule must hold: outcome, open findings, waived ones."""
    mine = [f for f in findings if f["rule"] == rule["id"]]
    waived = [f for f in mine if f["waived"]]
    open_ = [f for f in mine if not f["waived"]]
    # findings past the cap are counted in rules[].findings but not listed
    n_open = rule["findings"] - len(waived)
    if rule["status"] == "skipped":
        return "skipped", open_, n_open, waived
    if rule["status"] == "errored":
        return "error", open_, n_open, waived
    if rule["status"] == "failed" and n_open > 0:
        return "failure", open_, n_open, waived
    return "passed", open_, n_open, waived


def check_lines(case, body, open_, n_open, what):
    """One line per open finding (the first CAP of them), then a note for the rest."""
    lines = [l for l in body.split("\n") if l.strip()]
    listed = [l for l in lines if not l.startswith("... and ")]
    more = [l for l in lines if l.startswith("... and ")]
    shown = min(len(open_), CAP)
    if len(listed) != shown:
        bad("%s: %s lists %d findings, expected %d" % (case, what, len(listed), shown))
    for f, line in zip(open_, listed):
        want = loc(f) + ("  " + f["key"] if f["key"] else "")
        if want not in line:
            bad("%s: %s line %r lacks %r" % (case, what, line, want))
            break
    if n_open > shown and not (more and more[0].startswith("... and %d more" % (n_open - shown))):
        bad("%s: %s of %d findings lacks the '... and %d more' note" % (case, what, n_open, n_open - shown))
    if n_open <= shown and more:
        bad("%s: %s has a '... and N more' note but lists all" % (case, what))


def check_case(tc, rule, findings):
    case = rule["id"]
    outcome, open_, n_open, waived = expected(rule, findings)
    want_name = "%s %s" % (rule["id"], rule["title"])
    if tc.get("name") != want_name:
        bad("%s: testcase name %r, expected %r" % (case, tc.get("name"), want_name))
    if tc.get("classname") != "pmoaudit." + rule["domain"]:
        bad("%s: classname %r, expected %r" % (case, tc.get("classname"), "pmoaudit." + rule["domain"]))
    kinds = [c.tag for c in tc if c.tag in ("failure", "error", "skipped")]
    want = [] if outcome == "passed" else [outcome]
    if kinds != want:
        bad("%s (%s, %d open findings): testcase holds %s, expected %s" % (case, rule["status"], n_open, kinds, want))
        return
    if outcome == "failure":
        el = tc.find("failure")
        msg = el.get("message") or ""
        if not msg.startswith("%d " % n_open):
            bad("%s: failure message %r does not start with the count %d" % (case, msg, n_open))
        if not any(s in msg for s in ("critical", "error", "warning", "info")):
            bad("%s: failure message %r names no severity" % (case, msg))
        if el.get("type") != rule["severity"]:
            bad("%s: failure type %r, expected %r" % (case, el.get("type"), rule["severity"]))
        check_lines(case, el.text or "", open_, n_open, "failure")
    elif outcome in ("skipped", "error"):
        el = tc.find(outcome)
        if rule["message"] and el.get("message") != rule["message"]:
            bad("%s: %s message %r, expected %r" % (case, outcome, el.get("message"), rule["message"]))
    out = tc.find("system-out")
    if waived:
        text = out.text if out is not None else ""
        if not (text or "").startswith("waived: %d finding" % len(waived)):
            bad("%s: system-out does not list its %d waived findings" % (case, len(waived)))
        for f in waived[:CAP]:
            if loc(f) not in text:
                bad("%s: system-out lacks the waived finding at %s" % (case, loc(f)))
                break


def main():
    xml_path, json_path = sys.argv[1], sys.argv[2]
    raw = open(xml_path, "rb").read()
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as e:
        print("junit_check: %s is not UTF-8: %s" % (xml_path, e))
        return 1
    if not raw.startswith(b'<?xml version="1.0" encoding="UTF-8"?>'):
        bad("no XML declaration with encoding UTF-8")
    try:
        root = ET.fromstring(raw)
    except ET.ParseError as e:
        print("junit_check: %s is not well-formed XML: %s" % (xml_path, e))
        return 1
    rep = json.load(open(json_path, encoding="utf-8"))
    findings = rep["findings"]
    rules = {r["id"]: r for r in rep["rules"]}
    if root.tag != "testsuites":
        bad("root element <%s>, expected <testsuites>" % root.tag)
    if b"timestamp" in raw:
        bad("has a timestamp")
    totals = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    seen = []
    domains = sorted({r["domain"] for r in rep["rules"]})
    suites = list(root)
    if [s.get("name") for s in suites] != domains:
        bad("testsuites %s, expected one per domain %s" % ([s.get("name") for s in suites], domains))
    for suite in suites:
        if suite.tag != "testsuite":
            bad("<testsuites> holds <%s>" % suite.tag)
            continue
        name = suite.get("name")
        cases = suite.findall("testcase")
        got = {k: count_attr(suite, k) for k in totals}
        want = {"tests": len(cases),
                "failures": sum(1 for c in cases if c.find("failure") is not None),
                "errors": sum(1 for c in cases if c.find("error") is not None),
                "skipped": sum(1 for c in cases if c.find("skipped") is not None)}
        # the counts must also be those of the JSON report's rules of this domain
        dom = [r for r in rep["rules"] if r["domain"] == name]
        outcomes = [expected(r, findings)[0] for r in dom]
        from_json = {"tests": len(dom), "failures": outcomes.count("failure"),
                     "errors": outcomes.count("error"), "skipped": outcomes.count("skipped")}
        if got != want:
            bad("testsuite %s says %s but holds %s" % (name, got, want))
        if got != from_json:
            bad("testsuite %s says %s, the JSON report %s" % (name, got, from_json))
        for k in totals:
            totals[k] += got[k]
        for tc in cases:
            rid = (tc.get("name") or "").split(" ")[0]
            seen.append(rid)
            if rid not in rules:
                bad("testcase %r is no rule of the JSON report" % tc.get("name"))
                continue
            if rules[rid]["domain"] != name:
                bad("%s sits in testsuite %s, not %s" % (rid, name, rules[rid]["domain"]))
            check_case(tc, rules[rid], findings)
    if sorted(seen) != sorted(rules):
        bad("testcases %d, rules %d (missing %s)" % (len(seen), len(rules), sorted(set(rules) - set(seen))[:5]))
    got = {k: count_attr(root, k) for k in totals}
    if got != totals:
        bad("testsuites says %s, its suites add up to %s" % (got, totals))
    s = rep["summary"]
    if got["tests"] != s["rules"] or got["skipped"] != s["skipped"] or got["errors"] != s["errored"]:
        bad("testsuites says %s, the JSON summary %s" % (got, s))
    for p in problems[:20]:
        print("junit_check: " + p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
