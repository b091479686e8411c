#!/usr/bin/env python3
"""ci_steps.py - the shell commands of the CI recipes in docs/ci/, for
tests/e2e/ci_recipes_test.sh to run locally.

  ci_steps.py github docs/ci/github-actions.yml OUTDIR
  ci_steps.py gitlab docs/ci/gitlab-ci.yml OUTDIR

Writes OUTDIR/<job>/<NN>.sh, one per step (GitHub) or one main.sh and
after.sh per job (GitLab: before_script + script, then after_script), and
prints one line per step: "JOB NN run NAME" or "JOB NN skip NAME: WHY".
A step is skipped when it is a `uses:` action (it runs inside the CI
service) or carries a `# ci-only: WHY` comment. The recipes are written in
plain block style, which is all this reader understands; the test also
loads them with PyYAML when it is installed.
"""
import os
import re
import sys


def indent(line):
    return len(line) - len(line.lstrip(" "))


def block(lines, i, min_indent):
    """The block scalar starting at lines[i] (after `key: |`): its text, next index."""
    out = []
    while i < len(lines) and (not lines[i].strip() or indent(lines[i]) >= min_indent):
        out.append(lines[i][min_indent:] if lines[i].strip() else "")
        i += 1
    return "\n".join(out).rstrip() + "\n", i


def github(lines, outdir):
    jobs, job, step = [], None, None
    i = 0
    in_jobs = False
    while i < len(lines):
        line = lines[i]
        s = line.strip()
        ind = indent(line)
        if ind == 0 and s:
            in_jobs = s == "jobs:"
        elif in_jobs and ind == 2 and s.endswith(":") and not s.startswith("#"):
            job = {"name": s[:-1], "steps": []}
            jobs.append(job)
        elif job and ind == 6 and s.startswith("- "):
            step = {"name": "", "run": None, "skip": None}
            job["steps"].append(step)
            rest = s[2:]
            if rest.startswith("uses:"):
                step["skip"] = "%s runs inside the CI service" % rest
            elif rest.startswith("name:"):
                step["name"] = rest[5:].strip()
        elif step is not None and ind == 8:
            if s.startswith("# ci-only:"):
                step["skip"] = s[len("# ci-only:"):].strip()
            elif s.startswith("name:"):
                step["name"] = s[5:].strip()
            elif s == "run: |":
                step["run"], i = block(lines, i + 1, 10)
                continue
            elif s.startswith("run:"):
                step["run"] = s[4:].strip() + "\n"
        i += 1
    for job in jobs:
        os.makedirs(os.path.join(outdir, job["name"]), exist_ok=True)
        for n, step in enumerate(job["steps"], 1):
            name = step["name"] or "(unnamed)"
            if step["skip"] or not step["run"]:
                print("%s %02d skip %s: %s" % (job["name"], n, name, step["skip"] or "no run:"))
                continue
            with open(os.path.join(outdir, job["name"], "%02d.sh" % n), "w") as f:
                f.write(step["run"])
            print("%s %02d run %s" % (job["name"], n, name))


def gitlab(lines, outdir):
    jobs, job, key, skip_next = {}, None, None, None
    i = 0
    while i < len(lines):
        line = lines[i]
        s = line.strip()
        ind = indent(line)
        if ind == 0 and s and not s.startswith("#"):
            name = s.rstrip(":")
            job = jobs.setdefault(name, {"extends": None, "before_script": [], "script": [], "after_script": []})
            key = None
        elif job is not None and ind == 2 and s and not s.startswith("#"):
            k = s.split(":", 1)[0]
            key = k if k in ("before_script", "script", "after_script") else None
            if k == "extends":
                job["extends"] = s.split(":", 1)[1].strip()
        elif key and ind == 4 and s.startswith("# ci-only:"):
            skip_next = s[len("# ci-only:"):].strip()
        elif key and ind == 4 and s.startswith("- "):
            if s == "- |":
                cmd, i = block(lines, i + 1, 6)
            else:
                cmd, i = s[2:] + "\n", i + 1
            job[key].append((cmd, skip_next))
            skip_next = None
            continue
        i += 1
    for name, job in jobs.items():
        if name.startswith(".") or name in ("variables", "stages", "default", "include", "workflow"):
            continue
        base = jobs.get(job["extends"], {}) if job["extends"] else {}
        before = job["before_script"] or base.get("before_script", [])
        d = os.path.join(outdir, name)
        os.makedirs(d, exist_ok=True)
        n = 0
        with open(os.path.join(d, "main.sh"), "w") as f:
            for cmd, skip in before + job["script"]:
                n += 1
                first = cmd.splitlines()[0][:60]
                if skip:
                    print("%s %02d skip %s: %s" % (name, n, first, skip))
                    continue
                print("%s %02d run %s" % (name, n, first))
                f.write(cmd)
        with open(os.path.join(d, "after.sh"), "w") as f:
            for cmd, skip in job["after_script"] or base.get("after_script", []):
                if not skip:
                    f.write(cmd)


def main():
    kind, path, outdir = sys.argv[1:4]
    with open(path) as f:
        lines = f.read().splitlines()
    (github if kind == "github" else gitlab)(lines, outdir)


if __name__ == "__main__":
    main()
