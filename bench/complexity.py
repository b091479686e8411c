#!/usr/bin/env python3
"""complexity.py - no rule slower than its data, checked by instruction counts.

    python3 bench/complexity.py --pmoaudit build/pmoaudit [--sizes 2000,8000]
                                [--shapes default,dense] [--work DIR]
                                [-- PMOAUDIT_RUN_ARGS...]

The unit-sized version of `make bench`'s per-rule scaling check (issue 19),
run by `make test` (tests/e2e/complexity_test.sh). For each shape of
samples/gen_portfolio.py it generates a portfolio at both sizes, runs
`pmoaudit run --stats -j 1` on each (arguments after -- are added, e.g.
`--no-builtin -r DIR`), and compares every Lua rule's instruction count
(what its budget was charged: the same on every run, unlike seconds).

A rule passes when, from the small size to the large one,

    count_large <= BOUND x (rows_large / rows_small) x count_small + SLACK

where rows are those of the tables the rule declares (what its budget
allows for; a rule reading only projects is held to the growth of the
projects table, not of the tasks). BOUND is 1.5: every rule of the
built-in pack grows by 0.84-1.05 times its rows on both shapes at 2,000
and 8,000 tasks, while a rule doing rows x anomalies work (RES-004 with its
old second pass per over-capacity week) grows 2.7 times its rows on the
dense shape. SLACK is 5,000 instructions: counts come in steps of 1,000
(the budget hook's period), so a rule that runs a few thousand
instructions cannot be judged at these sizes.

At 2,000 and 8,000 tasks the generator keeps its floors of 20 projects
(default shape) and 10 resources (dense shape), so the tasks per project
and the timesheet rows per resource grow 4 times with the data: work that
is quadratic inside a group shows up as 16 times, not 4.

Prints one line per rule and shape; exits 1 when a rule grows past its
bound (naming it), 2 on a usage or run error.
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
GEN = os.path.join(os.path.dirname(HERE), "samples", "gen_portfolio.py")
AS_OF = "2026-06-30"
BOUND = 1.5
SLACK = 5000


def stats(pa, data, work, tag, extra):
    """Run pmoaudit on data with --stats; {rule id: its stats object}."""
    path = os.path.join(work, tag + ".stats.json")
    cmd = [pa, "run", data, "--as-of", AS_OF, "-f", "json", "-o", os.path.join(work, tag + ".json"), "-q",
           "--fail-on", "never", "--no-progress", "-j", "1", "--stats", path] + extra
    r = subprocess.run(cmd, capture_output=True, text=True)
    if r.returncode != 0:
        raise SystemExit("complexity: %s exited %d: %s" % (" ".join(cmd), r.returncode, r.stderr.strip()[:500]))
    with open(path) as f:
        return {x["id"]: x for x in json.load(f)["rules"]}


def judge(shape, small, large, n1, n2):
    """Lines for the table, and the problems of one shape."""
    lines, problems = [], []
    for rid, a in sorted(small.items()):
        b = large.get(rid)
        if b is None or a["instructions"] is None or b["instructions"] is None:
            continue  # the engine's DAT checks have no count
        c1, c2 = a["instructions"], b["instructions"]
        growth = b["rows"] / a["rows"] if a["rows"] else 1.0
        allowed = BOUND * max(growth, 1.0) * c1 + SLACK
        ok = c2 <= allowed
        lines.append("%-7s %-8s %9d %9d %12d %12d %7s %7.2f  %s" % (
            shape, rid, a["rows"], b["rows"], c1, c2, "%.2f" % (c2 / c1) if c1 else "-", growth,
            "ok" if ok else "SUPERLINEAR"))
        if not ok:
            problems.append("%s on the %s shape: its instructions grew %s times from %d to %d tasks "
                            "(%d to %d), its rows %.2f times (allowed: %.1f x rows growth + %d)" % (
                                rid, shape, "%.1f" % (c2 / c1) if c1 else "from 0", n1, n2, c1, c2, growth,
                                BOUND, SLACK))
    return lines, problems


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pmoaudit", required=True)
    ap.add_argument("--sizes", default="2000,8000", help="two task counts, small first")
    ap.add_argument("--shapes", default="default,dense")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--work", help="folder for the portfolios (default: a temporary one, removed)")
    ap.add_argument("extra", nargs="*", help="after --: more pmoaudit run arguments")
    a = ap.parse_args()
    sizes = [int(s) for s in a.sizes.split(",")]
    if len(sizes) != 2 or not 0 < sizes[0] < sizes[1]:
        ap.error("--sizes takes two task counts, the smaller first")
    work = a.work or tempfile.mkdtemp(prefix="pmoaudit-complexity-")
    os.makedirs(work, exist_ok=True)
    lines, problems = [], []
    try:
        for shape in a.shapes.split(","):
            runs = []
            for n in sizes:
                d = os.path.join(work, "%s-%d-s%d" % (shape, n, a.seed))
                if not os.path.isfile(os.path.join(d, "projects.csv")):
                    subprocess.run([sys.executable, GEN, "--tasks", str(n), "--out", d, "--seed", str(a.seed),
                                    "--shape", shape], check=True, stdout=subprocess.DEVNULL)
                runs.append(stats(a.pmoaudit, d, work, "%s-%d" % (shape, n), a.extra))
            l, p = judge(shape, runs[0], runs[1], sizes[0], sizes[1])
            lines += l
            problems += p
    finally:
        if not a.work:
            shutil.rmtree(work, ignore_errors=True)
    print("%-7s %-8s %9s %9s %12s %12s %7s %7s  %s" % ("shape", "rule", "rows", "rows", "instructions",
                                                      "instructions", "growth", "rows", "verdict"))
    print("\n".join(lines))
    print("complexity: %d rules x shapes judged, %d superlinear (bound %.1f x rows growth + %d)" % (
        len(lines), len(problems), BOUND, SLACK))
    for p in problems:
        print("complexity: " + p, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
