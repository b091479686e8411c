#!/usr/bin/env python3
"""The findings the cookbook's rules should give on a data folder, computed
here from the CSV files, independently of pmoaudit, for cookbook_test.sh.

  cookbook_expect.py DATA_DIR AS_OF     prints "RULE N" per rule, then
                                        "RULE file:line" per finding

Each function restates one rule of docs/cookbook/README.md in Python, with
the few parsing rules of the data model it needs (headers and enums
normalised, money with $ € £ and thousands separators, ISO dates); a cell
that does not parse is treated as blank, as pmoaudit does.
"""
import csv
import datetime
import os
import re
import sys
from collections import defaultdict


def norm(s):
    """Header and enum normalisation: trimmed, lower case, spaces and hyphens to '_'."""
    return re.sub(r"[ \t\-.]+", "_", s.strip().lower()) if s is not None else ""


def table(data, name):
    """Rows as dicts keyed by normalised header, each with its CSV line number."""
    path = os.path.join(data, name + ".csv")
    with open(path, encoding="utf-8-sig", newline="") as f:
        reader = csv.reader(f)
        header = [norm(h) for h in next(reader)]
        rows = []
        for cells in reader:
            row = {h: (cells[i].strip() if i < len(cells) else "") for i, h in enumerate(header)}
            row["_line"] = reader.line_num - (sum(c.count("\n") for c in cells))
            rows.append(row)
        return rows


def date(s):
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", s or "")
    try:
        return datetime.date(int(m.group(1)), int(m.group(2)), int(m.group(3))) if m else None
    except ValueError:
        return None


MONEY = re.compile(r"-?(?:\$|€|£|¥)?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?")


def money(s):
    s = (s or "").strip()
    if not MONEY.fullmatch(s):
        return None
    return float(re.sub(r"[^\d.\-]", "", s))


def number(s):
    s = (s or "").strip()
    if s.endswith("%"):
        s = s[:-1]
    return float(s) if re.fullmatch(r"[+-]?\d+(?:\.\d+)?", s) else None


def vendors(data, T):
    """ACME-201: contract not in USD, not an amount, unknown project, or above half the budget."""
    projects = {p["project_id"]: p for p in table(data, "projects")}
    out = []
    for v in table(data, "vendors"):
        raw = v["contract_value"]
        m = re.fullmatch(r"(-?)([$€£]?)\s*((?:\d{1,3}(?:,\d{3})*|\d+)(?:\.\d+)?)", raw)
        if not m:
            out.append(v)
        elif m.group(2) not in ("", "$"):
            out.append(v)
        else:
            amount = float(m.group(3).replace(",", ""))
            p = projects.get(v["project_id"])
            budget = money(p["budget"]) if p else None
            if p is None or (budget is not None and round(amount - 0.5 * budget, 6) > 0):
                out.append(v)
    return "vendors", out


def sponsors(data, T):
    """ACME-202: sponsors of more than 3 active projects, one finding on their first active project."""
    by = defaultdict(list)
    for p in table(data, "projects"):
        if p["sponsor"] and norm(p["status"]) == "active":
            by[p["sponsor"]].append(p)
    return "projects", [rows[0] for rows in by.values() if len(rows) > 3]


def burn(data, T):
    """ACME-203: active projects that spent 10 points more of the budget than of the schedule."""
    out = []
    for p in table(data, "projects"):
        start, finish = date(p["start_date"]), date(p["planned_finish"])
        budget, spent = money(p["budget"]), money(p["actual_cost"])
        if norm(p["status"]) != "active" or not start or not finish or finish <= start:
            continue
        if not budget or budget <= 0 or spent is None:
            continue
        elapsed = min(max((T - start).days / (finish - start).days, 0.0), 1.0)
        if round(spent / budget - elapsed, 6) > 0.10:
            out.append(p)
    return "projects", out


def stale_issues(data, T):
    """ACME-204: open issues older than the limit of their priority (medium when unknown)."""
    limits = {"critical": 5, "high": 10, "medium": 30, "low": 60}
    out = []
    for i in table(data, "issues"):
        raised = date(i["raised_date"])
        if norm(i["status"]) not in ("open", "in_progress") or not raised:
            continue
        pr = norm(i["priority"])
        if (T - raised).days > limits.get(pr, limits["medium"]):
            out.append(i)
    return "issues", out


def gate_approvers(data, T):
    """ACME-205: achieved gates approved by someone else than G1's committee or the sponsor."""
    projects = {p["project_id"]: p for p in table(data, "projects")}
    out = []
    for m in table(data, "milestones"):
        gate = m["gate"].strip().upper()
        if not gate or norm(m["status"]) != "achieved" or not m["approved_by"]:
            continue
        p = projects.get(m["project_id"])
        want = "Investment Committee" if gate == "G1" else (p["sponsor"] if p else "")
        if m["approved_by"].lower() != want.lower():
            out.append(m)
    return "milestones", out


