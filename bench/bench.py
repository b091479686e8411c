#!/usr/bin/env python3
"""bench.py - the driver of `make bench` (and of its smoke variant).

    python3 bench/bench.py --pmoaudit build/pmoaudit --floor build/bench/floor
                           [--sizes 10000,1000000,5000000] [--seed 1]
                           [--cache DIR] [--out bench/results.json] [--smoke]

For each size it makes (once, cached) a portfolio with
samples/gen_portfolio.py, then times on the same files:

  floor     bench/floor.c: libcsv over every file, no typing (best of 3)
  pmoaudit  the full pack with -j (cores) and with -j 1; --timings gives the
            load, checks, rules and report phases and the rule time per domain
  subset    pmoaudit --only the ten rules of bench/rules.sql
  sqlite3   bench/rules.sql in an in-memory database, CSV import included
  python    bench/rules.py (standard library only)
  scaling   each rule of SCALING (GOV-004, SCH-021..023) alone with -j 1, best of 3: its own time, its
            share of the full run, its count against bench/rules.py --only,
            and how its time grows between the two largest sizes

Wall time comes from the monotonic clock around each child; peak RSS from
wait4(). The ten rules' counts of sqlite3 and Python must equal pmoaudit's,
and so must the scaling rules' Python counts; a scaling rule whose time
grows faster than n^1.5 (once it takes half a second) is a problem too,
and the -j 1 report must be byte-identical to the parallel one: any
difference fails the run (exit 1). Results go to a table on stdout and to
--out as JSON. --smoke runs one 2,000-task portfolio, checks the same
agreements and the JSON, and asserts nothing about time.
"""
import argparse
import hashlib
import json
import math
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
GEN = os.path.join(ROOT, "samples", "gen_portfolio.py")
AS_OF = "2026-06-30"
SUBSET = ["STD-005", "GOV-001", "SCH-010", "CST-003", "RES-001", "RSK-001", "CHG-002", "MON-001",
          "CLS-002", "ISS-002"]
# The per-rule scaling check: each rule alone (-j 1) at every size, its own time
# from --timings, its count against bench/rules.py --only RULE, its share of the
# full run, and how its time grows with the portfolio (a quadratic rule shows an
# exponent near 2 between sizes).
SCALING = ["GOV-004", "SCH-021", "SCH-022", "SCH-023"]
SCALING_MAX_EXPONENT = 1.5   # fail above it, once the rule takes SCALING_MIN_S at the largest size
SCALING_MIN_S = 0.5
SCALING_RUNS = 3             # each rule alone is timed this many times and the best kept, as the floor is
SQL_TABLES = ["projects", "milestones", "tasks", "allocations", "risks", "changes", "status_reports", "issues"]


def run(cmd, stdout=None, stderr=None, stdin=None):
    """Run cmd; return (wall seconds, peak RSS in bytes, exit code, CPU seconds).
    CPU time (user + system) is the steadier figure on a shared machine."""
    t0 = time.monotonic()
    p = subprocess.Popen(cmd, stdout=stdout, stderr=stderr, stdin=stdin)
    _, status, ru = os.wait4(p.pid, 0)
    wall = time.monotonic() - t0
    p.returncode = os.waitstatus_to_exitcode(status)
    return wall, ru.ru_maxrss * 1024, p.returncode, ru.ru_utime + ru.ru_stime


def portfolio(cache, tasks, seed):
    """The cached portfolio for (tasks, seed, generator version); made once."""
    with open(GEN, "rb") as f:
        gen_hash = hashlib.sha1(f.read()).hexdigest()[:10]
    d = os.path.join(cache, "t%d-s%d-%s" % (tasks, seed, gen_hash))
    if os.path.isfile(os.path.join(d, "projects.csv")):
        return d
    os.makedirs(cache, exist_ok=True)
    tmp = tempfile.mkdtemp(prefix=".gen-", dir=cache)
    print("bench: generating %d tasks (seed %d) into %s" % (tasks, seed, d), flush=True)
    subprocess.run([sys.executable, GEN, "--tasks", str(tasks), "--out", tmp, "--seed", str(seed)],
                   check=True, stdout=subprocess.DEVNULL)
    os.rename(tmp, d)
    return d


