#!/usr/bin/env bash
# Run the oracle on every hand-made case under tests/oracle/cases/ and compare
# with the case's expected.json:
#   {"as_of": "YYYY-MM-DD", "set": ["RULE.param=value", ...],
#    "exit": 2,                      (optional: expect an input error)
#    "baseline": "baseline.json",    (optional: a report whose row counts DAT-007 compares with)
#    "counts": {"RULE": n, ...},     (rules not listed must count 0)
#    "skipped": ["RULE", ...],       (exactly the rules expected skipped)
#    "lines": {"RULE": [line, ...]}} (optional: sorted lines of its findings)
# Prints "N passed, N failed"; exits 1 if any case failed.
here="$(cd "$(dirname "$0")" && pwd)"
exec python3 - "$here" <<'PY'
import json, os, subprocess, sys
here = sys.argv[1]
oracle = os.path.join(here, "pmo_oracle.py")
passed = failed = 0
for name in sorted(os.listdir(os.path.join(here, "cases"))):
    d = os.path.join(here, "cases", name)
    ef = os.path.join(d, "expected.json")
    if not os.path.isfile(ef):
        continue
    exp = json.load(open(ef, encoding="utf-8"))
    cmd = [sys.executable, oracle, d, "--as-of", exp.get("as_of", "2025-06-01"), "--findings"]
    for s in exp.get("set", []):
        cmd += ["--set", s]
    if "baseline" in exp:
        cmd += ["--baseline", os.path.join(d, exp["baseline"])]
    p = subprocess.run(cmd, capture_output=True, text=True)
    errs = []
    if "exit" in exp:
        if p.returncode != exp["exit"]:
            errs.append("exit %d, expected %d" % (p.returncode, exp["exit"]))
    elif p.returncode != 0:
        errs.append("exit %d: %s" % (p.returncode, p.stderr.strip()))
    else:
        out = json.loads(p.stdout)
        want_skip = sorted(exp.get("skipped", []))
        if sorted(out["skipped"]) != want_skip:
            errs.append("skipped %s, expected %s" % (sorted(out["skipped"]), want_skip))
        for rid, n in out["counts"].items():
            w = exp.get("counts", {}).get(rid, 0)
            if n != w:
                errs.append("%s: %d, expected %d" % (rid, n, w))
        for rid in exp.get("counts", {}):
            if rid not in out["counts"] and rid not in out["skipped"]:
                errs.append("%s: unknown rule in expected.json" % rid)
        for rid, lines in exp.get("lines", {}).items():
            nokey = lambda x: (x is None, x or 0)   # a finding without a line sorts last
            got = sorted((f["line"] for f in out["findings"] if f["rule"] == rid), key=nokey)
            if got != sorted(lines, key=nokey):
                errs.append("%s lines %s, expected %s" % (rid, got, sorted(lines)))
    if errs:
        failed += 1
        print("FAIL %s" % name)
        for e in errs:
            print("     " + e)
    else:
        passed += 1
        print("ok   %s" % name)
print("%d passed, %d failed" % (passed, failed))
sys.exit(1 if failed else 0)
PY