def timesheet_cap(data, T):
    """ACME-206: a person's hours in one week, over all projects, above 48; located at the week's first row."""
    weeks = {}
    for t in table(data, "timesheets"):
        week, hours = date(t["week_start"]), number(t["hours"])
        if not t["resource_id"] or week is None or hours is None:
            continue
        k = (t["resource_id"], week)
        first, total = weeks.get(k, (t, 0.0))
        weeks[k] = (first, total + hours)
    return "timesheets", [first for first, total in weeks.values() if round(total, 6) > 48]


LINK = re.compile(r"([^\s:;]+?)(?::(FS|SS|FF|SF))?(?:([+-]\d+(?:\.\d+)?)[dD]?)?", re.I)


def truthy(s):
    return norm(s) in ("true", "yes", "y", "1")


def critical_unstaffed(data, T):
    """ACME-207: tasks with work left on a project's critical path and no resource.

    The project's remaining network (rules-catalogue.md, SCH-021..023): its
    tasks that are not summaries and not complete, linked by their
    predecessors (the first task of the project with the id; links to
    other tasks dropped). A depth-first walk gives an order (and finds a
    loop: no critical path then); the forward pass gives each task ES and
    EF. The path runs from the task with the latest EF (the last in the
    file on a tie) back along the first link whose bound equals the task's
    early start, stopping at a task already under way (actual start)."""
    projects = {p["project_id"] for p in table(data, "projects") if p["project_id"]}
    by = defaultdict(list)
    for t in table(data, "tasks"):
        if t["project_id"] in projects:
            by[t["project_id"]].append(t)
    out = []
    for pid, rows in by.items():
        first = {}
        for i, t in enumerate(rows):
            first.setdefault(t["task_id"], i)
        node = [i for i, t in enumerate(rows) if not truthy(t["is_summary"]) and date(t["actual_finish"]) is None
                and (number(t["percent_complete"]) or 0) < 100]
        is_node = set(node)
        links = {i: [(first[m.group(1)], (m.group(2) or "FS").upper(), float(m.group(3) or 0))
                     for m in (LINK.fullmatch(e.strip()) for e in rows[i]["predecessors"].split(";") if e.strip())
                     if m and first.get(m.group(1)) in is_node] for i in node}
        order, state, loop = [], {}, False
        for root in node:
            stack = [(root, 0)] if root not in state else []
            state.setdefault(root, 1)
            while stack and not loop:
                v, k = stack.pop()
                if k < len(links[v]):
                    stack.append((v, k + 1))
                    w = links[v][k][0]
                    loop = state.get(w) == 1
                    if w not in state:
                        state[w] = 1
                        stack.append((w, 0))
                else:
                    state[v] = 2
                    order.append(v)
        if loop or not node:
            continue
        r = {i: max(number(rows[i]["duration_days"]) or 0, 0) * (1 - (number(rows[i]["percent_complete"]) or 0) / 100)
             for i in node}
        es = {}

        def bound(lk, s):
            p, typ, lag = lk
            b = es[p] + (r[p] if typ in ("FS", "FF") else 0) + lag
            return b - r[s] if typ in ("FF", "SF") else b
        for v in order:
            started = date(rows[v]["actual_start"]) is not None
            es[v] = 0 if started else max([0] + [bound(lk, v) for lk in links[v]])
        cur = max(node, key=lambda i: (es[i] + r[i], i))
        while True:
            if r[cur] > 0 and not rows[cur]["resource"]:
                out.append(rows[cur])
            drive = None if date(rows[cur]["actual_start"]) else \
                next((lk[0] for lk in links[cur] if bound(lk, cur) == es[cur]), None)
            if drive is None:
                break
            cur = drive
    return "tasks", out


RULES = {"ACME-201": vendors, "ACME-202": sponsors, "ACME-203": burn, "ACME-204": stale_issues,
         "ACME-205": gate_approvers, "ACME-206": timesheet_cap, "ACME-207": critical_unstaffed}


def main():
    data, T = sys.argv[1], datetime.date.fromisoformat(sys.argv[2])
    found = {rid: f(data, T) for rid, f in RULES.items()}
    for rid, (_, rows) in found.items():
        print(rid, len(rows))
    for rid, (name, rows) in found.items():
        print(rid, " ".join(sorted("%s.csv:%d" % (name, r["_line"]) for r in rows)))


if __name__ == "__main__":
    main()
