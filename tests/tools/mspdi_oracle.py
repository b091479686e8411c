#!/usr/bin/env python3
"""What the msproject profile should load from an MS Project XML (MSPDI) file,
read independently of pmoaudit: xml.etree for the values, a regular
expression for the lines of the Task elements (etree keeps no lines).

Usage: mspdi_oracle.py FILE.xml

Prints, sorted, one line per expected fact, in the forms that
tests/e2e/mspdi_test.sh makes pmoaudit print:
  project ID | NAME | active
  task TASK_ID | MSP_ID | UID | NAME | WBS | OUTLINE | START | FINISH | DURATION |
       PCT | PREDECESSORS | CONSTRAINT | BSTART | BFINISH | ASTART | AFINISH |
       FLOAT | RESOURCE | MILESTONE | SUMMARY            (one line; nil when absent)
  dat001 LINE COLUMN VALUE
  ledger read R loaded L [projects P tasks T] | N REASON @LINES
The conversions are MSPDI's as Microsoft documents them: durations are
xsd:durations, TotalSlack and LinkLag are tenths of a minute (a day is the
project's MinutesPerDay; the day of an elapsed lag, and of a task whose
DurationFormat is elapsed (1 eday is PT24H0M0S), is 1440 minutes), a percent
lag is a percentage, link Type 0-3 is FF FS SF SS, ConstraintType 0-7 is
ASAP ALAP MSO MFO SNET SNLT FNET FNLT.
"""
import os
import re
import sys
import xml.etree.ElementTree as ET

NS = "{http://schemas.microsoft.com/project}"
TYPES = {"0": "FF", "1": "FS", "2": "SF", "3": "SS"}
CONSTRAINTS = ["ASAP", "ALAP", "MSO", "MFO", "SNET", "SNLT", "FNET", "FNLT"]
ELAPSED = {4, 6, 8, 10, 12, 36, 38, 40, 42, 44}
PERCENT = {19, 20, 51, 52}


def lua_num(x):
    """A float as Lua's tostring prints it."""
    s = "%.14g" % x
    return s + ".0" if re.fullmatch(r"-?\d+", s) else s


def days_num(x):
    """Days as the reader writes them: rounded to 9 decimals (0.002083333)."""
    return lua_num(round(x, 9) + 0.0)


def text(el, tag):
    c = el.find(NS + tag)
    if c is None or c.text is None or not c.text.strip():
        return None
    return c.text.strip()


def duration_hours(s):
    m = re.fullmatch(r"(-?)PT(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?", s)
    if not m or not any(m.group(i) for i in (2, 3, 4)):
        return None
    h = float(m.group(2) or 0) + float(m.group(3) or 0) / 60 + float(m.group(4) or 0) / 3600
    return -h if m.group(1) else h


def main(path):
    raw = open(path, encoding="utf-8").read()
    lines = [raw.count("\n", 0, m.start()) + 1 for m in re.finditer(r"<Task[\s>]", raw)]
    root = ET.parse(path).getroot()
    stem = os.path.basename(path)[:-4]
    mpd = float(text(root, "MinutesPerDay") or 480)
    title = text(root, "Title")
    tasks = root.findall(NS + "Tasks/" + NS + "Task")
    assert len(tasks) == len(lines), (len(tasks), len(lines))
    by_uid = {text(t, "UID"): t for t in tasks}
    names = {text(r, "UID"): text(r, "Name") for r in root.findall(NS + "Resources/" + NS + "Resource")}
    assigned = {}
    for a in root.findall(NS + "Assignments/" + NS + "Assignment"):
        name = names.get(text(a, "ResourceUID"))
        if name:
            assigned.setdefault(text(a, "TaskUID"), []).append(name)
    out = []
    out.append("project %s | %s | active" % (stem, title or stem))
    loaded, left = 0, []
    for t, line in zip(tasks, lines):
        if text(t, "IsNull") == "1":
            left.append(line)
            continue
        loaded += 1
        if text(t, "UID") == "0":
            continue
        out.extend(task_lines(t, line, stem, mpd, by_uid, assigned))
    ntasks = loaded - (1 if "0" in by_uid else 0)
    led = "ledger read %d loaded %d [projects 1 tasks %d]" % (len(tasks), loaded, ntasks)
    if left:
        led += " | %d a blank task row (IsNull) (tables.tasks.drop) @%s" % (len(left), ",".join(map(str, left)))
    out.append(led)
    print("\n".join(sorted(out)))


def links(t, stem, mpd, by_uid):
    """The predecessors cell, and whether every link in it is valid."""
    parts, ok = [], True
    for l in t.findall(NS + "PredecessorLink"):
        uid = text(l, "PredecessorUID")
        pred = by_uid.get(uid)
        if pred is None:
            parts.append("PredecessorUID %s: no task has this UID" % uid)
            ok = False
            continue
        s = "%s.%s:%s" % (stem, text(pred, "ID"), TYPES[text(l, "Type") or "1"])
        lag = float(text(l, "LinkLag") or 0)
        fmt = int(text(l, "LagFormat") or 7)
        if lag and fmt in PERCENT:
            s += "%s%g%%" % ("-" if lag < 0 else "+", abs(lag))
            ok = False
        elif lag:
            days = lag / 10 / (1440 if fmt in ELAPSED else mpd)
            s += "%s%gd" % ("-" if days < 0 else "+", abs(days))
        parts.append(s)
    return (";".join(parts) if parts else None), ok


def task_lines(t, line, stem, mpd, by_uid, assigned):
    out = []
    date = lambda tag: text(t, tag)[:10] if text(t, tag) else None
    base = [b for b in t.findall(NS + "Baseline") if text(b, "Number") == "0"]
    bdate = lambda tag: text(base[0], tag)[:10] if base and text(base[0], tag) else None
    dur = text(t, "Duration")
    hours = duration_hours(dur) if dur else None
    if dur and hours is None:
        out.append("dat001 %d duration_days %s" % (line, dur))
    preds, ok = links(t, stem, mpd, by_uid)
    if not ok:
        out.append("dat001 %d predecessors %s" % (line, preds))
    ct = text(t, "ConstraintType")
    slack = text(t, "TotalSlack")
    pct = text(t, "PercentComplete")
    flag = lambda tag: {"1": "true", "0": "false", None: None}[text(t, tag)]
    res = assigned.get(text(t, "UID"))
    fields = [
        "%s.%s" % (stem, text(t, "ID")), text(t, "ID"), text(t, "UID"), text(t, "Name"), text(t, "WBS"),
        text(t, "OutlineLevel"), date("Start"), date("Finish"),
        days_num(hours * 60 / (1440 if int(text(t, "DurationFormat") or 0) in ELAPSED else mpd))
        if hours is not None else None,
        lua_num(float(pct)) if pct else None, preds,
        CONSTRAINTS[int(ct)] if ct else None, bdate("Start"), bdate("Finish"), date("ActualStart"),
        date("ActualFinish"), days_num(float(slack) / 10 / mpd) if slack else None,
        ",".join(res) if res else None, flag("Milestone"), flag("Summary"),
    ]
    out.append("task " + " | ".join("nil" if f is None else f for f in fields))
    return out


if __name__ == "__main__":
    main(sys.argv[1])
