#!/usr/bin/env python3
"""rules.py - the same ten rules as bench/rules.sql, as the plain Python 3
script (standard library only) a user might write instead of pmoaudit.

    python3 bench/rules.py DATA_DIR --as-of YYYY-MM-DD

Prints one "RULE|count" line per rule. `--only GOV-004` counts that rule
alone instead, for bench.py's per-rule scaling check. `make bench` times it against
pmoaudit on the same portfolio and checks that every count equals
pmoaudit's. Typing follows shared/spec/data-model.md: cells are trimmed,
blank is None, and a cell that does not parse as its type is None too.
Like a typical script, it reads each file once with the csv module and
keeps only the columns the rules need.
"""
import argparse
import csv
import datetime
import os
import re

WS = " \t\r\n\v\f"
NUMBER_RE = re.compile(r"([+-]?[0-9]+(?:\.[0-9]+)?)%?\Z")
MONEY_RE = re.compile(r"(-?)[$\u20ac\u00a3\u00a5]?((?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?)\Z")
INT_RE = re.compile(r"[+-]?[0-9]+\Z")
DATE_RE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})(?:T[0-9:]+(?:Z|[+-][0-9]{2}:[0-9]{2})?)?\Z")
LINK_RE = re.compile(r"([^\s:;]+?)(?::(FS|SS|FF|SF))?(?:([+-][0-9]+(?:\.[0-9]+)?)d?)?\Z", re.IGNORECASE)


def text(s):
    s = s.strip(WS)
    return s or None


def day(s):
    """A date cell as a day number (None when blank or invalid)."""
    m = DATE_RE.match(s.strip(WS))
    if not m:
        return None
    try:
        return datetime.date(int(m.group(1)), int(m.group(2)), int(m.group(3))).toordinal()
    except ValueError:
        return None


def number(s):
    m = NUMBER_RE.match(s.strip(WS))
    return float(m.group(1)) if m else None


def money(s):
    m = MONEY_RE.match(s.strip(WS))
    if not m:
        return None
    v = float(m.group(2).replace(",", ""))
    return -v if m.group(1) else v


def integer(s):
    s = s.strip(WS)
    return int(s) if INT_RE.match(s) else None


def enum(s):
    return s.strip(WS).lower().replace(" ", "_").replace("-", "_") or None


def rows(d, name, cols):
    """The rows of name.csv as tuples of the raw cells of cols ('' when absent)."""
    path = os.path.join(d, name + ".csv")
    if not os.path.exists(path):
        return None
    with open(path, newline="", encoding="utf-8-sig") as f:
        r = csv.reader(f)
        head = [re.sub(r"[ .\-]+", "_", h.strip(WS).lower()) for h in next(r, [])]
        idx = [head.index(c) if c in head else None for c in cols]
        out = []
        for row in r:
            if not row:
                continue
            out.append(tuple(row[i] if i is not None and i < len(row) else "" for i in idx))
        return out


