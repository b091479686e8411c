#!/usr/bin/env python3
"""Check a pmoaudit JUnit report against the JSON report of the same run.

  junit_check.py REPORT.xml REPORT.json [--fail-on SEV] [--fail-on-new] [--timings]

The XML must be well-formed UTF-8 (xml.etree parses it) and shaped as the
JUnit readers of GitLab, Jenkins and GitHub expect: <testsuites> holding one
<testsuite> per domain with tests/failures/errors/skipped counts that add
up (the skipped count only on <testsuite>: the Jenkins schema has none on
<testsuites>), one <testcase> per rule (classname pmoaudit.DOMAIN, name
"ID title"), and in each testcase what the JSON report says of the rule,
judged as the run's exit code is (--fail-on SEV, default error; never;
--fail-on-new; in a gate report, the findings' "blocking"):

  skipped rule                          <skipped message="its message"/>
  errored rule                          <error message="its message">
  a finding that fails the run          <failure message="N ..." type=SEV>,
                                        one line per failing finding
                                        (file:line key), capped with an
                                        "... and N more" line
  open findings that do not fail it     listed in <system-out> after a
                                        "not failing (why): N ..." line
  waived findings                       listed in <system-out>, never failing
  otherwise                             nothing

A rule's findings past --max-findings are not in the JSON report; they are
taken to have the rule's severity and to be new. Every time is "0", or
with --timings a number whose suite totals add up; no timestamps. Prints
what is wrong and exits 1; silent exit 0 when it is all right.
"""
import json
import sys
import xml.etree.ElementTree as ET

CAP = 200
SEVS = ["info", "warning", "error", "critical"]
problems = []
opts = {"fail_on": "error", "fail_on_new": False, "timings": False}


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


def fails(f, had_baseline):
    """Whether a finding fails the run (and so its testcase)."""
    if "blocking" in f:
        return f["blocking"]
    if f["waived"] or opts["fail_on"] == "never":
        return False
    if SEVS.index(f["severity"]) < SEVS.index(opts["fail_on"]):
        return False
    return not (opts["fail_on_new"] and had_baseline and f.get("baseline") == "existing")


def expected(rule, findings, had_baseline):
    """What the testcase of a rule must hold: outcome, and its failing,
    passing (open, not failing) and waived findings with their counts."""
    mine = [f for f in findings if f["rule"] == rule["id"]]
    waived = [f for f in mine if f["waived"]]
    failing = [f for f in mine if not f["waived"] and fails(f, had_baseline)]
    passing = [f for f in mine if not f["waived"] and not fails(f, had_baseline)]
    # findings past the cap are counted in rules[].findings but not listed
    dropped = rule["findings"] - len(mine)
    past_fail = dropped if dropped > 0 and fails(
        {"severity": rule["severity"], "waived": False, "baseline": "new"}, had_baseline) else 0
    n_fail = len(failing) + past_fail
    n_pass = len(passing) + (dropped - past_fail if dropped > 0 else 0)
    if rule["status"] == "skipped":
        outcome = "skipped"
    elif rule["status"] == "errored":
        outcome = "error"
    else:
        outcome = "failure" if n_fail > 0 else "passed"
    return outcome, (failing, n_fail), (passing, n_pass), waived


def check_lines(case, body, listed_f, n_total, what):
    """One line per finding (the first CAP of them), then a note for the rest."""
    lines = [l for l in body.split("\n") if l.strip()]
    listed = [l for l in lines if not l.startswith("... and ")]
    more = [l for l in lines if l.startswith("... and ")]
    shown = min(len(listed_f), CAP)
    if len(listed) != shown:
        bad("%s: %s lists %d findings, expected %d" % (case, what, len(listed), shown))
    for f, line in zip(listed_f, listed):
        want = loc(f) + ("  " + f["key"] if f["key"] else "")
        if want not in line:
            bad("%s: %s line %r lacks %r" % (case, what, line, want))
            break
    if n_total > shown and not (more and more[0].startswith("... and %d more" % (n_total - shown))):
        bad("%s: %s of %d findings lacks the '... and %d more' note" % (case, what, n_total, n_total - shown))
    if n_total <= shown and more:
        bad("%s: %s has a '... and N more' note but lists all" % (case, what))


def check_system_out(case, tc, outcome, passing, n_pass, waived):
    """<system-out>: "not failing (...): N ..." and the passing findings,
    then "waived: N finding(s)" and the waived ones."""
    out = tc.find("system-out")
    text = (out.text or "") if out is not None else ""
    at_waived = text.find("waived: ")
    pass_part = text[:at_waived] if at_waived >= 0 else text
    if n_pass and outcome != "error":
        head, _, body = pass_part.partition("\n")
        if not head.startswith("not failing (") or "): %d " % n_pass not in head:
            bad("%s: system-out does not start with 'not failing (...): %d ...': %r" % (case, n_pass, head[:120]))
        else:
            cut = body.find("waiver ")  # notes about expired or unused waivers end the text
            check_lines(case, body if cut < 0 else body[:cut], passing, n_pass, "system-out")
    elif "not failing (" in text:
        bad("%s: system-out lists findings as not failing, expected none" % case)
    if waived:
        if at_waived < 0 or not text[at_waived:].startswith("waived: %d finding" % len(waived)):
            bad("%s: system-out does not list its %d waived findings" % (case, len(waived)))
        for f in waived[:CAP]:
            if loc(f) not in text[at_waived:]:
                bad("%s: system-out lacks the waived finding at %s" % (case, loc(f)))
                break


