#!/usr/bin/env python3
"""Check the trend, ages and resolved list of the last run's HTML and Markdown
reports (--history) against an independent computation.

    history_trend_check.py PA HISTORY REPORTS_DIR DAYS N

REPORTS_DIR/DAY/report.{json,html,md} for DAY from 0 to DAYS-1 are the reports
of DAYS runs of one series, each with --trend-runs N. For the last run:
  - the HTML has one sparkline for the total, one per rule domain and one per
    project with a finding not waived in the window; each has min(DAYS, N)
    data-values and as many polyline points, and the values are the counts
    of findings not waived in the last runs' JSON reports, and the same as
    the `findings` column of `pmoaudit history trend` (with --domain or
    --project for the lines of a domain or project);
  - the Markdown's trend row holds the same totals;
  - each finding's age ("N d") is its run's as-of date minus the first day
    of the unbroken streak of runs that had its fingerprint;
  - the resolved rows' fingerprints are exactly those of the previous run
    that the last lacks.
Prints what it compared; each mismatch as "FAIL: ..."; exit 1 on any.
"""
import collections
import csv
import datetime
import io
import json
import re
import subprocess
import sys

fails = []


def expect(what, got, want):
    if got != want:
        fails.append("%s: got %r, expected %r" % (what, got, want))


def trend_col(pa, hist, extra):
    out = subprocess.run([pa, "history", "trend", "--history", hist, "-f", "csv"] + extra,
                         capture_output=True, text=True, check=True).stdout
    return [int(r["findings"]) for r in csv.DictReader(io.StringIO(out))]


def main(pa, hist, rdir, days, n):
    reps = [json.load(open("%s/%d/report.json" % (rdir, d))) for d in range(days)]
    html = open("%s/%d/report.html" % (rdir, days - 1)).read()
    md = open("%s/%d/report.md" % (rdir, days - 1)).read()
    k = min(days, n)
    window = reps[days - k:]
    live = [[f for f in r["findings"] if not f.get("waived")] for r in window]
    domain_of = {}
    for r in window:
        for rule in r["rules"]:
            domain_of[rule["id"]] = rule.get("domain") or ""
    # independent counts from the JSON reports
    want = {("total", ""): [len(x) for x in live]}
    for i, fs in enumerate(live):
        for f in fs:
            for key in (("domain", domain_of[f["rule"]]), ("project", f.get("project_id") or "")):
                if key == ("project", ""):
                    continue
                want.setdefault(key, [0] * k)[i] += 1
    rows = re.findall(r'<tr data-trend="(\w+)" data-name="([^"]*)">.*?data-values="([^"]*)".*?'
                      r'points="([^"]*)"', html)
    got = {(kind, name): [int(v) for v in vals.split()] for kind, name, vals, _ in rows}
    for kind, name, vals, pts in rows:
        expect("points of %s %s" % (kind, name), len(pts.split()), k)
    expect("trend lines", sorted(got), sorted(want))
    for key in sorted(want):
        expect("sparkline %s %s" % key, got.get(key), want[key])
        extra = {"total": [], "domain": ["--domain", key[1]], "project": ["--project", key[1]]}[key[0]]
        expect("history trend %s %s" % key, trend_col(pa, hist, extra)[-k:], want[key])
    print("trend lines compared: %d of %d runs" % (len(want), k))
    print("waived in the window: %d" % sum(len(r["findings"]) - len(x) for r, x in zip(window, live)))
    m = re.search(r"\| findings \|((?: \d+ \|)+)\n", md)
    expect("markdown trend", [int(x) for x in m.group(1).split("|") if x.strip()] if m else None,
           want[("total", "")])
    # ages: the streak of runs that had the fingerprint, up to the last run
    sets = [{f["fingerprint"] for f in r["findings"]} for r in reps]
    asof = datetime.date.fromisoformat(reps[-1]["as_of"])
    ages = []
    for f in live[-1]:
        d = days - 1
        while d > 0 and f["fingerprint"] in sets[d - 1]:
            d -= 1
        ages.append((f.get("key") or "", (asof - datetime.date.fromisoformat(reps[d]["as_of"])).days))
    # every finding's age is in the data block (key strings "ks", key index "k",
    # age "a"); the markup shows the first rows of each rule with "N d"
    blk = json.loads(re.search(r'<script type="application/json" id="pa-data">(.*?)</script>', html, re.S).group(1))
    def column(name):  # a column whose values are all equal is one value
        v = blk[name]
        return v if isinstance(v, list) else [v] * blk["n"]
    keys = [blk["ks"][i] if i >= 0 else "" for i in column("k")]
    expect("ages", sorted(zip(keys, column("a"))), sorted(ages))
    shown = re.findall(r'<td class="mono key">([^<]*)</td>(?:(?!</tr>).)*?<td class="age" title="first seen '
                       r'[0-9-]+">(\d+) d</td>', html)
    extra = collections.Counter((key, int(a)) for key, a in shown) - collections.Counter(ages)
    expect("ages shown in the markup (%d) not among the expected" % len(shown), sorted(extra), [])
    print("ages compared: %d, oldest %d days" % (len(ages), max(a for _, a in ages)))
    resolved = sorted(sets[-2] - sets[-1])
    expect("resolved since the last run", sorted(re.findall(r'<tr data-fp="([0-9a-f]+)">', html)), resolved)
    expect("resolved heading", "<h2>Resolved since the last run" in html, True)
    print("resolved compared: %d" % len(resolved))
    for x in fails:
        print("FAIL: " + x)
    return 1 if fails else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5])))
