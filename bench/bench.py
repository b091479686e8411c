#!/usr/bin/env python3
"""bench.py - the driver of `make bench` (and of its smoke variant).

    python3 bench/bench.py --pmoaudit build/pmoaudit --floor build/bench/floor
                           [--sizes 10000,1000000,5000000] [--shapes default,dense]
                           [--seed 1] [--cache DIR] [--out bench/results.json]
                           [--duckdb MODULE] [--smoke]

For each shape and size it makes (once, cached) a portfolio with
samples/gen_portfolio.py (--shape default, or dense: every anomaly at its
worst realistic rate), then times on the same files:

  floor     bench/floor.c: libcsv over every file, no typing (best of 3)
  pmoaudit  the full pack with -j (cores) and with -j 1; --timings gives the
            load, checks, rules and report phases and the rule time per domain,
            --stats (of the -j 1 run) each rule's time, CPU time and instructions
  subset    pmoaudit --only the ten rules of bench/rules.sql
  sqlite3   bench/rules.sql in an in-memory database, CSV import included
  duckdb    bench/rules_duckdb.sql through DuckDB's Node API (bench/duckdb_run.cjs),
            read_csv included, with -j threads; skipped, saying why, when node or
            @duckdb/node-api (scripts/duckdb-deps.sh) is missing
  python    bench/rules.py (standard library only)
  history   the full pack with --history (issue 21): a first run fills a new
            history; then HISTORY_PAIRS pairs (3 at --smoke, 2 fewer above 1M
            tasks), the order swapped every other pair: the next night's plain
            run and its --history run (as-of +1 day, into a fresh copy of the
            history after the first run, synced to disk before the clock
            starts: day counts in messages change), then fewer pairs of the
            same-day rerun (baseline: the previous run of that day); each
            overhead is the median --history time over the median plain time,
            minus 1, in wall and in CPU time (single runs here vary by 10-15 %,
            more than the overhead); the history's size after one run and its
            growth per run too
  scaling   each rule of SCALING (GOV-004, SCH-021..023) alone with -j 1, best of 3: its own time, its
            share of the full run, its count against bench/rules.py --only,
            and how its time grows between the two largest sizes

Wall time comes from the monotonic clock around each child; peak RSS from
wait4(). The ten rules' counts of sqlite3 and Python must equal pmoaudit's,
and so must the scaling rules' Python counts; a scaling rule whose time
grows faster than n^1.5 (once it takes half a second) is a problem too,
and the -j 1 report must be byte-identical to the parallel one: any
difference fails the run (exit 1). DuckDB's counts must agree too.

The per-rule check (issue 19): each rule's CPU time in the -j 1 run, per
shape, and how it grows between the two largest sizes; a rule is flagged
when that ratio exceeds 1.1 x the ratio of the sizes (5.5 from 1M to 5M)
and it takes RATIO_MIN_S at the smaller size, and on the dense shape when its share of the
run's CPU time exceeds MAX_SHARE. Flags are printed and kept in the JSON;
being timings on a shared machine, they do not fail the run (the
instruction counts of bench/complexity.py do, in make test).

Results go to a table on stdout and to --out as JSON. --smoke runs one
2,000-task portfolio of each shape, checks the same agreements and the
JSON, and asserts nothing about time.
"""
import argparse
import hashlib
import json
import math
import mmap
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
NEXT_DAY = "2026-07-01"  # the nightly --history run of history()
HISTORY_PAIRS = 7         # plain/--history pairs per size up to 1M (3 fewer above, at least 3)
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
# The per-rule check of every rule (issue 19): flag a rule whose CPU time grows more
# than RATIO_SLACK x the size ratio between the two largest sizes (5.5 for 1M -> 5M)
# when it takes RATIO_MIN_S at the smaller one (below that, a page fault or a
# garbage collection more decides the ratio), or that takes more than MAX_SHARE
# of the run's CPU time on the dense shape.
RATIO_SLACK = 1.1
RATIO_MIN_S = 0.1
MAX_SHARE = 0.15
SQL_TABLES = ["projects", "milestones", "tasks", "allocations", "risks", "changes", "status_reports", "issues"]


# bench/peak.c, the parent of each measured command when set (main): a child of
# this process would report at least this process's own peak RSS (Linux keeps the
# larger high-water mark across exec), which after reading a big report is more
# than the command's.
PEAK = None