def csv_files(d):
    return sorted(os.path.join(d, f) for f in os.listdir(d) if f.endswith(".csv"))


def counts_of(text):
    """'RULE|n' lines -> {rule: n}."""
    out = {}
    for line in text.splitlines():
        m = re.match(r"([A-Z]+-[0-9]+)\|([0-9]+)$", line.strip())
        if m:
            out[m.group(1)] = int(m.group(2))
    return out


def timings_of(text):
    """pmoaudit --timings lines -> ({phase: s}, {domain: s}, {rule: s} of the slowest rules)."""
    phases, domains, rules = {}, {}, {}
    for line in text.splitlines():
        m = re.match(r"pmoaudit: timing   ([A-Z]+-[0-9]+)\s+([0-9.]+) s", line)
        if m:
            rules[m.group(1)] = float(m.group(2))
            continue
        m = re.match(r"pmoaudit: timing domain (\S+)\s+([0-9.]+) s", line)
        if m:
            domains[m.group(1)] = float(m.group(2))
            continue
        m = re.match(r"pmoaudit: timing (\S+)\s+([0-9.]+) s", line)
        if m:
            phases[m.group(1)] = float(m.group(2))
    return phases, domains, rules


def pmoaudit(a, d, work, jobs, only=None, tag="full"):
    out = os.path.join(work, "%s-j%d.json" % (tag, jobs))
    err = os.path.join(work, "%s-j%d.err" % (tag, jobs))
    cmd = [a.pmoaudit, "run", d, "--as-of", AS_OF, "-f", "json", "-o", out, "-q", "--fail-on", "never",
           "--no-progress", "--timings", "-j", str(jobs)]
    if only:
        cmd += ["--only", ",".join(only)]
    with open(err, "w") as e:
        wall, rss, rc, cpu = run(cmd, stderr=e)
    with open(err) as e:
        phases, domains, rule_s = timings_of(e.read())
    if rc != 0:
        raise SystemExit("bench: %s exited %d (see %s)" % (" ".join(cmd), rc, err))
    with open(out) as f:
        report = json.load(f)
    counts = {r["id"]: r["findings"] for r in report["rules"]}
    return {"wall": wall, "rss": rss, "cpu": cpu, "phases": phases, "domains": domains, "counts": counts,
            "rule_s": rule_s, "findings": len(report["findings"]), "json": out}


def sqlite(d, work):
    script = os.path.join(work, "rules.sqlite")
    with open(script, "w") as f:
        f.write(".mode csv\n")
        for t in SQL_TABLES:
            f.write(".import '%s' %s\n" % (os.path.join(d, t + ".csv"), t))
        f.write(".mode list\nCREATE TEMP TABLE run(t TEXT); INSERT INTO run VALUES('%s');\n" % AS_OF)
        f.write(".read '%s'\n" % os.path.join(HERE, "rules.sql"))
    out = os.path.join(work, "sqlite.out")
    with open(out, "w") as o, open(script) as i:
        wall, rss, rc, cpu = run(["sqlite3", ":memory:"], stdin=i, stdout=o, stderr=subprocess.STDOUT)
    with open(out) as o:
        text = o.read()
    if rc != 0:
        raise SystemExit("bench: sqlite3 failed:\n" + text)
    return {"wall": wall, "rss": rss, "cpu": cpu, "counts": counts_of(text)}


def python(d, work):
    out = os.path.join(work, "python.out")
    with open(out, "w") as o:
        wall, rss, rc, cpu = run([sys.executable, os.path.join(HERE, "rules.py"), d, "--as-of", AS_OF], stdout=o)
    with open(out) as o:
        text = o.read()
    if rc != 0:
        raise SystemExit("bench: bench/rules.py failed")
    return {"wall": wall, "rss": rss, "cpu": cpu, "counts": counts_of(text)}


