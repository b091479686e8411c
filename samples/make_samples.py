#!/usr/bin/env python3
"""make_samples.py - regenerate the bundled sample portfolio.

    python3 samples/make_samples.py [OUT_DIR]      (default: the folder of this script)

Writes one CSV per table of the data model (plus the extra text table
vendors.csv) and PLANTED.md, the list of planted problems with the number of
findings each rule must report at T = 2026-06-30 with default params.

Python 3 standard library only and fully deterministic: there is no randomness
at all, so two runs give byte-identical files.
"""
import os
import sys
from datetime import date, timedelta

T = date(2026, 6, 30)            # the as-of date every planted problem is judged against
OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))


def D(s):
    return date.fromisoformat(s)


def dd(s):
    """ISO text -> date; anything else (a planted bad value) stays text."""
    if s is None:
        return None
    try:
        return date.fromisoformat(s)
    except ValueError:
        return s


def days(n):
    return timedelta(days=n)


def iso(x):
    if x is None:
        return ""
    return x.isoformat() if isinstance(x, date) else str(x)


# --------------------------------------------------------------------------
# planted-problem registry (written to PLANTED.md)
# --------------------------------------------------------------------------
PLANTS = []      # dicts: rule, file, key, what, n, sev
NEAR = []        # near misses: rule, file, key, what


def plant(rule, file, key, what, n=1, sev=None):
    PLANTS.append(dict(rule=rule, file=file, key=key, what=what, n=n, sev=sev))


def near(rule, file, key, what):
    NEAR.append(dict(rule=rule, file=file, key=key, what=what))


ALL_RULES = (["DAT-%03d" % i for i in range(1, 5)] + ["STD-%03d" % i for i in range(1, 7)] +
             ["GOV-%03d" % i for i in range(1, 5)] + ["SCH-%03d" % i for i in range(1, 5)] +
             ["SCH-%03d" % i for i in range(10, 24)] + ["CST-%03d" % i for i in range(1, 4)] +
             ["RES-%03d" % i for i in range(1, 6)] + ["RSK-%03d" % i for i in range(1, 6)] +
             ["CHG-%03d" % i for i in range(1, 5)] + ["MON-001", "MON-002"] +
             ["CLS-%03d" % i for i in range(1, 4)] + ["ISS-001", "ISS-002"])

# --------------------------------------------------------------------------
# CSV writing (own writer: quotes only when needed, or for cells with
# leading/trailing white space; records the physical line of tagged rows)
# --------------------------------------------------------------------------
LINES = {}       # (file, tag) -> physical line where the row starts
FILES = {}       # file -> dict(rows, bytes, notes)


def q(v):
    s = "" if v is None else (v.isoformat() if isinstance(v, date) else str(v))
    if s == "":
        return ""
    if any(c in s for c in ',"\r\n') or s != s.strip():
        return '"' + s.replace('"', '""') + '"'
    return s


def write_table(fname, cols, rows, bom=False, crlf=False, notes=""):
    """cols: list of (key, header text).  rows: list of dicts keyed by key."""
    eol = "\r\n" if crlf else "\n"
    parts = [",".join(q(h) for _, h in cols)]
    line = 2
    for r in rows:
        txt = ",".join(q(r.get(k)) for k, _ in cols)
        if "_tag" in r:
            LINES[(fname, r["_tag"])] = line
        line += 1 + txt.count("\n")
        parts.append(txt)
    data = (eol.join(parts) + eol).encode("utf-8")
    if bom:
        data = b"\xef\xbb\xbf" + data
    with open(os.path.join(OUT, fname), "wb") as f:
        f.write(data)
    FILES[fname] = dict(rows=len(rows), bytes=len(data), notes=notes)


def money(x, fmt):
    if x is None:
        return None
    if isinstance(x, str):
        return x
    if fmt == "usd":
        return "$" + format(x, ",.2f")
    if fmt == "usd0":
        return "$" + format(int(x), ",")
    if fmt == "eur":
        return "\u20ac" + format(int(x), ",")
    return str(int(x)) if x == int(x) else "%.2f" % x


# --------------------------------------------------------------------------
# projects
# --------------------------------------------------------------------------
PORTS = {
    "DT": ("Digital Transformation", "usd"),
    "IO": ("Infrastructure & Operations", "plain"),
    "RC": ("Regulatory & Compliance", "usd0"),
    "CS": ("Corporate Services", "usd"),
}
PROJECTS = []
PBYID = {}


def P(pid, name, port, program, status, phase, sponsor, manager, rag, prio, budget=None,
      pv=None, ev=None, ac=None, charter="Yes", bc=None, start=None, planned=None,
      forecast=None, actual=None, notes=None, fmt=None, sched=False):
    p = dict(project_id=pid, name=name, portfolio=PORTS[port][0], program=program,
             status=status, phase=phase, sponsor=sponsor, manager=manager, rag=rag,
             priority=prio, budget=budget, planned_value=pv, earned_value=ev,
             actual_cost=ac, charter_approved=charter, business_case=bc,
             start_date=dd(start), planned_finish=dd(planned),
             forecast_finish=dd(forecast), actual_finish=dd(actual),
             notes=notes, fmt=fmt or PORTS[port][1], sched=sched, _tag=pid)
    p["st"] = status.lower().replace(" ", "_")
    p["ph"] = phase.lower().replace(" ", "_") if phase else None
    PROJECTS.append(p)
    PBYID[pid] = p
    return p


ANNA, MICHAEL, LINDA, RAJ, JAMES, GRACE = ("Dr. Anna Kowalski", "Michael Brandt", "Linda Moreau",
                                          "Rajesh Iyer", "James Okafor", "Grace Liu")

# --- Digital Transformation
P("PRJ-1001", "Customer Portal Redesign", "DT", "Customer Experience", "Active", "Execution",
  MICHAEL, "Sarah Chen", "Green", "High", 2000000, 1100000, 1080000, 1050000, "Yes",
  "BC-2025-011", sched=True, notes="Phase 2 (self-service) funded from FY26 budget")
P("PRJ-1002", "Mobile Banking App 3.0", "DT", "Customer Experience", "Active", "Execution",
  MICHAEL, "Priya Natarajan", "Green", "Critical", 3500000, 2000000, 1700000, 1650000, "Yes",
  "BC-2025-014", sched=True, notes='Vendor "AppForge" replaced in Q1, re-plan pending')
P("PRJ-1003", "CRM Consolidation", "DT", "Customer Experience", "Active", "Execution",
  MICHAEL, "David Okonkwo", "Green", "High", 4200000, 2500000, 1800000, 1850000, "Yes",
  "BC-2025-017", "2025-10-01", "2026-10-30", "2027-01-29")
P("PRJ-1004", "Contact Centre Omnichannel", "DT", "Customer Experience", "On Hold", "Execution",
  MICHAEL, "Emma Lindqvist", "Amber", "Medium", 1800000, 900000, 860000, 880000, "y",
  "BC-2025-006", "2025-08-04", "2026-11-27", "2026-12-18",
  notes="Paused pending telephony vendor decision, review at Q3 investment committee")
P("PRJ-1005", "Loyalty Programme Relaunch", "DT", "Customer Experience", "Active", "Planning",
  MICHAEL, "Sarah Chen", "Green", "Medium", 950000, 120000, 118000, 115000, "Yes",
  "BC-2026-002", "2026-03-02", "2026-12-18", "2026-12-18")
P("PRJ-1006", "Enterprise Data Platform", "DT", "Data & Analytics", "Active", "Execution",
  ANNA, "Tom\u00e1s Herrera", "Amber", "Critical", 6500000, 3000000, 2900000, 3335000, "TRUE",
  "BC-2025-003", sched=True)
P("PRJ-1007", "Customer 360 Analytics", "DT", "Data & Analytics", "Active", "Execution",
  ANNA, "Aisha Rahman", "Amber", "High", 2800000, 1400000, 1350000, 1800000, "Yes",
  "BC-2025-019", "2025-11-03", "2026-11-30", "2026-12-15")
P("PRJ-1008", "DORA operational-resilience programme", "DT", "Data & Analytics", "Active", "Initiation",
  ANNA, "Oliver Grant", "Green", "Medium", 600000, 50000, 50000, 48000, "n",
  "BC-2026-005", "2026-05-04", "2027-03-31")
P("PRJ-1009", "ML Fraud Detection", "DT", "Data & Analytics", "Active", "Execution",
  ANNA, "", "Amber", "High", 1500000, 700000, 680000, 690000, "No",
  "BC-2025-021", "2025-09-15", "2026-09-30", "2026-10-16")
P("PRJ-1010", "BI Reporting Migration", "DT", "Data & Analytics", "Closed", "Closed",
  ANNA, "Sarah Chen", "Green", "Medium", 850000, 850000, 850000, 812000, "Yes",
  "BC-2024-030", sched=True)
# --- Infrastructure & Operations
P("PRJ-1011", "Data Centre Exit - Wave 1", "IO", "Cloud Migration", "Closed", "Closed",
  LINDA, "Kenji Watanabe", "Green", "High", 2100000, 2100000, 2100000, 2240000, "1",
  "BC-2024-012", "2025-04-07", "2026-02-27", "2026-03-27", "2026-03-30")
P("PRJ-1012", "Data Centre Exit - Wave 2", "IO", "Cloud Migration", "Active", "Execution",
  LINDA, "Marcus Webb", "Amber", "High", 5200000, 3100000, 3000000, 2950000, "1",
  "BC-2025-001", sched=True)
P("PRJ-1013", "Cloud Landing Zone", "IO", "Cloud Migration", "Active", "Closing",
  LINDA, "Chlo\u00e9 Dubois", "Green", "Medium", "$1,250,000.00", 1150000, 1140000, 1120000, "",
  "BC-2025-004", "2025-05-05", "2026-07-31", "2026-07-31")
P("PRJ-1014", "Kubernetes Platform", "IO", "Cloud Migration", "Active", "Execution",
  LINDA, "Marcus Webb ", "Amber", "High", 2600000, 1500000, 1320000, 1300000, "1",
  "BC-2025-008", sched=True)
P("PRJ-1015", "Backup Modernisation", "IO", "Cloud Migration", "On Hold", "Planning",
  LINDA, "Marcus Webb", "Green", "Low", 800000, 400000, 300000, 310000, "1",
  "BC-2025-026", "01/04/2026", "2026-12-18", "2027-03-26")
P("PRJ-1016", "SD-WAN Rollout", "IO", "Network Refresh", "Active", "Execution",
  LINDA, "Marcus Webb", "Red", "High", 3000000, 2000000, 1560000, 1600000, "1",
  "BC-2025-002", sched=True)
P("PRJ-1017", "Campus Wi-Fi Upgrade", "IO", "Network Refresh", "Closed", "Closed",
  LINDA, "Ben Carter", "Green", "Low", 640000, 640000, 640000, 655000, "1",
  "BC-2024-041", "2025-05-05", "2026-01-30", "2026-02-27", "2026-02-27")
P("PRJ-1018", "Firewall Replacement", "IO", "Network Refresh", "Closed", "Closed",
  LINDA, "Ben Carter", "Amber", "High", 1150000, 1150000, 1100000, 1190000, "1",
  "BC-2025-009", "2025-06-02", "2026-04-30", "2026-05-04", None)
P("PRJ-1019", "Network Operations Centre", "IO", "Network Refresh", "Cancelled", "Planning",
  LINDA, "Fatima Zahra", "Red", "Medium", "$0.00", None, None, "$18,400.00", "1",
  "BC-2025-022", "2025-11-03", "2026-12-18", None, "2026-02-27",
  notes="Cancelled: merged into the managed-service contract")
P("PRJ-1020", "Edge Security Pilot", "IO", "Network Refresh", "Proposed", "Initiation",
  LINDA, "Lucas Meyer", None, "Low", 750000, None, None, None, "",
  "BC-2026-011", "2026-10-05", "2027-06-30")
# --- Regulatory & Compliance
P("PRJ-1021", "GDPR Records Retention", "RC", "Regulatory Change", "Active", "Execution",
  RAJ, "Sarah Chen", "Green", "High", 1100000, 600000, 590000, 580000, "Yes",
  "BC-2025-015", sched=True)
P("PRJ-1022", "Basel IV Capital Reporting", "RC", "Regulatory Change", "Active", "Execution",
  RAJ, "Sofia Rossi", "Green", "Critical", 2900000, 1700000, 1690000, 1660000, "Yes",
  "BC-2025-005", "2025-06-02", "2026-12-18", "2027-01-29")
P("PRJ-1023", "AML Transaction Monitoring", "RC", "Regulatory Change", "Active", "Execution",
  RAJ, "Kenji Watanabe", "Green", "Critical", 2200000, 1000000, 980000, 1083000, "Yes",
  "BC-2025-010", sched=True)
P("PRJ-1024", "Operational Resilience (DORA)", "RC", "Regulatory Change", "Active", "Planning",
  RAJ, "Oliver Grant", "Green", "High", 1600000, 150000, 145000, 140000, "Yes",
  "BC-2026-001", "2026-04-01", "2027-06-30", "2027-06-30")
P("PRJ-1025", "Consumer Duty Implementation", "RC", "Regulatory Change", "Active", "Execution",
  RAJ, "Emma Lindqvist", "Green", "High", 1900000, 900000, 910000, 880000, "Yes",
  "BC-2025-013", "2025-09-01", "2026-09-30", "2026-09-30")
P("PRJ-1026", "Sanctions Screening Upgrade", "RC", "Regulatory Change", "Active", "Execution",
  RAJ, "Aisha Rahman", "Amber", "Critical", 3800000, 1800000, 1750000, 2250000, "Yes",
  "BC-2025-018", "2025-10-06", "2026-12-18", "2027-01-15")
P("PRJ-1027", "ESG Disclosure Reporting", "RC", "Regulatory Change", "Proposed", "Initiation",
  "", "Sofia Rossi", None, "Medium", "TBD", None, None, None, "",
  None, "2026-09-01", "2027-08-31", notes="Awaiting CSRD scoping, budget to be confirmed")
P("PRJ-1028", "Regulatory Reporting Hub", "RC", "Regulatory Change", "Closed", "Closed",
  RAJ, "Kenji Watanabe", "Green", "High", 2450000, 2450000, 2450000, 2380000, "Yes",
  "BC-2024-007", "2024-09-02", "2026-03-31", "2026-04-30", "2026-07-15")
# --- Corporate Services
P("PRJ-1029", "ERP Finance Upgrade (S/4HANA)", "CS", "Finance Systems", "Active", "Execution",
  JAMES, "David Okonkwo", "Amber", "Critical", 12400000, 6000000, 5900000, 5800000, "Yes",
  "BC-2024-001", "2025-04-07", "2027-03-31", "2027-03-31", fmt="eur",
  notes="Budget held in EUR by the group finance office")
P("PRJ-1030", "Procure-to-Pay Automation", "CS", "Finance Systems", "Active", "Execution",
  JAMES, "Lucas Meyer", "Green", "High", 2400000, 1200000, 1080000, 1050000, "Yes",
  "BC-2025-012", sched=True)
P("PRJ-1031", "Treasury Management System", "CS", "Finance Systems", "Active", "Execution",
  JAMES, "Chlo\u00e9 Dubois", "Green", "Medium", 1700000, 800000, 790000, 770000, "y",
  "BC-2025-020", "2025-12-01", "2026-11-30", "2026-11-30")
