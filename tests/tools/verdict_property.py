#!/usr/bin/env python3
"""A property of pmoaudit's verdicts (docs/verdicts.md): over random
--max-findings, --project, --only/--skip, --fail-on and formats, the counts
and the exit code of a run equal those of one uncapped, unfiltered run whose
findings are filtered afterwards.

  verdict_property.py PA DATA_DIR WORK_DIR [--seed N] [--trials N]

The reference is one run of the whole portfolio with every finding listed.
Each trial draws its options from a seeded random generator (the same seed
gives the same trials), runs `run` or `gate` with -f json plus one other
format, and checks against the reference filtered by the trial's rules and
projects:
  - the exit code (2 when the filters leave no rule);
  - each rule's status and count, the summary by severity, and a gate's
    blocking count and verdict;
  - what is listed: min(count, cap) findings a rule, each one a finding of
    the reference in scope, and "not_listed" for the rest;
  - the counts the other format shows (text, Markdown, HTML, SARIF), and
    the CSV's rows (the listed findings).
Prints one line per mismatch and the trials run; exit 1 on any mismatch.
"""
import argparse
import collections
import csv
import fnmatch
import json
import os
import random
import re
import subprocess
import sys

AS_OF = "2026-06-30"
SEVS = ["info", "warning", "error", "critical"]
WHOLE_DATA = {"DAT-006", "DAT-007"}   # about every project: in every scope


def rules_of(pa):
    """id -> (severity, gates) from `pmoaudit list`."""
    out = subprocess.run([pa, "list"], capture_output=True, text=True, check=True).stdout
    rules = {}
    for line in out.splitlines()[1:]:
        f = line.split()
        if len(f) >= 5:
            rules[f[0]] = (f[1], [] if f[4] == "-" else f[4].lower().split(","))
    return rules