def scaling(a, d, work, full):
    """Each SCALING rule alone: its own time (-j 1), count, and share of the full run;
    the count must equal bench/rules.py's."""
    out, problems = {}, []
    for rule in SCALING:
        runs = [pmoaudit(a, d, work, 1, [rule], "scaling-" + rule) for _ in range(SCALING_RUNS)]
        one = min(runs, key=lambda r: r["rule_s"].get(rule, r["phases"].get("rules", 0)))
        path = os.path.join(work, "scaling-%s.out" % rule)
        with open(path, "w") as o:
            wall, _, rc, cpu = run([sys.executable, os.path.join(HERE, "rules.py"), d, "--as-of", AS_OF,
                                    "--only", rule], stdout=o)
        with open(path) as o:
            py = counts_of(o.read()).get(rule) if rc == 0 else None
        got = one["counts"].get(rule)
        if py != got:
            problems.append("%s: python counts %s, pmoaudit %s" % (rule, py, got))
        secs = one["rule_s"].get(rule, one["phases"].get("rules", 0))
        out[rule] = {"seconds": secs, "findings": got, "python_s": wall, "python_findings": py,
                     "share_of_full_wall": secs / full["wall"] if full["wall"] else None}
    return out, problems


def scaling_exponents(results):
    """How each SCALING rule's time grows between the two largest sizes:
    log(t2 / t1) / log(n2 / n1); a problem above SCALING_MAX_EXPONENT once the rule
    takes SCALING_MIN_S (below that, timer noise decides)."""
    problems = []
    if len(results) < 2:
        return problems
    r1, r2 = sorted(results, key=lambda r: r["tasks"])[-2:]
    for rule in SCALING:
        t1, t2 = r1["scaling"][rule]["seconds"], r2["scaling"][rule]["seconds"]
        e = math.log(t2 / t1) / math.log(r2["tasks"] / r1["tasks"]) if t1 > 0 and t2 > 0 else None
        r2["scaling"][rule]["exponent"] = e
        if e is not None and e > SCALING_MAX_EXPONENT and t2 >= SCALING_MIN_S:
            problems.append("%s: its time grows as n^%.2f from %d to %d tasks (%.3f s to %.3f s)" % (
                rule, e, r1["tasks"], r2["tasks"], t1, t2))
    r2["problems"] += problems
    r2["agree"] = r2["agree"] and not problems
    return problems


def floor(a, d):
    best = None
    for _ in range(3):
        r = subprocess.run([a.floor] + csv_files(d), check=True, capture_output=True, text=True)
        f = json.loads(r.stdout)
        if best is None or f["seconds"] < best["seconds"]:
            best = f
    return best


