#!/usr/bin/env python3
"""gen_portfolio.py - deterministic large-portfolio generator for pmoaudit.

    python3 samples/gen_portfolio.py --tasks N --out DIR [--seed S] [--shape default|dense]
                                     [--plant-loops SHARE] [--plant-missing-resources SHARE]

Writes every table of the data model (projects.csv ... timesheets.csv) into DIR,
sized from N, the number of task rows:

    projects      max(20, N/400)          milestones     6 per project
    resources     max(10, N/250)          allocations    3 per resource
    risks         8 per project           issues         5 per project
    changes       3 per project           status_reports 12 per project
    meetings      10 per project          lessons        2 per closed project
    tasks         N (incl. WBS summaries) timesheets     0.7 x N

Project names are distinct ("Kalori - CRM Migration Lisbon"), with about 1%
near-duplicates of an earlier name for GOV-004, drawn from a random stream of
their own so that no other value depends on them.

Dates are relative to the as-of date T = 2026-06-30.  A small, realistic rate
(about 0.1-3 %, see RATES) of every kind of defect the rule catalogue checks is
mixed in: unparsable cells, blank required cells, duplicate keys, dangling
project/resource ids, stale reports, overdue milestones, overallocation, ...

--plant-loops and --plant-missing-resources (default 0: off) add circular
logic (SCH-023) to a share of the projects and blank the resource of a share
of the tasks (SCH-021), from a random stream of their own (see planter), so
that the default output stays byte for byte the same.


--shape dense (issue 19) turns every anomaly knob to its worst realistic
setting (SHAPES below): most resources over capacity most weeks, long
predecessor lists, many leads and lags, most past tasks overdue, most
projects over budget and late; a few hundred thousand findings at N =
1,000,000. It changes only the knobs of SHAPES; the default shape's output
is byte for byte what it was before shapes existed.

The output depends only on (N, seed, shape) and the two shares above: random.Random(seed) is the only source of
randomness.  Rows are streamed to the files in large buffered writes, so memory
stays flat (per-project and per-resource state only) even for N = 5,000,000.
Python 3 standard library only.
"""
import argparse
import math
import os
import random
import re
import sys
import time
from datetime import date, timedelta

T = date(2026, 6, 30)
BASE = date(2018, 1, 1)
TD = (T - BASE).days                       # T as a day number
NDAYS = (date(2034, 12, 31) - BASE).days
DS = [(BASE + timedelta(days=i)).isoformat() for i in range(NDAYS + 1)]   # day number -> ISO text
MONDAY_T = TD - T.weekday()                # Monday of T's week

# defect rates (probability per row, or per project / per resource where noted)
RATES = dict(
    bad_cell=0.002,          # DAT-001: an unparsable cell
    blank_req=0.001,         # DAT-002: a blank required cell
    dup_key=0.001,           # DAT-003: a key repeated from an earlier row
    dangling=0.001,          # DAT-004: project_id / resource_id that does not exist
    bad_pid=0.01,            # STD-001 (per project)
    no_sponsor=0.02, no_manager=0.02, no_charter=0.02, no_bc=0.02,   # STD-002..004 (per project)
    bad_dates=0.01, future_actual=0.01,                                # STD-005, STD-006
    gate_unapproved=0.02, gate_missing=0.02, no_steering=0.03,          # GOV
    ms_overdue=0.02,                                                    # SCH-001
    slip=0.04,               # SCH-004 (per project): forecast overrun > 10 %
    no_budget=0.01,          # CST-003 (per project)
    task_forgotten=0.01,     # SCH-018/019: past task not updated
    lead=0.01, pos_lag=0.012, non_fs=0.03, extra_ss=0.03, late_finish=0.02, hard_cons=0.02, big_float=0.02, neg_float=0.01,
    long_dur=0.02, bad_link=0.002,
    overalloc=0.03,          # RES-001 (per resource)
    alloc_after_close=0.02,  # RES-002
    overtime=0.01,           # RES-004 (per timesheet row)
    ts_after_close=0.004,    # RES-005
    risk_no_owner=0.02, risk_no_mit=0.03, risk_stale=0.04, risk_bad_score=0.01, risk_range=0.005,
    all_risks_closed=0.02,   # RSK-003 (per project)
    chg_unapproved=0.02, chg_early=0.01, chg_other_approver=0.03,
    stale_report=0.03, watermelon=0.15,
    no_lessons=0.03, no_actual_finish=0.02, leftover_item=0.02,
    iss_no_owner=0.03,
)

# The shapes: knobs over RATES and the sizes above. "default" is the shape
# described above; "dense" is the worst realistic case for every rule, so that
# `make bench` and the complexity test see costs that grow with anomalies.
SHAPES = {
    "default": dict(rates={}, tasks_per_project=400, tasks_per_resource=250, projects_per_manager=1.2,
                    spi=(0.99, 0.045), cpi=(1.0, 0.045), more_links=0),
    "dense": dict(
        rates=dict(
            bad_cell=0.01, blank_req=0.005, dup_key=0.01, dangling=0.005,
            bad_pid=0.2, no_sponsor=0.3, no_manager=0.3, no_charter=0.5, no_bc=0.5,
            bad_dates=0.2, future_actual=0.2,
            gate_unapproved=0.5, gate_missing=0.4, no_steering=0.6, ms_overdue=0.6,
            slip=0.7, no_budget=0.1, task_forgotten=0.6,
            lead=0.08, pos_lag=0.2, non_fs=0.3, extra_ss=0.6, late_finish=0.5, hard_cons=0.3,
            big_float=0.25, neg_float=0.25, long_dur=0.2, bad_link=0.01,
            overalloc=0.8, alloc_after_close=0.5, overtime=0.5, ts_after_close=0.3,
            risk_no_owner=0.3, risk_no_mit=0.4, risk_stale=0.6, risk_bad_score=0.3, risk_range=0.1,
            all_risks_closed=0.3, chg_unapproved=0.3, chg_early=0.3, chg_other_approver=0.5,
            stale_report=0.6, watermelon=0.8, no_lessons=0.5, no_actual_finish=0.3, leftover_item=0.15,
            iss_no_owner=0.4),
        tasks_per_project=200,      # 5,000 projects at N = 1,000,000
        tasks_per_resource=1000,    # fewer, busier people: ~700 timesheet rows each (4-5 years)
        projects_per_manager=6,     # RES-003
        spi=(0.85, 0.1), cpi=(0.85, 0.1),   # most projects behind and over budget
        more_links=4),              # up to 4 more FS links per task: 5-7 predecessors
}