def project_ids(data):
    with open(os.path.join(data, "projects.csv"), encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    return sorted({(r.get("project_id") or "").strip() for r in rows} - {""})


def run(pa, args):
    p = subprocess.run([pa] + args, capture_output=True, text=True, timeout=120)
    return p.returncode, p.stdout, p.stderr


def draw(rng, rules, pids):
    """One trial's options."""
    t = {"cap": rng.choice([None, 1, 1, 2, 3, 5, 8, 30]),
         "fail_on": rng.choice([None, "info", "warning", "error", "critical", "never"]),
         "fmt": rng.choice(["text", "md", "html", "sarif", "csv", "junit"]),
         "gate": None, "only": [], "skip": []}
    domains = sorted({r.split("-")[0] for r in rules})
    ids = sorted(rules)
    if rng.random() < 0.25:
        t["gate"] = rng.choice(["G1", "G2", "G3", "G4"])
        t["project"] = rng.choice(pids)
        if rng.random() < 0.3:
            t["skip"] = rng.sample(ids, 2)
        return t
    r = rng.random()
    t["project"] = None if r < 0.35 else (",".join(rng.sample(pids, rng.randint(1, 3))) if r < 0.8
                                          else rng.choice(pids)[:-1] + "*")
    if rng.random() < 0.5:
        t["only"] = [rng.choice(domains) + "-*" if rng.random() < 0.5 else rng.choice(ids)
                     for _ in range(rng.randint(1, 3))]
    if rng.random() < 0.4:
        t["skip"] = rng.sample(ids, rng.randint(1, 4))
    if rng.random() < 0.08:   # a selection of no rule
        t["only"], t["skip"] = ["STD-001"], ["STD-*"]
    return t


def selected(t, rules):
    if t["gate"]:
        sel = {r for r, (_, gates) in rules.items() if t["gate"].lower() in gates}
    elif t["only"]:
        sel = {r for r in rules if any(fnmatch.fnmatchcase(r, p) for p in t["only"])}
    else:
        sel = set(rules)
    return {r for r in sel if not any(fnmatch.fnmatchcase(r, p) for p in t["skip"])}


def in_scope(f, scope):
    if scope is None or f["rule"] in WHOLE_DATA:
        return True
    return f.get("project_id") in scope or any(p in scope for p in f.get("projects") or [])


def fails(sev, t):
    if t["fail_on"] is None:
        return sev in ("error", "critical")   # run's default, and a gate's default block
    return t["fail_on"] != "never" and SEVS.index(sev) >= SEVS.index(t["fail_on"])


def ident(f):
    return (f["rule"], f.get("table"), f.get("key"), f.get("column"), f.get("file"), f.get("line"), f.get("message"))


def args_of(t, data, out):
    if t["gate"]:
        a = ["gate", t["project"], t["gate"], data]
    else:
        a = ["run", data]
        if t["project"]:
            a += ["--project", t["project"]]
        if t["only"]:
            a += ["--only", ",".join(t["only"])]
    a += ["--as-of", AS_OF, "-f", "json," + t["fmt"], "-o", out, "-q", "-j", "2"]
    if t["skip"]:
        a += ["--skip", ",".join(t["skip"])]
    if t["cap"]:
        a += ["--max-findings", str(t["cap"])]
    if t["fail_on"]:
        a += ["--fail-on", t["fail_on"]]
    return a


def expected(t, ref, rules, pids):
    """Per rule (status, count, by severity) and the exit code, from the reference."""
    sel = selected(t, rules)
    scope = None
    if t["project"]:
        scope = {p for p in pids if any(fnmatch.fnmatchcase(p, g) for g in t["project"].split(","))}
    by_rule = {r["id"]: r for r in ref["rules"]}
    want = {}
    for rid in sorted(sel):
        fs = [f for f in ref["findings"] if f["rule"] == rid and in_scope(f, scope)]
        status = by_rule[rid]["status"]
        if status in ("passed", "failed"):
            status = "failed" if fs else "passed"
        want[rid] = (status, fs)
    fail = any(fails(f["severity"], t) for _, fs in want.values() for f in fs)
    code = 2 if not sel else 1 if fail else 0
    return want, code


def check_lists(t, got, want, bad):
    listed = collections.defaultdict(list)
    for f in got["findings"]:
        listed[f["rule"]].append(f)
    for r in got["rules"]:
        rid = r["id"]
        status, fs = want.get(rid, ("(not selected)", []))
        if r["status"] != status or r["findings"] != len(fs):
            bad("%s: %s with %d findings, expected %s with %d" % (rid, r["status"], r["findings"], status, len(fs)))
        n = len(listed[rid])
        if n != (min(len(fs), t["cap"]) if t["cap"] else len(fs)) or r.get("not_listed", 0) != len(fs) - n:
            bad("%s: %d listed, not_listed %s, of %d" % (rid, n, r.get("not_listed"), len(fs)))
        pool = collections.Counter(ident(f) for f in fs)
        extra = collections.Counter(ident(f) for f in listed[rid]) - pool
        if extra:
            bad("%s lists findings the filtered reference lacks: %s" % (rid, list(extra)[:2]))
    if sorted(r["id"] for r in got["rules"]) != sorted(want):
        bad("rules %s, expected %s" % (sorted(r["id"] for r in got["rules"]), sorted(want)))


def check_format(t, out, sev, listed, blocking, code, bad):
    """The counts the trial's other format shows."""
    path = os.path.join(out, "report." + {"text": "txt", "md": "md", "html": "html", "sarif": "sarif",
                                          "csv": "csv", "junit": "xml"}[t["fmt"]])
    text = open(path, encoding="utf-8").read()
    line = "findings: %d critical, %d error, %d warning, %d info" % (sev[3], sev[2], sev[1], sev[0])
    if t["fmt"] == "text" and t["gate"] and not re.search(r"^%d blocking, .* exit %d$" % (blocking, code), text, re.M):
        bad("text: no line '%d blocking, ...; exit %d'" % (blocking, code))
    elif t["fmt"] == "text" and not t["gate"] and line not in text:
        bad("text lacks: " + line)
    elif t["fmt"] == "md" and t["gate"] and " · %d blocking, " % blocking not in text:
        bad("md: not %d blocking" % blocking)
    elif t["fmt"] == "md" and not t["gate"] and "\n| %d | %d | %d | %d | 0 |" % (sev[3], sev[2], sev[1], sev[0]) not in text:
        bad("md: counts row is not %s" % sev[::-1])
    elif t["fmt"] == "html":
        kpis = re.findall(r'<a class="card kpi k(\d)" [^>]*><div class="v">([\d,]+)</div>', text)
        if sorted((int(k), int(v.replace(",", ""))) for k, v in kpis) != list(enumerate(sev)):
            bad("html: severity cards %s, expected %s" % (kpis, sev))
    elif t["fmt"] == "sarif":
        s = json.loads(text)["runs"][0]["properties"]["summary"]["findings"]
        if [s[k] for k in SEVS] != sev:
            bad("sarif: summary %s, expected %s" % (s, sev))
    elif t["fmt"] == "csv":
        rows = list(csv.DictReader(text.splitlines()))
        found = sum(1 for r in rows if r["fingerprint"])  # the others are notes of rules cut by --max-findings
        if found != listed:
            bad("csv: %d finding rows, expected the %d listed findings" % (found, listed))


def trial(pa, data, work, t, ref, rules, pids, bad):
    out = os.path.join(work, "t")
    subprocess.run(["rm", "-rf", out])
    code, _, err = run(pa, args_of(t, data, out))
    want, want_code = expected(t, ref, rules, pids)
    if code != want_code:
        bad("exit %d, expected %d (%s)" % (code, want_code, err.strip()[:200]))
        return
    if code == 2:
        if "no rule to run: " not in err:
            bad("exit 2 without 'no rule to run': " + err.strip()[:200])
        return
    got = json.load(open(os.path.join(out, "report.json"), encoding="utf-8"))
    check_lists(t, got, want, bad)
    sev = [sum(1 for _, fs in want.values() for f in fs if f["severity"] == s) for s in SEVS]
    if [got["summary"]["findings"][s] for s in SEVS] != sev:
        bad("summary %s, expected %s" % (got["summary"]["findings"], sev))
    blocking = sum(1 for _, fs in want.values() for f in fs if fails(f["severity"], t))
    if t["gate"]:
        g = got["gate"]
        verdict = "NOT GATED" if t["fail_on"] == "never" else "BLOCKED" if blocking else "PASS"
        if g["blocking"] != blocking or g["verdict"] != verdict:
            bad("gate: %s with %d blocking, expected %s with %d" % (g["verdict"], g["blocking"], verdict, blocking))
    check_format(t, out, sev, len(got["findings"]), blocking, code, bad)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("pa")
    ap.add_argument("data")
    ap.add_argument("work")
    ap.add_argument("--seed", type=int, default=16)
    ap.add_argument("--trials", type=int, default=40)
    a = ap.parse_args()
    ref_path = os.path.join(a.work, "ref.json")
    code, _, err = run(a.pa, ["run", a.data, "--as-of", AS_OF, "-f", "json", "-o", ref_path, "-q", "--fail-on", "never"])
    ref = json.load(open(ref_path, encoding="utf-8")) if code == 0 else None
    if ref is None or ref["summary"].get("not_listed") or not ref["findings"]:
        print("the reference run failed or is cut: exit %d %s" % (code, err.strip()[:200]))
        return 1
    rules, pids = rules_of(a.pa), project_ids(a.data)
    rng = random.Random(a.seed)
    nbad = 0
    for i in range(a.trials):
        t = draw(rng, rules, pids)

        def bad(why, i=i, t=t):
            nonlocal nbad
            nbad += 1
            print("trial %d %s: %s" % (i, " ".join(args_of(t, "DATA", "OUT")), why))
        trial(a.pa, a.data, a.work, t, ref, rules, pids, bad)
    print("%d trials, %d mismatches (seed %d)" % (a.trials, nbad, a.seed))
    return 1 if nbad else 0


if __name__ == "__main__":
    sys.exit(main())