def run(cmd, stdout=None, stderr=None, stdin=None):
    """Run cmd; return (wall seconds, peak RSS in bytes, exit code, CPU seconds).
    CPU time (user + system) is the steadier figure on a shared machine."""
    rss_file = None
    if PEAK:
        fd, rss_file = tempfile.mkstemp(prefix="pmoaudit-peak-")
        os.close(fd)
        cmd = [PEAK, rss_file] + list(cmd)
    t0 = time.monotonic()
    p = subprocess.Popen(cmd, stdout=stdout, stderr=stderr, stdin=stdin)
    _, status, ru = os.wait4(p.pid, 0)
    wall = time.monotonic() - t0
    p.returncode = os.waitstatus_to_exitcode(status)
    rss = ru.ru_maxrss * 1024
    if rss_file:
        with open(rss_file) as f:
            text = f.read().strip()
        os.remove(rss_file)
        if not text:
            raise SystemExit("bench: %s wrote no peak RSS for %s" % (PEAK, cmd[2]))
        rss = int(text) * 1024
    return wall, rss, p.returncode, ru.ru_utime + ru.ru_stime


def portfolio(cache, tasks, seed, shape):
    """The cached portfolio for (tasks, seed, shape, generator version); made once."""
    with open(GEN, "rb") as f:
        gen_hash = hashlib.sha1(f.read()).hexdigest()[:10]
    d = os.path.join(cache, "t%d-s%d-%s-%s" % (tasks, seed, shape, gen_hash))
    if os.path.isfile(os.path.join(d, "projects.csv")):
        return d
    os.makedirs(cache, exist_ok=True)
    tmp = tempfile.mkdtemp(prefix=".gen-", dir=cache)
    print("bench: generating %d tasks (seed %d, %s shape) into %s" % (tasks, seed, shape, d), flush=True)
    subprocess.run([sys.executable, GEN, "--tasks", str(tasks), "--out", tmp, "--seed", str(seed),
                    "--shape", shape], check=True, stdout=subprocess.DEVNULL)
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
    stats = os.path.join(work, "%s-j%d.stats.json" % (tag, jobs))
    cmd = [a.pmoaudit, "run", d, "--as-of", AS_OF, "-f", "json", "-o", out, "-q", "--fail-on", "never",
           "--no-progress", "--timings", "-j", str(jobs), "--stats", stats]
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
    with open(stats) as f:
        per_rule = {r["id"]: {"seconds": r["seconds"], "cpu_s": r["cpu_seconds"], "instructions": r["instructions"],
                              "findings": r["findings"]} for r in json.load(f)["rules"]}
    return {"wall": wall, "rss": rss, "cpu": cpu, "phases": phases, "domains": domains, "counts": counts,
            "rule_s": rule_s, "findings": len(report["findings"]), "json": out, "per_rule": per_rule}


def pairs_of(size):
    """How many plain/--history pairs history() times: the overhead is a few per cent, about the
    spread of one run on a shared machine, so it is read from medians of several pairs."""
    return HISTORY_PAIRS if size <= 1000000 else max(3, HISTORY_PAIRS - 2)