P("PRJ-1032", "HR Core System Replacement", "CS", "HR & Workplace", "Active", "Execution",
  GRACE, "Tom\u00e1s Herrera", "Green", "High", 3200000, 1600000, 1575000, 1750000, "Yes",
  "BC-2025-016", sched=True)
P("PRJ-1033", "Expense Management Tool", "CS", "HR & Workplace", "Active", "Execution",
  GRACE, "Fatima Zahra", "Green", "Low", None, 60000, 58000, 42500, "Yes",
  "", "2026-02-02", "2026-09-30", "2026-10-09")
P("PRJ-1034", "Hybrid Workplace Programme", "CS", "HR & Workplace", "On Hold", "Initiation",
  "   ", "", "Green", "Medium", 1400000, 0, 0, 0, "Pending",
  "BC-2026-008", "2026-05-04", "2027-04-30", notes="On hold until the lease decision, Q3")
P("PRJ-105", "", "CS", "HR & Workplace", "Proposed", "Initiation",
  GRACE, "Ben Carter", None, "Low", None, None, None, None, "",
  None, "2026-11-02", "2026-08-31", notes="Imported from the old intake sheet")
P("PRJ-100200", "Legacy Payroll Decommission", "CS", "HR & Workplace", "Closed", "Closed",
  GRACE, "Oliver Grant", "Green", "Low", 300000, 300000, 300000, 287000, "Yes",
  "BC-2024-044", "2025-02-03", "2025-09-30", "2025-09-30", "2024-12-19")

OPEN = {p["project_id"] for p in PROJECTS if p["st"] in ("active", "on_hold")}
ACTIVE = {p["project_id"] for p in PROJECTS if p["st"] == "active"}

# --------------------------------------------------------------------------
# resources and allocations
# --------------------------------------------------------------------------
RESOURCES = [
    ("RES-001", "Alice Morgan", "Business Analyst", "Digital", 40, "$85.00"),
    ("RES-002", "Ben Ortiz", "Solution Architect", "Architecture", 40, "$140.00"),
    ("RES-003", "Carla Nguyen", "Developer", "Engineering", 40, "$95.00"),
    ("RES-004", "Daniel Fischer", "Cloud Engineer", "Infrastructure", 40, "$110.00"),
    ("RES-005", "Eva Horvath", "Test Lead", "Quality", 37.5, "\u20ac90"),
    ("RES-006", "Farid Haddad", "Data Engineer", "Data", 40, "$105.00"),
    ("RES-007", "Gemma Walsh", "Database Administrator", "Data", 40, "$100.00"),
    ("RES-008", "Hiro Tanaka", "Network Engineer", "Infrastructure", 40, "$98.00"),
    ("RES-009", "Isabel Costa", "Developer", "Engineering", 40, "$92.00"),
    ("RES-010", "Jonas Berg", "Infrastructure Engineer", "Infrastructure", 40, "$96.00"),
    ("RES-011", "Kavya Reddy", "Project Coordinator", "PMO", 40, "$60.00"),
    ("RES-012", "Liam O'Connor", "Network Architect", "Infrastructure", 40, "$130.00"),
    ("RES-013", "Maya Patel", "Change Manager", "Business Change", 32, "$88.00"),
    ("RES-014", "Noah Schmidt", "Security Analyst", "Security", 40, "$115.00"),
    ("RES-015", "Olivia Brown", "Platform Engineer", "Infrastructure", 40, "$112.00"),
    ("RES-016", "Pedro Alvarez", "Developer", "Engineering", 40, "$90.00"),
    ("RES-017", "Qin Zhao", "Data Scientist", "Data", 40, "$125.00"),
    ("RES-018", "Rachel Kim", "Trainer", "Business Change", 20, "$70.00"),
    ("RES-019", "Samuel Adeyemi", "Business Analyst", "Finance Systems", 40, "$85.00"),
    ("RES-020", "Tara Singh", "Firewall Engineer", "Security", 40, "$105.00"),
    ("RES-021", "Umar Farooq", "SAP Consultant", "Finance Systems", None, "$150.00"),
    ("RES-022", "Valentina Ricci", "Compliance Analyst", "Risk", 40, "$95.00"),
    ("RES-023", "William Zhang", "Developer", "Engineering", 40, "$92.00"),
    ("RES-024", "Ximena Flores", "UX Designer", "Digital", 37.5, "$95.00"),
    ("RES-025", "Yusuf Demir", "Integration Contractor", "Engineering", 40, "\u00a385/hr"),
    ("RES-026", "Zoe Martin", "HR Systems Analyst", "HR", 40, "$80.00"),
    ("RES-027", "Ahmed Karimi", "Test Analyst", "Quality", 40, "$75.00"),
    ("RES-028", "Bianca Rossi", "Scrum Master", "Digital", 40, "$100.00"),
    ("RES-029", "Chen Wei", "Integration Architect", "Architecture", 40, "$135.00"),
    ("RES-030", "Dmitri Volkov", "Data Engineer", "Data", 40, "$105.00"),
]
RNAME = {r[0]: r[1] for r in RESOURCES}
RCAP = {r[0]: (r[4] if r[4] is not None else 40) for r in RESOURCES}

res_rows = []
for r in RESOURCES:
    res_rows.append(dict(resource_id=r[0], name=r[1], role=r[2], department=r[3],
                         capacity_hours_week=r[4], cost_rate=r[5], _tag=r[0]))
    if r[0] == "RES-014":
        res_rows.append(dict(resource_id="RES-014", name="Noah Schmidt", role="Security Architect",
                             department="Security", capacity_hours_week=37.5, cost_rate="$120.00",
                             _tag="RES-014-dup"))
plant("DAT-003", "resources.csv", "RES-014", "resource exported twice (second row: new role, capacity 37.5)")
plant("DAT-001", "resources.csv", "RES-025 / cost_rate", "cost_rate `\u00a385/hr` is not money")
near("RES-004", "resources.csv", "RES-021", "capacity_hours_week blank: counts as 40 h")

# (resource, project, start, end, percent text)
ALLOC = [
    ("RES-001", "PRJ-1001", "2026-01-05", "2026-12-18", "60%"),
    ("RES-001", "PRJ-1005", "2026-03-02", "2026-10-30", "40%"),
    ("RES-002", "PRJ-1006", "2025-11-03", "2026-12-18", "50%"),
    ("RES-002", "PRJ-1023", "2026-01-05", "2026-09-30", "30%"),
    ("RES-003", "PRJ-1010", "2025-01-06", "2025-06-27", "100%"),
    ("RES-003", "PRJ-1001", "2026-01-05", "2026-11-27", "60"),
    ("RES-003", "PRJ-1021", "2026-02-02", "2026-12-18", "40"),
    ("RES-004", "PRJ-1012", "2025-09-01", "2026-12-18", "60%"),
    ("RES-004", "PRJ-1014", "2026-01-05", "2026-12-18", "40%"),
    ("RES-005", "PRJ-1002", "2026-01-05", "2026-10-30", "50%"),
    ("RES-005", "PRJ-1030", "2026-02-02", "2026-12-18", "50%"),
    ("RES-006", "PRJ-1006", "2025-11-03", "2026-12-18", "70%"),
    ("RES-006", "PRJ-1007", "2026-01-05", "2026-09-30", "30%"),
    ("RES-007", "PRJ-1006", "2026-01-05", "2026-12-18", "60%"),
    ("RES-007", "PRJ-1007", "2026-04-01", "2026-09-30", "50%"),
    ("RES-008", "PRJ-1016", "2025-07-07", "2026-12-18", "80%"),
    ("RES-008", "PRJ-1017", "2025-09-01", "2026-02-27", "20%"),
    ("RES-009", "PRJ-1002", "2026-01-05", "2026-10-30", "50%"),
    ("RES-009", "PRJ-1003", "2025-10-01", "2026-10-30", "50%"),
    ("RES-010", "PRJ-1011", "2025-06-02", "2026-09-30", "40%"),
    ("RES-010", "PRJ-1012", "2025-09-01", "2026-12-18", "50%"),
    ("RES-011", "PRJ-1022", "2026-01-05", "2026-12-18", "30%"),
    ("RES-011", "PRJ-1023", "2026-01-05", "2026-12-18", "30%"),
    ("RES-011", "PRJ-1025", "2026-01-05", "2026-09-30", "30%"),
    ("RES-012", "PRJ-1019", "2025-11-03", "2026-06-30", "30%"),
    ("RES-012", "PRJ-1016", "2025-07-07", "2026-12-18", "70%"),
    ("RES-013", "PRJ-1032", "2026-01-05", "2026-12-18", "50%"),
    ("RES-013", "PRJ-1033", "2026-02-02", "2026-09-30", "40%"),
    ("RES-014", "PRJ-1026", "2025-10-06", "2026-12-18", "60%"),
    ("RES-014", "PRJ-1025", "2025-09-01", "2026-09-30", "30%"),
    ("RES-015", "PRJ-1012", "2025-10-01", "2026-03-31", "50%"),
    ("RES-015", "PRJ-1014", "2026-03-31", "2026-12-31", "60%"),
    ("RES-016", "PRJ-1030", "2026-01-05", "2026-12-18", "100%"),
    ("RES-017", "PRJ-1007", "2025-11-03", "2026-11-30", "60%"),
    ("RES-017", "PRJ-1009", "2025-09-15", "2026-09-30", "40%"),
    ("RES-018", "PRJ-1032", "2026-03-02", "2026-09-30", "100%"),
    ("RES-019", "PRJ-1029", "2025-04-07", "2027-03-31", "60%"),
    ("RES-019", "PRJ-1031", "2025-12-01", "2026-11-30", "40%"),
    ("RES-020", "PRJ-1018", "2025-06-02", "2026-06-29", "50%"),
    ("RES-020", "PRJ-1016", "2025-07-07", "2026-12-18", "50%"),
    ("RES-021", "PRJ-1029", "2025-04-07", "2027-03-31", "100%"),
    ("RES-022", "PRJ-1028", "2025-03-03", "2026-01-30", "40%"),
    ("RES-022", "PRJ-1022", "2026-02-02", "2026-12-18", "50%"),
    ("RES-022", "PRJ-1029", "2026-02-02", None, "50%"),
    ("RES-023", "PRJ-1031", "2026-01-05", "2026-11-30", "half"),
    ("RES-023", "PRJ-1003", "2025-10-01", "2026-10-30", "50%"),
    ("RES-024", "PRJ-1001", "2026-01-05", "2026-12-18", "50%"),
    ("RES-024", "PRJ-1005", "2026-03-02", "2026-12-18", "50%"),
    ("RES-025", "PRJ-1030", "2026-01-05", "2026-12-18", "50%"),
    ("RES-025", "PRJ-1014", "2026-01-05", "2026-12-18", "50%"),
    ("RES-026", "PRJ-1032", "2026-01-05", "2026-12-18", "80%"),
    ("RES-027", "PRJ-1021", "2026-02-02", "2026-12-18", "50%"),
    ("RES-027", "PRJ-1023", "2026-01-05", "2026-12-18", "50%"),
    ("RES-028", "PRJ-1002", "2026-01-05", "2026-10-30", "40%"),
    ("RES-028", "PRJ-1003", "2025-10-01", "2026-10-30", "40%"),
    ("RES-029", "PRJ-1006", "2025-11-03", "2026-12-18", "40%"),
    ("RES-029", "PRJ-1029", "2025-04-07", "2027-03-31", "40%"),
    ("RES-030", "PRJ-1006", "2025-11-03", "2026-12-18", "60%"),
    ("RES-030", "PRJ-1013", "2025-05-05", "2026-07-31", "40%"),
    ("RES-099", "PRJ-1016", "2026-01-05", "2026-12-18", "50%"),
    ("RES-026", "PRJ-1024", "2026-04-01", "2026-12-18", "20%"),
    ("RES-013", "PRJ-1034", "2026-05-04", "2026-08-28", "10%"),
]
alloc_rows = []
for i, (rid, pid, s, e, pct) in enumerate(ALLOC):
    alloc_rows.append(dict(resource_id=rid, project_id=pid, start_date=s, end_date=e,
                           percent=pct, _tag="A%d" % i))
plant("RES-001", "allocations.csv", "RES-007", "60% on PRJ-1006 + 50% on PRJ-1007 overlap 2026-04-01..2026-09-30 (110%)")
plant("RES-001", "allocations.csv", "RES-015",
      "50% on PRJ-1012 ends 2026-03-31, 60% on PRJ-1014 starts 2026-03-31: both count on that one day (110%)")
near("RES-001", "allocations.csv", "RES-003", "60% + 40% overlapping = exactly 100%")
near("RES-001", "allocations.csv", "RES-008", "80% on PRJ-1016 + 20% on PRJ-1017 = exactly 100%")
plant("RES-002", "allocations.csv", "RES-010 / PRJ-1011", "closed project, allocation ends 2026-09-30")
plant("RES-002", "allocations.csv", "RES-012 / PRJ-1019", "cancelled project, allocation ends exactly on T (>=)")
near("RES-002", "allocations.csv", "RES-020 / PRJ-1018", "closed project, allocation ends 2026-06-29 (T-1)")
plant("DAT-004", "allocations.csv", "RES-099 / PRJ-1016", "resource_id not in resources.csv")
plant("DAT-002", "allocations.csv", "RES-022 / PRJ-1029", "required end_date blank")
plant("DAT-001", "allocations.csv", "RES-023 / PRJ-1031", "percent `half` is not a number (required column: DAT-001 only)")

# --------------------------------------------------------------------------
# schedules (tasks)
# --------------------------------------------------------------------------
DUR_PATTERN = [10, 15, 10, 20, 5, 15, 10, 20, 10, 15, 5, 10, 15]
PHASES = ["Initiation", "Design", "Build", "Test", "Deployment", "Closure"]
PHASE_NAMES = {
    "Initiation": ["Stakeholder analysis", "Requirements workshops", "Business requirements sign-off",
                   "Vendor due diligence"],
    "Design": ["Solution architecture", "Detailed design", "Data model design", "Security design review",
               "Design authority submission"],
    "Build": ["Sprint 1 build", "Sprint 2 build", "Interfaces: design, build and unit test",
              "Data migration scripts", "Sprint 3 build", "Reporting build", "Environment build"],
    "Test": ["System integration testing", "Performance testing", "User acceptance testing",
             "Penetration testing", "Regression testing"],
    "Deployment": ["Deployment planning", "Training delivery", "Cutover rehearsal", "Go-live",
                   "Hypercare"],
    "Closure": ["Benefits handover to BAU", "Lessons learned workshop", "Project closure report"],
}


def span(d):
    return int(round(d * 7 / 5))