def check_case(tc, rule, findings, had_baseline):
    case = rule["id"]
    outcome, (failing, n_fail), (passing, n_pass), waived = expected(rule, findings, had_baseline)
    want_name = "%s %s" % (rule["id"], rule["title"])
    if tc.get("name") != want_name:
        bad("%s: testcase name %r, expected %r" % (case, tc.get("name"), want_name))
    if tc.get("classname") != "pmoaudit." + rule["domain"]:
        bad("%s: classname %r, expected %r" % (case, tc.get("classname"), "pmoaudit." + rule["domain"]))
    kinds = [c.tag for c in tc if c.tag in ("failure", "error", "skipped")]
    want = [] if outcome == "passed" else [outcome]
    if kinds != want:
        bad("%s (%s, %d failing findings): testcase holds %s, expected %s" % (case, rule["status"], n_fail, kinds,
                                                                               want))
        return
    if outcome == "failure":
        el = tc.find("failure")
        msg = el.get("message") or ""
        if not msg.startswith("%d " % n_fail):
            bad("%s: failure message %r does not start with the count %d" % (case, msg, n_fail))
        if not any(s in msg for s in SEVS):
            bad("%s: failure message %r names no severity" % (case, msg))
        top = max([SEVS.index(f["severity"]) for f in failing] or [SEVS.index(rule["severity"])])
        if el.get("type") != SEVS[top]:
            bad("%s: failure type %r, expected %r" % (case, el.get("type"), SEVS[top]))
        check_lines(case, el.text or "", failing, n_fail, "failure")
    elif outcome in ("skipped", "error"):
        el = tc.find(outcome)
        if rule["message"] and el.get("message") != rule["message"]:
            bad("%s: %s message %r, expected %r" % (case, outcome, el.get("message"), rule["message"]))
    check_system_out(case, tc, outcome, passing, n_pass, waived)


def millis(el):
    """The time attribute in milliseconds; "0" unless --timings."""
    t = el.get("time")
    if not opts["timings"]:
        if t != "0":
            bad("<%s name=%r> time=%r, expected \"0\" without --timings" % (el.tag, el.get("name"), t))
        return 0
    try:
        whole, _, frac = t.partition(".")
        return int(whole) * 1000 + int((frac + "000")[:3])
    except (AttributeError, ValueError):
        bad("<%s name=%r> time=%r is no number of seconds" % (el.tag, el.get("name"), t))
        return 0


def main():
    xml_path, json_path = sys.argv[1], sys.argv[2]
    args = sys.argv[3:]
    while args:
        a = args.pop(0)
        if a == "--fail-on":
            opts["fail_on"] = args.pop(0)
        elif a == "--fail-on-new":
            opts["fail_on_new"] = True
        elif a == "--timings":
            opts["timings"] = True
        else:
            print("junit_check: unknown argument %r" % a)
            return 2
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
    had_baseline = "baseline" in rep
    rules = {r["id"]: r for r in rep["rules"]}
    if root.tag != "testsuites":
        bad("root element <%s>, expected <testsuites>" % root.tag)
    if b"timestamp" in raw:
        bad("has a timestamp")
    totals = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    seen = []
    total_ms = 0
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
        outcomes = [expected(r, findings, had_baseline)[0] for r in dom]
        from_json = {"tests": len(dom), "failures": outcomes.count("failure"),
                     "errors": outcomes.count("error"), "skipped": outcomes.count("skipped")}
        if got != want:
            bad("testsuite %s says %s but holds %s" % (name, got, want))
        if got != from_json:
            bad("testsuite %s says %s, the JSON report %s" % (name, got, from_json))
        for k in totals:
            totals[k] += got[k]
        suite_ms = millis(suite)
        if sum(millis(tc) for tc in cases) != suite_ms:
            bad("testsuite %s: time %r is not the sum of its testcases'" % (name, suite.get("time")))
        total_ms += suite_ms
        for tc in cases:
            rid = (tc.get("name") or "").split(" ")[0]
            seen.append(rid)
            if rid not in rules:
                bad("testcase %r is no rule of the JSON report" % tc.get("name"))
                continue
            if rules[rid]["domain"] != name:
                bad("%s sits in testsuite %s, not %s" % (rid, name, rules[rid]["domain"]))
            check_case(tc, rules[rid], findings, had_baseline)
    if sorted(seen) != sorted(rules):
        bad("testcases %d, rules %d (missing %s)" % (len(seen), len(rules), sorted(set(rules) - set(seen))[:5]))
    if root.get("skipped") is not None:
        bad("<testsuites> has a skipped attribute, which the Jenkins schema does not allow")
    got = {k: count_attr(root, k) for k in ("tests", "failures", "errors")}
    got["skipped"] = totals["skipped"]
    if got != totals:
        bad("testsuites says %s, its suites add up to %s" % (got, totals))
    if millis(root) != total_ms:
        bad("testsuites time %r is not the sum of its suites'" % root.get("time"))
    s = rep["summary"]
    if got["tests"] != s["rules"] or got["skipped"] != s["skipped"] or got["errors"] != s["errored"]:
        bad("testsuites says %s, the JSON summary %s" % (got, s))
    for p in problems[:20]:
        print("junit_check: " + p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