def audit(d, T):
    n = {}
    pr = [(text(pid), enum(st), day(s), day(pf), day(af), money(b), money(ac))
          for pid, st, s, pf, af, b, ac in rows(d, "projects", ["project_id", "status", "start_date",
                                                                  "planned_finish", "actual_finish", "budget",
                                                                  "actual_cost"])]
    pr = [p for p in pr if p[0] is not None]    # a row without a project id is no project
    n["STD-005"] = sum(1 for _, _, s, pf, af, _, _ in pr
                       if s is not None and ((pf is not None and s > pf) or (af is not None and af < s)))
    n["CST-003"] = sum(1 for *_, b, ac in pr if ac is not None and ac > 0 and (b is None or b <= 0))
    n["CLS-002"] = sum(1 for p in pr if p[1] == "closed" and p[4] is None)

    ms = rows(d, "milestones", ["status", "actual_date", "gate", "approved_by", "approval_date"])
    n["GOV-001"] = sum(1 for st, ad, g, by, apd in ms
                       if (enum(st) == "achieved" or day(ad) is not None) and text(g)
                       and (text(by) is None or day(apd) is None))

    cnt = 0
    for st, sc, p, i, ow, mi in rows(d, "risks", ["status", "score", "probability", "impact", "owner",
                                                  "mitigation"]):
        if enum(st) in ("closed", "occurred"):
            continue
        score = integer(sc)
        if score is None:
            p, i = integer(p), integer(i)
            score = p * i if p is not None and i is not None else None
        if score is not None and score >= 15 and (text(ow) is None or text(mi) is None):
            cnt += 1
    n["RSK-001"] = cnt

    n["CHG-002"] = sum(1 for im, ap in rows(d, "changes", ["implemented_date", "approval_date"])
                       if day(im) is not None and day(ap) is not None and day(im) < day(ap))

    n["ISS-002"] = sum(1 for p, st, ow in rows(d, "issues", ["priority", "status", "owner"])
                       if enum(p) in ("high", "critical") and enum(st) not in ("resolved", "closed")
                       and text(ow) is None)

    newest = {}
    for pid, rd in rows(d, "status_reports", ["project_id", "report_date"]):
        pid, rd = text(pid), day(rd)
        if pid is not None and rd is not None and rd <= T and rd > newest.get(pid, -1):
            newest[pid] = rd
    n["MON-001"] = sum(1 for p in pr if p[1] in ("active", "on_hold")
                       and (p[0] not in newest or T - newest[p[0]] > 14))

    # RES-001: per resource, +percent on the start day, -percent after the end.
    events = {}
    for r, s, e, pc in rows(d, "allocations", ["resource_id", "start_date", "end_date", "percent"]):
        r, s, e, pc = text(r), day(s), day(e), number(pc)
        if r is None or s is None or e is None or pc is None or e < s:
            continue
        ev = events.setdefault(r, {})
        ev[s] = ev.get(s, 0) + pc
        ev[e + 1] = ev.get(e + 1, 0) - pc
    cnt = 0
    for ev in events.values():
        load = 0
        for k in sorted(ev):
            load += ev[k]
            if load > 100:
                cnt += 1
                break
    n["RES-001"] = cnt

    # SCH-010: open ends among the considered tasks of each project.
    tasks = rows(d, "tasks", ["task_id", "project_id", "predecessors", "is_summary", "actual_finish",
                              "percent_complete"])
    linked = set()
    parsed = []
    for tid, pid, preds, summ, af, pc in tasks:
        pid = text(pid)
        links = []
        if pid is not None:
            for part in preds.split(";"):
                part = part.strip(WS)
                m = LINK_RE.match(part) if part else None
                if m:
                    links.append(m.group(1))
                    linked.add((pid, m.group(1)))
        parsed.append((text(tid), pid, links, summ, af, pc))
    agg = {}
    for tid, pid, links, summ, af, pc in parsed:
        if pid is None or summ.strip(WS).lower() in ("true", "yes", "y", "1"):
            continue
        if day(af) is not None or (number(pc) or 0) >= 100:
            continue
        a = agg.setdefault(pid, [0, 0])
        a[0] += 1
        if not links or (pid, tid) not in linked:
            a[1] += 1
    n["SCH-010"] = sum(1 for p in pr if p[0] in agg and agg[p[0]][1] / agg[p[0]][0] > 0.05)
    return n


STOP = {"project", "programme", "program", "phase", "the", "and", "for"}
SPLIT_RE = re.compile(rb"[^0-9A-Za-z\x80-\xff]+")


def gov_004(d):
    """GOV-004 (bench.py's per-rule scaling check): open projects whose name's
    word set is within Jaccard 0.8 of another open project row's. Candidates
    come from a word -> rows index, counted per pair; only pairs that share a
    word are looked at, never every pair."""
    sets = []
    for pid, name, st in rows(d, "projects", ["project_id", "name", "status"]):
        if text(pid) is None or enum(st) not in ("active", "on_hold"):
            continue
        words = {w for w in SPLIT_RE.split(name.strip(WS).encode("utf-8").lower())
                 if len(w) >= 3 and w.decode("utf-8", "replace") not in STOP}
        if len(words) >= 2:
            sets.append(words)
    index = {}
    for i, ws in enumerate(sets):
        for w in ws:
            index.setdefault(w, []).append(i)
    n = 0
    for i, a in enumerate(sets):
        shared = {}
        for w in a:
            for j in index[w]:
                if j != i:
                    shared[j] = shared.get(j, 0) + 1
        if any(c / (len(a) + len(sets[j]) - c) >= 0.8 for j, c in shared.items()):
            n += 1
    return n


