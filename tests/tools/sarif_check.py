#!/usr/bin/env python3
"""Check a pmoaudit SARIF report against the JSON report of the same run.

  sarif_check.py REPORT.sarif REPORT.json [--base DIR]

Schema validity is checked apart (sarif_schema.py, ajv); this checks that
the SARIF says what the JSON report says:

  - $schema, version 2.1.0, one run, tool.driver pmoaudit with the version;
  - one reportingDescriptor per rule in the JSON order: id, a CamelCase
    name, shortDescription = title, fullDescription, help.text, and
    defaultConfiguration.level from the severity (critical and error ->
    error, warning -> warning, info -> note), properties.domain and
    properties["security-severity"] (9.5, 8.0, 5.5, 2.0: GitHub's
    critical, high, medium, low);
  - one result per finding in the same order (past GitHub's 25,000 a
    subset, which run.properties.truncated counts): ruleId and ruleIndex,
    level, rank (95 critical, 80 error, 55 warning, 20 info), message, the
    CSV file as artifactLocation.uri relative to the --sarif-base folder
    (DIR, default the working directory) with uriBaseId %SRCROOT%, which
    run.originalUriBaseIds declares without an absolute uri; no file: URI
    anywhere; region.startLine = line
    (no region without a line), the column in region.properties,
    partialFingerprints["pmoaudit/v1"] = fingerprint, properties (table,
    key, project_id, owner, projects, first_seen), an external suppression with the reason
    when waived, baselineState new/unchanged when the run had a baseline;
  - invocations[0].executionSuccessful false exactly when a rule errored,
    and a toolExecutionNotification for each skipped or errored rule;
  - run.properties.summary = the JSON summary.

Prints what is wrong and exits 1; silent exit 0 when it is all right.
"""
import json
import os
import re
import sys
from urllib.parse import unquote

LEVEL = {"critical": "error", "error": "error", "warning": "warning", "info": "note"}
RANK = {"critical": 95, "error": 80, "warning": 55, "info": 20}
SECURITY = {"critical": "9.5", "error": "8.0", "warning": "5.5", "info": "2.0"}
BASE_ID = "%SRCROOT%"
problems = []
base = os.getcwd()


def bad(msg):
    problems.append(msg)


def same_file(uri, path):
    """Whether the relative URI, resolved against the base, names path."""
    if not uri or ":" in uri.split("/")[0]:
        return False
    return os.path.realpath(os.path.join(base, unquote(uri))) == os.path.realpath(path)


def no_file_uris(node, where="$"):
    """No absolute file: URI anywhere in the log."""
    if isinstance(node, dict):
        for k, v in node.items():
            no_file_uris(v, where + "." + k)
    elif isinstance(node, list):
        for i, v in enumerate(node):
            no_file_uris(v, "%s[%d]" % (where, i))
    elif isinstance(node, str) and node.lower().startswith("file:"):
        bad("%s is an absolute file URI: %r" % (where, node))


def check_rules(driver, rep):
    descs = driver.get("rules", [])
    if [d.get("id") for d in descs] != [r["id"] for r in rep["rules"]]:
        bad("driver.rules %s, expected the JSON rules in order" % [d.get("id") for d in descs][:5])
        return
    for d, r in zip(descs, rep["rules"]):
        if not re.match(r"^[A-Z0-9][A-Za-z0-9]*$", d.get("name", "")):
            bad("%s: name %r is not CamelCase" % (r["id"], d.get("name")))
        if d.get("shortDescription", {}).get("text") != r["title"]:
            bad("%s: shortDescription %r, expected the title" % (r["id"], d.get("shortDescription")))
        if not d.get("fullDescription", {}).get("text"):
            bad("%s: no fullDescription" % r["id"])
        if not d.get("help", {}).get("text"):
            bad("%s: no help text" % r["id"])
        if d.get("defaultConfiguration", {}).get("level") != LEVEL[r["severity"]]:
            bad("%s: default level %r for severity %s" % (r["id"], d.get("defaultConfiguration"), r["severity"]))
        props = d.get("properties", {})
        if props.get("domain") != r["domain"] or not isinstance(props.get("tables"), list):
            bad("%s: properties %r lack domain and tables" % (r["id"], props))
        if props.get("security-severity") != SECURITY[r["severity"]]:
            bad("%s: security-severity %r for severity %s" % (r["id"], props.get("security-severity"),
                                                               r["severity"]))


