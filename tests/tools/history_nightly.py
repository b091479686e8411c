#!/usr/bin/env python3
"""Nightly portfolios for the history tests, and an independent check.

    history_nightly.py gen DIR DAYS
        write DIR/N.csv, the projects.csv of day N, for N from 0 to DAYS-1: 30 active
        projects whose sponsor, manager, charter and business case come and
        go from day to day (each flips with a fixed chance per day, from a
        seed per project and field), so problems appear, are resolved and
        come back.
    history_nightly.py check PA HISTORY REPORTS_DIR DAYS SEVDAYS
        compare, for the DAYS runs whose JSON reports are REPORTS_DIR/DAY.json,
        what pmoaudit says (each report's baseline marks, first_seen and
        reopened; `history list`, `trend`, `diff` and `export` over HISTORY)
        with what follows from the reports' findings alone: the fingerprint
        sets of each day. SEVDAYS: the days run with STD-004 raised to error
        (a,b). Prints what it compared; each mismatch as "FAIL: ..."; exit 1
        on any.
"""
import csv
import io
import json
import random
import subprocess
import sys

KINDS = ["sponsor", "manager", "charter_approved", "business_case"]
START = "2026-03-01"


def state(project, kind, day):
    """Whether the problem is there on day `day`."""
    r = random.Random("%d-%s" % (project, kind))
    on = r.random() < 0.3
    for _ in range(day + 1):
        if r.random() < 0.2:
            on = not on
    return on


def gen(out, days):
    for day in range(days):
        gen_day("%s/%d.csv" % (out, day), day)


def gen_day(path, day):
    rows = ["project_id,name,status,phase,sponsor,manager,start_date,planned_finish,charter_approved,business_case"]
    for p in range(1, 31):
        bad = {k: state(p, k, day) for k in KINDS}
        rows.append(",".join([
            "PRJ-%04d" % (1000 + p), "Project %d" % p, "active", "execution",
            "" if bad["sponsor"] else "Ann Lee", "" if bad["manager"] else "Bo Chan",
            "2026-01-05", "2026-12-18", "no" if bad["charter_approved"] else "yes",
            "" if bad["business_case"] else "BC-%d" % p]))
    with open(path, "w") as f:
        f.write("\n".join(rows) + "\n")


def day_of(as_of):
    import datetime
    d0 = datetime.date.fromisoformat(START)
    return (datetime.date.fromisoformat(as_of) - d0).days


FAILS = []


def expect(what, got, want):
    if got != want:
        FAILS.append("%s: got %r, expected %r" % (what, got, want))


def pa(binary, *args):
    p = subprocess.run([binary] + list(args), capture_output=True, text=True, timeout=120)
    if p.returncode != 0:
        FAILS.append("%s exited %d: %s" % (" ".join(args), p.returncode, p.stderr.strip()))
    return p.stdout


def check_marks(reports, sets):
    """new/existing, reopened, first_seen and resolved of each report."""
    n_reopened = n_aged = 0
    for d, rep in enumerate(reports):
        cur, prev = sets[d], sets[d - 1] if d else None
        earlier = set().union(*sets[:d - 1]) if d > 1 else set()
        for f in rep["findings"]:
            fp = f["fingerprint"]
            start = d
            while start > 0 and fp in sets[start - 1]:
                start -= 1
            expect("day %d %s first_seen" % (d, fp), day_of(f["first_seen"]), start)
            n_aged += start < d
            if prev is None:
                expect("day %d %s baseline" % (d, fp), f.get("baseline"), None)
                continue
            expect("day %d %s baseline" % (d, fp), f.get("baseline"), "existing" if fp in prev else "new")
            reopened = fp not in prev and fp in earlier
            expect("day %d %s reopened" % (d, fp), f.get("reopened", False), reopened)
            n_reopened += reopened
        if prev is not None:
            b = rep["baseline"]
            expect("day %d resolved" % d, sorted(x["fingerprint"] for x in b["resolved"]), sorted(prev - cur))
            expect("day %d new" % d, b["new"], len(cur - prev))
            expect("day %d reopened count" % d, b["reopened"], len(cur - prev & earlier))
    return n_reopened, n_aged


def rows(text):
    return list(csv.DictReader(io.StringIO(text)))