def one_size(a, tasks, work):
    d = portfolio(a.cache, tasks, a.seed)
    nbytes = sum(os.path.getsize(f) for f in csv_files(d))
    jobs = os.cpu_count() or 1
    load_before = os.getloadavg()[0]
    print("bench: %d tasks, %.1f MB of CSV in %s" % (tasks, nbytes / 1e6, d), flush=True)
    fl = floor(a, d)
    full = pmoaudit(a, d, work, jobs)
    one = pmoaudit(a, d, work, 1)
    sub = pmoaudit(a, d, work, jobs, SUBSET, "subset")
    sq = sqlite(d, work)
    py = python(d, work)
    scal, problems = scaling(a, d, work, full)
    with open(full["json"], "rb") as x, open(one["json"], "rb") as y:
        if x.read() != y.read():
            problems.append("the -j 1 report differs from the -j %d one" % jobs)
    for rule in SUBSET:
        want = full["counts"].get(rule)
        for name, got in (("sqlite3", sq["counts"].get(rule)), ("python", py["counts"].get(rule)),
                          ("pmoaudit --only", sub["counts"].get(rule))):
            if got != want:
                problems.append("%s: %s counts %s, pmoaudit %s" % (rule, name, got, want))
    rules_1 = one["phases"].get("rules", 0)
    rules_j = full["phases"].get("rules", 0)
    res = {
        "tasks": tasks, "seed": a.seed, "dir": d, "csv_bytes": nbytes,
        "rows": fl["rows"], "fields": fl["fields"],
        "floor_s": fl["seconds"],
        "pmoaudit": {"jobs": jobs, "wall_s": full["wall"], "cpu_s": full["cpu"], "peak_rss": full["rss"],
                     "phases_s": full["phases"], "rule_s_by_domain": full["domains"],
                     "findings": full["findings"]},
        "pmoaudit_j1": {"wall_s": one["wall"], "cpu_s": one["cpu"], "peak_rss": one["rss"], "phases_s": one["phases"]},
        "subset": {"rules": SUBSET, "counts": {r: full["counts"].get(r) for r in SUBSET},
                   "pmoaudit_s": sub["wall"], "pmoaudit_cpu_s": sub["cpu"], "pmoaudit_rss": sub["rss"],
                   "sqlite3_s": sq["wall"], "sqlite3_cpu_s": sq["cpu"], "sqlite3_rss": sq["rss"],
                   "python_s": py["wall"], "python_cpu_s": py["cpu"], "python_rss": py["rss"]},
        "ratios": {
            "total_over_floor": full["wall"] / fl["seconds"],
            "load_over_floor": full["phases"].get("load", 0) / fl["seconds"],
            "rss_over_csv": full["rss"] / nbytes,
            "rules_j1_over_jN": rules_1 / rules_j if rules_j else None,
            "sqlite3_over_pmoaudit_subset": sq["wall"] / sub["wall"],
            "python_over_pmoaudit_subset": py["wall"] / sub["wall"],
            "sqlite3_over_pmoaudit_full": sq["wall"] / full["wall"],
            "python_over_pmoaudit_full": py["wall"] / full["wall"],
        },
        "scaling": scal,
        "agree": not problems, "problems": problems,
        "load_average": [load_before, os.getloadavg()[0]],   # other work on the machine, before and after
    }
    return res