FIRST = ["Sarah", "Marcus", "Priya", "David", "Emma", "Tom\u00e1s", "Aisha", "Oliver", "Kenji", "Chlo\u00e9",
         "Ben", "Fatima", "Lucas", "Sofia", "Grace", "James", "Linda", "Rajesh", "Anna", "Michael",
         "Noah", "Olivia", "Liam", "Maya", "Ahmed", "Zoe", "Dmitri", "Ximena", "Yusuf", "Hiro"]
LAST = ["Chen", "Webb", "Natarajan", "Okonkwo", "Lindqvist", "Herrera", "Rahman", "Grant", "Watanabe",
        "Dubois", "Carter", "Zahra", "Meyer", "Rossi", "Liu", "Okafor", "Moreau", "Iyer", "Kowalski",
        "Brandt", "Schmidt", "Brown", "O'Connor", "Patel", "Karimi", "Martin", "Volkov", "Flores", "Demir",
        "Tanaka"]
PORTFOLIOS = [("Digital Transformation", ["Customer Experience", "Data & Analytics", "Digital Channels"]),
              ("Infrastructure & Operations", ["Cloud Migration", "Network Refresh", "End-User Computing"]),
              ("Regulatory & Compliance", ["Regulatory Change", "Financial Crime", "Data Protection"]),
              ("Corporate Services", ["Finance Systems", "HR & Workplace", "Procurement"])]
NOUNS = ["Customer Portal", "CRM", "Data Platform", "Payments Hub", "Network Core", "Cloud Landing Zone",
         "ERP Finance", "HR Core", "Treasury", "Identity & Access", "Document Management", "Billing Engine",
         "Contact Centre", "Data Warehouse", "Risk Engine", "Reporting Hub", "Mobile App", "Field Service",
         "Asset Register", "Supplier Portal"]
VERBS = ["Redesign", "Consolidation", "Migration", "Upgrade", "Replacement", "Rollout", "Modernisation",
         "Implementation", "Decommission", "Automation"]
PLACES = ["Lisbon", "Porto", "Madrid", "Seville", "Lyon", "Paris", "Milan", "Turin", "Munich", "Berlin",
          "Hamburg", "Vienna", "Zurich", "Geneva", "Brussels", "Antwerp", "Rotterdam", "Dublin", "Leeds",
          "Glasgow", "Oslo", "Bergen", "Stockholm", "Helsinki", "Warsaw", "Krakow", "Prague", "Budapest",
          "Athens", "Istanbul", "Dubai", "Mumbai", "Singapore", "Sydney", "Toronto", "Chicago", "Denver",
          "Austin", "Bogota", "Santiago"]
SYLL = ["ka", "lo", "ri", "ven", "tor", "mi", "sa", "del", "ar", "no", "bel", "quin", "zu", "ra", "ten",
        "vi", "os", "mar", "ly", "cor"]
EXTRA = ["Rollout", "Extension", "Refresh", "Uplift", "Stabilisation", "Integration"]
TASKN = ["Requirements workshop", "Detailed design", "Build sprint", "Interface build", "Data migration run",
         "System test", "UAT cycle", "Performance test", "Training", "Cutover rehearsal", "Deployment",
         "Hypercare", "Security review", "Vendor onboarding", "Documentation"]
PHASEN = ["Initiation", "Design", "Build", "Test", "Deployment", "Closure", "Change Management", "Data"]
RISKN = ["Key supplier delivery delay", "Data quality in legacy systems", "Insufficient SME availability",
         "Integration complexity", "Regulatory interpretation changes", "User adoption resistance",
         "Security vulnerabilities found late", "Licence cost increase", "Key person dependency",
         "Scope creep from business"]
MITIG = ["Weekly supplier checkpoint; penalty clause agreed.", "Data profiling and cleansing backlog.",
         "Backfill agreed with the business.", "Early proof of concept on the API gateway.",
         "\"Regulatory watch\" with Compliance, monthly.", "Change champions, training plan, floor-walkers.",
         "Pen test before UAT, not after.", "3-year price lock negotiated.",
         "Pairing and knowledge transfer, documented runbooks.", "Change control board, strict triage."]
ISSN = ["Test environment unavailable", "Licence procurement delayed", "Key developer resigned",
        "Interface specification not agreed", "Migration defects above threshold", "Vendor invoice dispute",
        "UAT testers not released", "Firewall change rejected"]
CHGN = ["Add push notifications", "Extend hypercare", "Additional data source", "Defer reporting module",
        "Upgrade database version", "Add Welsh language support", "Replace SMS provider",
        "Extra performance test cycle"]
LESSN = ["Agree data ownership before design.", "Plan cutover rehearsals as real tasks with owners.",
         "Backfill SMEs early; testing capacity was the bottleneck.",
         "Fixed-price contracts need a clear \"definition of done\".", "Keep a rollback path for every wave."]
SUMM = {"Green": ["On track.", "On track, no new blockers.", "Milestones on plan."],
        "Amber": ["Some slippage, recovery plan agreed.", "Resource gaps in test team.",
                  "\"Scope creep\", CR raised; contingency under watch."],
        "Red": ["Critical path slipped; re-baseline needed.", "Supplier failed delivery, escalated."]}


def q(s):
    """Quote a text cell when needed (the generator's own texts are mostly plain)."""
    if '"' in s or "," in s or "\n" in s:
        return '"' + s.replace('"', '""') + '"'
    return s


def money(x):
    return "$" + format(int(x), ",") + ".00"