def check_trend(binary, hist, reports, args, keep):
    got = rows(pa(binary, "history", "trend", "--history", hist, "-f", "csv", *args))
    expect("trend %s runs" % args, len(got), len(reports))
    for d, (row, rep) in enumerate(zip(got, reports)):
        fs = [f for f in rep["findings"] if keep(f) and not f["waived"]]
        want = {"as_of": rep["as_of"], "findings": str(len(fs))}
        for s in ("critical", "error", "warning", "info"):
            want[s] = str(sum(f["severity"] == s for f in fs))
        want["new"] = str(sum(f.get("baseline") == "new" for f in fs))
        want["reopened"] = str(sum(bool(f.get("reopened")) for f in fs))
        expect("trend %s day %d" % (args, d), {k: row[k] for k in want}, want)


def check_diffs(binary, hist, reports, sets):
    pairs = [(0, 1), (0, 29), (5, 6), (10, 14), (11, 12), (15, 16), (20, 29), (3, 27)]
    for a, b in pairs:
        got = rows(pa(binary, "history", "diff", str(a + 1), str(b + 1), "--history", hist, "-f", "csv"))
        sev_a = {f["fingerprint"]: f["severity"] for f in reports[a]["findings"]}
        sev_b = {f["fingerprint"]: f["severity"] for f in reports[b]["findings"]}
        want = sorted([("new", fp, sev_b[fp], "") for fp in sets[b] - sets[a]] +
                      [("resolved", fp, sev_a[fp], "") for fp in sets[a] - sets[b]] +
                      [("severity", fp, sev_b[fp], sev_a[fp]) for fp in sets[a] & sets[b] if sev_a[fp] != sev_b[fp]])
        have = sorted((r["change"], r["fingerprint"], r["severity"], r["was"]) for r in got)
        expect("diff %d %d" % (a + 1, b + 1), have, want)
    return len(pairs)


def check_list(binary, hist, reports, sets):
    got = json.loads(pa(binary, "history", "list", "--history", hist, "-f", "json"))
    expect("list runs", [r["run"] for r in got], list(range(1, len(reports) + 1)))
    for d, (row, rep) in enumerate(zip(got, reports)):
        earlier = set().union(*sets[:d - 1]) if d > 1 else set()
        want = {"as_of": rep["as_of"], "findings": len(sets[d]), "exit": 1,
                "new": len(sets[d] - sets[d - 1]) if d else None,
                "resolved": len(sets[d - 1] - sets[d]) if d else None,
                "reopened": len(sets[d] - sets[d - 1] & earlier) if d else None}
        expect("list day %d" % d, {k: row[k] for k in want}, want)


def check(binary, hist, rdir, days, sevdays):
    reports = [json.load(open("%s/%d.json" % (rdir, d))) for d in range(days)]
    sets = [set(f["fingerprint"] for f in r["findings"]) for r in reports]
    n_reopened, n_aged = check_marks(reports, sets)
    check_trend(binary, hist, reports, [], lambda f: True)
    check_trend(binary, hist, reports, ["--rule", "STD-004"], lambda f: f["rule"] == "STD-004")
    check_trend(binary, hist, reports, ["--project", "PRJ-1007"], lambda f: f["project_id"] == "PRJ-1007")
    check_trend(binary, hist, reports, ["--domain", "STD"], lambda f: True)
    check_trend(binary, hist, reports, ["--domain", "SCH"], lambda f: False)
    ndiff = check_diffs(binary, hist, reports, sets)
    check_list(binary, hist, reports, sets)
    for d in (0, 13, 29):
        exp = json.loads(pa(binary, "history", "export", str(d + 1), "--history", hist, "-f", "json"))
        for k in ("as_of", "summary", "rules", "findings", "baseline"):
            expect("export %d %s" % (d + 1, k), exp.get(k), reports[d].get(k))
    a, b = sevdays
    print("runs compared: %d" % days)
    print("findings compared: %d" % sum(len(s) for s in sets))
    print("reopened findings compared: %d" % n_reopened)
    print("findings older than their run: %d" % n_aged)
    print("diffs compared: %d (STD-004 raised to error on days %d to %d)" % (ndiff, a, b - 1))
    for f in FAILS[:20]:
        print("FAIL: " + f)
    return 1 if FAILS else 0


if __name__ == "__main__":
    if sys.argv[1] == "gen":
        gen(sys.argv[2], int(sys.argv[3]))
    else:
        sys.exit(check(sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5]),
                       [int(x) for x in sys.argv[6].split(",")]))