def median(xs):
    xs = sorted(xs)
    n = len(xs)
    return (xs[n // 2] + xs[(n - 1) // 2]) / 2 if xs else None


def fresh_copy(src, dst):
    """dst := src, on disk before the clock starts: a just-copied file is dirty in the page cache,
    and SQLite's checkpoint fsyncs it, so the run timed would pay for writing the copy."""
    for g in (dst, dst + "-wal", dst + "-shm"):
        if os.path.exists(g):
            os.remove(g)
    shutil.copyfile(src, dst)
    with open(dst, "rb+") as f:
        os.fsync(f.fileno())


def timed_pairs(n, plain_cmd, hist_cmd, before_hist=None):
    """n pairs of (plain run, --history run), the order swapped every other pair so that neither
    side always runs first; before_hist() resets the history before each --history run."""
    plain, hist = [], []
    for k in range(n):
        for side in ((0, 1) if k % 2 == 0 else (1, 0)):
            if side == 0:
                plain.append(run(plain_cmd))
            else:
                if before_hist:
                    before_hist()
                hist.append(run(hist_cmd))
    for wall, rss, rc, cpu in plain + hist:
        if rc != 0:
            raise SystemExit("bench: a --history run or its plain twin exited %d" % rc)
    return plain, hist


def overhead_of(plain, hist):
    """Median --history time over median plain time, minus 1, for wall and CPU time."""
    wall = median([x[0] for x in hist]) / median([x[0] for x in plain]) - 1
    cpu = median([x[3] for x in hist]) / median([x[3] for x in plain]) - 1
    return wall, cpu


def history(a, d, work, jobs, tasks):
    """The cost of --history on a run of the full pack (docs/history.md): the nightly run (as-of
    the next day, the previous day's run in the history: the day counts in messages change), the
    same-day rerun (baseline: the same data and date), and the first run into an empty history."""
    db, night_db = os.path.join(work, "history.db"), os.path.join(work, "history-night.db")
    for f in (db, night_db):
        for g in (f, f + "-wal", f + "-shm"):
            if os.path.exists(g):
                os.remove(g)
    common = ["-f", "json", "-q", "--fail-on", "never", "--no-progress", "-j", str(jobs)]
    base = [a.pmoaudit, "run", d, "--as-of", AS_OF] + common
    night = [a.pmoaudit, "run", d, "--as-of", NEXT_DAY] + common
    first = run(base + ["-o", os.path.join(work, "hist-first.json"), "--history", db])
    if first[2] != 0:
        raise SystemExit("bench: the first --history run exited %d" % first[2])
    first_bytes = os.path.getsize(db)
    kept = os.path.join(work, "history-first.db")  # the history after one night, for each nightly run
    fresh_copy(db, kept)
    n = pairs_of(tasks)
    night_plain, nightly = timed_pairs(n, night + ["-o", os.path.join(work, "hist-night-plain.json")],
                                       night + ["-o", os.path.join(work, "hist-night.json"), "--history", night_db],
                                       lambda: fresh_copy(kept, night_db))
    plain, same = timed_pairs(max(2, n - 4), base + ["-o", os.path.join(work, "hist-plain.json")],
                              base + ["-o", os.path.join(work, "hist-second.json"), "--history", db])
    night_wall, night_cpu = overhead_of(night_plain, nightly)
    same_wall, same_cpu = overhead_of(plain, same)
    return {"pairs": n, "first_s": first[0], "first_cpu_s": first[3],
            "plain_s": median([x[0] for x in plain]), "history_s": median([x[0] for x in same]),
            "night_plain_s": median([x[0] for x in night_plain]), "night_s": median([x[0] for x in nightly]),
            "night_plain_runs_s": [x[0] for x in night_plain], "night_runs_s": [x[0] for x in nightly],
            "night_plain_cpu_s": median([x[3] for x in night_plain]), "night_cpu_s": median([x[3] for x in nightly]),
            "history_rss": max(x[1] for x in same + nightly), "plain_rss": max(x[1] for x in plain + night_plain),
            "overhead": same_wall, "overhead_cpu": same_cpu,
            "night_overhead": night_wall, "night_overhead_cpu": night_cpu,
            "first_overhead": first[0] / median([x[0] for x in plain]) - 1,
            "db_first_bytes": first_bytes, "db_night_growth": os.path.getsize(night_db) - first_bytes,
            "db_same_growth": (os.path.getsize(db) - first_bytes) // len(same),
            "db_bytes": os.path.getsize(db)}


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


def duckdb(a, d, work, jobs):
    """bench/rules_duckdb.sql through DuckDB's Node API; None (with the reason
    printed) when node or the package is missing."""
    why = None
    if shutil.which("node") is None:
        why = "node is not installed"
    elif not os.path.isfile(os.path.join(a.duckdb, "package.json")):
        why = "@duckdb/node-api is not installed in %s (scripts/duckdb-deps.sh)" % a.duckdb
    if why:
        if not getattr(a, "duckdb_said", False):
            print("bench: DuckDB skipped: " + why, flush=True)
            a.duckdb_said = True
        return None
    out = os.path.join(work, "duckdb.out")
    with open(out, "w") as o:
        wall, rss, rc, cpu = run(["node", os.path.join(HERE, "duckdb_run.cjs"), os.path.abspath(a.duckdb), d, AS_OF,
                                  str(jobs)] + SQL_TABLES, stdout=o, stderr=subprocess.STDOUT)
    with open(out) as o:
        text = o.read()
    if rc != 0:
        raise SystemExit("bench: DuckDB failed:\n" + text)
    parts = dict(line.split("|", 1) for line in text.splitlines() if line.startswith(("load_s|", "rules_s|")))
    return {"wall": wall, "rss": rss, "cpu": cpu, "counts": counts_of(text),
            "load_s": float(parts.get("load_s", 0)), "rules_s": float(parts.get("rules_s", 0))}


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


def per_rule_check(results):
    """The per-rule check of one shape: each rule's CPU time (-j 1) at the two
    largest sizes, its ratio and its instruction ratio; flags for a ratio above
    RATIO_SLACK x the size ratio (once the rule takes RATIO_MIN_S) and, on the
    dense shape, a share of the run's CPU time above MAX_SHARE. Kept in the
    largest size's result as "per_rule_check" and "flags"."""
    big = max(results, key=lambda r: r["tasks"])
    flags, check = [], {}
    if big["shape"] == "dense":
        for rule, x in sorted(big["per_rule"].items()):
            if x.get("share_of_cpu") and x["share_of_cpu"] > MAX_SHARE:
                flags.append("%s takes %.1f%% of the run's CPU time on the dense shape at %d tasks (at most %d%%)" % (
                    rule, 100 * x["share_of_cpu"], big["tasks"], 100 * MAX_SHARE))
    if len(results) >= 2:
        r1, r2 = sorted(results, key=lambda r: r["tasks"])[-2:]
        limit = RATIO_SLACK * r2["tasks"] / r1["tasks"]
        for rule, y in sorted(r2["per_rule"].items()):
            x = r1["per_rule"].get(rule)
            if not x:
                continue
            ratio = y["cpu_s"] / x["cpu_s"] if x["cpu_s"] > 0 else None
            ir = y["instructions"] / x["instructions"] if x["instructions"] else None
            check[rule] = {"cpu_s": [x["cpu_s"], y["cpu_s"]], "ratio": ratio, "instructions_ratio": ir,
                           "flagged": ratio is not None and ratio > limit and x["cpu_s"] >= RATIO_MIN_S}
            if check[rule]["flagged"]:
                flags.append("%s: its CPU time grows %.1fx from %d to %d tasks on the %s shape (%.2f s to %.2f s; "
                             "flagged above %.1fx; instructions %.1fx)" % (
                                 rule, ratio, r1["tasks"], r2["tasks"], big["shape"], x["cpu_s"], y["cpu_s"], limit,
                                 ir or 0))
    big["per_rule_check"] = check
    big["flags"] = flags
    return flags


def outliers(results):
    """Per shape: the rules flagged, and the five rules taking most of the
    largest run's CPU time, with their growth between the two largest sizes."""
    lines = []
    for shape in sorted({r["shape"] for r in results}):
        rs = sorted((r for r in results if r["shape"] == shape), key=lambda r: r["tasks"])
        big = rs[-1]
        check = big.get("per_rule_check", {})
        lines.append("bench: per rule, %s shape, %d tasks (CPU time of the -j 1 run; growth from %d tasks):" % (
            shape, big["tasks"], rs[-2]["tasks"] if len(rs) > 1 else big["tasks"]))
        top = sorted(big["per_rule"].items(), key=lambda kv: -kv[1]["cpu_s"])[:5]
        for rule, x in top:
            c = check.get(rule, {})
            lines.append("  %-8s %8.2f s  %5.1f%% of the run  %s" % (
                rule, x["cpu_s"], 100 * (x.get("share_of_cpu") or 0),
                "growth %.2fx (instructions %.2fx)" % (c["ratio"], c["instructions_ratio"] or 0)
                if c.get("ratio") else ""))
        for f in big.get("flags", []):
            lines.append("  FLAG: " + f)
    return "\n".join(lines)


def floor(a, d):
    best = None
    for _ in range(3):
        r = subprocess.run([a.floor] + csv_files(d), check=True, capture_output=True, text=True)
        f = json.loads(r.stdout)
        if best is None or f["seconds"] < best["seconds"]:
            best = f
    return best


def one_size(a, shape, tasks, work):
    d = portfolio(a.cache, tasks, a.seed, shape)
    nbytes = sum(os.path.getsize(f) for f in csv_files(d))
    jobs = os.cpu_count() or 1
    load_before = os.getloadavg()[0]
    print("bench: %d tasks (%s shape), %.1f MB of CSV in %s" % (tasks, shape, nbytes / 1e6, d), flush=True)
    fl = floor(a, d)
    full = pmoaudit(a, d, work, jobs)
    one = pmoaudit(a, d, work, 1)
    sub = pmoaudit(a, d, work, jobs, SUBSET, "subset")
    sq = sqlite(d, work)
    dk = duckdb(a, d, work, jobs)
    py = python(d, work)
    hist = history(a, d, work, jobs, tasks)
    scal, problems = scaling(a, d, work, full)
    with open(full["json"], "rb") as x, open(one["json"], "rb") as y:
        if x.read() != y.read():
            problems.append("the -j 1 report differs from the -j %d one" % jobs)
    for rule in SUBSET:
        want = full["counts"].get(rule)
        others = [("sqlite3", sq["counts"].get(rule)), ("python", py["counts"].get(rule)),
                  ("pmoaudit --only", sub["counts"].get(rule))]
        if dk:
            others.append(("duckdb", dk["counts"].get(rule)))
        for name, got in others:
            if got != want:
                problems.append("%s (%s shape): %s counts %s, pmoaudit %s" % (rule, shape, name, got, want))
    rules_1 = one["phases"].get("rules", 0)
    rules_j = full["phases"].get("rules", 0)
    for r in one["per_rule"].values():   # each rule's share of the -j 1 run's CPU time
        r["share_of_cpu"] = r["cpu_s"] / one["cpu"] if one["cpu"] else None
    res = {
        "shape": shape, "tasks": tasks, "seed": a.seed, "dir": d, "csv_bytes": nbytes,
        "rows": fl["rows"], "fields": fl["fields"],
        "floor_s": fl["seconds"],
        "pmoaudit": {"jobs": jobs, "wall_s": full["wall"], "cpu_s": full["cpu"], "peak_rss": full["rss"],
                     "phases_s": full["phases"], "rule_s_by_domain": full["domains"],
                     "findings": full["findings"]},
        "pmoaudit_j1": {"wall_s": one["wall"], "cpu_s": one["cpu"], "peak_rss": one["rss"], "phases_s": one["phases"]},
        "per_rule": one["per_rule"],
        "subset": {"rules": SUBSET, "counts": {r: full["counts"].get(r) for r in SUBSET},
                   "pmoaudit_s": sub["wall"], "pmoaudit_cpu_s": sub["cpu"], "pmoaudit_rss": sub["rss"],
                   "sqlite3_s": sq["wall"], "sqlite3_cpu_s": sq["cpu"], "sqlite3_rss": sq["rss"],
                   "python_s": py["wall"], "python_cpu_s": py["cpu"], "python_rss": py["rss"],
                   "duckdb_s": dk["wall"] if dk else None, "duckdb_cpu_s": dk["cpu"] if dk else None,
                   "duckdb_rss": dk["rss"] if dk else None, "duckdb_load_s": dk["load_s"] if dk else None,
                   "duckdb_rules_s": dk["rules_s"] if dk else None},
        "ratios": {
            "total_over_floor": full["wall"] / fl["seconds"],
            "load_over_floor": full["phases"].get("load", 0) / fl["seconds"],
            "rss_over_csv": full["rss"] / nbytes,
            "rules_j1_over_jN": rules_1 / rules_j if rules_j else None,
            "sqlite3_over_pmoaudit_subset": sq["wall"] / sub["wall"],
            "python_over_pmoaudit_subset": py["wall"] / sub["wall"],
            "sqlite3_over_pmoaudit_full": sq["wall"] / full["wall"],
            "python_over_pmoaudit_full": py["wall"] / full["wall"],
            "duckdb_over_pmoaudit_subset": dk["wall"] / sub["wall"] if dk else None,
            "duckdb_over_pmoaudit_full": dk["wall"] / full["wall"] if dk else None,
        },
        "history": hist,
        "scaling": scal,
        "agree": not problems, "problems": problems,
        "load_average": [load_before, os.getloadavg()[0]],   # other work on the machine, before and after
    }
    return res


def fresh_memory(mib, times=3):
    """Microseconds per 4 KiB page to write mib MiB of memory new to the process, `times` times,
    each mapping unmapped before the next. On this bench's VM the first pass over memory the
    guest has not touched lately costs up to 26 us a page and later passes 3-6 us (the host backs
    the guest's memory lazily), so a run that needs gigabytes pays seconds in the kernel that a
    smaller run does not: read the 5M figures with this beside them."""
    out = []
    n = mib << 20
    for _ in range(times):
        m = mmap.mmap(-1, n)
        t0 = time.monotonic()
        for i in range(0, n, 4096):
            m[i] = 1
        out.append(round((time.monotonic() - t0) * 1e6 / (n // 4096), 2))
        m.close()
    return out


def machine(a, fresh):
    mem = 0
    try:
        with open("/proc/meminfo") as f:
            mem = int(f.readline().split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    sq = subprocess.run(["sqlite3", "--version"], capture_output=True, text=True).stdout.split()
    node = subprocess.run(["node", "--version"], capture_output=True, text=True).stdout.strip() \
        if shutil.which("node") else None
    try:
        with open(os.path.join(a.duckdb, "package.json")) as f:
            duck = json.load(f)["version"]
    except (OSError, ValueError, KeyError):
        duck = None
    return {"cores": os.cpu_count(), "memory_bytes": mem, "system": platform.platform(),
            "python": platform.python_version(), "sqlite3": sq[0] if sq else None,
            "node": node, "duckdb_node_api": duck, "fresh_memory_mib": fresh[0], "fresh_memory_us_per_page": fresh[1],
            "date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}


def table(results):
    def mb(x):
        return "%.0f MB" % (x / 1e6)

    def opt(fmt, x):
        return fmt % x if x is not None else "-"
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
             ("subset: duckdb", lambda r: opt("%.2f s", r["subset"]["duckdb_s"])),
             ("  duckdb read_csv", lambda r: opt("%.2f s", r["subset"]["duckdb_load_s"])),
             ("  duckdb rules", lambda r: opt("%.2f s", r["subset"]["duckdb_rules_s"])),
             ("subset RSS: pmoaudit", lambda r: mb(r["subset"]["pmoaudit_rss"])),
             ("subset RSS: sqlite3", lambda r: mb(r["subset"]["sqlite3_rss"])),
             ("subset RSS: python", lambda r: mb(r["subset"]["python_rss"])),
             ("subset RSS: duckdb", lambda r: mb(r["subset"]["duckdb_rss"]) if r["subset"]["duckdb_rss"] else "-"),
             ("sqlite3 / pmoaudit", lambda r: "%.1fx" % r["ratios"]["sqlite3_over_pmoaudit_subset"]),
             ("python / pmoaudit", lambda r: "%.1fx" % r["ratios"]["python_over_pmoaudit_subset"]),
             ("duckdb / pmoaudit", lambda r: opt("%.1fx", r["ratios"]["duckdb_over_pmoaudit_subset"])),
             ("sqlite3 / pmoaudit full pack", lambda r: "%.1fx" % r["ratios"]["sqlite3_over_pmoaudit_full"]),
             ("python / pmoaudit full pack", lambda r: "%.1fx" % r["ratios"]["python_over_pmoaudit_full"]),
             ("duckdb / pmoaudit full pack", lambda r: opt("%.1fx", r["ratios"]["duckdb_over_pmoaudit_full"])),
             ("history: pairs timed (nightly)", lambda r: "%d" % r["history"]["pairs"]),
             ("history: next night, median", lambda r: "%.2f s" % r["history"]["night_s"]),
             ("history: next night plain, median", lambda r: "%.2f s" % r["history"]["night_plain_s"]),
             ("history overhead (nightly)", lambda r: "%+.1f%%" % (100 * r["history"]["night_overhead"])),
             ("history overhead (nightly, CPU)", lambda r: "%+.1f%%" % (100 * r["history"]["night_overhead_cpu"])),
             ("history: same-day rerun, median", lambda r: "%.2f s" % r["history"]["history_s"]),
             ("history: plain run, median", lambda r: "%.2f s" % r["history"]["plain_s"]),
             ("history overhead (same day)", lambda r: "%+.1f%%" % (100 * r["history"]["overhead"])),
             ("history overhead (same day, CPU)", lambda r: "%+.1f%%" % (100 * r["history"]["overhead_cpu"])),
             ("history: first run", lambda r: "%.2f s" % r["history"]["first_s"]),
             ("history: first run / plain", lambda r: "%+.1f%%" % (100 * r["history"]["first_overhead"])),
             ("history file after one run", lambda r: mb(r["history"]["db_first_bytes"])),
             ("history growth per night", lambda r: mb(r["history"]["db_night_growth"])),
             ("history growth per same-day rerun", lambda r: mb(r["history"]["db_same_growth"])),
             ("slowest rule (CPU, -j 1)", lambda r: max(r["per_rule"], key=lambda k: r["per_rule"][k]["cpu_s"])),
             ("  its share of the run", lambda r: "%.1f%%" % (100 * max(
                 (x.get("share_of_cpu") or 0) for x in r["per_rule"].values()))),
             ("rules flagged", lambda r: str(len(r["flags"])) if "flags" in r else ""),
             ("counts agree", lambda r: "yes" if r["agree"] else "NO")]
    for rule in SCALING:
        rows[-1:-1] = [
            ("%s alone -j 1" % rule, lambda r, rule=rule: "%.3f s" % r["scaling"][rule]["seconds"]),
            ("%s / total wall" % rule, lambda r, rule=rule: "%.2f%%" % (100 * r["scaling"][rule]["share_of_full_wall"])),
            ("%s findings" % rule, lambda r, rule=rule: "{:,}".format(r["scaling"][rule]["findings"])),
            ("%s time exponent" % rule, lambda r, rule=rule: "%.2f" % r["scaling"][rule]["exponent"]
             if r["scaling"][rule].get("exponent") is not None else "")]
    w = max(len(name) for name, _ in rows)
    lines = ["| " + "measure".ljust(w) + " | " + " | ".join(
                 "%17s" % ("{:,} {}".format(r["tasks"], r["shape"])) for r in results) + " |",
             "| " + "-" * w + " | " + " | ".join("-" * 16 + ":" for _ in results) + " |"]
    for name, f in rows[1:]:
        lines.append("| " + name.ljust(w) + " | " + " | ".join("%17s" % f(r) for r in results) + " |")
    return "\n".join(lines)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pmoaudit", default=os.path.join(ROOT, "build", "pmoaudit"))
    ap.add_argument("--floor", default=os.path.join(ROOT, "build", "bench", "floor"))
    ap.add_argument("--peak", default=os.path.join(ROOT, "build", "bench", "peak"),
                    help="bench/peak.c, built: measures each command's own peak RSS")
    ap.add_argument("--sizes", default="10000,1000000,5000000")
    ap.add_argument("--shapes", default="default,dense", help="generator shapes: default, dense or both")
    ap.add_argument("--duckdb", default=os.path.join(ROOT, "build", "bench", "node_modules", "@duckdb", "node-api"),
                    help="the installed @duckdb/node-api package (scripts/duckdb-deps.sh)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--cache", default=os.environ.get("BENCH_CACHE", "/var/tmp/pmoaudit-bench"))
    ap.add_argument("--out", default=os.path.join(HERE, "results.json"))
    ap.add_argument("--smoke", action="store_true", help="a 2,000-task portfolio of each shape; agreement only")
    a = ap.parse_args()
    global PEAK
    if not os.access(a.peak, os.X_OK):
        raise SystemExit("bench: %s is missing: make %s" % (a.peak, a.peak))
    PEAK = a.peak
    if shutil.which("sqlite3") is None:
        raise SystemExit("bench: the sqlite3 command is missing: sh scripts/bench-deps.sh")
    global HISTORY_PAIRS
    if a.smoke:
        HISTORY_PAIRS = 3
    sizes = [2000] if a.smoke else [int(s) for s in a.sizes.split(",")]
    shapes = a.shapes.split(",")
    if not shapes or any(x not in ("default", "dense") for x in shapes):
        ap.error("--shapes takes default, dense or both")
    work = tempfile.mkdtemp(prefix="pmoaudit-bench-")
    mib = 64 if a.smoke else 1024
    fresh = (mib, fresh_memory(mib))
    print("bench: writing %d MiB of fresh memory, three times: %s us per 4 KiB page" %
          (mib, ", ".join("%.2f" % x for x in fresh[1])), flush=True)
    results = []
    try:
        for shape in shapes:
            mine = [one_size(a, shape, n, work) for n in sizes]
            scaling_exponents(mine)
            per_rule_check(mine)
            results += mine
    finally:
        shutil.rmtree(work, ignore_errors=True)
    doc = {"command": " ".join(sys.argv), "as_of": AS_OF, "machine": machine(a, fresh), "results": results,
           "flags": [f for r in results for f in r.get("flags", [])]}
    with open(a.out, "w") as f:
        json.dump(doc, f, indent=2, sort_keys=True)
        f.write("\n")
    print(table(results))
    print(outliers(results))
    print("bench: results in %s" % a.out)
    bad = [p for r in results for p in r["problems"]]
    for p in bad:
        print("bench: DISAGREE: " + p, file=sys.stderr)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
