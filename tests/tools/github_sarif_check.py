#!/usr/bin/env python3
"""Check a SARIF file against what GitHub code scanning accepts on upload.

  github_sarif_check.py REPORT.sarif...

Schema validity is checked apart (sarif_schema.py, ajv). These are the
upload rules and limits of GitHub's "SARIF support for code scanning" and
"SARIF results exceed one or more limits" pages, which reject a file (or a
run) past them:

  - at most 20 runs per file, 25,000 results and 25,000 rules per run,
    100 tool extensions per run, 1,000 locations per result, 20 tags per
    rule; at most 10 MB gzip-compressed (the upload's size limit);
  - every result has a ruleId that the run's driver declares, a message
    text, and partialFingerprints (else GitHub computes its own from the
    source file, which for a CSV export is meaningless);
  - every artifactLocation uri is a relative reference (no scheme, no
    leading '/'), so that code scanning maps it to a file of the
    repository, with a uriBaseId that run.originalUriBaseIds declares;
  - properties["security-severity"], where a rule has it, is a number
    from 0.0 to 10.0 written as a string, as GitHub reads it.

Prints what is wrong and exits 1; silent exit 0 when it is all right.
"""
import gzip
import json
import re
import sys

LIMITS = {"runs": 20, "results": 25000, "rules": 25000, "extensions": 100, "locations": 1000, "tags": 20}
MAX_GZIP = 10 * 1024 * 1024
problems = []


def bad(path, msg):
    problems.append("%s: %s" % (path, msg))


def artifact_locations(node):
    """Every artifactLocation object in the run (results, notifications,
    suppressions, artifacts)."""
    if isinstance(node, dict):
        for k, v in node.items():
            if k in ("artifactLocation", "location") and isinstance(v, dict) and "uri" in v:
                yield v
            yield from artifact_locations(v)
    elif isinstance(node, list):
        for v in node:
            yield from artifact_locations(v)


def check_run(path, i, run):
    where = "runs[%d]" % i
    driver = run.get("tool", {}).get("driver", {})
    rules = driver.get("rules", [])
    results = run.get("results", [])
    if len(results) > LIMITS["results"]:
        bad(path, "%s has %d results, more than GitHub's %d" % (where, len(results), LIMITS["results"]))
    if len(rules) > LIMITS["rules"]:
        bad(path, "%s has %d rules, more than %d" % (where, len(rules), LIMITS["rules"]))
    if len(run.get("tool", {}).get("extensions", [])) > LIMITS["extensions"]:
        bad(path, "%s has more than %d tool extensions" % (where, LIMITS["extensions"]))
    ids = set()
    for d in rules:
        ids.add(d.get("id"))
        tags = d.get("properties", {}).get("tags", [])
        if len(tags) > LIMITS["tags"]:
            bad(path, "rule %s has %d tags, more than %d" % (d.get("id"), len(tags), LIMITS["tags"]))
        sec = d.get("properties", {}).get("security-severity")
        if sec is not None and not (isinstance(sec, str) and re.match(r"^\d+(\.\d+)?$", sec) and
                                    0.0 <= float(sec) <= 10.0):
            bad(path, "rule %s: security-severity %r is not a number from 0.0 to 10.0" % (d.get("id"), sec))
    for k, x in enumerate(results):
        if x.get("ruleId") not in ids:
            bad(path, "%s.results[%d]: ruleId %r is no rule of the driver" % (where, k, x.get("ruleId")))
        if not x.get("message", {}).get("text"):
            bad(path, "%s.results[%d] has no message text" % (where, k))
        if not x.get("partialFingerprints"):
            bad(path, "%s.results[%d] has no partialFingerprints" % (where, k))
        if len(x.get("locations", [])) > LIMITS["locations"]:
            bad(path, "%s.results[%d] has more than %d locations" % (where, k, LIMITS["locations"]))
        if len(problems) > 20:
            return
    bases = run.get("originalUriBaseIds", {})
    for loc in artifact_locations(run):
        uri = loc["uri"]
        if re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", uri) or uri.startswith("/"):
            bad(path, "%s: uri %r is not a relative reference" % (where, uri))
            return
        if loc.get("uriBaseId") not in bases:
            bad(path, "%s: uri %r has uriBaseId %r, which originalUriBaseIds %r lacks" %
                (where, uri, loc.get("uriBaseId"), sorted(bases)))
            return


def check(path):
    raw = open(path, "rb").read()
    size = len(gzip.compress(raw))
    if size > MAX_GZIP:
        bad(path, "%d bytes gzip-compressed, more than GitHub's %d" % (size, MAX_GZIP))
    log = json.loads(raw)
    runs = log.get("runs", [])
    if not runs or len(runs) > LIMITS["runs"]:
        bad(path, "%d runs: GitHub takes 1 to %d" % (len(runs), LIMITS["runs"]))
    for i, run in enumerate(runs):
        check_run(path, i, run)


def main():
    for path in sys.argv[1:]:
        check(path)
    for p in problems[:20]:
        print("github_sarif_check: " + p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