def machine():
    mem = 0
    try:
        with open("/proc/meminfo") as f:
            mem = int(f.readline().split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    sq = subprocess.run(["sqlite3", "--version"], capture_output=True, text=True).stdout.split()
    return {"cores": os.cpu_count(), "memory_bytes": mem, "system": platform.platform(),
            "python": platform.python_version(), "sqlite3": sq[0] if sq else None,
            "date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}


def table(results):
    def mb(x):
        return "%.0f MB" % (x / 1e6)
    rows = [("tasks", lambda r: "{:,}".format(r["tasks"])),
            ("CSV", lambda r: mb(r["csv_bytes"])),
            ("parse floor", lambda r: "%.2f s" % r["floor_s"]),
            ("load", lambda r: "%.2f s" % r["pmoaudit"]["phases_s"].get("load", 0)),
            ("checks (inside rules)", lambda r: "%.2f s" % r["pmoaudit"]["phases_s"].get("checks", 0)),
            ("rules -j N", lambda r: "%.2f s" % r["pmoaudit"]["phases_s"].get("rules", 0)),
            ("rules -j 1", lambda r: "%.2f s" % r["pmoaudit_j1"]["phases_s"].get("rules", 0))]
    doms = sorted({k for r in results for k in r["pmoaudit"]["rule_s_by_domain"]} - {"DAT"})
    for dom in doms:
        rows.append(("  rule time " + dom, lambda r, dom=dom: "%.2f s" % r["pmoaudit"]["rule_s_by_domain"].get(dom, 0)))
    rows += [("report", lambda r: "%.2f s" % r["pmoaudit"]["phases_s"].get("report", 0)),
             ("total wall", lambda r: "%.2f s" % r["pmoaudit"]["wall_s"]),
             ("total CPU (user+sys)", lambda r: "%.2f s" % r["pmoaudit"]["cpu_s"]),
             ("total wall -j 1", lambda r: "%.2f s" % r["pmoaudit_j1"]["wall_s"]),
             ("peak RSS", lambda r: mb(r["pmoaudit"]["peak_rss"])),
             ("total / floor", lambda r: "%.1fx" % r["ratios"]["total_over_floor"]),
             ("RSS / CSV bytes", lambda r: "%.2fx" % r["ratios"]["rss_over_csv"]),
             ("rules -j1 / -jN", lambda r: "%.2fx" % (r["ratios"]["rules_j1_over_jN"] or 0)),
             ("subset: pmoaudit", lambda r: "%.2f s" % r["subset"]["pmoaudit_s"]),
             ("subset: sqlite3", lambda r: "%.2f s" % r["subset"]["sqlite3_s"]),
             ("subset: python", lambda r: "%.2f s" % r["subset"]["python_s"]),
             ("subset RSS: pmoaudit", lambda r: mb(r["subset"]["pmoaudit_rss"])),
             ("subset RSS: sqlite3", lambda r: mb(r["subset"]["sqlite3_rss"])),
             ("subset RSS: python", lambda r: mb(r["subset"]["python_rss"])),
             ("sqlite3 / pmoaudit", lambda r: "%.1fx" % r["ratios"]["sqlite3_over_pmoaudit_subset"]),
             ("python / pmoaudit", lambda r: "%.1fx" % r["ratios"]["python_over_pmoaudit_subset"]),
             ("sqlite3 / pmoaudit full pack", lambda r: "%.1fx" % r["ratios"]["sqlite3_over_pmoaudit_full"]),
             ("python / pmoaudit full pack", lambda r: "%.1fx" % r["ratios"]["python_over_pmoaudit_full"]),
             ("counts agree", lambda r: "yes" if r["agree"] else "NO")]
    for rule in SCALING:
        rows[-1:-1] = [
            ("%s alone -j 1" % rule, lambda r, rule=rule: "%.3f s" % r["scaling"][rule]["seconds"]),
            ("%s / total wall" % rule, lambda r, rule=rule: "%.2f%%" % (100 * r["scaling"][rule]["share_of_full_wall"])),
            ("%s findings" % rule, lambda r, rule=rule: "{:,}".format(r["scaling"][rule]["findings"])),
            ("%s time exponent" % rule, lambda r, rule=rule: "%.2f" % r["scaling"][rule]["exponent"]
             if r["scaling"][rule].get("exponent") is not None else "")]
    w = max(len(name) for name, _ in rows)
    lines = ["| " + "measure".ljust(w) + " | " + " | ".join("%12s" % "{:,}".format(r["tasks"]) for r in results) + " |",
             "| " + "-" * w + " | " + " | ".join("-" * 11 + ":" for _ in results) + " |"]
    for name, f in rows[1:]:
        lines.append("| " + name.ljust(w) + " | " + " | ".join("%12s" % f(r) for r in results) + " |")
    return "\n".join(lines)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pmoaudit", default=os.path.join(ROOT, "build", "pmoaudit"))
    ap.add_argument("--floor", default=os.path.join(ROOT, "build", "bench", "floor"))
    ap.add_argument("--sizes", default="10000,1000000,5000000")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--cache", default=os.environ.get("BENCH_CACHE", "/var/tmp/pmoaudit-bench"))
    ap.add_argument("--out", default=os.path.join(HERE, "results.json"))
    ap.add_argument("--smoke", action="store_true", help="one 2,000-task portfolio; agreement only")
    a = ap.parse_args()
    if shutil.which("sqlite3") is None:
        raise SystemExit("bench: the sqlite3 command is missing: sh scripts/bench-deps.sh")
    sizes = [2000] if a.smoke else [int(s) for s in a.sizes.split(",")]
    work = tempfile.mkdtemp(prefix="pmoaudit-bench-")
    try:
        results = [one_size(a, n, work) for n in sizes]
        scaling_exponents(results)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    doc = {"command": " ".join(sys.argv), "as_of": AS_OF, "machine": machine(), "results": results}
    with open(a.out, "w") as f:
        json.dump(doc, f, indent=2, sort_keys=True)
        f.write("\n")
    print(table(results))
    print("bench: results in %s" % a.out)
    bad = [p for r in results for p in r["problems"]]
    for p in bad:
        print("bench: DISAGREE: " + p, file=sys.stderr)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
