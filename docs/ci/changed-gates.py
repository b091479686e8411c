#!/usr/bin/env python3
"""changed-gates.py - the stage gates a merge request asks for.

  changed-gates.py MILESTONES.csv < DIFF

DIFF is `git diff --unified=0 BASE -- MILESTONES.csv`. Every added or
changed row of a stage-gate milestone (non-blank gate) names a project and a
gate; each pair is printed once, as "PROJECT GATE", sorted. The CI recipes
then run `pmoaudit gate PROJECT GATE` for each. Headers are matched like
pmoaudit does (case, spaces and punctuation ignored: "Project ID" is
project_id).
"""
import csv
import re
import sys


def norm(name):
    return re.sub(r"[^a-z0-9]+", "_", name.strip().lstrip("\ufeff").lower()).strip("_")


def main():
    with open(sys.argv[1], newline="", encoding="utf-8-sig") as f:
        header = [norm(h) for h in next(csv.reader(f))]
    try:
        pcol, gcol = header.index("project_id"), header.index("gate")
    except ValueError:
        sys.exit("changed-gates.py: %s needs the columns project_id and gate" % sys.argv[1])
    added = [line[1:] for line in sys.stdin.read().splitlines()
             if line.startswith("+") and not line.startswith("+++")]
    pairs = set()
    for row in csv.reader(added):
        if len(row) > max(pcol, gcol) and norm(row[pcol]) != "project_id":
            project, gate = row[pcol].strip(), row[gcol].strip()
            if project and gate:
                pairs.add((project, gate))
    for project, gate in sorted(pairs):
        print(project, gate)


if __name__ == "__main__":
    main()