def build_schedule(n, k=None, parallel=True, seed=0, start=None, dur_ov=None, shift_from=None,
                   shift_days=0):
    """Work tasks 0..n-1 (0 = start milestone, n-1 = finish milestone), chained FS with
    parallel pairs.  T falls inside task k's (baseline) dates; start= fixes the start instead."""
    dur = [0] + [DUR_PATTERN[(i + seed) % len(DUR_PATTERN)] for i in range(1, n - 1)] + [0]
    for i, v in (dur_ov or {}).items():
        dur[i] = v
    preds = [[]] + [[(i - 1, "FS", 0)] for i in range(1, n)]
    par = []
    if parallel:
        for i in range(3, n - 2, 6):
            preds[i] = [(i - 2, "FS", 0)]
            preds[i + 1] = [(i - 1, "FS", 0), (i, "FS", 0)]
            par.append(i)
    so, fo = [0] * n, [0] * n
    for i in range(n):
        es = 0
        for (j, typ, lag) in preds[i]:
            if dur[i] == 0:
                c = fo[j]
            elif dur[j] == 0:
                c = so[j]
            else:
                c = fo[j] + 3
            es = max(es, c + lag)
        so[i] = es
        fo[i] = es + span(dur[i]) - 3 if dur[i] > 0 else es
    if start is None:
        wk = dur[k] // 5
        sk = D("2026-06-29") - days(7 * ((wk - 1) // 2) if wk > 0 else 0)
        S = sk - days(so[k])
    else:
        S = D(start)
    assert S.weekday() == 0, S
    tasks = []
    for i in range(n):
        bs, bf = S + days(so[i]), S + days(fo[i])
        cs, cf = bs, bf
        if shift_from is not None and i >= shift_from:
            cs, cf = bs + days(shift_days), bf + days(shift_days)
        t = dict(i=i, dur=dur[i], preds=preds[i], bs=bs, bf=bf, cs=cs, cf=cf, flt=0,
                 cons="ASAP", ms=dur[i] == 0)
        tasks.append(t)
    for i in par:
        a, b = tasks[i - 1], tasks[i]
        diff = abs((a["cf"] - b["cf"]).days)
        shorter = a if a["cf"] < b["cf"] else b
        if diff:
            shorter["flt"] = int(round(diff * 5 / 7))
    for t in tasks:
        status_from_dates(t)
    return tasks


def status_from_dates(t):
    if t["cf"] < T:
        t["as"], t["af"], t["pct"] = t["cs"], t["cf"], 100
    elif t["cs"] < T:
        tot = (t["cf"] - t["cs"]).days + 1
        t["as"], t["af"] = t["cs"], None
        t["pct"] = max(5, min(95, int(round((T - t["cs"]).days * 100 / tot / 5)) * 5))
    else:
        t["as"], t["af"], t["pct"] = None, None, 0


TASK_ROWS = []
TASK_SEQ = [0]
TID = {}   # (pid, idx) -> task id

BOOLSTYLES = [("Yes", "No"), ("y", "n"), ("TRUE", "FALSE"), ("1", "0")]


def next_tid():
    TASK_SEQ[0] += 1
    return "T%05d" % TASK_SEQ[0]


def emit_schedule(pid, tasks, pct_style="%", bools=("Yes", "No"), out_links=None, dup=None,
                  fields=None):
    """Assign ids (phase summaries first), render predecessors and append rows."""
    n = len(tasks)
    bounds = [int(round(n * p / 6)) for p in range(7)]
    res_pool = [RNAME[a[0]] for a in ALLOC if a[1] == pid and a[0] in RNAME] or ["TBC"]
    order = []
    for p in range(6):
        order.append(("S", p))
        for i in range(bounds[p], bounds[p + 1]):
            order.append(("W", i))
    ids = {}
    for kind, x in order:
        ids[(kind, x)] = next_tid()
    for i in range(n):
        TID[(pid, i)] = ids[("W", i)]

    def fmt_pct(v):
        if v is None:
            return None
        if isinstance(v, str):
            return v
        return ("%d%%" % v) if pct_style == "%" else str(v)

    def link_text(i):
        if out_links and i in out_links:
            s = out_links[i]
            return s.format(*[ids[("W", j)] for j in range(n)]) if s else ""
        parts = []
        for (j, typ, lag) in tasks[i]["preds"]:
            s = ids[("W", j)]
            if typ != "FS" or lag:
                s += ":" + typ + (("%+dd" % lag) if lag else "")
            parts.append(s)
        return ";".join(parts)

    for kind, x in order:
        if kind == "S":
            kids = [tasks[i] for i in range(bounds[x], bounds[x + 1])]
            done = all(t["af"] is not None for t in kids)
            started = [t["as"] for t in kids if t["as"] is not None and t["as"] <= T]
            tot = sum(t["dur"] for t in kids) or 1
            row = dict(task_id=ids[("S", x)], project_id=pid, name=PHASES[x], wbs=str(x + 1),
                       baseline_start=min(t["bs"] for t in kids),
                       baseline_finish=max(t["bf"] for t in kids),
                       start=min(t["cs"] for t in kids), finish=max(t["cf"] for t in kids),
                       actual_start=min(started) if started else None,
                       actual_finish=max(t["af"] for t in kids) if done else None,
                       duration_days=sum(t["dur"] for t in kids),
                       percent_complete=fmt_pct(int(sum(t["dur"] * (t["pct"] if isinstance(t["pct"], int) else 100)
                                                        for t in kids) / tot)),
                       predecessors="", constraint="", total_float_days="",
                       resource="", is_milestone=bools[1], is_summary=bools[0])
            TASK_ROWS.append(row)
            continue
        t = tasks[x]
        p = next(pp for pp in range(6) if bounds[pp] <= x < bounds[pp + 1])
        if x == 0:
            name = "Project start"
        elif x == n - 1:
            name = "Project complete"
        else:
            names = PHASE_NAMES[PHASES[p]]
            name = names[(x - bounds[p]) % len(names)]
        row = dict(task_id=ids[("W", x)], project_id=pid, name=name,
                   wbs="%d.%d" % (p + 1, x - bounds[p] + 1),
                   baseline_start=t["bs"], baseline_finish=t["bf"], start=t["cs"], finish=t["cf"],
                   actual_start=t["as"], actual_finish=t["af"], duration_days=t["dur"],
                   percent_complete=fmt_pct(t["pct"]), predecessors=link_text(x),
                   constraint=t["cons"], total_float_days=t["flt"],
                   resource="" if t["ms"] else res_pool[x % len(res_pool)],
                   is_milestone=bools[0] if t["ms"] else bools[1], is_summary=bools[1],
                   _tag=ids[("W", x)])
        if fields and x in fields:
            row.update(fields[x])
        TASK_ROWS.append(row)
        if dup is not None and x == dup:
            d2 = dict(row)
            d2["_tag"] = row["task_id"] + "-dup"
            TASK_ROWS.append(d2)
    return ids


def set_project_dates(pid, tasks, **over):
    p = PBYID[pid]
    p["start_date"] = tasks[0]["bs"]
    p["planned_finish"] = tasks[-1]["bf"]
    p["forecast_finish"] = tasks[-1]["cf"]
    for k, v in over.items():
        p[k] = v


def tid(pid, i):
    return TID[(pid, i)]


# ---- PRJ-1001: healthy, with near misses
k = 12
t1001 = build_schedule(36, k, seed=0)
t1001[k - 3]["flt"] = -2                              # completed task with negative float
t1001[k - 1].update(cf=T, bf=T, af=T, pct=100)         # finished exactly on T
t1001[k + 3].update(cs=T)                              # starts exactly on T, not started
emit_schedule("PRJ-1001", t1001, "%", ("Yes", "No"),
              out_links={k - 3: "{%d}:FS-2d" % (k - 4), k + 5: "{%d}:SS+2d" % (k + 4)})
set_project_dates("PRJ-1001", t1001)
near("SCH-011", "tasks.csv", tid("PRJ-1001", k - 3), "lead FS-2d on a completed task (not considered)")
near("SCH-016", "tasks.csv", tid("PRJ-1001", k - 3), "float -2 on a completed task (not considered)")
near("STD-006", "tasks.csv", tid("PRJ-1001", k - 1), "actual_finish exactly T (not after T)")
near("SCH-018", "tasks.csv", tid("PRJ-1001", k + 3), "not started, start exactly T (not < T)")

# ---- PRJ-1002: troubled schedule
k = 10
t1002 = build_schedule(32, k, parallel=False, seed=3)
for i, f in ((k + 1, -3), (k + 2, -8), (k + 4, -8)):
    t1002[i]["flt"] = f
for i in (k + 1, k + 2):                                # should have started, no actual start
    t1002[i].update(cs=D("2026-06-22"), **{"as": None, "pct": 0})
t1002[k - 1].update(af=None, pct=90)                    # forecast finish in the past, not finished
t1002[k]["as"] = D("2026-07-06")                        # actual start typed in the future
t1002[k + 10].update(**{"as": D("2026-07-06"), "af": D("2026-07-08"), "pct": 100})
emit_schedule("PRJ-1002", t1002, "plain", ("y", "n"), out_links={
    k + 3: "{%d}:FS-2d" % (k + 2),
    k + 6: "{%d}:FS-1d;{%d}:FS-3d" % (k + 5, k + 4),
    k + 8: "{%d}:FS+2w;{%d}:ZZ" % (k + 7, k + 7)})
set_project_dates("PRJ-1002", t1002)
plant("SCH-011", "tasks.csv", tid("PRJ-1002", k + 3), "considered task with link FS-2d")
plant("SCH-011", "tasks.csv", tid("PRJ-1002", k + 6), "considered task with two leads (FS-1d, FS-3d): one finding")
for i in (k + 1, k + 2, k + 4):
    plant("SCH-016", "tasks.csv", tid("PRJ-1002", i), "total_float_days %d" % t1002[i]["flt"])
for i in (k + 1, k + 2):
    plant("SCH-018", "tasks.csv", tid("PRJ-1002", i), "start 2026-06-22 < T, actual_start blank")
plant("SCH-018", "tasks.csv", tid("PRJ-1002", k - 1), "finish %s < T, actual_finish blank (90%%)" % t1002[k - 1]["cf"])
plant("STD-006", "tasks.csv", tid("PRJ-1002", k), "actual_start 2026-07-06 after T")
plant("STD-006", "tasks.csv", tid("PRJ-1002", k + 10), "actual_start and actual_finish after T (one finding)")
plant("DAT-001", "tasks.csv", tid("PRJ-1002", k + 8) + " / predecessors",
      "`..:FS+2w;..:ZZ`: both links invalid, one finding for the cell; the task has no predecessor")
plant("SCH-010", "tasks.csv", "PRJ-1002",
      "%s has no valid link, so %s loses its only successor; plus the finish milestone" % (
          tid("PRJ-1002", k + 8), tid("PRJ-1002", k + 7)))
plant("SCH-019", "tasks.csv", "PRJ-1002", "%s (baseline finish before T) not finished: 1 of %d missed" % (
    tid("PRJ-1002", k - 1), k))
plant("SCH-020", "tasks.csv", "PRJ-1002", "BEI = %d/%d = 0.9 < 0.95" % (k - 1, k))

# ---- PRJ-1006: logic types and lags
k = 12
t1006 = build_schedule(36, k, parallel=False, seed=5)
emit_schedule("PRJ-1006", t1006, "%", ("TRUE", "FALSE"), out_links={
    k + 1: "{%d}:SS+5d" % k, k + 3: "{%d}:SS" % (k + 2), k + 5: "{%d}:FF+3d" % (k + 4),
    k + 7: "{%d}:SS+2d" % (k + 6), k + 9: "{%d}:FS+5d" % (k + 8), k + 11: "{%d}:FF" % (k + 10),
    k + 13: "{%d}:SS+10d" % (k + 12), k + 15: "{%d}:SF" % (k + 14), k + 17: "{%d}:FS+0d" % (k + 16)})
set_project_dates("PRJ-1006", t1006)
plant("SCH-012", "tasks.csv", "PRJ-1006", "5 of 24 links with a positive lag (FS+0d does not count)")
plant("SCH-013", "tasks.csv", "PRJ-1006", "7 of 24 links are SS/FF/SF: FS share 17/24 < 0.90")
near("SCH-012", "tasks.csv", tid("PRJ-1006", k + 17), "link FS+0d: zero lag is not positive")

# ---- PRJ-1010: closed, complete schedule with a duplicated row
t1010 = build_schedule(20, parallel=True, seed=7, start="2025-01-06")
emit_schedule("PRJ-1010", t1010, "%", ("Yes", "No"), dup=7)
PBYID["PRJ-1010"].update(start_date=t1010[0]["bs"], planned_finish=t1010[-1]["bf"],
                         forecast_finish=t1010[-1]["cf"], actual_finish=t1010[-1]["af"])
plant("DAT-003", "tasks.csv", tid("PRJ-1010", 7), "task row exported twice (closed project)")

# ---- PRJ-1012: constraints, float, late finishes
k = 12
t1012 = build_schedule(34, k, parallel=False, seed=1)
t1012[k + 2]["cons"] = "MSO"
t1012[k + 5]["cons"] = "FNLT"
t1012[k + 8]["cons"] = "mfo"
t1012[k + 4]["cons"] = "SNET"
t1012[k + 7]["cons"] = "ALAP"
t1012[k + 3]["flt"] = 60
t1012[k + 6]["flt"] = 45
t1012[k + 9]["flt"] = 44
for i in (3, 5, 7):
    t1012[i]["af"] = t1012[i]["bf"] + days(7)
emit_schedule("PRJ-1012", t1012, "plain", ("Yes", "No"))
S = t1012[0]["bs"]
set_project_dates("PRJ-1012", t1012, planned_finish=S + days(400), forecast_finish=S + days(440))
plant("SCH-014", "tasks.csv", "PRJ-1012", "3 of 22 considered tasks have MSO, FNLT, `mfo` constraints (SNET/ALAP do not count)")
plant("SCH-015", "tasks.csv", "PRJ-1012", "2 of 22 considered tasks with float > 44 (60, 45; 44 does not count)")
plant("SCH-019", "tasks.csv", "PRJ-1012", "3 of %d baseline-due tasks finished a week after baseline_finish (%s)" % (
    k, ", ".join(tid("PRJ-1012", i) for i in (3, 5, 7))))
near("SCH-020", "tasks.csv", "PRJ-1012", "late but finished: BEI = 1.0")
near("SCH-004", "projects.csv", "PRJ-1012", "forecast - planned = 40 days = exactly 0.10 x 400 days")

# ---- PRJ-1014: durations and dangling logic
k = 8
t1014 = build_schedule(30, k, parallel=False, seed=2,
                       dur_ov={k + 2: 60, k + 5: 65, k + 8: 90, k + 11: 44})
emit_schedule("PRJ-1014", t1014, "%", ("1", "0"), out_links={
    k + 1: "{%d};{%d}" % (k, k + 2),
    k + 4: "", k + 5: "{%d};{%d}" % (k + 4, k + 3),
    k + 7: "", k + 8: "{%d};{%d}" % (k + 7, k + 6),
    k + 10: "{%d};{%d}:XX+1d" % (k + 9, k + 9)})
set_project_dates("PRJ-1014", t1014)
plant("SCH-017", "tasks.csv", "PRJ-1014", "3 of 22 considered tasks longer than 44 days (60, 65, 90; 44 does not count)")
plant("SCH-010", "tasks.csv", "PRJ-1014", "%s and %s have no predecessor; plus the finish milestone: 3/22" % (
    tid("PRJ-1014", k + 4), tid("PRJ-1014", k + 7)))
plant("DAT-001", "tasks.csv", tid("PRJ-1014", k + 10) + " / predecessors",
      "second link `:XX+1d` invalid; the first link still counts")
plant("SCH-023", "tasks.csv", "PRJ-1014", "%s also lists %s, its own successor: the loop %s -> %s -> %s (both open, "
      "both already had a predecessor and a successor, so SCH-010 does not move)" % (
          tid("PRJ-1014", k + 1), tid("PRJ-1014", k + 2), tid("PRJ-1014", k + 1), tid("PRJ-1014", k + 2),
          tid("PRJ-1014", k + 1)))
near("SCH-022", "projects.csv", "PRJ-1014", "a loop (SCH-023): no forward pass, so no CPLI")

# ---- PRJ-1016: slipped schedule (baseline vs forecast)
k = 18
t1016 = build_schedule(36, k, parallel=True, seed=4, shift_from=8, shift_days=28)
for t in t1016:
    status_from_dates(t)
t1016[5]["flt"] = -4          # completed task: not considered
emit_schedule("PRJ-1016", t1016, "%", ("Yes", "No"), fields={k + 6: {"resource": ""}})
S = t1016[0]["bs"]
pf = t1016[-1]["bf"]
set_project_dates("PRJ-1016", t1016, forecast_finish=pf + days(int((pf - S).days * 0.1) + 45))
near("SCH-016", "tasks.csv", tid("PRJ-1016", 5), "float -4 on a completed task")
plant("SCH-021", "tasks.csv", "PRJ-1016", "%s (%d days, not started) has no resource: 1 of %d open tasks > 0" % (
    tid("PRJ-1016", k + 6), t1016[k + 6]["dur"], sum(1 for t in t1016 if t["af"] is None)))
near("SCH-021", "tasks.csv", "every project", "milestones (0 days) have no resource, complete and summary tasks "
     "are not considered")
due16 = [t for t in t1016 if t["bf"] <= T]
late16 = sum(1 for t in due16 if t["af"] is not None and t["af"] > t["bf"])
open16 = sum(1 for t in due16 if t["af"] is None)
plant("SCH-019", "tasks.csv", "PRJ-1016", "forecast slipped 4 weeks from task 8: %d of %d baseline-due tasks missed "
      "(%d finished late, %d unfinished)" % (late16 + open16, len(due16), late16, open16))
plant("SCH-020", "tasks.csv", "PRJ-1016", "BEI = %d/%d < 0.95" % (len(due16) - open16, len(due16)))
near("SCH-010", "tasks.csv", "PRJ-1016", "1 open end (finish milestone) of %d considered tasks = 0.05" % (
    sum(1 for t in t1016 if t["af"] is None)))

# ---- PRJ-1021: exact thresholds (20 considered tasks, 20 links)
k = 8
t1021 = build_schedule(28, k, parallel=False, seed=6)
emit_schedule("PRJ-1021", t1021, "%", ("Yes", "No"),
              out_links={k + 4: "{%d}:SS+2d" % (k + 3), k + 9: "{%d}:FF" % (k + 8)})
set_project_dates("PRJ-1021", t1021)
near("SCH-010", "tasks.csv", "PRJ-1021", "1 open end (finish milestone) of 20 considered = 0.05, not > 0.05")
near("SCH-012", "tasks.csv", "PRJ-1021", "1 positive lag of 20 links = 0.05")
near("SCH-013", "tasks.csv", "PRJ-1021", "18 FS of 20 links = 0.90, not < 0.90")

# ---- PRJ-1023, PRJ-1030: healthy
t1023 = build_schedule(30, 8, parallel=True, seed=8)
emit_schedule("PRJ-1023", t1023, "plain", ("Yes", "No"))
set_project_dates("PRJ-1023", t1023)
k = 10
t1030 = build_schedule(32, k, parallel=True, seed=9)
emit_schedule("PRJ-1030", t1030, "%", ("y", "n"), fields={4: {"percent_complete": "n/a"}})
set_project_dates("PRJ-1030", t1030)
plant("DAT-001", "tasks.csv", tid("PRJ-1030", 4) + " / percent_complete",
      "`n/a` is not a number (task has actual_finish, so it stays complete)")

# ---- PRJ-1032: exactly 20 baseline-due tasks, 1 missed
k = 20
t1032 = build_schedule(46, k, parallel=False, seed=10)
t1032[k - 1].update(cf=D("2026-07-03"), af=None, pct=80)
emit_schedule("PRJ-1032", t1032, "plain", ("Yes", "No"))
set_project_dates("PRJ-1032", t1032)
near("SCH-019", "tasks.csv", "PRJ-1032", "1 missed of 20 tasks with baseline_finish <= T = 0.05")
near("SCH-020", "tasks.csv", "PRJ-1032", "BEI 19/20 = 0.95, not < 0.95")



def cpli(pid, tasks):
    """W and CPL (rules-catalogue.md, SCH-022) of a schedule built above whose
    links are all FS without lag: tasks come in an order where every link
    points back, so one pass is the forward pass."""
    ef = {}
    for i, t in enumerate(tasks):
        pct = t["pct"] if isinstance(t["pct"], int) else 0
        if t["af"] is not None or pct >= 100:
            continue
        assert all(typ == "FS" and not lag for _, typ, lag in t["preds"])
        es = 0 if t["as"] is not None else max([0] + [ef[j] for j, _, _ in t["preds"] if j in ef])
        ef[i] = es + t["dur"] * (1 - pct / 100)
    pf = PBYID[pid]["planned_finish"]
    w = sum(1 for n in range(1, (pf - T).days + 1) if (T + days(n)).weekday() < 5)
    return w, max(ef.values())


w, cpl = cpli("PRJ-1012", t1012)
plant("SCH-022", "projects.csv", "PRJ-1012", "CPLI %d / %.1f = %.2f < 0.80: the planned finish (start + 400 days) "
      "leaves %d working days, the remaining chain needs %.1f" % (w, cpl, w / cpl, w, cpl), sev="error")
w, cpl = cpli("PRJ-1016", t1016)
plant("SCH-022", "projects.csv", "PRJ-1016", "CPLI %d / %.1f = %.2f < 0.95: the 4-week slip is still ahead on "
      "the critical path" % (w, cpl, w / cpl), sev="warning")
w, cpl = cpli("PRJ-1023", t1023)
near("SCH-022", "projects.csv", "PRJ-1023", "on plan: CPLI %d / %.1f = %.3f, not < 0.95" % (w, cpl, w / cpl))

# orphan row without a project
orphan = next_tid()
TASK_ROWS.append(dict(task_id=orphan, project_id="", name="Imported row - no project", wbs="",
                      start=D("2026-01-05"), finish=D("2026-01-16"), actual_start=D("2026-01-05"),
                      actual_finish=D("2026-01-16"), duration_days=10, percent_complete="100%",
                      predecessors="", constraint="ASAP", total_float_days=0, resource="",
                      is_milestone="No", is_summary="No", _tag=orphan))
plant("DAT-002", "tasks.csv", orphan + " / project_id", "required project_id blank (row belongs to no project)")

# --------------------------------------------------------------------------
# milestones
# --------------------------------------------------------------------------
MS_ROWS = []
MS_SEQ = [0]


def ms(pid, name, gate=None, baseline=None, forecast=None, actual=None, status=None,
       approved_by=None, approval_date=None, tag=None):
    MS_SEQ[0] += 1
    mid = "M-%04d" % MS_SEQ[0]
    MS_ROWS.append(dict(milestone_id=mid, project_id=pid, name=name, gate=gate,
                        baseline_date=baseline, forecast_date=forecast, actual_date=actual,
                        status=status, approved_by=approved_by, approval_date=approval_date,
                        _tag=tag or mid))
    return mid


REQ = {"initiation": 0, "planning": 1, "execution": 2, "closing": 3, "closed": 4}
GATES = [("G1", "Business case approved"), ("G2", "Design authority approval"),
         ("G3", "Go-live readiness review"), ("G4", "Project closure approved")]


def std_milestones(p, skip=(), ov=None):
    """Standard gates plus two non-gate milestones, consistent with the phase and T."""
    pid = p["project_id"]
    ov = ov or {}
    s = p["start_date"] if isinstance(p["start_date"], date) else D("2026-04-01")
    f = p["planned_finish"] or s + days(365)
    dur = (f - s).days
    st = p["st"]
    need = REQ.get(p["ph"], 0) if st not in ("proposed",) else 0
    pos = {"G1": s + days(21), "G2": s + days(int(dur * 0.3)), "G3": s + days(int(dur * 0.85)),
           "G4": f + days(28), "Design complete": s + days(int(dur * 0.4)),
           "User acceptance testing complete": s + days(int(dur * 0.75))}
    jit = sum(map(ord, pid)) % 7
    out = {}
    for gi, (g, gname) in enumerate(GATES):
        if g in skip:
            continue
        base = pos[g]
        if gi < need or st == "closed":
            # achieved gate
            if st == "closed" and p["actual_finish"]:
                base = min(base, p["actual_finish"] - days(3 + jit))
            base = min(base, T - days(30 + 3 * gi))
            act = base + days(jit)
            who = "Investment Committee" if g == "G1" else p["sponsor"]
            out[g] = ms(pid, gname, g, base, None, act, "Achieved", who, act + days(1 + gi % 2))
        elif st == "cancelled":
            continue
        else:
            base = max(base, T + days(21 + 7 * gi))
            out[g] = ms(pid, gname, g, base, base + days(jit), None, "Planned")
    for name in ("Design complete", "User acceptance testing complete"):
        if name in skip or st in ("proposed", "cancelled"):
            continue
        base = pos[name]
        if st == "closed" or base < T - days(14):
            if st == "closed" and p["actual_finish"]:
                base = min(base, p["actual_finish"] - days(10))
            base = min(base, T - days(14))
            out[name] = ms(pid, name, "", base, None, base + days(jit), "achieved")
        else:
            base = max(base, T + days(14))
            out[name] = ms(pid, name, "", base, base + days(jit // 2), None, "planned")
    return out


SPECIAL_MS = {"PRJ-1007", "PRJ-1023", "PRJ-1011", "PRJ-1013", "PRJ-1015", "PRJ-1016", "PRJ-1022",
              "PRJ-1001", "PRJ-1005", "PRJ-1021", "PRJ-1029", "PRJ-1030", "PRJ-1019",
              "PRJ-1012", "PRJ-1006", "PRJ-1002", "PRJ-1003", "PRJ-1014"}
for p in PROJECTS:
    pid = p["project_id"]
    if pid in ("PRJ-105",):
        continue
    if pid == "PRJ-1007":
        m = std_milestones(p, skip=("G2",))
        a = D("2026-02-20")
        ms(pid, "Design authority approval", "G2", D("2026-02-13"), None, a, "Achieved", "", a,
           tag="1007-G2")
        plant("GOV-001", "milestones.csv", "PRJ-1007 G2", "achieved gate, approved_by blank")
    elif pid == "PRJ-1023":
        m = std_milestones(p, skip=("G1",))
        ms(pid, "Business case approved", "G1", D("2025-10-20"), None, D("2025-10-24"),
           "Achieved", "Investment Committee", "TBC", tag="1023-G1")
        plant("GOV-001", "milestones.csv", "PRJ-1023 G1", "approval_date `TBC` does not parse, so it is null")
        plant("DAT-001", "milestones.csv", "PRJ-1023 G1 / approval_date", "`TBC` is not a date")
    elif pid == "PRJ-1011":
        m = std_milestones(p, skip=("G3",))
        ms(pid, "Go-live readiness review", "G3", D("2025-12-15"), None, D("2026-01-20"),
           "Achieved", LINDA, None, tag="1011-G3")
        plant("GOV-001", "milestones.csv", "PRJ-1011 G3", "achieved gate in a closed project, approval_date blank")
        plant("SCH-002", "milestones.csv", "PRJ-1011 G3", "actual 36 days after baseline (closed projects are judged too)")
    elif pid == "PRJ-1013":
        m = std_milestones(p, skip=("G3",))
        ms(pid, "Go-live readiness review", "G3", D("2026-07-06"), D("2026-07-20"), None, "Planned",
           tag="1013-G3")
        plant("GOV-002", "milestones.csv", "PRJ-1013 x G3", "project in phase closing, G3 not yet achieved")
    elif pid == "PRJ-1015":
        m = std_milestones(p, skip=("G1",))
        plant("GOV-002", "milestones.csv", "PRJ-1015 x G1", "on-hold project in phase planning has no G1 milestone at all")
    elif pid == "PRJ-1016":
        m = std_milestones(p, skip=("G2",))
        ms(pid, "Design authority approval", "G2", D("2026-04-01"), D("2026-05-15"), None, "Missed",
           tag="1016-G2")
        plant("GOV-002", "milestones.csv", "PRJ-1016 x G2", "G2 status missed, no actual date: not achieved")
        plant("SCH-001", "milestones.csv", "PRJ-1016 G2", "forecast 2026-05-15 < T, not achieved")
        plant("SCH-002", "milestones.csv", "PRJ-1016 G2", "forecast 44 days after baseline")
    elif pid == "PRJ-1022":
        m = std_milestones(p, skip=("G3",))
        ms(pid, "Go-live readiness review", "G3", D("2026-05-01"), D("2026-06-15"), None, "Planned",
           tag="1022-G3")
        plant("SCH-001", "milestones.csv", "PRJ-1022 G3", "forecast 2026-06-15 < T, not achieved")
        plant("SCH-002", "milestones.csv", "PRJ-1022 G3", "forecast 45 days after baseline")
    elif pid == "PRJ-1001":
        m = std_milestones(p, skip=("User acceptance testing complete",))
        ms(pid, "User acceptance testing complete", "", T - days(10), T, None, "Planned", tag="1001-UAT")
        near("SCH-001", "milestones.csv", "PRJ-1001 UAT complete", "forecast exactly T (not < T)")
        near("GOV-001", "milestones.csv", "PRJ-1001 Design complete", "achieved non-gate milestone without approver")
    elif pid == "PRJ-1005":
        m = std_milestones(p, skip=("G1",))
        ms(pid, "Business case approved", " g1 ", D("2026-03-16"), None, D("2026-03-20"),
           "Achieved", "Investment Committee", D("2026-03-20"), tag="1005-G1")
        near("GOV-002", "milestones.csv", "PRJ-1005 G1", "gate written ` g1 `: matches G1 trimmed, case-insensitive")
    elif pid == "PRJ-1021":
        m = std_milestones(p, skip=("G2",))
        ms(pid, "Design authority approval", "G2", D("2026-03-02"), None, D("2026-03-09"), "Planned",
           RAJ, D("2026-03-10"), tag="1021-G2")
        near("GOV-002", "milestones.csv", "PRJ-1021 G2", "status Planned but actual_date set: achieved")
    elif pid == "PRJ-1029":
        m = std_milestones(p, skip=("G2",))
        ms(pid, "Design authority approval", "G2", D("2026-02-27"), None, D("2026-03-03"), "Achieved",
           JAMES, "2026-03-04T09:30:00Z", tag="1029-G2")
    elif pid == "PRJ-1030":
        m = std_milestones(p)
        ms(pid, "Supplier catalogue live", "", D("2026-09-30"), "2026-02-30", None, "Planned",
           tag="1030-cat")
        plant("DAT-001", "milestones.csv", "PRJ-1030 Supplier catalogue live / forecast_date",
              "`2026-02-30` is an impossible date")
        near("SCH-001", "milestones.csv", "PRJ-1030 Supplier catalogue live",
             "forecast unparsable (null): due = baseline 2026-09-30, not overdue")
        ms(pid, "Supplier onboarding complete", "", D("2026-07-01"), None, D("2026-07-10"), "Achieved",
           tag="1030-onb")
        plant("STD-006", "milestones.csv", "PRJ-1030 Supplier onboarding complete", "actual_date 2026-07-10 after T")
    elif pid == "PRJ-1019":
        m = std_milestones(p)
        ms(pid, "Design authority approval", "G2", D("2026-03-31"), None, None, "Planned", tag="1019-G2")
        near("SCH-001", "milestones.csv", "PRJ-1019 G2", "overdue but the project is cancelled")
    elif pid == "PRJ-1012":
        m = std_milestones(p)
        ms(pid, "Wave 2 migration complete", "", D("2026-09-15"), D("2026-10-15"), None, "Planned",
           tag="1012-w2")
        near("SCH-002", "milestones.csv", "PRJ-1012 Wave 2 migration complete", "slip exactly 30 days")
    elif pid == "PRJ-1006":
        m = std_milestones(p)
        ms(pid, "Legacy warehouse decommission", "", D("2026-03-31"), D("2026-06-01"), None, "Cancelled",
           tag="1006-leg")
        near("SCH-001", "milestones.csv", "PRJ-1006 Legacy warehouse decommission", "overdue and slipped but cancelled")
    elif pid == "PRJ-1002":
        m = std_milestones(p)
        ms(pid, "Beta release", "", D("2026-05-29"), None, None, "Planned", tag="1002-beta")
        plant("SCH-001", "milestones.csv", "PRJ-1002 Beta release", "no forecast: due = baseline 2026-05-29 < T")
    elif pid == "PRJ-1003":
        m = std_milestones(p)
        ms(pid, "Data migration complete", "", D("2026-06-15"), D("2026-06-29"), None, "Planned",
           tag="1003-dm")
        plant("SCH-001", "milestones.csv", "PRJ-1003 Data migration complete", "forecast 2026-06-29 = T-1")
    elif pid == "PRJ-1014":
        m = std_milestones(p)
        ms(pid, "Platform go-live", "", D("2026-08-31"), D("2026-10-30"), None, "Planned", tag="1014-gl")
        plant("SCH-002", "milestones.csv", "PRJ-1014 Platform go-live", "forecast 60 days after baseline")
    else:
        std_milestones(p)
ms("PRJ-1050", "Archive sign-off", "", None, None, D("2026-01-15"), "Achieved", tag="dangling-ms")
plant("DAT-004", "milestones.csv", "%s / project_id" % MS_ROWS[-1]["milestone_id"], "project PRJ-1050 does not exist")

# --------------------------------------------------------------------------
# risks
# --------------------------------------------------------------------------
RISK_T = [
    ("Key supplier delivery delay", "Supplier",
     "Weekly supplier checkpoint; penalty clause invoked if a milestone slips more than 2 weeks."),
    ("Data quality in legacy source systems", "Data",
     "Data profiling in sprint 0, cleansing backlog owned by the data stewards,\nreconciliation report after each load."),
    ("Insufficient SME availability", "Resource",
     "Backfill agreed with the business; SME calendars blocked for UAT."),
    ("Integration complexity with core systems", "Technical",
     'Early proof of concept; a "fail fast" spike on the API gateway, results to the Design Authority.'),
    ("Regulatory interpretation changes", "Regulatory",
     "Monthly check-in with Compliance, 5% change contingency held by the sponsor."),
    ("User adoption resistance", "Change",
     "Change champions network, training plan,\nand floor-walkers for two weeks after go-live."),
    ("Security vulnerabilities found late", "Security",
     "Shift-left: SAST in the pipeline and a pen test before UAT, not after."),
    ("Licence cost increase at renewal", "Commercial",
     "Negotiate a 3-year price lock; fallback option priced by Procurement."),
]
RISK_ROWS = []
RSEQ = [0]


def risk(pid, title, cat, p_, i_, score, owner, mit, status, raised, review, due, rid=None, tag=None):
    if rid is None:
        RSEQ[0] += 1
        rid = "R-%04d" % RSEQ[0]
    RISK_ROWS.append(dict(risk_id=rid, project_id=pid, title=title, category=cat, probability=p_,
                          impact=i_, score=score, owner=owner, mitigation=mit, status=status,
                          raised_date=raised, review_date=review, due_date=due, _tag=tag or rid))
    return rid


TEAM = {}
for a in ALLOC:
    if a[0] in RNAME:
        TEAM.setdefault(a[1], []).append(RNAME[a[0]])

for n_, p in enumerate(PROJECTS):
    pid, st = p["project_id"], p["st"]
    owner = p["manager"].strip() or (TEAM.get(pid) or ["Kavya Reddy"])[0]
    t1 = RISK_T[n_ % len(RISK_T)]
    t2 = RISK_T[(n_ + 3) % len(RISK_T)]
    t3 = RISK_T[(n_ + 5) % len(RISK_T)]
    rv = D("2026-07-03") + days(7 * (n_ % 8))
    if st in ("active", "on_hold") and pid not in ("PRJ-1025", "PRJ-1033", "PRJ-1009", "PRJ-1004"):
        risk(pid, t1[0], t1[1], 3, 3, 9 if n_ % 2 else None, owner, t1[2], "Open",
             D("2026-01-12") + days(n_), rv, D("2026-09-30"))
        risk(pid, t2[0], t2[1], 2, 4, 8, (TEAM.get(pid) or [owner])[-1], t2[2], "Mitigating",
             D("2026-02-09") + days(n_), rv + days(14), D("2026-10-30"))
        risk(pid, t3[0], t3[1], 2, 2, 4, owner, t3[2], "Closed", D("2025-11-03") + days(n_),
             D("2026-03-02"), D("2026-03-31"))
    elif st in ("closed", "cancelled") and pid != "PRJ-1018":
        risk(pid, t1[0], t1[1], 3, 3, 9, owner, t1[2], "Closed", D("2025-06-02") + days(n_),
             D("2025-12-01"), D("2025-12-31"))
        if st == "closed":
            risk(pid, t2[0], t2[1], 4, 3, 12, owner, t2[2], "Occurred", D("2025-06-16") + days(n_),
                 D("2025-11-03"), D("2025-11-30"))
    # project-specific rows
    if pid == "PRJ-1001":
        r = risk(pid, "Payment gateway certification fails", "Technical", 3, 5, 15, "Sarah Chen",
                 "Book the certification lab slot early; fallback to the current gateway for 3 months.",
                 "Open", D("2026-02-02"), D("2026-07-14"), D("2026-08-31"))
        near("RSK-001", "risks.csv", r, "score exactly 15 but owner and mitigation present")
        dup = RISK_ROWS[-2]      # the standard closed risk
        RISK_ROWS.append(dict(dup, _tag=dup["risk_id"] + "-dup"))
        plant("DAT-003", "risks.csv", dup["risk_id"], "closed risk exported twice")
        risk(pid, "Accessibility audit findings", "Compliance", 2, 3, 6, "Ximena Flores",
             "WCAG 2.2 AA checks in the definition of done.", "Closed", D("2026-01-20"),
             D("2026-04-01"), D("2026-04-30"), rid="", tag="R-blank")
        plant("DAT-002", "risks.csv", "(blank risk_id), PRJ-1001", "required risk_id blank (closed risk)")
    elif pid == "PRJ-1003":
        r = risk(pid, "Duplicate customer records after merge", "Data", 3, 5, 15, "David Okonkwo", "   ",
                 "Open", D("2026-03-02"), D("2026-07-10"), D("2026-09-30"))
        plant("RSK-001", "risks.csv", r, "score exactly 15 (>= 15), mitigation only white space")
    elif pid == "PRJ-1004":
        r1 = risk(pid, "Telephony vendor exits UK market", "Supplier", 4, 3, 12, "Emma Lindqvist",
                  "Shortlist two alternative CCaaS vendors.", "Open", D("2026-01-19"), D("2026-04-30"),
                  D("2026-07-31"))
        r2 = risk(pid, "Agent union consultation extends", "Change", 3, 3, None, "Maya Patel",
                  "Early engagement with employee forum.", "Mitigating", D("2026-02-02"),
                  D("2026-05-15"), D("2026-08-31"))
        plant("RSK-002", "risks.csv", r1, "open risk, review_date 2026-04-30 < T")
        plant("RSK-002", "risks.csv", r2, "mitigating risk, review_date 2026-05-15 < T")
    elif pid == "PRJ-1006":
        r = risk(pid, "Cloud consumption above forecast", "Commercial", 2, 6, None, "Tom\u00e1s Herrera",
                 "FinOps dashboard, weekly review of idle clusters.", "Open", D("2026-02-16"),
                 D("2026-07-20"), D("2026-12-18"))
        plant("RSK-005", "risks.csv", r, "impact 6 (outside 1..5)")
        r = risk(pid, "Single DBA for all migrations", "Resource", 4, 5, 20, "", "", "Closed",
                 D("2025-12-01"), D("2026-02-01"), D("2026-03-31"))
        near("RSK-001", "risks.csv", r, "score 20, no owner, no mitigation, but closed")
    elif pid == "PRJ-1009":
        r = risk(pid, "Model bias flagged by Model Risk", "Regulatory", 3, 4, None, "",
                 "Independent validation by Model Risk before go-live.", "", D("2026-01-26"),
                 D("2026-06-01"), D("2026-09-30"))
        plant("RSK-002", "risks.csv", r, "status blank counts as open; review_date 2026-06-01 < T")
        near("RSK-001", "risks.csv", r, "owner blank but score 3x4 = 12 < 15")
        near("RSK-003", "risks.csv", "PRJ-1009", "its only risk has a blank status, which counts as open")
    elif pid == "PRJ-1012":
        r = risk(pid, "Mainframe batch window overrun", "Technical", 0, 3, None, "Marcus Webb",
                 "Parallel-run the batch in the cloud for 2 cycles.", "Open", D("2026-03-09"),
                 D("2026-07-06"), D("2026-10-30"))
        plant("RSK-005", "risks.csv", r, "probability 0 (outside 1..5)")
    elif pid == "PRJ-1014":
        r = risk(pid, "Cluster upgrade breaks tenant workloads", "Technical", 4, 4, 16, "Olivia Brown", "",
                 "Open", D("2026-03-16"), D("2026-07-17"), D("2026-09-30"))
        plant("RSK-001", "risks.csv", r, "score 16, mitigation blank")
    elif pid == "PRJ-1018":
        r = risk(pid, "Legacy firewall rules not migrated", "Security", 3, 4, 12, "Tara Singh",
                 "Rule-by-rule reconciliation, sign-off by the SOC.", "Mitigating", D("2025-10-06"),
                 D("2026-07-31"), D("2026-08-31"))
        plant("CLS-003", "risks.csv", r, "closed project still has a mitigating risk")
        risk(pid, "Hardware lead time", "Supplier", 3, 3, 9, "Ben Carter", "Order early.", "Closed",
             D("2025-07-01"), D("2025-10-01"), D("2025-10-31"))
    elif pid == "PRJ-1025":
        for tt in RISK_T[:2]:
            risk(pid, tt[0], tt[1], 2, 3, 6, "Emma Lindqvist", tt[2], "Closed", D("2025-10-06"),
                 D("2026-03-02"), D("2026-03-31"))
        plant("RSK-003", "risks.csv", "PRJ-1025", "active project, all its risks are closed")
    elif pid == "PRJ-1026":
        r = risk(pid, "Screening list provider outage", "Supplier", 5, 4, None, "",
                 "Dual-source the sanctions lists; cache last good list for 72h.", "Open",
                 D("2026-02-23"), D("2026-07-24"), D("2026-09-30"))
        plant("RSK-001", "risks.csv", r, "score blank, 5x4 = 20, owner blank")
        r = risk(pid, "False-positive rate overwhelms analysts", "Operational", 3, 4, 16, "Aisha Rahman",
                 "Tune fuzzy-match thresholds with Compliance; temporary analyst surge team.",
                 "Mitigating", D("2026-03-02"), D("2026-07-31"), D("2026-10-30"))
        plant("RSK-004", "risks.csv", r, "score 16 but probability x impact = 12")
        r = risk(pid, "Model validation backlog", "Regulatory", 3, 3, 9, "Valentina Ricci",
                 "Book the validation team slot now.", "Open", D("2026-03-16"), D("2026-06-29"),
                 D("2026-09-30"))
        plant("RSK-002", "risks.csv", r, "review_date 2026-06-29 = T-1")
    elif pid == "PRJ-1029":
        r = risk(pid, "Chart of accounts redesign contested", "Business", "High", 4, None, "Samuel Adeyemi",
                 "Steering decision on the CoA by end of July.", "Open", D("2026-04-06"),
                 D("2026-07-31"), D("2026-09-30"))
        plant("DAT-001", "risks.csv", r + " / probability", "`High` is not an int")
        r = risk(pid, "Cutover weekend clashes with year-end", "Schedule", 2, 5, 10, "David Okonkwo",
                 "Agree a blackout calendar with Group Finance.", "Open", D("2026-04-13"), T,
                 D("2026-12-18"))
        near("RSK-002", "risks.csv", r, "review_date exactly T (not < T)")
    elif pid == "PRJ-1031":
        r = risk(pid, "Bank connectivity (SWIFT) testing slots", "Supplier", 3, 4, 12, "Chlo\u00e9 Dubois",
                 'Book test slots with each bank; "no slot, no go" rule agreed.', "Open",
                 D("2026-04-20"), D("2026-08-14"), D("2026-10-30"))
r = risk("PRJ-0999", "Orphan risk from the old register", "Other", 1, 1, 1, "Kavya Reddy", "n/a",
         "Closed", D("2025-01-06"), D("2025-03-03"), D("2025-03-31"))
plant("DAT-004", "risks.csv", r + " / project_id", "project PRJ-0999 does not exist (closed risk)")
plant("RSK-003", "risks.csv", "PRJ-1033", "active project without any risk")

# --------------------------------------------------------------------------
# issues
# --------------------------------------------------------------------------
ISS_T = ["Test environment unavailable", "Licence procurement delayed", "Key developer resigned",
         "Interface specification not agreed", "Data migration defects above threshold",
         "Vendor invoice dispute", "Security review finding: weak TLS ciphers", "UAT testers not released"]
ISS_ROWS = []
ISEQ = [0]


def issue(pid, title, prio, owner, status, raised, due, resolved=None, tag=None):
    ISEQ[0] += 1
    iid = "I-%04d" % ISEQ[0]
    ISS_ROWS.append(dict(issue_id=iid, project_id=pid, title=title, priority=prio, owner=owner,
                         status=status, raised_date=raised, due_date=due, resolved_date=resolved,
                         _tag=tag or iid))
    return iid


for n_, p in enumerate(PROJECTS):
    pid, st = p["project_id"], p["st"]
    owner = p["manager"].strip() or "Kavya Reddy"
    if st in ("active", "on_hold"):
        if n_ % 3 != 2:
            issue(pid, ISS_T[n_ % 8], ["Medium", "High", "Low"][n_ % 3], owner,
                  ["Open", "In Progress"][n_ % 2], D("2026-05-04") + days(n_), D("2026-07-10") + days(n_))
        issue(pid, ISS_T[(n_ + 4) % 8], "Medium", (TEAM.get(pid) or [owner])[0], "Resolved",
              D("2026-02-02") + days(n_), D("2026-03-15"), D("2026-03-12") + days(n_ % 5))
    elif st == "closed" and pid != "PRJ-1018":
        issue(pid, ISS_T[n_ % 8], "High", owner, "Closed", D("2025-09-01"), D("2025-10-01"),
              D("2025-09-26"))
i = issue("PRJ-1002", "App store rejection: privacy manifest missing", "High", "Priya Natarajan", "Open",
          D("2026-05-27"), D("2026-06-10"))
plant("ISS-001", "issues.csv", i, "open, due 2026-06-10 < T")
i = issue("PRJ-1003", "Marketing consent flags lost in extract", "Critical", "Carla Nguyen", "In Progress",
          D("2026-05-11"), D("2026-05-29"))
plant("ISS-001", "issues.csv", i, "in progress, due 2026-05-29 < T")
i = issue("PRJ-1018", "Two branch sites still on the old firewall", "Medium", "Tara Singh", "In Progress",
          D("2026-04-06"), D("2026-04-30"))
plant("ISS-001", "issues.csv", i, "in progress, due 2026-04-30 < T")
plant("CLS-003", "issues.csv", i, "closed project, issue in progress")
i = issue("PRJ-1018", "Final invoice not received", "Low", "Ben Carter", "", D("2026-04-20"), D("2026-05-15"))
plant("ISS-001", "issues.csv", i, "status blank (counts as open), due 2026-05-15 < T")
plant("CLS-003", "issues.csv", i, "closed project, issue with blank status (counts as open)")
i = issue("PRJ-1006", "Lakehouse storage quota reached", "Medium", "Farid Haddad", "Open",
          D("2026-06-22"), T)
near("ISS-001", "issues.csv", i, "due exactly T (not < T)")
i = issue("PRJ-1006", "Nightly load failed twice", "High", "Gemma Walsh", "Resolved", D("2026-04-01"),
          D("2026-04-10"), D("2026-04-09"))
i = issue("PRJ-1016", "Carrier circuit delivery slipped 8 weeks", "Critical", "", "Open",
          D("2026-06-08"), D("2026-07-31"))
plant("ISS-002", "issues.csv", i, "critical, open, owner blank")
i = issue("PRJ-1026", "Screening API latency above SLA", "High", "   ", "In Progress",
          D("2026-06-15"), D("2026-07-15"))
plant("ISS-002", "issues.csv", i, "high, in progress, owner only white space")
i = issue("PRJ-1007", "Consent model unclear", "High", "", "Resolved", D("2026-03-02"), D("2026-03-31"),
          D("2026-03-27"))
near("ISS-002", "issues.csv", i, "high, no owner, but resolved")
i = issue("PRJ-1029", "Spool printing in new ERP", "Medium", "", "Open", D("2026-06-15"), D("2026-08-14"))
near("ISS-002", "issues.csv", i, "no owner, but priority medium")
i = issue("PRJ-1031", "Bank statement format change", "Urgent", "", "Open", D("2026-06-22"), D("2026-07-24"),
          tag="iss-urgent")
plant("DAT-001", "issues.csv", i + " / priority", "`Urgent` is not a priority value (so ISS-002 cannot judge it)")
i = issue("PRJ-1010", "Report parity gaps", "Medium", "Sarah Chen", "Resolved", D("2025-05-05"),
          D("2025-06-01"), D("2025-05-30"))
near("CLS-003", "issues.csv", i, "closed project, issue resolved")

# --------------------------------------------------------------------------
# changes
# --------------------------------------------------------------------------
CHG_T = ["Add push notifications", "Extend hypercare by 4 weeks", "Additional data source: claims system",
         "Defer reporting module to phase 2", "Upgrade target database version", "Add Welsh language support",
         "Replace SMS provider", "Extra performance test cycle"]
CHG_ROWS = []
CSEQ = [0]


def change(pid, title, by, req, cost, sched, status, appr_by=None, appr=None, impl=None, fmt="usd", tag=None):
    CSEQ[0] += 1
    cid = "CR-%03d" % CSEQ[0]
    CHG_ROWS.append(dict(change_id=cid, project_id=pid, title=title, requested_by=by, requested_date=req,
                         cost_impact=money(cost, fmt), schedule_impact_days=sched, status=status,
                         approved_by=appr_by, approval_date=appr, implemented_date=impl, _tag=tag or cid))
    return cid


def bnum(p):
    b = p["budget"]
    return b if isinstance(b, (int, float)) else None


for n_, p in enumerate(PROJECTS):
    pid, st = p["project_id"], p["st"]
    b = bnum(p)
    if st not in ("active", "on_hold", "closed") or b is None or n_ % 4 == 3:
        continue
    by = p["manager"].strip() or "Kavya Reddy"
    small = round(b * 0.02, -3)
    change(pid, CHG_T[n_ % 8], by, D("2026-01-12") + days(n_), small, 5, "Implemented",
           p["sponsor"].strip() or "Investment Committee",
           D("2026-01-26") + days(n_), D("2026-02-16") + days(n_), fmt=p["fmt"] if p["fmt"] != "plain" else "usd")
    if st != "closed" and n_ % 2 == 0:
        change(pid, CHG_T[(n_ + 3) % 8], by, D("2026-06-08") + days(n_ % 14), round(b * 0.03, -3), 10,
               "Submitted", fmt="usd")
    if n_ % 5 == 1:
        change(pid, CHG_T[(n_ + 5) % 8], by, D("2026-03-02"), round(b * 0.05, -3), 20, "Rejected", fmt="usd")
c = change("PRJ-1012", "Move wave 2b to a second weekend", "Marcus Webb", D("2026-03-02"), 42000, 7,
           "Implemented", "", D("2026-03-09"), D("2026-03-21"), fmt="plain")
plant("CHG-001", "changes.csv", c, "implemented, approved_by blank")
c = change("PRJ-1030", "Add e-invoicing for EU suppliers", "Lucas Meyer", D("2026-04-06"), 65000, 0,
           "Approved", JAMES, None, D("2026-05-18"))
plant("CHG-001", "changes.csv", c, "implemented_date set (status still approved), approval_date blank")
c = change("PRJ-1006", "Emergency storage tier upgrade", "Tom\u00e1s Herrera", D("2026-05-04"), 48000, 0,
           "Implemented", ANNA, D("2026-05-20"), D("2026-05-12"))
plant("CHG-002", "changes.csv", c, "implemented 2026-05-12 before approval 2026-05-20")
c = change("PRJ-1030", "Supplier portal for 3,000 SMEs", "Lucas Meyer", D("2026-04-20"), 310000, 30,
           "Approved", "Tom Becker", D("2026-05-05"))
plant("CHG-003", "changes.csv", c, "cost 310,000 > 10% of budget 2,400,000, approved by Tom Becker, sponsor is James Okafor")
c = change("PRJ-1026", "Add PEP screening to scope", "Aisha Rahman", D("2026-05-11"), 500000, 45,
           "Approved", "Helen Park", D("2026-05-26"), fmt="eur")
plant("CHG-003", "changes.csv", c, "cost \u20ac500,000 > 380,000 (10% of 3,800,000), approved by Helen Park, sponsor Rajesh Iyer")
c = change("PRJ-1001", "Self-service address change", "Sarah Chen", D("2026-04-13"), 200000, 15,
           "Approved", "Tom Becker", D("2026-04-27"))
near("CHG-003", "changes.csv", c, "cost exactly 10% of budget (200,000 of 2,000,000): not >")
c = change("PRJ-1007", "Add real-time scoring", "Aisha Rahman", D("2026-03-16"), 700000, 40,
           "Approved", "  dr. anna kowalski", D("2026-03-30"))
near("CHG-003", "changes.csv", c, "approved_by `  dr. anna kowalski` = sponsor after trim + case-fold")
c = change("PRJ-1016", "Add 12 retail branches to rollout", "Marcus Webb", D("2026-04-15"), 180000, 30,
           "Submitted", fmt="plain")
plant("CHG-004", "changes.csv", c, "submitted 2026-04-15, older than T-30")
c = change("PRJ-1019", "Re-scope NOC as managed service", "Fatima Zahra", D("2026-01-10"), -250000, 0,
           "Submitted", fmt="plain")
plant("CHG-004", "changes.csv", c, "submitted 2026-01-10, older than T-30")
plant("CLS-003", "changes.csv", c, "cancelled project, change still submitted")
c = change("PRJ-1029", "Add intercompany reconciliation", "David Okonkwo", D("2026-05-31"), 95000, 10,
           "Submitted", fmt="eur")
near("CHG-004", "changes.csv", c, "requested exactly T-30 (not older)")
c = change("PRJ-1031", "Cash forecasting module", "Chlo\u00e9 Dubois", D("2026-06-22"), "tbc", 20, "Submitted")
plant("DAT-001", "changes.csv", c + " / cost_impact", "`tbc` is not money")
c = change("PRJ-1010", "Retire 40 legacy reports", "Sarah Chen", D("2025-04-07"), 0, 0, "Implemented", ANNA,
           D("2025-04-14"), D("2025-04-14"))
near("CHG-002", "changes.csv", c, "implemented on the approval day (not before)")

# --------------------------------------------------------------------------
# status reports
# --------------------------------------------------------------------------
SR_ROWS = []
FRIDAYS = [D("2026-04-03") + days(14 * j) for j in range(7)]    # ... 2026-06-12, 2026-06-26
SUMMARY = {
    "green": ["On track. Sprint goals met; no new blockers.",
              "On track.\nNext: UAT preparation, training material review.",
              'Milestones on plan; vendor delivered "drop 2" a week early.'],
    "amber": ["Some slippage in build, recovery plan agreed with the vendor.",
              "Amber: resource gaps in test team, backfill requested.\nCost under watch.",
              "Scope creep from business, change request raised; contingency 40% used."],
    "red": ["Critical path slipped 6 weeks; re-baseline needed.\nEscalated to steering.",
            "Red: supplier delivery failed, costs rising, options paper to sponsor."],
}


def sr(pid, d, rag, author, summary, tag=None):
    SR_ROWS.append(dict(project_id=pid, report_date=d, rag=rag, author=author, summary=summary,
                        _tag=tag or "%s@%s" % (pid, iso(d))))


RAGSEQ = {"PRJ-1003": ["Green"] * 7, "PRJ-1026": ["Amber", "Amber", "Green", "Green", "Green", "Green", "Green"],
          "PRJ-1022": ["Green"] * 7, "PRJ-1002": ["Amber", "Green", "Green", "Green", "Green", "Green", "Green"],
          "PRJ-1016": ["Amber", "Amber", "Red", "Red", "Red", "Amber", "Amber"],
          "PRJ-1007": ["Green", "Green", "Green", "Amber", "Green", "Green", "Amber"],
          "PRJ-1014": ["Green", "Green", "Amber", "Amber", "Amber", "Amber", "Amber"],
          "PRJ-1006": ["Green", "Amber", "Amber", "Amber", "Amber", "Amber", "Amber"]}
for n_, p in enumerate(PROJECTS):
    pid, st = p["project_id"], p["st"]
    author = p["manager"].strip() or "Kavya Reddy"
    if st in ("active", "on_hold"):
        if pid in ("PRJ-1015",):
            continue
        rags = RAGSEQ.get(pid) or [("Green" if (n_ + j) % 5 else "Amber") for j in range(7)]
        dates = FRIDAYS
        if pid == "PRJ-1004":
            dates = FRIDAYS[:4]           # last report 2026-05-15
        elif pid == "PRJ-1033":
            dates = FRIDAYS[:6]           # last report 2026-06-12
        elif pid == "PRJ-1034":
            dates = []
        elif pid == "PRJ-1023":
            dates = [D("2026-05-05"), D("2026-05-19"), D("2026-06-02"), D("2026-06-16")]
        for j, d in enumerate(dates):
            rag = rags[j + (7 - len(dates)) if len(dates) < 7 else j]
            if pid == "PRJ-1031" and j == 2:
                rag = "Green/Amber"
            summ = SUMMARY[rag.lower() if rag.lower() in SUMMARY else "amber"]
            sr(pid, d, rag, author, summ[(n_ + j) % len(summ)])
    elif st in ("closed",):
        af = min(p["actual_finish"] or D("2026-05-01"), T)
        for j in (2, 1):
            d = af - days(14 * j)
            sr(pid, d, "Green", author, "Closure activities on track.")
sr("PRJ-1034", D("2026-07-03"), "Green", "Maya Patel", "Draft for next week's pack: lease decision expected.",
   tag="1034-future")
sr("PRJ-1O21", D("2026-06-26"), "Green", "Sarah Chen", "On track.", tag="sr-typo")
sr("PRJ-1029", None, "Amber", "David Okonkwo", "Draft - date to be set", tag="sr-nodate")
sr("PRJ-1031 ", D("2026-06-19"), "Green", "Chlo\u00e9 Dubois", "Extra mid-cycle update for the audit committee.",
   tag="sr-space")
plant("MON-001", "status_reports.csv", "PRJ-1004", "on hold, newest report 2026-05-15 (older than T-14)")
plant("MON-001", "status_reports.csv", "PRJ-1015", "on hold, no status report at all")
plant("MON-001", "status_reports.csv", "PRJ-1033", "newest report 2026-06-12 (18 days)")
plant("MON-001", "status_reports.csv", "PRJ-1034", "only report is dated 2026-07-03, after T: counts as none")
near("MON-001", "status_reports.csv", "PRJ-1023", "newest report 2026-06-16 = exactly T-14")
plant("DAT-004", "status_reports.csv", "PRJ-1O21 (letter O) / project_id", "project does not exist")
plant("DAT-002", "status_reports.csv", "PRJ-1029 / report_date", "required report_date blank")
plant("DAT-001", "status_reports.csv", "PRJ-1031 2026-05-01 / rag", "`Green/Amber` is not a rag value")
near("DAT-004", "status_reports.csv", "`PRJ-1031 ` (quoted, trailing space)", "trimmed, so it is PRJ-1031")
plant("MON-002", "status_reports.csv", "PRJ-1003", "newest report green, SPI 0.72")
plant("MON-002", "status_reports.csv", "PRJ-1026", "newest report green, CPI 0.78")
plant("MON-002", "status_reports.csv", "PRJ-1022", "newest report green, gate G3 overdue (fails SCH-001)")
plant("MON-002", "projects.csv", "PRJ-1015", "no status report, projects.rag Green, SPI 0.75")
near("MON-002", "status_reports.csv", "PRJ-1002", "green with SPI 0.85: only < 0.8 counts")
near("MON-002", "status_reports.csv", "PRJ-1016", "SPI 0.78 and G2 overdue but newest report amber")
near("MON-002", "status_reports.csv", "PRJ-1007", "CPI 0.75, older reports green, newest amber")
near("MON-002", "projects.csv", "PRJ-1034", "no report <= T, projects.rag Green, but PV = AC = 0 (nothing computed)")

# --------------------------------------------------------------------------
# lessons
# --------------------------------------------------------------------------
LES_ROWS = []
LESSONS = [
    ("Governance", "Agree the RACI for data ownership before design, not during UAT."),
    ("Supplier", 'Fixed-price contracts need a clear "definition of done" per deliverable, otherwise every acceptance becomes a negotiation.'),
    ("Schedule", "Plan cutover rehearsals as real tasks with owners; two rehearsals were skipped and go-live slipped."),
    ("People", "Backfill business SMEs early.\nTesting capacity, not build, was the bottleneck."),
    ("Technical", "Keep a rollback path for every wave; it saved wave 3."),
]
for pid, nl in (("PRJ-1010", 2), ("PRJ-1011", 2), ("PRJ-1017", 1), ("PRJ-1028", 2), ("PRJ-100200", 1),
                ("PRJ-1001", 1), ("PRJ-1006", 1)):
    for j in range(nl):
        cat, text = LESSONS[(len(LES_ROWS) + j) % len(LESSONS)]
        lid = "LL-%03d" % (len(LES_ROWS) + 1)
        rd = (PBYID[pid]["actual_finish"] or T - days(20))
        rd = min(rd, T - days(1)) - days(7 * j)
        LES_ROWS.append(dict(lesson_id=lid, project_id=pid, recorded_date=rd, category=cat, lesson=text,
                             _tag=lid))
dupl = dict(LES_ROWS[3])
dupl.update(lesson=LESSONS[4][1], category=LESSONS[4][0], _tag="LL-dup")
LES_ROWS.insert(5, dupl)
plant("DAT-003", "lessons.csv", LES_ROWS[3]["lesson_id"], "lesson_id used twice")
plant("CLS-001", "lessons.csv", "PRJ-1018", "closed project without any lesson")
near("CLS-001", "lessons.csv", "PRJ-1019", "cancelled project without lessons (only closed is judged)")

# --------------------------------------------------------------------------
# meetings
# --------------------------------------------------------------------------
MT_ROWS = []
MSEQ = [0]


def mt(pid, d, typ, ref=None, mid=None, tag=None):
    if mid is None:
        MSEQ[0] += 1
        mid = "MTG-%04d" % MSEQ[0]
    MT_ROWS.append(dict(meeting_id=mid, project_id=pid, date=d, type=typ,
                        minutes_ref=ref if ref is not None else "https://intranet.example/pmo/minutes/%s" % mid,
                        _tag=tag or mid))
    return mid


for n_, p in enumerate(PROJECTS):
    pid, st = p["project_id"], p["st"]
    if st not in ("active", "on_hold"):
        if st == "closed" and p["actual_finish"]:
            mt(pid, min(p["actual_finish"], T) - days(10), "Gate Review")
        continue
    off = (n_ * 5) % 20
    june = D("2026-06-01") + days((n_ * 5) % 25)
    if pid == "PRJ-1015":
        continue
    if pid == "PRJ-1004":
        mt(pid, D("2026-03-23"), "Steering")
        mt(pid, D("2026-04-20"), "Steering")
        continue
    if pid == "PRJ-1034":
        mt(pid, D("2026-05-30"), "Steering")
        continue
    mt(pid, D("2026-04-06") + days(off), "Steering")
    if pid == "PRJ-1026":
        mt(pid, D("2026-05-28"), "Steering")
        mt(pid, D("2026-07-02"), "Steering", ref="")
    elif pid == "PRJ-1023":
        mt(pid, D("2026-05-31"), "steering")
    elif pid == "PRJ-1033":
        mt(pid, D("2026-05-20"), "Steering")
        mt(pid, D("2026-06-17"), "Steering Committee", tag="1033-sc")
    else:
        mt(pid, D("2026-05-04") + days(off), "Steering")
        m_ = mt(pid, june, "Steering")
        if pid == "PRJ-1001":
            MT_ROWS.append(dict(MT_ROWS[-1], _tag=m_ + "-dup"))
            plant("DAT-003", "meetings.csv", m_, "steering meeting exported twice")
    mt(pid, june + days(2) if june.day < 26 else june - days(7), "Status")
    if n_ % 4 == 0:
        mt(pid, D("2026-03-10") + days(n_), "Gate Review")
    if n_ % 6 == 1:
        mt(pid, D("2026-06-10"), "other", ref="")
mt("PRJ-1029", None, "Status", tag="mt-nodate")
mt("PRJ-1031", "next Tuesday", "Status", tag="mt-baddate")
plant("DAT-002", "meetings.csv", "%s / date" % MT_ROWS[-2]["meeting_id"], "required date blank")
plant("DAT-001", "meetings.csv", "%s / date" % MT_ROWS[-1]["meeting_id"], "`next Tuesday` is not a date (required column: DAT-001 only)")
plant("DAT-001", "meetings.csv", "PRJ-1033 2026-06-17 / type", "`Steering Committee` is not a meeting type")
plant("GOV-003", "meetings.csv", "PRJ-1004", "on hold, last steering 2026-04-20")
plant("GOV-003", "meetings.csv", "PRJ-1015", "on hold, no meetings at all")
plant("GOV-003", "meetings.csv", "PRJ-1034", "on hold, last steering 2026-05-30 = T-31")
plant("GOV-003", "meetings.csv", "PRJ-1026", "steering 2026-05-28 (too old) and 2026-07-02 (after T)")
plant("GOV-003", "meetings.csv", "PRJ-1033", "June steering typed `Steering Committee` (invalid: null type); May one too old")
near("GOV-003", "meetings.csv", "PRJ-1023", "steering exactly T-30 (2026-05-31), type written `steering`")

# --------------------------------------------------------------------------
# timesheets
# --------------------------------------------------------------------------
WEEKS = [D("2026-03-30") + days(7 * w) for w in range(13)]      # 2026-03-30 .. 2026-06-22


def ts_ok(pid, wk):
    p = PBYID.get(pid)
    if p is None or p["st"] == "proposed":
        return False
    if p["st"] in ("closed", "cancelled"):
        if p["actual_finish"] is None:
            return wk <= D("2026-06-15")
        return wk <= p["actual_finish"]
    return True


TS = {}
for (rid, pid, s, e, pct) in ALLOC:
    if rid not in RNAME or e is None or not pct.rstrip("%").isdigit():
        continue
    s, e = D(s), D(e)
    for wk in WEEKS:
        if wk + days(6) < s or wk > e or not ts_ok(pid, wk):
            continue
        h = RCAP[rid] * int(pct.rstrip("%")) / 100
        TS[(rid, wk, pid)] = round(h * 2) / 2
# planted hours
TS[("RES-004", D("2026-06-15"), "PRJ-1012")] = 32
TS[("RES-004", D("2026-06-15"), "PRJ-1014")] = 22
TS[("RES-004", D("2026-06-22"), "PRJ-1012")] = 33
TS[("RES-004", D("2026-06-22"), "PRJ-1014")] = 20
TS[("RES-018", D("2026-05-04"), "PRJ-1032")] = 26
TS[("RES-009", D("2026-06-08"), "PRJ-1002")] = 30
TS[("RES-009", D("2026-06-08"), "PRJ-1003")] = 20
TS[("RES-021", D("2026-06-01"), "PRJ-1029")] = 45
TS[("RES-014", D("2026-05-18"), "PRJ-1026")] = 36
TS[("RES-014", D("2026-05-18"), "PRJ-1025")] = 12
TS[("RES-010", D("2026-04-06"), "PRJ-1011")] = 16
TS[("RES-010", D("2026-04-13"), "PRJ-1011")] = 12
ts_rows = []
for (rid, wk, pid), h in sorted(TS.items(), key=lambda kv: (kv[0][1], kv[0][0], kv[0][2])):
    hs = ("%d" % h) if h == int(h) else ("%.1f" % h)
    ts_rows.append(dict(resource_id=rid, project_id=pid, week_start=wk, hours=hs,
                        _tag="%s/%s/%s" % (rid, pid, wk)))
ts_rows.append(dict(resource_id="RES-099", project_id="PRJ-1016", week_start=D("2026-06-15"), hours="40",
                    _tag="ts-r99"))
ts_rows.append(dict(resource_id="RES-011", project_id="PRJ-1099", week_start=D("2026-06-15"), hours="6",
                    _tag="ts-p99"))
ts_rows.append(dict(resource_id="RES-099", project_id="PRJ-1099", week_start=D("2026-06-22"), hours="8",
                    _tag="ts-both"))
ts_rows.append(dict(resource_id="RES-016", project_id="PRJ-1030", week_start=D("2026-06-22"), hours="7.5h",
                    _tag="ts-badh"))
ts_rows.append(dict(resource_id="RES-019", project_id="PRJ-1031", week_start=D("2026-06-22"), hours="",
                    _tag="ts-noh"))
plant("RES-004", "timesheets.csv", "RES-004 x 2026-06-15", "32 + 22 = 54 h > 1.25 x 40")
plant("RES-004", "timesheets.csv", "RES-004 x 2026-06-22", "33 + 20 = 53 h > 50")
plant("RES-004", "timesheets.csv", "RES-018 x 2026-05-04", "26 h > 1.25 x 20 (part-time)")
near("RES-004", "timesheets.csv", "RES-009 x 2026-06-08", "30 + 20 = exactly 50 h")
near("RES-004", "timesheets.csv", "RES-021 x 2026-06-01", "45 h, capacity blank = 40, limit 50")
near("RES-004", "timesheets.csv", "RES-014 x 2026-05-18",
     "48 h: first RES-014 row has capacity 40 (limit 50); the duplicate row's 37.5 must not be used")
near("RES-004", "timesheets.csv", "RES-099 x 2026-06-15", "unknown resource, 40 h <= 50")
plant("RES-005", "timesheets.csv", "RES-010 / PRJ-1011 / 2026-04-06", "week after actual_finish 2026-03-30 of a closed project")
plant("RES-005", "timesheets.csv", "RES-010 / PRJ-1011 / 2026-04-13", "week after actual_finish 2026-03-30")
near("RES-005", "timesheets.csv", "RES-010 / PRJ-1011 / 2026-03-30", "week_start = actual_finish (not >)")
near("RES-005", "timesheets.csv", "RES-020 / PRJ-1018", "closed project with blank actual_finish: not judged")
plant("DAT-004", "timesheets.csv", "RES-099 / PRJ-1016 / 2026-06-15", "resource_id unknown")
plant("DAT-004", "timesheets.csv", "RES-011 / PRJ-1099 / 2026-06-15", "project_id unknown")
plant("DAT-004", "timesheets.csv", "RES-099 / PRJ-1099 / 2026-06-22", "both unknown: one finding per column", n=2)
plant("DAT-001", "timesheets.csv", "RES-016 / PRJ-1030 / 2026-06-22 / hours", "`7.5h` is not a number")
plant("DAT-002", "timesheets.csv", "RES-019 / PRJ-1031 / 2026-06-22 / hours", "required hours blank")

# --------------------------------------------------------------------------
# project-level plants (the values are in the P(...) calls above)
# --------------------------------------------------------------------------
plant("DAT-001", "projects.csv", "PRJ-1027 / budget", "`TBD` is not money")
plant("DAT-001", "projects.csv", "PRJ-1034 / charter_approved", "`Pending` is not a bool")
plant("DAT-001", "projects.csv", "PRJ-1015 / start_date", "`01/04/2026` needs a date_format (none configured)")
plant("DAT-002", "projects.csv", "PRJ-105 / name", "required name blank")
plant("STD-001", "projects.csv", "PRJ-105", "3 digits: does not match ^PRJ-[0-9]{4,6}$")
near("STD-001", "projects.csv", "PRJ-100200", "6 digits: matches")
plant("STD-002", "projects.csv", "PRJ-1009 x manager", "active, manager blank")
plant("STD-002", "projects.csv", "PRJ-1034 x sponsor", "on hold, sponsor only white space")
plant("STD-002", "projects.csv", "PRJ-1034 x manager", "on hold, manager blank")
near("STD-002", "projects.csv", "PRJ-1027", "sponsor blank, but proposed (not open)")
plant("STD-003", "projects.csv", "PRJ-1009", "phase execution, charter_approved `No`")
plant("STD-003", "projects.csv", "PRJ-1013", "phase closing, charter_approved blank")
near("STD-003", "projects.csv", "PRJ-1008", "charter `n` but phase initiation")
near("STD-003", "projects.csv", "PRJ-1034", "charter `Pending` (null) but phase initiation")
plant("STD-004", "projects.csv", "PRJ-1033", "active, business_case blank")
plant("GOV-004", "projects.csv", "PRJ-1008",
      "`DORA operational-resilience programme` (Data & Analytics) has the word set of PRJ-1024's "
      "`Operational Resilience (DORA)` (Regulatory Change): {dora, operational, resilience}, similarity 1.00")
plant("GOV-004", "projects.csv", "PRJ-1024", "the same pair seen from PRJ-1024")
near("GOV-004", "projects.csv", "PRJ-1012",
     "`Data Centre Exit - Wave 2` has the word set of PRJ-1011's `Wave 1` (`1`, `2` under 3 bytes), "
     "but PRJ-1011 is closed")
near("STD-004", "projects.csv", "PRJ-1027", "business_case blank, but proposed")
plant("STD-005", "projects.csv", "PRJ-105", "start 2026-11-02 > planned_finish 2026-08-31")
plant("STD-005", "projects.csv", "PRJ-100200", "actual_finish 2024-12-19 < start 2025-02-03")
plant("STD-006", "projects.csv", "PRJ-1028", "closed, actual_finish 2026-07-15 after T")
plant("SCH-003", "projects.csv", "PRJ-1002", "SPI 1,700,000 / 2,000,000 = 0.85", sev="warning")
plant("SCH-003", "projects.csv", "PRJ-1014", "SPI 1,320,000 / 1,500,000 = 0.88", sev="warning")
plant("SCH-003", "projects.csv", "PRJ-1003", "SPI 0.72", sev="error")
plant("SCH-003", "projects.csv", "PRJ-1016", "SPI 0.78", sev="error")
plant("SCH-003", "projects.csv", "PRJ-1015", "on hold, SPI 0.75", sev="error")
near("SCH-003", "projects.csv", "PRJ-1030", "SPI 1,080,000 / 1,200,000 = exactly 0.90")
near("SCH-003", "projects.csv", "PRJ-1034", "PV 0: not judged")
plant("SCH-004", "projects.csv", "PRJ-1003", "forecast 91 days after planned, 10% of 394 days = 39.4")
plant("SCH-004", "projects.csv", "PRJ-1016", "forecast overrun 10% of duration + 45 days")
near("SCH-004", "projects.csv", "PRJ-1015", "forecast far out but start_date unparsable (null): not judged")
plant("CST-001", "projects.csv", "PRJ-1006", "CPI 2,900,000 / 3,335,000 = 0.870", sev="warning")
plant("CST-001", "projects.csv", "PRJ-1007", "CPI 0.75", sev="error")
plant("CST-001", "projects.csv", "PRJ-1026", "CPI 0.778", sev="error")
near("CST-001", "projects.csv", "PRJ-1032", "CPI 1,575,000 / 1,750,000 = exactly 0.90")
for pid_, what in (("PRJ-1006", "CPI 0.870"), ("PRJ-1007", "CPI 0.75"), ("PRJ-1026", "CPI 0.778"),
                   ("PRJ-1023", "CPI 0.905: no CST-001, but EAC = 2,431,224 > 2,420,000"),
                   ("PRJ-1032", "CPI 0.90: EAC = 3,555,556 > 3,520,000")):
    plant("CST-002", "projects.csv", pid_, what)
plant("CST-003", "projects.csv", "PRJ-1033", "actual_cost 42,500, budget blank")
plant("CST-003", "projects.csv", "PRJ-1019", "cancelled, budget $0.00, actual_cost $18,400.00")
near("CST-003", "projects.csv", "PRJ-1027", "budget `TBD` (null), but actual_cost blank")
plant("RES-003", "projects.csv", "Marcus Webb",
      "4 open projects (PRJ-1012, PRJ-1014 written `Marcus Webb ` with a trailing space, PRJ-1015, PRJ-1016)")
near("RES-003", "projects.csv", "Sarah Chen", "exactly 3 open projects (+1 closed)")
plant("CLS-002", "projects.csv", "PRJ-1018", "closed, actual_finish blank")
near("GOV-002", "projects.csv", "PRJ-1008, PRJ-1034", "phase initiation: no gate required")

# --------------------------------------------------------------------------
# vendors (extra table, plain text)
# --------------------------------------------------------------------------
VENDORS = [
    ("V-01", "Northwind Consulting Ltd", "PRJ-1001", "$1,200,000.00"),
    ("V-02", "Contoso Cloud Services", "PRJ-1012", "$2,750,000.00"),
    ("V-03", "Fabrikam Networks, Inc.", "PRJ-1016", "$980,000.00"),
    ("V-04", "Tailspin Analytics GmbH", "PRJ-1006", "\u20ac1,450,000"),
    ("V-05", "Adatum Security", "PRJ-1018", "$410,000.00"),
    ("V-06", "Litware Software", "PRJ-1030", "$620,000.00"),
    ("V-07", "Proseware, Inc.", "PRJ-1032", "$1,050,000.00"),
    ("V-08", "Wide World Importers (Telephony)", "PRJ-1004", "$300,000.00"),
    ("V-09", "Trey Research", "PRJ-1026", "$875,000.00"),
    ("V-10", "Alpine Ski House IT", "PRJ-1029", "\u20ac3,900,000"),
]

# --------------------------------------------------------------------------
# write the files
# --------------------------------------------------------------------------
proj_rows = []
for p in PROJECTS:
    r = dict(p)
    for c in ("budget", "planned_value", "earned_value", "actual_cost"):
        r[c] = money(p[c], p["fmt"])
    proj_rows.append(r)
write_table("projects.csv", [
    ("project_id", "Project ID"), ("name", "Name"), ("status", "Status"), ("phase", "Phase"),
    ("portfolio", "Portfolio"), ("program", "Program"), ("sponsor", "Sponsor"), ("manager", "Manager"),
    ("rag", "RAG"), ("priority", "Priority"), ("start_date", "Start Date"),
    ("planned_finish", "Planned Finish"), ("forecast_finish", "Forecast Finish"),
    ("actual_finish", "Actual Finish"), ("budget", "Budget"), ("planned_value", "Planned Value"),
    ("earned_value", "Earned Value"), ("actual_cost", "Actual Cost"),
    ("charter_approved", "Charter Approved"), ("business_case", "Business Case"), ("notes", "Notes")],
    proj_rows, bom=True, notes="UTF-8 BOM; human headers; money as $1,250,000.00 / 1250000 / \u20ac12,400,000; extra column Notes")
write_table("milestones.csv", [(c, c) for c in (
    "milestone_id", "project_id", "name", "gate", "baseline_date", "forecast_date", "actual_date",
    "status", "approved_by", "approval_date")], MS_ROWS, notes="one ISO date-time approval_date")
write_table("tasks.csv", [
    ("task_id", "Task ID"), ("project_id", "Project ID"), ("name", "Name"), ("wbs", "WBS"),
    ("baseline_start", "Baseline Start"), ("baseline_finish", "Baseline Finish"), ("start", "Start"),
    ("finish", "Finish"), ("actual_start", "Actual Start"), ("actual_finish", "Actual Finish"),
    ("duration_days", "Duration Days"), ("percent_complete", "Percent-Complete"),
    ("predecessors", "Predecessors"), ("constraint", "Constraint"),
    ("total_float_days", "Total Float Days"), ("resource", "Resource"),
    ("is_milestone", "Is Milestone"), ("is_summary", "Is Summary")],
    TASK_ROWS, crlf=True, notes="CRLF; human headers (Percent-Complete); percents 45% and 45; bools Yes/y/TRUE/1")
write_table("resources.csv", [
    ("resource_id", "Resource ID"), ("name", "Name"), ("role", "Role"), ("department", "Department"),
    ("capacity_hours_week", "Capacity Hours - Week"), ("cost_rate", "Cost.Rate")], res_rows,
    notes="headers `Capacity Hours - Week`, `Cost.Rate` (runs of space/hyphen/dot)")
write_table("allocations.csv", [(c, c) for c in ("resource_id", "project_id", "start_date", "end_date", "percent")],
            alloc_rows, notes="percent as 60% and 60")
write_table("risks.csv", [(c, c) for c in (
    "risk_id", "project_id", "title", "category", "probability", "impact", "score", "owner", "mitigation",
    "status", "raised_date", "review_date", "due_date")], RISK_ROWS, bom=True,
    notes="UTF-8 BOM; mitigation with commas, doubled quotes and newlines")
write_table("issues.csv", [
    ("issue_id", "Issue ID"), ("project_id", "Project ID"), ("title", "Title"), ("priority", "Priority"),
    ("owner", "Owner"), ("status", "Status"), ("raised_date", "Raised Date"), ("due_date", "Due Date"),
    ("resolved_date", "Resolved Date")], ISS_ROWS, notes="human headers; status `In Progress`")
write_table("changes.csv", [(c, c) for c in (
    "change_id", "project_id", "title", "requested_by", "requested_date", "cost_impact",
    "schedule_impact_days", "status", "approved_by", "approval_date", "implemented_date")], CHG_ROWS,
    notes="money $ / \u20ac / plain, one negative")
write_table("status_reports.csv", [
    ("project_id", "Project ID"), ("report_date", "Report Date"), ("rag", "RAG"), ("author", "Author"),
    ("summary", "Summary")], SR_ROWS, crlf=True, notes="CRLF rows with LF newlines inside quoted summaries")
write_table("lessons.csv", [(c, c) for c in ("lesson_id", "project_id", "recorded_date", "category", "lesson")],
            LES_ROWS, notes="quoted text with doubled quotes and a newline")
write_table("meetings.csv", [(c, c) for c in ("meeting_id", "project_id", "date", "type", "minutes_ref")],
            MT_ROWS, notes="type Steering / steering / Gate Review / Status / other")
write_table("timesheets.csv", [(c, c) for c in ("resource_id", "project_id", "week_start", "hours")], ts_rows)
write_table("vendors.csv", [("vendor_id", "Vendor ID"), ("name", "Name"), ("project_id", "Project ID"),
                            ("contract_value", "Contract Value")],
            [dict(vendor_id=a, name=b, project_id=c, contract_value=d) for a, b, c, d in VENDORS],
            notes="not a model table: loaded as text columns")

# --------------------------------------------------------------------------
# PLANTED.md
# --------------------------------------------------------------------------
missing = [r for r in ALL_RULES if not any(p["rule"] == r for p in PLANTS)]
assert not missing, missing
counts = {r: sum(p["n"] for p in PLANTS if p["rule"] == r) for r in ALL_RULES}
LINE_OF = {}
for (f, tag), ln in LINES.items():
    LINE_OF.setdefault(f, {})[tag] = ln


def md(s):
    return str(s).replace("|", "\\|").replace("\n", " ")


out = []
out.append("# Planted problems in samples/\n")
out.append("**As-of date: T = 2026-06-30** (`pmoaudit run samples --as-of 2026-06-30`), default params, "
           "built-in rule pack only. Generated by `make_samples.py`; do not edit by hand.\n")
out.append("Every rule of rules-catalogue.md fires at least once. Totals: %d projects, %d findings "
           "expected in all.\n" % (len(PROJECTS), sum(counts.values())))
out.append("## Files\n")
out.append("| file | rows | bytes | format notes |\n| --- | ---: | ---: | --- |")
for f in sorted(FILES):
    out.append("| %s | %d | %d | %s |" % (f, FILES[f]["rows"], FILES[f]["bytes"], md(FILES[f]["notes"])))
out.append("\n`rows` counts records (not physical lines: some quoted cells span lines).\n")
out.append("## Expected findings per rule (T = 2026-06-30, default params)\n")
out.append("| rule | findings | severity split |\n| --- | ---: | --- |")
for r in ALL_RULES:
    sev = ""
    sv = [p["sev"] for p in PLANTS if p["rule"] == r and p["sev"]]
    if sv:
        sev = ", ".join("%s %d" % (s, sv.count(s)) for s in ("error", "warning") if s in sv)
    out.append("| %s | %d | %s |" % (r, counts[r], sev))
out.append("| **total** | **%d** | |" % sum(counts.values()))
out.append("\nNo rule is skipped: every table is present. The extra table `vendors` adds no finding "
           "(all its project_ids exist).\n")
out.append("## Readings of the spec these counts rely on\n")
out.append("""Where the spec leaves room, the data was built so that either reading gives the
same count, except where the reading is stated as the one used:

1. `number` accepts a leading sign (`-3` in total_float_days; SCH-016 needs negatives).
   `45%` reads as 45, not 0.45 (percent_complete and allocations.percent are 0-100).
   The one negative money value is written `-250000` (no currency sign), so the
   order of `-` and `$` never matters.
2. Predecessor links: TYPE is upper-case `FS SS FF SF`, LAG is `[+-]digits` with an
   optional `d`. `+0d` is a zero lag (not positive). No link lacks a TYPE but has a
   LAG, and every link points at an existing task of the same project.
3. SCH-010..017 ratios: the denominator is all considered tasks. No considered task
   has a null duration, float or constraint, so a reading that drops nulls from the
   denominator gives the same counts.
4. Rows with a blank or unknown project_id (risk, milestone, task, status report,
   timesheet) are inert for every non-DAT rule: closed risk, achieved non-gate
   milestone without baseline, completed or summary task. So it does not matter
   whether per-row rules judge them.
5. DAT-004 is applied to model tables only. vendors.csv has a project_id column,
   but all its values exist, so applying it there too adds nothing.
6. Duplicate keys: every row is judged and a lookup by key takes the first row
   (RES-014's capacity is 40, from its first row). RES-014 is not overallocated under
   any reading. The duplicated task and risk rows are completed or closed, so counting
   them once or twice changes nothing.
7. MON-001 "older than T - 14" means report_date < T - 14. No project has two reports
   on its newest date, and no newest report has a null rag.
8. Text is trimmed inside quotes too: `"PRJ-1031 "`, `"Marcus Webb "` and `"   "`
   (white space only, so null) depend on it.
9. Header normalisation: `Capacity Hours - Week` becomes `capacity_hours_week` (one
   run of space-hyphen-space), `Cost.Rate` becomes `cost_rate`, `Percent-Complete`
   becomes `percent_complete`.
10. STD-006 counts every task row, summaries included. The generator's summary
    roll-ups never carry a future actual date.
11. `line` counts physical lines: an LF inside a quoted cell starts a new line, in
    the CRLF files as well.
""")
out.append("## Planted problems\n")
out.append("| rule | file | key | findings | what was planted |\n| --- | --- | --- | ---: | --- |")
for p in sorted(PLANTS, key=lambda x: (ALL_RULES.index(x["rule"]), x["file"], x["key"])):
    out.append("| %s | %s | %s | %d | %s |" % (p["rule"], p["file"], md(p["key"]), p["n"], md(p["what"])))
out.append("\n## Near misses (must NOT produce a finding)\n")
out.append("| rule | file | key | why it passes |\n| --- | --- | --- | --- |")
for p in sorted(NEAR, key=lambda x: (ALL_RULES.index(x["rule"]), x["file"], x["key"])):
    out.append("| %s | %s | %s | %s |" % (p["rule"], p["file"], md(p["key"]), md(p["what"])))
out.append("\n## Physical lines of the DAT findings\n")
out.append("Header = line 1. Some quoted cells contain newlines, so lines and record numbers differ.\n")
out.append("| rule | file | line | key / column |\n| --- | --- | ---: | --- |")
DAT_LINES = [
    ("DAT-001", "projects.csv", "PRJ-1027", "PRJ-1027 / budget"),
    ("DAT-001", "projects.csv", "PRJ-1034", "PRJ-1034 / charter_approved"),
    ("DAT-001", "projects.csv", "PRJ-1015", "PRJ-1015 / start_date"),
    ("DAT-002", "projects.csv", "PRJ-105", "PRJ-105 / name"),
    ("DAT-001", "resources.csv", "RES-025", "RES-025 / cost_rate"),
    ("DAT-003", "resources.csv", "RES-014-dup", "RES-014"),
    ("DAT-001", "allocations.csv", "A%d" % [i for i, a in enumerate(ALLOC) if a[4] == "half"][0], "RES-023 / percent"),
    ("DAT-002", "allocations.csv", "A%d" % [i for i, a in enumerate(ALLOC) if a[3] is None][0], "RES-022 / end_date"),
    ("DAT-004", "allocations.csv", "A%d" % [i for i, a in enumerate(ALLOC) if a[0] == "RES-099"][0], "RES-099 / resource_id"),
    ("DAT-001", "tasks.csv", tid("PRJ-1002", 18), tid("PRJ-1002", 18) + " / predecessors"),
    ("DAT-001", "tasks.csv", tid("PRJ-1014", 18), tid("PRJ-1014", 18) + " / predecessors"),
    ("DAT-001", "tasks.csv", tid("PRJ-1030", 4), tid("PRJ-1030", 4) + " / percent_complete"),
    ("DAT-003", "tasks.csv", tid("PRJ-1010", 7) + "-dup", tid("PRJ-1010", 7)),
    ("DAT-002", "tasks.csv", orphan, orphan + " / project_id"),
    ("DAT-001", "milestones.csv", "1030-cat", "PRJ-1030 / forecast_date"),
    ("DAT-001", "milestones.csv", "1023-G1", "PRJ-1023 G1 / approval_date"),
    ("DAT-004", "milestones.csv", "dangling-ms", "PRJ-1050 / project_id"),
    ("DAT-001", "issues.csv", "iss-urgent", "priority"),
    ("DAT-002", "risks.csv", "R-blank", "risk_id"),
    ("DAT-003", "lessons.csv", "LL-dup", LES_ROWS[3]["lesson_id"]),
    ("DAT-001", "status_reports.csv", "PRJ-1031@2026-05-01", "rag"),
    ("DAT-002", "status_reports.csv", "sr-nodate", "report_date"),
    ("DAT-004", "status_reports.csv", "sr-typo", "PRJ-1O21 / project_id"),
    ("DAT-002", "meetings.csv", "mt-nodate", "date"),
    ("DAT-001", "meetings.csv", "mt-baddate", "date"),
    ("DAT-001", "meetings.csv", "1033-sc", "type"),
    ("DAT-001", "timesheets.csv", "ts-badh", "hours"),
    ("DAT-002", "timesheets.csv", "ts-noh", "hours"),
    ("DAT-004", "timesheets.csv", "ts-r99", "resource_id"),
    ("DAT-004", "timesheets.csv", "ts-p99", "project_id"),
    ("DAT-004", "timesheets.csv", "ts-both", "resource_id and project_id (2 findings)"),
]
for rule, f, tag, what in DAT_LINES:
    ln = LINE_OF.get(f, {}).get(tag)
    out.append("| %s | %s | %s | %s |" % (rule, f, ln if ln else "?", md(what)))
extra = []
for r in RISK_ROWS:
    if r["_tag"].endswith("-dup"):
        extra.append(("DAT-003", "risks.csv", LINE_OF["risks.csv"][r["_tag"]], r["risk_id"]))
    if r["project_id"] == "PRJ-0999":
        extra.append(("DAT-004", "risks.csv", LINE_OF["risks.csv"][r["_tag"]], r["risk_id"] + " / project_id"))
    if r["probability"] == "High":
        extra.append(("DAT-001", "risks.csv", LINE_OF["risks.csv"][r["_tag"]], r["risk_id"] + " / probability"))
for r in MT_ROWS:
    if r["_tag"].endswith("-dup"):
        extra.append(("DAT-003", "meetings.csv", LINE_OF["meetings.csv"][r["_tag"]], r["meeting_id"]))
for r in CHG_ROWS:
    if r["cost_impact"] == "tbc":
        extra.append(("DAT-001", "changes.csv", LINE_OF["changes.csv"][r["_tag"]], r["change_id"] + " / cost_impact"))
for rule, f, ln, what in extra:
    out.append("| %s | %s | %d | %s |" % (rule, f, ln, md(what)))
out.append("")
with open(os.path.join(OUT, "PLANTED.md"), "w", encoding="utf-8", newline="\n") as fh:
    fh.write("\n".join(out))

print("wrote %d files to %s: %d projects, %d tasks, %d planted findings" % (
    len(FILES) + 1, OUT, len(PROJECTS), len(TASK_ROWS), sum(counts.values())))
