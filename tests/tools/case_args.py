#!/usr/bin/env python3
"""Prints, shell-quoted, the pmoaudit options for a hand-made oracle case:
--as-of, each --set whose rule is among the known rule ids given after
the case file, and --baseline when the case has one.
Usage: case_args.py EXPECTED.json RULE_ID...
"""
import json
import os
import shlex
import sys

exp = json.load(open(sys.argv[1], encoding="utf-8"))
known = set(sys.argv[2:])
args = ["--as-of", exp.get("as_of", "2025-06-01")]
for s in exp.get("set", []):
    if s.split(".", 1)[0] in known:
        args += ["--set", s]
if "baseline" in exp:   # a report whose row counts DAT-007 compares with, beside the case
    args += ["--baseline", os.path.join(os.path.dirname(os.path.abspath(sys.argv[1])), exp["baseline"])]
print(" ".join(shlex.quote(a) for a in args))