def boolean(s):
    return s.strip(WS).lower() in ("true", "yes", "y", "1")


def schedules(d, T, rule):
    """SCH-021, SCH-022 or SCH-023 (bench.py's per-rule scaling check): per
    project, the considered tasks (not summary, no actual_finish, percent
    below 100); for SCH-021 the share with a duration and no resource, for
    SCH-022/023 the remaining network (links to the project's first task of
    an id that is considered), Kahn's algorithm (a loop leaves tasks
    unplaced) and the forward pass."""
    tasks = rows(d, "tasks", ["task_id", "project_id", "duration_days", "percent_complete", "actual_start",
                              "actual_finish", "is_summary", "resource", "predecessors"])
    by = {}
    for t in tasks:
        pid = text(t[1])
        if pid is not None:
            by.setdefault(pid, []).append(t)
    stats = {}
    for pid, ts in by.items():
        first = {}
        for i, t in enumerate(ts):
            tid = text(t[0])
            if tid is not None and tid not in first:
                first[tid] = i
        node = [i for i, t in enumerate(ts) if not boolean(t[6]) and day(t[5]) is None and (number(t[3]) or 0) < 100]
        if rule == "SCH-021":
            stats[pid] = (len(node), sum(1 for i in node if (number(ts[i][2]) or 0) > 0 and text(ts[i][7]) is None))
            continue
        is_node = set(node)
        preds = {}
        for i in node:
            lk = []
            for part in ts[i][8].split(";"):
                m = LINK_RE.match(part.strip(WS)) if part.strip(WS) else None
                if m and first.get(m.group(1)) in is_node:
                    lk.append((first[m.group(1)], (m.group(2) or "FS").upper(), float(m.group(3) or 0)))
            preds[i] = lk
        succ = {i: [] for i in node}
        indeg = {i: len(preds[i]) for i in node}
        for i in node:
            for p, _, _ in preds[i]:
                succ[p].append(i)
        order = [i for i in node if indeg[i] == 0]
        for v in order:
            for w in succ[v]:
                indeg[w] -= 1
                if indeg[w] == 0:
                    order.append(w)
        if len(order) < len(node):
            stats[pid] = (len(node), None)
            continue
        es, ef, cpl = {}, {}, 0.0
        for v in order:
            d_ = max(number(ts[v][2]) or 0, 0)
            r = d_ * (1 - (number(ts[v][3]) or 0) / 100)
            start = 0.0
            if day(ts[v][4]) is None:
                for p, typ, lag in preds[v]:
                    b = {"FS": ef[p] + lag, "SS": es[p] + lag, "FF": ef[p] + lag - r}.get(typ, es[p] + lag - r)
                    start = max(start, b)
            es[v], ef[v] = start, start + r
            cpl = max(cpl, start + r)
        stats[pid] = (len(node), cpl)
    n = 0
    for pid, st, pf in rows(d, "projects", ["project_id", "status", "planned_finish"]):
        s_ = stats.get(text(pid))
        if not s_ or not s_[0]:
            continue
        if rule == "SCH-021":
            n += s_[1] > 0
        elif rule == "SCH-023":
            n += s_[1] is None
        elif s_[1] and enum(st) in ("active", "on_hold") and day(pf) is not None:
            f = day(pf)
            w = sum(1 for k in range(T + 1, f + 1) if datetime.date.fromordinal(k).weekday() < 5)
            n += w / s_[1] < 0.95
    return n


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("dir")
    ap.add_argument("--as-of", required=True)
    ap.add_argument("--only", help="GOV-004 or SCH-021..023: that rule alone (bench.py's per-rule scaling check)")
    a = ap.parse_args()
    T = datetime.date.fromisoformat(a.as_of).toordinal()
    if a.only == "GOV-004":
        print("GOV-004|%d" % gov_004(a.dir))
        return
    if a.only in ("SCH-021", "SCH-022", "SCH-023"):
        print("%s|%d" % (a.only, schedules(a.dir, T, a.only)))
        return
    if a.only:
        ap.error("--only: only GOV-004 and SCH-021..023 are implemented apart from the ten rules")
    for rule, count in sorted(audit(a.dir, T).items()):
        print("%s|%d" % (rule, count))


if __name__ == "__main__":
    main()