def check_result(i, x, f, ids, had_baseline):
    where = "result %d (%s %s)" % (i, f["rule"], f["key"])
    if x.get("ruleId") != f["rule"]:
        bad("%s: ruleId %r" % (where, x.get("ruleId")))
    idx = x.get("ruleIndex")
    if idx is None or idx >= len(ids) or ids[idx] != f["rule"]:
        bad("%s: ruleIndex %r does not point at %s" % (where, idx, f["rule"]))
    if x.get("level") != LEVEL[f["severity"]] or x.get("rank") != RANK[f["severity"]]:
        bad("%s: level %r, rank %r for severity %s" % (where, x.get("level"), x.get("rank"), f["severity"]))
    # literal braces are doubled in SARIF message text (placeholders)
    if x.get("message", {}).get("text") != (f["message"] or "").replace("{", "{{").replace("}", "}}"):
        bad("%s: message %r, expected %r" % (where, x.get("message"), f["message"]))
    if f["file"]:
        pl = x.get("locations", [{}])[0].get("physicalLocation", {})
        art = pl.get("artifactLocation", {})
        uri = art.get("uri", "")
        if not same_file(uri, f["file"]) or art.get("uriBaseId") != BASE_ID:
            bad("%s: uri %r (base %r) is not the file %r relative to %s" % (where, uri, art.get("uriBaseId"),
                                                                        f["file"], base))
        region = pl.get("region")
        if f["line"]:
            if not region or region.get("startLine") != f["line"]:
                bad("%s: region %r, expected startLine %s" % (where, region, f["line"]))
            elif f["column"] and region.get("properties", {}).get("column") != f["column"]:
                bad("%s: region %r lacks the column %r" % (where, region, f["column"]))
        elif region is not None:
            bad("%s: a region without a line" % where)
    if x.get("partialFingerprints", {}).get("pmoaudit/v1") != f["fingerprint"]:
        bad("%s: partialFingerprints %r, expected %s" % (where, x.get("partialFingerprints"), f["fingerprint"]))
    props = x.get("properties", {})
    for k in ("table", "key", "project_id", "owner", "column"):
        if props.get(k) != f.get(k):
            bad("%s: properties.%s %r, expected %r" % (where, k, props.get(k), f.get(k)))
    if props.get("projects") != f.get("projects"):
        bad("%s: properties.projects %r, expected %r" % (where, props.get("projects"), f.get("projects")))
    if f.get("first_seen") and props.get("first_seen") != f["first_seen"]:
        bad("%s: properties.first_seen %r, expected %r" % (where, props.get("first_seen"), f["first_seen"]))
    sup = x.get("suppressions")
    if f["waived"]:
        if not sup or sup[0].get("kind") != "external" or not sup[0].get("justification"):
            bad("%s: waived, but suppressions %r" % (where, sup))
        elif f.get("waiver", {}).get("reason") and sup[0]["justification"] != f["waiver"]["reason"]:
            bad("%s: justification %r, expected the waiver's reason" % (where, sup[0]["justification"]))
    elif sup:
        bad("%s: not waived, but suppressions %r" % (where, sup))
    state = x.get("baselineState")
    if had_baseline:
        want = {"new": "new", "existing": "unchanged"}.get(f.get("baseline"))
        if state != want:
            bad("%s: baselineState %r, expected %r" % (where, state, want))
    elif state is not None:
        bad("%s: baselineState %r without a baseline" % (where, state))


def written(run, rep):
    """The findings the results stand for: all of them, or (truncated) the
    ones whose fingerprints the results carry, in report order."""
    results = run.get("results", [])
    trunc = run.get("properties", {}).get("truncated")
    if not trunc:
        if len(results) != len(rep["findings"]):
            bad("%d results, the JSON report has %d findings" % (len(results), len(rep["findings"])))
        return rep["findings"]
    if trunc.get("findings") != len(rep["findings"]) or trunc.get("results") != len(results):
        bad("truncated %r: the JSON report has %d findings, the run %d results" % (trunc, len(rep["findings"]),
                                                                                   len(results)))
    fps = {x.get("partialFingerprints", {}).get("pmoaudit/v1") for x in results}
    return [f for f in rep["findings"] if f["fingerprint"] in fps]


def main():
    global base
    sarif = json.load(open(sys.argv[1], encoding="utf-8"))
    rep = json.load(open(sys.argv[2], encoding="utf-8"))
    if len(sys.argv) > 4 and sys.argv[3] == "--base":
        base = os.path.abspath(sys.argv[4])
    no_file_uris(sarif)
    if sarif.get("version") != "2.1.0" or "sarif-schema-2.1.0" not in sarif.get("$schema", ""):
        bad("version %r, $schema %r" % (sarif.get("version"), sarif.get("$schema")))
    runs = sarif.get("runs", [])
    if len(runs) != 1:
        bad("%d runs, expected 1" % len(runs))
        runs = runs or [{}]
    run = runs[0]
    driver = run.get("tool", {}).get("driver", {})
    if driver.get("name") != "pmoaudit" or driver.get("version") != rep["tool"]["version"]:
        bad("driver %r %r" % (driver.get("name"), driver.get("version")))
    check_rules(driver, rep)
    ids = [d.get("id") for d in driver.get("rules", [])]
    if BASE_ID not in run.get("originalUriBaseIds", {}) or "uri" in run["originalUriBaseIds"].get(BASE_ID, {}):
        bad("originalUriBaseIds %r: expected %s, without an absolute uri" % (run.get("originalUriBaseIds"), BASE_ID))
    results = run.get("results", [])
    had_baseline = "baseline" in rep
    for i, (x, f) in enumerate(zip(results, written(run, rep))):
        check_result(i, x, f, ids, had_baseline)
    inv = run.get("invocations", [{}])[0]
    errored = [r["id"] for r in rep["rules"] if r["status"] == "errored"]
    skipped = [r["id"] for r in rep["rules"] if r["status"] == "skipped"]
    if inv.get("executionSuccessful") is not (not errored):
        bad("executionSuccessful %r with %d errored rules" % (inv.get("executionSuccessful"), len(errored)))
    notes = inv.get("toolExecutionNotifications", [])
    for rid in errored + skipped:
        mine = [n for n in notes if n.get("associatedRule", {}).get("id") == rid]
        if not mine:
            bad("no toolExecutionNotification for %s (%s)" % (rid, "errored" if rid in errored else "skipped"))
        elif rid in errored and mine[0].get("level") != "error":
            bad("the notification of errored %s has level %r" % (rid, mine[0].get("level")))
    if run.get("properties", {}).get("summary") != rep["summary"]:
        bad("run.properties.summary %r, the JSON summary %r" % (run.get("properties", {}).get("summary"),
                                                             rep["summary"]))
    for p in problems[:20]:
        print("sarif_check: " + p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