class Out:
    """Buffered CSV writer: rows are appended as ready text lines."""

    def __init__(self, d, name, header):
        self.path = os.path.join(d, name + ".csv")
        self.f = open(self.path, "w", encoding="utf-8", newline="")
        self.buf = [header + "\n"]
        self.n = 0
        self.size = 0

    def add(self, line):
        self.buf.append(line)
        self.n += 1
        if len(self.buf) >= 20000:
            self.flush()

    def flush(self):
        s = "".join(self.buf)
        self.f.write(s)
        self.buf = []

    def close(self):
        self.flush()
        self.f.close()
        self.size = os.path.getsize(self.path)


LINK = re.compile(r"(T[0-9]+)(?::(?:FS|SS|FF|SF))?(?:[+-][0-9]+d)?")   # a valid generated link


def planter(seed, loops, missing):
    """The function that plants circular logic and missing resources in one
    project's task lines (a list of CSV lines, changed in place), or None when
    neither is asked for. Its draws come from a stream of its own, so the
    default output is byte for byte what it was without these options.

    Loops: a project is picked with probability `loops`; one of its open work
    tasks (not a summary, no actual_finish, percent below 100) is chosen, and
    its chain of predecessors is followed back 0 to 4 steps through open tasks
    of the project; the task reached then lists the chosen one (with a random
    link type and lag), which closes a loop (0 steps: a task listing itself).
    Missing resources: each work line's resource is blanked with probability
    `missing`."""
    if not loops and not missing:
        return None
    prng = random.Random(seed * 104723 + 7)
    kinds = ["", "", ":SS", ":FF+2d", ":SF-1d", ":FS+3d", "-1d"]
    # columns of a task line: 0 task_id, 9 actual_finish, 11 percent_complete,
    # 12 predecessors, 15 resource, 17 is_summary (no generated cell holds a comma)

    def is_open(c):
        pct = c[11].rstrip("%")
        return c[17] == "No" and c[9] == "" and pct.isdigit() and int(pct) < 100

    def plant(buf):
        cells = [line.rstrip("\n").split(",") for line in buf]
        changed = set()
        if missing:
            for k, c in enumerate(cells):
                if c[17] == "No" and c[15] and prng.random() < missing:
                    c[15] = ""
                    changed.add(k)
        if loops and prng.random() < loops:
            open_at = {c[0]: k for k, c in enumerate(cells) if is_open(c)}
            if open_at:
                ids = sorted(open_at, key=open_at.get)
                first = ids[int(prng.random() * len(ids))]
                cur = first
                for _ in range(int(prng.random() * 5)):
                    preds = [m.group(1) for m in map(LINK.fullmatch, cells[open_at[cur]][12].split(";")) if m]
                    preds = [x for x in preds if x in open_at and x != cur]
                    if not preds:
                        break
                    cur = preds[0]
                k = open_at[cur]
                link = first + kinds[int(prng.random() * len(kinds))]
                cells[k][12] = cells[k][12] + ";" + link if cells[k][12] else link
                changed.add(k)
        for k in changed:
            buf[k] = ",".join(cells[k]) + "\n"
    return plant


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--tasks", type=int, required=True, help="number of task rows (N)")
    ap.add_argument("--out", required=True, help="output data directory")
    ap.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    ap.add_argument("--plant-loops", type=float, default=0.0, metavar="SHARE",
                    help="share of projects given one loop of circular logic among their open tasks (SCH-023); "
                         "default 0")
    ap.add_argument("--plant-missing-resources", type=float, default=0.0, metavar="SHARE",
                    help="share of task rows whose resource is blanked (SCH-021); default 0")
    ap.add_argument("--shape", choices=sorted(SHAPES), default="default",
                    help="default, or dense: every anomaly at its worst realistic rate")
    a = ap.parse_args()
    N = a.tasks
    if N < 1:
        ap.error("--tasks must be >= 1")
    os.makedirs(a.out, exist_ok=True)
    t0 = time.time()
    rng = random.Random(a.seed)
    rnd = rng.random
    K = SHAPES[a.shape]
    R = dict(RATES, **K["rates"])
    NP = max(20, N // K["tasks_per_project"])
    NR = max(10, N // K["tasks_per_resource"])

    def pick(seq):
        return seq[int(rnd() * len(seq))]

    def uni(lo, hi):
        return lo + int(rnd() * (hi - lo + 1))

    def person():
        return pick(FIRST) + " " + pick(LAST)

    def clampd(d):
        return 0 if d < 0 else (NDAYS if d > NDAYS else d)

    # ------------------------------------------------------------------ projects
    managers = [person() for _ in range(max(8, int(NP / K["projects_per_manager"])))]
    sponsors = [person() for _ in range(max(4, NP // 12))]
    projects = []          # per project: dict (kept in memory; NP is small)
    for i in range(NP):
        pid = "PRJ-%d" % (10000 + i)
        if rnd() < R["bad_pid"]:
            pid = pick(["PRJ%d", "prj-%d", "PRJ-%d-A"]) % (10000 + i)
        u = rnd()
        st = ("active" if u < 0.58 else "on_hold" if u < 0.65 else "proposed" if u < 0.72
              else "closed" if u < 0.95 else "cancelled")
        port, progs = PORTFOLIOS[i % 4]
        p = dict(pid=pid, st=st, port=port, program=pick(progs), af=None, ff=None)
        if st in ("active", "on_hold"):
            s = TD - uni(60, 900)
            pf = max(s + uni(180, 1100), TD + uni(30, 500))
            prog = (TD - s) / (pf - s)
            ph = ("initiation" if prog < 0.10 else "planning" if prog < 0.25 else
                  "execution" if prog < 0.85 else "closing")
        elif st == "proposed":
            s = TD + uni(30, 300)
            pf = s + uni(120, 700)
            prog, ph = 0.0, "initiation"
        elif st == "closed":
            af = TD - uni(10, 700)
            s = af - uni(120, 900)
            pf = af - uni(-60, 90)
            prog, ph, p["af"] = 1.0, "closed", af
        else:
            s = TD - uni(100, 700)
            p["af"] = min(s + uni(30, 300), TD - 5)
            pf = s + uni(200, 900)
            prog, ph = (p["af"] - s) / (pf - s), pick(["planning", "execution"])
        dur = pf - s
        slip = int(dur * (0.11 + rnd() * 0.3)) if rnd() < R["slip"] else int(dur * rnd() * 0.03)
        p["ff"] = pf + slip if st in ("active", "on_hold", "proposed") else None
        p.update(s=s, pf=pf, prog=prog, ph=ph, dur=dur, slip=slip)
        budget = int(math.exp(rnd() * 4.5 + 12.2)) // 1000 * 1000          # ~200k .. 18M
        spi = max(0.5, min(1.2, rng.gauss(*K["spi"])))
        cpi = max(0.5, min(1.3, rng.gauss(*K["cpi"])))
        p.update(budget=budget, spi=spi, cpi=cpi)
        p["mgr"] = "" if rnd() < R["no_manager"] else pick(managers)
        p["spn"] = "" if rnd() < R["no_sponsor"] else pick(sponsors)
        projects.append(p)
    open_idx = [i for i, p in enumerate(projects) if p["st"] in ("active", "on_hold")]
    closed_idx = [i for i, p in enumerate(projects) if p["st"] in ("closed", "cancelled")]

    fp = Out(a.out, "projects", "project_id,name,status,phase,portfolio,program,sponsor,manager,rag,priority,"
             "start_date,planned_finish,forecast_finish,actual_finish,budget,planned_value,earned_value,"
             "actual_cost,charter_approved,business_case")
    STATUS_TXT = {"active": "Active", "on_hold": "On Hold", "proposed": "Proposed", "closed": "Closed",
                  "cancelled": "Cancelled"}
    # Names: a code name, what and where ("Kalori - CRM Migration Lisbon"), so that names are
    # distinct, and about 1% near-duplicates of an earlier name (GOV-004): its words reordered,
    # re-cased, with a stop word, or with one word more. Only nrng draws for them, so every
    # other value (and every other rule's count) is what it was before names had these parts.
    nrng = random.Random(a.seed * 7919 + 104729)
    parts = []
    for i, p in enumerate(projects):
        st = p["st"]
        noun, verb = pick(NOUNS), pick(VERBS)
        if parts and nrng.random() < 0.01:
            code, noun, verb, place = parts[int(nrng.random() * len(parts))]
            if nrng.random() < 0.5:
                name = "%s %s %s (%s) programme" % (place.upper(), verb.lower(), noun, code)
            else:
                name = "%s - %s %s %s %s" % (code, noun, verb, place, EXTRA[int(nrng.random() * len(EXTRA))])
        else:
            code = "".join(SYLL[int(nrng.random() * len(SYLL))] for _ in range(3)).title()
            place = PLACES[int(nrng.random() * len(PLACES))]
            name = "%s - %s %s %s" % (code, noun, verb, place)
        parts.append((code, noun, verb, place))
        if rnd() < R["blank_req"]:
            name = ""
        s, pf = p["s"], p["pf"]
        if rnd() < R["bad_dates"]:
            s, pf = pf, s
        af = p["af"]
        if st == "closed" and rnd() < R["no_actual_finish"]:
            af = None
            p["af_blank"] = True
        if st == "closed" and rnd() < R["future_actual"]:
            af = TD + uni(1, 60)
        budget = p["budget"]
        bud_txt = money(budget)
        if rnd() < R["no_budget"]:
            bud_txt = ""
        if st in ("active", "on_hold"):
            pv = budget * min(1.0, p["prog"])
            ev = pv * p["spi"]
            ac = ev / p["cpi"]
            vals = (money(pv), money(ev), money(ac))
        elif st in ("closed", "cancelled"):
            ac = budget * p["prog"] / p["cpi"]
            vals = (money(budget * p["prog"]), money(budget * p["prog"]), money(ac))
        else:
            vals = ("", "", "")
        rag = "Green" if p["spi"] > 0.95 else "Amber" if p["spi"] > 0.85 else "Red"
        charter = "Yes" if (p["ph"] in ("execution", "closing", "closed") and rnd() >= R["no_charter"]) else \
            ("No" if p["ph"] != "initiation" else "")
        bc = "" if (rnd() < R["no_bc"] or st == "proposed") else "BC-%d-%03d" % (2023 + i % 4, i % 1000)
        cells = [p["pid"], q(name), STATUS_TXT[st], p["ph"].title(), q(p["port"]), q(p["program"]), p["spn"],
                 q(p["mgr"]), rag, pick(["Low", "Medium", "High", "Critical"]), DS[clampd(s)], DS[clampd(pf)],
                 DS[clampd(p["ff"])] if p["ff"] is not None else "", DS[clampd(af)] if af is not None else "",
                 bud_txt, vals[0], vals[1], vals[2], charter, bc]
        if rnd() < R["bad_cell"] * 3:
            j = pick([10, 14, 18])
            cells[j] = pick(["31/12/2026", "TBD", "Pending"])
        fp.add(",".join('"%s"' % c if "," in c and not c.startswith('"') else c for c in cells) + "\n")
    fp.close()

    # ------------------------------------------------------------------ resources and allocations
    fr = Out(a.out, "resources", "resource_id,name,role,department,capacity_hours_week,cost_rate")
    ROLES = ["Business Analyst", "Developer", "Solution Architect", "Test Analyst", "Project Coordinator",
             "Data Engineer", "Network Engineer", "Change Manager", "Cloud Engineer", "Scrum Master"]
    caps = []
    for r in range(NR):
        rid = "RES-%05d" % (r + 1)
        cap = 40 if rnd() < 0.85 else pick([20, 32, 37.5])
        cap_txt = "" if rnd() < 0.02 else ("%g" % cap)
        caps.append(cap if cap_txt else 40)
        rate = "$%d.00" % uni(55, 160)
        if rnd() < R["bad_cell"]:
            rate = "\u00a385/hr"
        fr.add("%s,%s,%s,%s,%s,%s\n" % (rid, q(person()), pick(ROLES), pick(PORTFOLIOS)[0].split()[0], cap_txt, rate))
    fr.close()

    fa = Out(a.out, "allocations", "resource_id,project_id,start_date,end_date,percent")
    allocs = []            # per resource: list of (project index, pct)
    for r in range(NR):
        rid = "RES-%05d" % (r + 1)
        mine = []
        over = rnd() < R["overalloc"]
        pcts = [pick([30, 40, 50]), pick([20, 30]), pick([10, 20])]
        if over:
            pcts[1] += 40
        for k in range(3):
            if closed_idx and rnd() < 0.15:
                pi = pick(closed_idx)
            else:
                pi = pick(open_idx) if open_idx else int(rnd() * NP)
            p = projects[pi]
            s = max(p["s"], TD - 700)
            if p["st"] in ("closed", "cancelled"):
                e = (p["af"] or TD - 30) - uni(0, 20)
                if rnd() < R["alloc_after_close"]:
                    e = TD + uni(0, 120)
            else:
                e = max(p["ff"] or p["pf"], TD + 30)
            if over and k == 1:
                s = min(s, TD - 30)
            pct = pcts[k]
            rid_out, pid_out = rid, p["pid"]
            u = rnd()
            if u < R["dangling"]:
                rid_out = "RES-9%07d" % (r * 3 + k)      # unknown resource (unique, so never overallocated)
                pct = min(pct, 30)
            elif u < 2 * R["dangling"]:
                pid_out = "PRJ-9%05d" % uni(0, 99999)
            e_txt = DS[clampd(e)]
            pct_txt = "%d%%" % pct
            u = rnd()
            if u < R["blank_req"]:
                e_txt = ""
            elif u < R["blank_req"] + R["bad_cell"]:
                pct_txt = "half"
            fa.add("%s,%s,%s,%s,%s\n" % (rid_out, pid_out, DS[clampd(s)], e_txt, pct_txt))
            mine.append((pi, pct))
        allocs.append(mine)
    fa.close()

    # ------------------------------------------------------------------ tasks (streamed per project)
    ft = Out(a.out, "tasks", "task_id,project_id,name,wbs,baseline_start,baseline_finish,start,finish,"
             "actual_start,actual_finish,duration_days,percent_complete,predecessors,constraint,"
             "total_float_days,resource,is_milestone,is_summary")
    w = [rng.lognormvariate(0, 0.7) for _ in range(NP)]
    sw = sum(w)
    sizes = [int(x / sw * N) for x in w]
    for k in range(N - sum(sizes)):
        sizes[k % NP] += 1
    DURS = [1, 2, 3, 5, 5, 5, 8, 10, 10, 10, 15, 20]
    CONS_SOFT = ["ASAP"] * 18 + ["SNET", "ALAP"]
    CONS_HARD = ["MSO", "MFO", "SNLT", "FNLT"]
    plant = planter(a.seed, a.plant_loops, a.plant_missing_resources)
    tid = 0
    res_names = ["%s %s" % (FIRST[k % 30], LAST[(k * 7) % 30]) for k in range(60)]
    for pi, p in enumerate(projects):
        n = sizes[pi]
        if n == 0:
            continue
        pid = p["pid"]
        st = p["st"]
        done_proj = st in ("closed", "cancelled")
        s0 = p["s"]
        bl = max(p["pf"] - s0, 20)
        cur_end = p["af"] if done_proj else (p["ff"] or p["pf"])
        cl = max(cur_end - s0, 20)
        if done_proj:
            bl = cl
        ns = (n + 11) // 12 if n >= 2 else 0     # one WBS summary row per ~11 work tasks
        m = n - ns
        groups = ns or 1
        spacing = bl / m
        lanes = max(1, min(12, int(11.0 / max(spacing, 0.01))))
        ids = [None] * m
        base_id = tid
        buf = []
        wi = 0
        prev = None
        for group in range(1, groups + 1):
            gsize = m // groups + (1 if group - 1 < m % groups else 0)
            lines = []
            g_bs = g_cs = 10 ** 9
            g_bf = g_cf = -1
            g_as = 10 ** 9
            g_af = -1
            g_done = True
            g_pct = 0
            g_dur = 0
            for j in range(gsize):
                i = wi + j
                tid += 1
                ids[i] = tid
                if prev is not None and prev[1] and rnd() < R["dup_key"]:
                    # DAT-003: the previous (completed) row exported twice, byte for byte
                    lines.append(prev[0])
                    ids[i] = ids[i - 1]
                    continue
                u = rnd()
                d = pick(DURS) if u >= R["long_dur"] else uni(45, 90)
                if u > 0.985:
                    d = 0
                bs = s0 + int(i * bl / m)
                bf = bs + (d * 7) // 5
                # the forecast only moves work that is still ahead of T (past work keeps its baseline)
                if bs > TD and not done_proj:
                    cs = bs + int(p["slip"] * (bs - TD) / max(bl + s0 - TD, 1))
                elif done_proj:
                    cs = s0 + int(i * cl / m)
                else:
                    cs = bs
                cf = cs + (d * 7) // 5
                if done_proj and cf >= TD:
                    cf = TD - 1 - uni(0, 5)
                    cs = min(cs, cf)
                if done_proj:
                    bs, bf = cs, cf
                as_ = af = None
                complete = False
                if cf < TD:
                    as_, af, pct, complete = cs, cf, 100, True
                    if rnd() < R["late_finish"]:
                        af = min(cf + uni(1, 6), TD - 1)
                    if not done_proj and rnd() < R["task_forgotten"]:
                        af, pct, complete = None, uni(50, 95), False
                    elif rnd() < R["future_actual"] * 0.2:
                        af = TD + uni(1, 30)
                elif cs < TD:
                    as_ = cs
                    pct = max(5, min(95, int((TD - cs) * 100 / (cf - cs + 1))))
                    if rnd() < R["task_forgotten"]:
                        as_, pct = None, 0
                else:
                    pct = 0
                u = rnd()
                if u < R["blank_req"] + R["dangling"]:
                    # DAT-002 / DAT-004: an orphan roll-up row (blank or unknown project), inert:
                    # a summary without links that no task links to
                    ids[i] = ids[i - 1] if i else None
                    lines.append("T%07d,%s,Imported row,,%s,%s,%s,%s,,,%d,0,,,,,No,Yes\n" % (
                        tid, "" if u < R["blank_req"] else "PRJ-9%05d" % uni(0, 99999),
                        DS[clampd(bs)], DS[clampd(bf)], DS[clampd(cs)], DS[clampd(cf)], d))
                    continue
                links = ""
                if i >= 1:
                    pj = i - lanes if i >= lanes else i - 1
                    u = rnd()
                    if ids[pj] is None:
                        lk = ""
                    elif u < R["lead"]:
                        lk = "T%07d:FS-%dd" % (ids[pj], uni(1, 5))
                    elif u < R["lead"] + R["pos_lag"]:
                        lk = "T%07d:FS+%dd" % (ids[pj], uni(1, 10))
                    elif u < R["lead"] + R["pos_lag"] + R["non_fs"]:
                        lk = "T%07d:%s" % (ids[pj], pick(["SS", "SS", "FF", "SS+2d", "FF"]))
                    else:
                        lk = "T%07d" % ids[pj]
                    if pj != i - 1 and ids[i - 1] is not None and rnd() < R["extra_ss"]:
                        lk = (lk + ";" if lk else "") + "T%07d:SS" % ids[i - 1]
                    for x in range(K["more_links"] if ids[pj] is not None else 0):   # dense: longer lists
                        q_ = i - 2 - x
                        if q_ >= 0 and q_ != pj and ids[q_] is not None and ids[q_] != ids[q_ + 1]:
                            u = rnd()
                            lag = (":FS-%dd" % uni(1, 5) if u < R["lead"] else
                                   ":FS+%dd" % uni(1, 10) if u < R["lead"] + R["pos_lag"] else "")
                            lk = (lk + ";" if lk else "") + "T%07d%s" % (ids[q_], lag)
                    if lk and rnd() < R["bad_link"]:   # (ids[pj] is None only with an SS link to i - 1)
                        lk += ";T%07d:XX" % (ids[pj] if ids[pj] is not None else ids[i - 1])
                    links = lk
                u = rnd()
                cons = pick(CONS_HARD) if u < R["hard_cons"] else pick(CONS_SOFT)
                u = rnd()
                if u < R["big_float"]:
                    flt = uni(45, 90)
                elif u < R["big_float"] + R["neg_float"]:
                    flt = -uni(1, 10)
                elif u < 0.6:
                    flt = 0
                else:
                    flt = uni(1, 20)
                pct_txt = ("%d%%" % pct) if (tid & 1) else str(pct)
                fin_txt = DS[clampd(cf)]
                dur_txt = str(d)
                if complete and af is not None and rnd() < R["bad_cell"] * 3:
                    # DAT-001, only on completed rows so no ratio denominator depends on it
                    k = int(rnd() * 3)
                    if k == 0:
                        fin_txt = "2026-02-30"
                    elif k == 1:
                        dur_txt = "%dd" % d
                    else:
                        pct_txt = "n/a"
                line = "T%07d,%s,%s,%d.%d,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%d,%s,%s,No\n" % (
                    tid, pid, TASKN[i % 15], group, j + 1, DS[clampd(bs)], DS[clampd(bf)],
                    DS[clampd(cs)], fin_txt, DS[clampd(as_)] if as_ is not None else "",
                    DS[clampd(af)] if af is not None else "", dur_txt, pct_txt, links, cons, flt,
                    res_names[(tid * 13) % 60] if d else "", "Yes" if d == 0 else "No")
                lines.append(line)
                prev = (line, complete and af is not None)
                g_bs = min(g_bs, bs)
                g_cs = min(g_cs, cs)
                g_bf = max(g_bf, bf)
                g_cf = max(g_cf, cf)
                if as_ is not None:
                    g_as = min(g_as, as_)
                if af is None:
                    g_done = False
                else:
                    g_af = max(g_af, af)
                g_pct += pct * max(d, 1)
                g_dur += max(d, 1)
            wi += gsize
            if g_bf < 0:
                g_bs = g_cs = g_bf = g_cf = s0
            if ns:
                tid += 1
                buf.append("T%07d,%s,%s,%d,%s,%s,%s,%s,%s,%s,%d,%d,,,,,No,Yes\n" % (
                    tid, pid, PHASEN[(group - 1) % 8], group, DS[clampd(g_bs)], DS[clampd(g_bf)],
                    DS[clampd(g_cs)], DS[clampd(g_cf)],
                    DS[clampd(g_as)] if g_as < 10 ** 9 and g_as <= TD else "",
                    DS[clampd(g_af)] if g_done and g_af <= TD else "", g_dur, g_pct // max(g_dur, 1)))
            buf.extend(lines)
        if plant:
            plant(buf)
        for line in buf:
            ft.add(line)
    ft.close()

    # ------------------------------------------------------------------ per-project tables
    fm = Out(a.out, "milestones", "milestone_id,project_id,name,gate,baseline_date,forecast_date,actual_date,"
             "status,approved_by,approval_date")
    fk = Out(a.out, "risks", "risk_id,project_id,title,category,probability,impact,score,owner,mitigation,"
             "status,raised_date,review_date,due_date")
    fi = Out(a.out, "issues", "issue_id,project_id,title,priority,owner,status,raised_date,due_date,resolved_date")
    fc = Out(a.out, "changes", "change_id,project_id,title,requested_by,requested_date,cost_impact,"
             "schedule_impact_days,status,approved_by,approval_date,implemented_date")
    fs = Out(a.out, "status_reports", "project_id,report_date,rag,author,summary")
    fl = Out(a.out, "lessons", "lesson_id,project_id,recorded_date,category,lesson")
    fg = Out(a.out, "meetings", "meeting_id,project_id,date,type,minutes_ref")
    MS = [("G1", "Business case approved", 0.08), ("G2", "Design authority approval", 0.22),
          ("", "Design complete", 0.40), ("", "User acceptance testing complete", 0.75),
          ("G3", "Go-live readiness review", 0.83), ("G4", "Project closure approved", 1.0)]
    cnt = dict(m=0, r=0, i=0, c=0, l=0, g=0)

    def keyid(prefix, kind):
        cnt[kind] += 1
        n_ = cnt[kind]
        if n_ > 1 and rnd() < R["dup_key"]:
            n_ -= 1
        return "%s%07d" % (prefix, n_)

    def ppid(pid):
        u = rnd()
        if u < R["dangling"]:
            return "PRJ-9%05d" % uni(0, 99999)
        if u < R["dangling"] + R["blank_req"]:
            return ""
        return pid

    def dt(d):
        if rnd() < R["bad_cell"]:
            return pick(["2026-02-30", "TBC", "31/06/2026"])
        return DS[clampd(d)]

    for pi, p in enumerate(projects):
        pid, st, s0, pf = p["pid"], p["st"], p["s"], p["pf"]
        is_open = st in ("active", "on_hold")
        done = st in ("closed", "cancelled")
        end = p["af"] if done else TD
        owner = p["mgr"] or "Kavya Reddy"
        span = max(pf - s0, 30)
        slipr = p["slip"] / span
        # milestones (6)
        for g, name, frac in MS:
            b = s0 + int(span * frac) + (28 if g == "G4" else 0)
            fc_ = b + int(p["slip"] * frac)
            if done and st == "closed":
                act = min(b + uni(0, 10), (p["af"] or TD) - 1, TD - 1)
                stat = "Achieved"
            elif done:
                act = b + uni(0, 5) if b + 5 < p["af"] else None
                stat = "Achieved" if act is not None else "Cancelled"
            elif fc_ < TD - 3:
                act = fc_
                stat = "Achieved"
            else:
                act = None
                stat = "Planned"
            if act is not None and rnd() < R["gate_missing"] and g and is_open:
                act, stat = None, pick(["Missed", "Planned"])
            if act is None and stat == "Planned" and fc_ < TD:
                fc_ = TD + uni(1, 40)
            if stat == "Planned" and rnd() < R["ms_overdue"]:
                fc_ = TD - uni(1, 40)
            appr_by = appr = ""
            if act is not None and g:
                appr_by = p["spn"] or "Investment Committee"
                appr = DS[clampd(act + uni(0, 3))]
                if rnd() < R["gate_unapproved"]:
                    if rnd() < 0.5:
                        appr_by = ""
                    else:
                        appr = ""
            xp = ppid(pid)
            if xp != pid:
                # blank / unknown project: keep the row inert for rules that need its project
                act, stat, appr_by, appr, g = None, "Cancelled", "", "", ""
            fm.add("%s,%s,%s,%s,%s,%s,%s,%s,%s,%s\n" % (
                keyid("M-", "m"), xp, name, g, DS[clampd(b)],
                dt(fc_) if act is None and stat != "Cancelled" else "",
                DS[clampd(act)] if act is not None else "", stat, q(appr_by), appr))
        # risks (8)
        all_closed = rnd() < R["all_risks_closed"]
        for k in range(8):
            pr, im = uni(1, 5), uni(1, 5)
            if rnd() < R["risk_range"]:
                im = pick([0, 6])
            sc = str(pr * im) if rnd() < 0.6 else ""
            if rnd() < R["risk_bad_score"]:
                sc = str(pr * im + uni(1, 4))
            if done or all_closed:
                stt = "Closed" if rnd() >= R["leftover_item"] else "Open"
                if all_closed and not done:
                    stt = "Closed"
            else:
                u = rnd()
                stt = "Open" if u < 0.45 else "Mitigating" if u < 0.65 else "Closed" if u < 0.97 else ""
            rv = TD + uni(1, 90)
            if stt in ("Open", "Mitigating", "") and rnd() < R["risk_stale"]:
                rv = TD - uni(1, 90)
            ow = "" if rnd() < R["risk_no_owner"] else person()
            mi = "" if rnd() < R["risk_no_mit"] else q(pick(MITIG))
            pr_txt = "High" if rnd() < R["bad_cell"] else str(pr)
            xp = ppid(pid)
            if xp != pid:
                stt, im, sc = "Closed", min(max(im, 1), 5), ""
            fk.add("%s,%s,%s,%s,%s,%d,%s,%s,%s,%s,%s,%s,%s\n" % (
                keyid("R-", "r"), xp, pick(RISKN), pick(["Technical", "Supplier", "Resource", "Regulatory"]),
                pr_txt, im, sc, ow, mi, stt, DS[clampd(s0 + uni(0, 60))], DS[clampd(rv)],
                DS[clampd(rv + uni(10, 120))]))
        # issues (5)
        for k in range(5):
            u = rnd()
            if done:
                stt = "Closed" if rnd() >= R["leftover_item"] else "In Progress"
            else:
                stt = "Open" if u < 0.25 else "In Progress" if u < 0.45 else "Resolved" if u < 0.80 else "Closed"
            rd = min(end, TD) - uni(5, 150)
            due = TD + uni(1, 60) if stt in ("Open", "In Progress") else rd + uni(5, 40)
            if stt in ("Open", "In Progress") and rnd() < 0.06:
                due = TD - uni(1, 45)
            res = DS[clampd(min(rd + uni(1, 30), TD))] if stt in ("Resolved", "Closed") else ""
            pri = pick(["Low", "Medium", "Medium", "High", "Critical"])
            if rnd() < R["bad_cell"]:
                pri = "Urgent"
            ow = "" if rnd() < R["iss_no_owner"] else person()
            xp = ppid(pid)
            if xp != pid:
                stt, res = "Closed", DS[clampd(min(rd + 10, TD))]
            fi.add("%s,%s,%s,%s,%s,%s,%s,%s,%s\n" % (keyid("I-", "i"), xp, pick(ISSN), pri, ow, stt,
                                                     DS[clampd(rd)], dt(due), res))
        # changes (3)
        for k in range(3):
            u = rnd()
            stt = ("Approved" if u < 0.35 else "Implemented" if u < 0.70 else "Submitted" if u < 0.85 else
                   "Rejected" if u < 0.95 else "Withdrawn")
            if done and stt == "Submitted" and rnd() >= R["leftover_item"] * 5:
                stt = "Implemented"
            rq = min(end, TD) - uni(0, 35) if stt == "Submitted" else min(end, TD) - uni(20, 300)
            cost = p["budget"] * (0.01 + rnd() * 0.07) if rnd() >= 0.1 else p["budget"] * (0.1 + rnd() * 0.15)
            by = ab = ad = imp = ""
            if stt in ("Approved", "Implemented"):
                ab = p["spn"] or "Investment Committee"
                if rnd() < R["chg_other_approver"]:
                    ab = person()
                ad = DS[clampd(rq + uni(3, 20))]
                if stt == "Implemented":
                    imp = DS[clampd(rq + uni(21, 60))]
                    if rnd() < R["chg_early"]:
                        imp = DS[clampd(rq + uni(0, 2))]
                    if rnd() < R["chg_unapproved"]:
                        ab = ""
            xp = ppid(pid)
            if xp != pid:
                stt, ab, ad, imp = "Rejected", "", "", ""
            fc.add("%s,%s,%s,%s,%s,\"%s\",%d,%s,%s,%s,%s\n" % (
                keyid("CR-", "c"), xp, pick(CHGN), q(owner), DS[clampd(rq)],
                money(cost), uni(0, 30), stt, q(ab), ad, imp))
        # status reports (12), fortnightly back from the newest
        last = min(end, TD) - uni(0, 13)
        if is_open and rnd() < R["stale_report"]:
            last = TD - uni(15, 60)
        rag = "Green" if p["spi"] > 0.95 else "Amber" if p["spi"] > 0.85 else "Red"
        if rag != "Green" and rnd() < R["watermelon"]:
            rag = "Green"
        for k in range(12):
            d = last - 14 * k
            sm = q(pick(SUMM[rag]))
            rg = rag if k == 0 else pick(["Green", "Green", "Amber"])
            rd_txt = DS[clampd(d)] if rnd() >= R["blank_req"] else ""
            fs.add("%s,%s,%s,%s,%s\n" % (ppid(pid), rd_txt, rg, q(owner), sm))
        # meetings (10): monthly steering + status / gate reviews
        lastm = min(end, TD) - uni(0, 25)
        if is_open and rnd() < R["no_steering"]:
            lastm = TD - uni(31, 90)
        for k in range(10):
            if k < 6:
                typ, d = "Steering", lastm - 30 * k
            else:
                typ, d = pick(["Status", "Gate Review", "Other"]), min(end, TD) - uni(1, 200)
            if rnd() < R["bad_cell"]:
                typ = "Steering Committee"
            mid = keyid("MTG-", "g")
            fg.add("%s,%s,%s,%s,https://intranet.example/pmo/minutes/%s\n" % (
                mid, ppid(pid), dt(d), typ, mid))
        # lessons: 2 per closed project
        if st == "closed" and rnd() >= R["no_lessons"]:
            for k in range(2):
                fl.add("%s,%s,%s,%s,%s\n" % (keyid("LL-", "l"), ppid(pid), DS[clampd(min(p["af"], TD) - 7 * k)],
                                             pick(["Governance", "Supplier", "Schedule", "People", "Technical"]),
                                             q(pick(LESSN))))
    for f_ in (fm, fk, fi, fc, fs, fl, fg):
        f_.close()

    # ------------------------------------------------------------------ timesheets (0.7 x N rows)
    fw = Out(a.out, "timesheets", "resource_id,project_id,week_start,hours")
    total = int(round(0.7 * N))
    per, extra = divmod(total, NR)
    for r in range(NR):
        quota = per + (1 if r < extra else 0)
        rid = "RES-%05d" % (r + 1)
        cap = caps[r]
        mine = allocs[r]
        wk = MONDAY_T - 7
        emitted = 0
        misses = 0
        out = []
        while emitted < quota:
            any_ = False
            for (pi, pct) in mine:
                p = projects[pi]
                if wk < p["s"] - 6:
                    continue
                if p["st"] in ("closed", "cancelled"):
                    lim = p["af"] if not p.get("af_blank") else TD
                    if wk > lim and rnd() >= R["ts_after_close"]:
                        continue
                elif p["st"] == "proposed":
                    continue
                h = cap * pct / 100.0
                if rnd() < R["overtime"]:
                    h *= 1.6
                h = round(h * 2) / 2
                hs = ("%d" % h) if h == int(h) else ("%.1f" % h)
                rid_o, pid_o = rid, p["pid"]
                u = rnd()
                if u < R["dangling"]:
                    rid_o = "RES-9%07d" % uni(0, 9999999)
                elif u < 2 * R["dangling"]:
                    pid_o = "PRJ-9%05d" % uni(0, 99999)
                elif u < 2 * R["dangling"] + R["bad_cell"]:
                    hs = hs + "h"
                elif u < 2 * R["dangling"] + R["bad_cell"] + R["blank_req"]:
                    hs = ""
                out.append("%s,%s,%s,%s\n" % (rid_o, pid_o, DS[clampd(wk)], hs))
                emitted += 1
                any_ = True
                if emitted >= quota:
                    break
            wk -= 7
            if not any_:
                misses += 1
                if misses > 160 or wk < 7:
                    # its allocations cannot absorb the quota: book the rest as support hours on
                    # one open project, most recent weeks first (8 h, so no overtime is created)
                    fill_p = projects[pick(open_idx)]["pid"] if open_idx else projects[mine[0][0]]["pid"]
                    k = 0
                    while emitted < quota:
                        out.append("%s,%s,%s,8\n" % (rid, fill_p, DS[clampd(MONDAY_T - 7 * (1 + k % 104))]))
                        emitted += 1
                        k += 1
        for line in out:
            fw.add(line)
    fw.close()

    files = [fp, fr, fa, ft, fm, fk, fi, fc, fs, fl, fg, fw]
    el = time.time() - t0
    tot_b = sum(f_.size for f_ in files)
    tot_r = sum(f_.n for f_ in files)
    print("%-16s %12s %14s" % ("table", "rows", "bytes"))
    for f_ in files:
        print("%-16s %12d %14d" % (os.path.basename(f_.path)[:-4], f_.n, f_.size))
    print("%-16s %12d %14d" % ("total", tot_r, tot_b))
    print("N=%d seed=%d as-of=%s dir=%s time=%.1fs" % (N, a.seed, T.isoformat(), a.out, el))


if __name__ == "__main__":
    main()
