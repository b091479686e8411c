#!/usr/bin/env python3
"""pmo_oracle: an independent reference implementation of pmoaudit's reading
rules (shared/spec/data-model.md) and built-in rule pack
(shared/spec/rules-catalogue.md), in plain Python 3 (standard library only).

It is a test oracle: the C engine's per-rule finding counts are compared with
the counts printed here.  Every choice made where the spec is ambiguous is
listed in README.md next to this file.

Usage:
    pmo_oracle.py DATA_DIR --as-of YYYY-MM-DD [--set RULE.param=value ...] [--findings]
                  [--baseline REPORT.json]

Prints {"counts": {rule: n, ...}, "skipped": [rule, ...]} (plus "findings"
with --findings).  Exit 2 on an input error (no projects.csv, a missing
required column, a bad option).
"""

import argparse
import csv
import datetime
import json
import os
import re
import sys
import decimal
from decimal import Decimal

csv.field_size_limit(2 ** 31 - 1)
decimal.getcontext().prec = 100   # exact sums and products of decimal cells

# --------------------------------------------------------------------------
# Reading rules: cells and types
# --------------------------------------------------------------------------

WS = " \t\r\n\v\f"          # "white space": ASCII white space only
BAD = object()               # sentinel: the cell does not parse

INT_RE = re.compile(r"[+-]?[0-9]+\Z")
NUMBER_RE = re.compile(r"([+-]?[0-9]+(?:\.[0-9]+)?)%?\Z")
MONEY_RE = re.compile(r"(-?)[$\u20ac\u00a3\u00a5]?((?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?)\Z")
DATE_RE = re.compile(
    r"([0-9]{4})-([0-9]{2})-([0-9]{2})"
    r"(?:T([0-9]{2}):([0-9]{2})(?::([0-9]{2}))?(?:Z|[+-]([0-9]{2}):([0-9]{2}))?)?\Z")
BOOLS = {"true": True, "yes": True, "y": True, "1": True,
         "false": False, "no": False, "n": False, "0": False}
LINK_RE = re.compile(r"([^\s:;]+?)(?::(FS|SS|FF|SF))?(?:([+-][0-9]+(?:\.[0-9]+)?)d?)?\Z",
                     re.IGNORECASE)
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def ascii_lower(s):
    return s.translate(_ASCII_LOWER)


def norm_header(h):
    """Trim, lower-case, turn runs of spaces, hyphens and dots into one `_`."""
    return re.sub(r"[ .\-]+", "_", ascii_lower(h.strip(WS)))


def parse_int(s):
    """int: optional sign, digits."""
    return int(s) if INT_RE.match(s) else BAD


def parse_number(s):
    """number: decimal with `.`; optional `%` suffix (the value is unchanged: 50% -> 50)."""
    m = NUMBER_RE.match(s)
    return float(m.group(1)) if m else BAD


def parse_money(s):
    """money: optional leading `-`, optional currency sign `$ € £ ¥`,
    `,` thousands separators (groups of three), optional `.` decimals."""
    m = MONEY_RE.match(s)
    if not m:
        return BAD
    v = float(m.group(2).replace(",", ""))
    return -v if m.group(1) else v


def parse_date(s):
    """date: YYYY-MM-DD, or YYYY-MM-DDTHH:MM[:SS][Z|+HH:MM|-HH:MM] keeping the date.
    Returns the proleptic Gregorian ordinal (an int: dates subtract to days)."""
    m = DATE_RE.match(s)
    if not m:
        return BAD
    y, mo, d, hh, mi, ss, oh, om = m.groups()
    if hh is not None:
        if int(hh) > 23 or int(mi) > 59 or (ss is not None and int(ss) > 59):
            return BAD
        if oh is not None and (int(oh) > 23 or int(om) > 59):
            return BAD
    try:
        return datetime.date(int(y), int(mo), int(d)).toordinal()
    except ValueError:
        return BAD


def parse_bool(s):
    """bool: true false yes no y n 1 0 in any case."""
    return BOOLS.get(ascii_lower(s), BAD)


def make_enum(values):
    vals = frozenset(values)

    def parse_enum(s):
        """enum: trimmed, lower-cased, each space/hyphen -> `_`, then one of the values."""
        v = ascii_lower(s).replace(" ", "_").replace("-", "_")
        return v if v in vals else BAD
    return parse_enum


def parse_links(s):
    """predecessors: `;`-separated links ID[:TYPE][LAG].  Returns (links, ok):
    links = tuple of (id, TYPE, lag, entry) for the valid entries, entry
    being the whole text of an entry without a TYPE (None with one); ok
    False if any entry is bad.  Entries are trimmed; empty entries are
    ignored.  The ID is read here as the shortest one followed by a lag;
    resolve_links settles the entries that are a task's id."""
    links = []
    ok = True
    for part in s.split(";"):
        part = part.strip(WS)
        if not part:
            continue
        m = LINK_RE.match(part)
        if not m:
            ok = False
            continue
        tid, typ, lag = m.groups()
        links.append((tid, typ.upper() if typ else "FS", float(lag) if lag else 0.0, None if typ else part))
    return tuple(links), ok


def resolve_links(tasks):
    """data-model.md: an entry without `:TYPE` that is exactly the task_id of
    a task in the file is that task with no lag; otherwise its trailing
    signed number is the lag.  Leaves (id, TYPE, lag) triples."""
    ids = set(v for v in tasks.cols["task_id"] if v is not None)
    preds = tasks.cols.get("predecessors", [])
    for i, links in enumerate(preds):
        if links is None:
            continue
        preds[i] = tuple((e, "FS", 0.0) if e is not None and e in ids else (tid, typ, lag)
                         for tid, typ, lag, e in links)


# --------------------------------------------------------------------------
# The data model
# --------------------------------------------------------------------------

E = make_enum
PROJECT_STATUS = E(["proposed", "active", "on_hold", "closed", "cancelled"])
RAG = E(["green", "amber", "red"])
PRIORITY = E(["low", "medium", "high", "critical"])

R = True   # required column
# table -> (key column or None, [(column, parser or None for text, required)])
SCHEMA = {
    "projects": ("project_id", [
        ("project_id", None, R), ("name", None, R), ("status", PROJECT_STATUS, R),
        ("phase", E(["initiation", "planning", "execution", "closing", "closed"]), False),
        ("portfolio", None, False), ("program", None, False),
        ("sponsor", None, False), ("manager", None, False),
        ("rag", RAG, False), ("priority", PRIORITY, False),
        ("start_date", parse_date, False), ("planned_finish", parse_date, False),
        ("forecast_finish", parse_date, False), ("actual_finish", parse_date, False),
        ("budget", parse_money, False), ("planned_value", parse_money, False),
        ("earned_value", parse_money, False), ("actual_cost", parse_money, False),
        ("charter_approved", parse_bool, False), ("business_case", None, False)]),
    "milestones": ("milestone_id", [
        ("milestone_id", None, R), ("project_id", None, R), ("name", None, False),
        ("gate", None, False), ("baseline_date", parse_date, False),
        ("forecast_date", parse_date, False), ("actual_date", parse_date, False),
        ("status", E(["planned", "achieved", "missed", "cancelled"]), False),
        ("approved_by", None, False), ("approval_date", parse_date, False)]),
    "tasks": ("task_id", [
        ("task_id", None, R), ("project_id", None, R), ("name", None, False),
        ("wbs", None, False), ("baseline_start", parse_date, False),
        ("baseline_finish", parse_date, False), ("start", parse_date, False),
        ("finish", parse_date, False), ("actual_start", parse_date, False),
        ("actual_finish", parse_date, False), ("duration_days", parse_number, False),
        ("percent_complete", parse_number, False), ("predecessors", "links", False),
        ("constraint", None, False), ("total_float_days", parse_number, False),
        ("resource", None, False), ("is_milestone", parse_bool, False),
        ("is_summary", parse_bool, False)]),
    "resources": ("resource_id", [
        ("resource_id", None, R), ("name", None, False), ("role", None, False),
        ("department", None, False), ("capacity_hours_week", parse_number, False),
        ("cost_rate", parse_money, False)]),
    "allocations": (None, [
        ("resource_id", None, R), ("project_id", None, R), ("start_date", parse_date, R),
        ("end_date", parse_date, R), ("percent", parse_number, R)]),
    "risks": ("risk_id", [
        ("risk_id", None, R), ("project_id", None, R), ("title", None, False),
        ("category", None, False), ("probability", parse_int, False),
        ("impact", parse_int, False), ("score", parse_int, False), ("owner", None, False),
        ("mitigation", None, False),
        ("status", E(["open", "mitigating", "closed", "occurred"]), False),
        ("raised_date", parse_date, False), ("review_date", parse_date, False),
        ("due_date", parse_date, False)]),
    "issues": ("issue_id", [
        ("issue_id", None, R), ("project_id", None, R), ("title", None, False),
        ("priority", PRIORITY, False), ("owner", None, False),
        ("status", E(["open", "in_progress", "resolved", "closed"]), False),
        ("raised_date", parse_date, False), ("due_date", parse_date, False),
        ("resolved_date", parse_date, False)]),
    "changes": ("change_id", [
        ("change_id", None, R), ("project_id", None, R), ("title", None, False),
        ("requested_by", None, False), ("requested_date", parse_date, False),
        ("cost_impact", parse_money, False), ("schedule_impact_days", parse_number, False),
        ("status", E(["submitted", "approved", "rejected", "implemented", "withdrawn"]), False),
        ("approved_by", None, False), ("approval_date", parse_date, False),
        ("implemented_date", parse_date, False)]),
    "status_reports": (None, [
        ("project_id", None, R), ("report_date", parse_date, R), ("rag", RAG, False),
        ("author", None, False), ("summary", None, False)]),
    "lessons": ("lesson_id", [
        ("lesson_id", None, False), ("project_id", None, R),
        ("recorded_date", parse_date, False), ("category", None, False),
        ("lesson", None, False)]),
    "meetings": ("meeting_id", [
        ("meeting_id", None, False), ("project_id", None, R), ("date", parse_date, R),
        ("type", E(["steering", "status", "gate_review", "other"]), False),
        ("minutes_ref", None, False)]),
    "timesheets": (None, [
        ("resource_id", None, R), ("project_id", None, R), ("week_start", parse_date, R),
        ("hours", parse_number, R)]),
}


class InputError(Exception):
    pass


class Table:
    """One loaded table, stored by column: cols[name][i] is row i's value (None = null)."""

    def __init__(self, name, key):
        self.name = name
        self.key = key
        self.cols = {}
        self.lines = []
        self.n = 0
        self.dat001 = []   # (row index, column)
        self.dat002 = []   # (row index, column)
        self.dat005 = []   # (line, column): ragged rows, repeated header names
        self.blank = []    # lines left out: blank (DAT-008)
        self.repeat = []   # lines left out: a row that repeats the header (DAT-008)
        self._first = None
        self._groups = {}

    def col(self, c):
        return self.cols[c]

    def key_of(self, i):
        return self.cols[self.key][i] if self.key else None

    def first_index(self):
        """key value -> index of the first row with that key."""
        if self._first is None:
            d = {}
            for i, k in enumerate(self.cols[self.key]):
                if k is not None and k not in d:
                    d[k] = i
            self._first = d
        return self._first

    def group(self, c="project_id"):
        """value of column c -> list of row indices (null values left out)."""
        g = self._groups.get(c)
        if g is None:
            g = {}
            for i, v in enumerate(self.cols[c]):
                if v is not None:
                    g.setdefault(v, []).append(i)
            self._groups[c] = g
        return g


def load_table(path, name):
    """Read one modeled table per the reading rules."""
    key, spec = SCHEMA[name]
    t = Table(name, key)
    with open(path, encoding="utf-8-sig", errors="replace", newline="") as f:
        rd = csv.reader(f)
        header = None
        prev_line = 0
        for row in rd:
            start = prev_line + 1
            prev_line = rd.line_num
            if not row or (len(row) == 1 and not row[0].strip(" \t")):  # a blank line is no row: DAT-008
                t.blank.append(start)
                continue
            if header is not None and len(row) == width and \
                    [norm_header(c) for c in row] == names:  # the header again: DAT-008
                t.repeat.append(start)
                continue
            if header is None:
                header = {}
                width = len(row)
                names = [norm_header(c) for c in row]
                for j, h in enumerate(row):
                    n = norm_header(h)
                    if n and n in header:
                        t.dat005.append((start, n))
                    header.setdefault(n, j)
                cols = []
                for cname, parser, req in spec:
                    if cname not in header:
                        if req:
                            raise InputError("%s: missing required column '%s'" % (path, cname))
                        t.cols[cname] = []
                        cols.append((cname, -1, None, req, t.cols[cname], None))
                        continue
                    lst = []
                    t.cols[cname] = lst
                    memo = {} if callable(parser) else None
                    cols.append((cname, header[cname], parser, req, lst, memo))
                continue
            i = t.n
            t.n += 1
            t.lines.append(start)
            nf = len(row)
            if nf < width or any(c.strip(WS) for c in row[width:]):
                t.dat005.append((start, None))
            for cname, j, parser, req, lst, memo in cols:
                s = row[j].strip(WS) if 0 <= j < nf else ""
                if not s:
                    lst.append(None)
                    if req:
                        t.dat002.append((i, cname))
                    continue
                if parser is None:
                    lst.append(s)
                elif memo is not None:
                    v = memo.get(s)
                    if v is None:
                        v = parser(s)
                        memo[s] = v
                    if v is BAD:
                        lst.append(None)
                        t.dat001.append((i, cname))
                    else:
                        lst.append(v)
                else:   # predecessors: keep the valid links
                    links, ok = parse_links(s)
                    lst.append(links)
                    if not ok:
                        t.dat001.append((i, cname))
        if header is None:
            missing = [c for c, _, r in spec if r]
            raise InputError("%s: no header row (missing required column '%s')" % (path, missing[0]))
    return t


def load_dir(d):
    if not os.path.isdir(d):
        raise InputError("%s: no such data directory" % d)
    tables = {}
    for name in SCHEMA:
        p = os.path.join(d, name + ".csv")
        if os.path.isfile(p):
            tables[name] = load_table(p, name)
    if "projects" not in tables:
        raise InputError("%s: projects.csv is required" % d)
    if "tasks" in tables:
        resolve_links(tables["tasks"])
    return tables


# --------------------------------------------------------------------------
# Rules
# --------------------------------------------------------------------------

RULES = []          # (id, needs, fn); needs = tuple of alternatives-tuples
DEFAULTS = {}


def rule(rid, needs=("projects",), **params):
    """needs: tables that must all be present; an entry that is a tuple means
    'at least one of these'."""
    def deco(fn):
        RULES.append((rid, needs, fn))
        DEFAULTS[rid] = dict(params)
        return fn
    return deco


class Ctx:
    def __init__(self, tables, T, params, data_dir=None, baseline_rows=None):
        self.t = tables
        self.T = T
        self.params = params
        self.data_dir = data_dir
        self.baseline_rows = baseline_rows   # table -> rows of the baseline run, or None
        self.findings = []
        self._cache = {}

    def has(self, name):
        return name in self.t

    def p(self, rid):
        return self.params[rid]

    def add(self, rule_id, table, i=None, column=None, key=None, line=None):
        if i is not None:
            tb = self.t[table]
            if key is None:
                key = tb.key_of(i)
            line = tb.lines[i]
        self.findings.append((rule_id, table, key, column, line))

    def cached(self, name, fn):
        if name not in self._cache:
            self._cache[name] = fn()
        return self._cache[name]


def is_open_project(status):
    return status in ("active", "on_hold")


def is_open_risk(status):
    return status in ("open", "mitigating", None)


def risk_score(score, prob, imp):
    if score is not None:
        return score
    if prob is not None and imp is not None:
        return prob * imp
    return None


def exact(x):
    """A float read from decimal text, as the exact Decimal it was written as."""
    return Decimal(repr(x)) if isinstance(x, float) else Decimal(x)


def project_rows(ctx):
    """Indices of projects rows that are projects: a row whose project_id is null
    belongs to no project, so per-project rules leave it out."""
    pr = ctx.t["projects"]
    return [i for i, pid in enumerate(pr.cols["project_id"]) if pid is not None]


def project_status_of(ctx, pid):
    """Status of the first project row with key pid (None when there is none)."""
    if pid is None:
        return None
    pr = ctx.t["projects"]
    i = pr.first_index().get(pid)
    return None if i is None else pr.cols["status"][i]


# ---- DAT ------------------------------------------------------------------

@rule("DAT-001")
def dat_001(ctx):
    """DAT-001 | cell | a non-empty cell does not parse as its column type (incl. a bad `predecessors` link)"""
    for name, tb in ctx.t.items():
        for i, c in tb.dat001:
            ctx.add("DAT-001", name, i, c)


@rule("DAT-005")
def dat_005(ctx):
    """DAT-005 | row | a row with fewer or more (non-empty) cells than the header; a repeated header name"""
    for name, tb in ctx.t.items():
        for line, c in tb.dat005:
            ctx.add("DAT-005", name, None, c, None, line)


@rule("DAT-008")
def dat_008(ctx):
    """DAT-008 | file x reason | rows of an input file were left out by something other than an
    explicit user filter (blank or repeated header lines): one finding per file and reason"""
    for name, tb in ctx.t.items():
        for lines in (tb.blank, tb.repeat):
            if lines:
                ctx.add("DAT-008", name, None, None, None, lines[0])
    for name, lines in extra_left_out(ctx.data_dir):
        ctx.add("DAT-008", name, None, None, None, lines[0])


def extra_left_out(d):
    """The CSV files of the folder outside the data model (extra tables): per
    file and reason, the physical lines left out (blank lines, then lines
    repeating the header), in file order."""
    out = []
    if not d or not os.path.isdir(d):
        return out
    for fn in sorted(os.listdir(d)):
        name = fn[:-4]
        if not fn.endswith(".csv") or name in SCHEMA or not os.path.isfile(os.path.join(d, fn)):
            continue
        with open(os.path.join(d, fn), encoding="utf-8-sig", newline="") as f:
            rd = csv.reader(f)
            header, blank, repeat = None, [], []
            start = 1
            for row in rd:
                if header is None:
                    header = [c.strip().lower() for c in row]
                elif not row or (len(row) == 1 and not row[0].strip(" \t")):
                    blank.append(start)
                elif [c.strip().lower() for c in row] == header:
                    repeat.append(start)
                start = rd.line_num + 1
        out += [(name, x) for x in (blank, repeat) if x]
    return out


@rule("DAT-002")
def dat_002(ctx):
    """DAT-002 | cell | a required column's cell is empty (a cell that fails to parse is DAT-001 only)"""
    for name, tb in ctx.t.items():
        for i, c in tb.dat002:
            ctx.add("DAT-002", name, i, c)


@rule("DAT-003")
def dat_003(ctx):
    """DAT-003 | row | its key (non-null) equals the key of an earlier row of the same table"""
    for name, tb in ctx.t.items():
        if not tb.key:
            continue
        seen = set()
        for i, k in enumerate(tb.cols[tb.key]):
            if k is None:
                continue
            if k in seen:
                ctx.add("DAT-003", name, i, tb.key)
            else:
                seen.add(k)


@rule("DAT-004")
def dat_004(ctx):
    """DAT-004 | row x column | a non-null `project_id` is not a project's id; a non-null
    `resource_id` in allocations/timesheets is not a resource's id (only when resources.csv is present)"""
    pids = ctx.t["projects"].first_index()
    rids = ctx.t["resources"].first_index() if ctx.has("resources") else None
    for name, tb in ctx.t.items():
        if name in ("projects", "resources"):
            continue
        for i, v in enumerate(tb.cols["project_id"]):
            if v is not None and v not in pids:
                ctx.add("DAT-004", name, i, "project_id")
        if rids is not None and name in ("allocations", "timesheets"):
            for i, v in enumerate(tb.cols["resource_id"]):
                if v is not None and v not in rids:
                    ctx.add("DAT-004", name, i, "resource_id")


@rule("DAT-006")
def dat_006(ctx):
    """DAT-006 | table | a table of the data model whose file is present has no data rows"""
    for name, tb in ctx.t.items():
        if tb.n == 0:
            ctx.add("DAT-006", name, None, None, name, 1)


def rows_now(ctx, name):
    """(rows, line of the finding) of a table now: a modeled table as loaded;
    another <name>.csv counted as its non-blank lines after the header; a table
    with no file has 0 rows and no line."""
    if name in ctx.t:
        return ctx.t[name].n, 1
    p = os.path.join(ctx.data_dir, name + ".csv")
    if not os.path.isfile(p):
        return 0, None
    with open(p, encoding="utf-8-sig", errors="replace", newline="") as f:
        rows = [r for r in csv.reader(f) if r]
    return max(len(rows) - 1, 0), 1


@rule("DAT-007", max_drop=0.5)
def dat_007(ctx):
    """DAT-007 | table | with a baseline: the table's row count fell by more than
    max_drop (a share of the baseline's count) since that run; skipped without one"""
    share = float(ctx.p("DAT-007")["max_drop"])
    for name, before in sorted(ctx.baseline_rows.items()):
        now, line = rows_now(ctx, name)
        if before > 0 and now < before and before - now > share * before:
            ctx.add("DAT-007", name, None, None, name, line)


# ---- STD ------------------------------------------------------------------

@rule("STD-001", id_pattern="^PRJ-[0-9]{4,6}$")
def std_001(ctx):
    """STD-001 | project | non-null project_id does not fully match `id_pattern` (PCRE2)"""
    rx = re.compile(ctx.p("STD-001")["id_pattern"])
    for i, pid in enumerate(ctx.t["projects"].cols["project_id"]):
        if pid is not None and not rx.fullmatch(pid):
            ctx.add("STD-001", "projects", i, "project_id")


@rule("STD-002")
def std_002(ctx):
    """STD-002 | project x field | open project with blank `sponsor`; open project with blank
    `manager` (two findings if both)"""
    pr = ctx.t["projects"]
    c = pr.cols
    for i in project_rows(ctx):
        if is_open_project(c["status"][i]):
            for f in ("sponsor", "manager"):
                if c[f][i] is None:
                    ctx.add("STD-002", "projects", i, f)


@rule("STD-003")
def std_003(ctx):
    """STD-003 | project | phase is `execution` or `closing` and charter_approved is not true (false or null)"""
    pr = ctx.t["projects"]
    c = pr.cols
    for i in project_rows(ctx):
        if c["phase"][i] in ("execution", "closing") and c["charter_approved"][i] is not True:
            ctx.add("STD-003", "projects", i, "charter_approved")


@rule("STD-004")
def std_004(ctx):
    """STD-004 | project | status `active` and blank business_case"""
    pr = ctx.t["projects"]
    c = pr.cols
    for i in project_rows(ctx):
        if c["status"][i] == "active" and c["business_case"][i] is None:
            ctx.add("STD-004", "projects", i, "business_case")


@rule("STD-005")
def std_005(ctx):
    """STD-005 | project | start_date > planned_finish, or actual_finish < start_date (one finding even if both)"""
    pr = ctx.t["projects"]
    c = pr.cols
    for i in project_rows(ctx):
        s, pf, af = c["start_date"][i], c["planned_finish"][i], c["actual_finish"][i]
        if s is None:
            continue
        if (pf is not None and s > pf) or (af is not None and af < s):
            ctx.add("STD-005", "projects", i, "start_date")


@rule("STD-006")
def std_006(ctx):
    """STD-006 | row | an actual date lies after T: projects.actual_finish; milestones.actual_date;
    tasks.actual_start or actual_finish (one per row)"""
    T = ctx.T
    for tname, cols in (("projects", ("actual_finish",)), ("milestones", ("actual_date",)),
                        ("tasks", ("actual_start", "actual_finish"))):
        if not ctx.has(tname):
            continue
        tb = ctx.t[tname]
        lists = [tb.cols[c] for c in cols]
        for i in range(tb.n):
            for c, lst in zip(cols, lists):
                v = lst[i]
                if v is not None and v > T:
                    ctx.add("STD-006", tname, i, c)
                    break


# ---- GOV ------------------------------------------------------------------

def is_achieved(status, actual_date):
    return status == "achieved" or actual_date is not None


@rule("GOV-001", needs=("milestones",))
def gov_001(ctx):
    """GOV-001 | milestone | achieved milestone with non-blank gate has blank approved_by or null approval_date"""
    ms = ctx.t["milestones"]
    c = ms.cols
    for i in range(ms.n):
        if (is_achieved(c["status"][i], c["actual_date"][i]) and c["gate"][i] is not None
                and (c["approved_by"][i] is None or c["approval_date"][i] is None)):
            ctx.add("GOV-001", "milestones", i, "approved_by")


@rule("GOV-002", needs=("milestones",),
      required_gates={"planning": ["G1"], "execution": ["G1", "G2"],
                      "closing": ["G1", "G2", "G3"]})
def gov_002(ctx):
    """GOV-002 | project x gate | open project in phase P lacks an achieved milestone with gate G
    (gate compared trimmed, case-insensitive), for each G required by P"""
    req = ctx.p("GOV-002")["required_gates"]
    ms = ctx.t["milestones"]
    c = ms.cols
    achieved = {}   # project_id -> set of achieved gates (lower-cased)
    for i in range(ms.n):
        pid, g = c["project_id"][i], c["gate"][i]
        if pid is not None and g is not None and is_achieved(c["status"][i], c["actual_date"][i]):
            achieved.setdefault(pid, set()).add(g.lower())
    pr = ctx.t["projects"]
    pc = pr.cols
    for i in project_rows(ctx):
        pid, phase = pc["project_id"][i], pc["phase"][i]
        if pid is None or not is_open_project(pc["status"][i]) or phase is None:
            continue
        have = achieved.get(pid, set())
        for g in req.get(phase, ()):
            if g.strip(WS).lower() not in have:
                ctx.add("GOV-002", "projects", i, g)


@rule("GOV-003", needs=("meetings",), days=30)
def gov_003(ctx):
    """GOV-003 | project | open project has no meeting of type `steering` dated in [T - days, T]
    (needs meetings.csv)"""
    days = ctx.p("GOV-003")["days"]
    T = ctx.T
    mt = ctx.t["meetings"]
    c = mt.cols
    ok = set()
    for i in range(mt.n):
        d = c["date"][i]
        if c["type"][i] == "steering" and d is not None and 0 <= T - d <= days:
            ok.add(c["project_id"][i])
    pr = ctx.t["projects"]
    pc = pr.cols
    for i in project_rows(ctx):
        pid = pc["project_id"][i]
        if pid is not None and is_open_project(pc["status"][i]) and pid not in ok:
            ctx.add("GOV-003", "projects", i)


GOV004_STOP = frozenset(b"project programme program phase the and for".split())


def word_set(name):
    """GOV-004's word set of a name: over its UTF-8 bytes, ASCII letters
    lower-cased, split at every ASCII byte that is not a letter or a digit
    (bytes 0x80 and above belong to words), words of fewer than 3 bytes and
    the stop words dropped."""
    words = set()
    for w in re.split(rb"[\x00-\x2f\x3a-\x40\x5b-\x60\x7b-\x7f]+",
                      name.encode("utf-8").translate(_BYTES_LOWER)):
        if len(w) >= 3 and w not in GOV004_STOP:
            words.add(w)
    return frozenset(words)


_BYTES_LOWER = bytes.maketrans(b"ABCDEFGHIJKLMNOPQRSTUVWXYZ", b"abcdefghijklmnopqrstuvwxyz")


@rule("GOV-004", min_similarity=0.8)
def gov_004(ctx):
    """GOV-004 | project | an open project whose name's word set is a near-duplicate
    (Jaccard >= min_similarity, both sets of 2 words or more) of another open
    project row's. The most similar other row is found by a word -> rows index,
    looking only at rows whose set size allows the threshold."""
    t = ctx.p("GOV-004")["min_similarity"]
    pr = ctx.t["projects"]
    pc = pr.cols
    sets = {}                       # row index -> word set, open rows of 2 words or more
    for i in project_rows(ctx):
        if is_open_project(pc["status"][i]) and pc["name"][i] is not None:
            s = word_set(pc["name"][i])
            if len(s) >= 2:
                sets[i] = s
    index = {}                      # word -> row indices, in file order
    for i, s in sets.items():
        for w in s:
            index.setdefault(w, []).append(i)
    for i, a in sets.items():
        best = None                 # (similarity as a Fraction-free pair, row)
        seen = set()
        for w in a:
            for j in index[w]:
                if j == i or j in seen:
                    continue
                seen.add(j)
                b = sets[j]
                inter = len(a & b)
                union = len(a) + len(b) - inter
                if inter / union >= t and (best is None or inter * best[1] > best[0] * union
                                           or (inter * best[1] == best[0] * union and j < best[2])):
                    best = (inter, union, j)
        if best is not None:
            ctx.add("GOV-004", "projects", i, "name")


# ---- SCH: milestones and project EVM ---------------------------------------

def sch001_fails(ctx, i):
    """SCH-001's condition for milestone row i."""
    c = ctx.t["milestones"].cols
    st = c["status"][i]
    if is_achieved(st, c["actual_date"][i]) or st == "cancelled":
        return False
    if project_status_of(ctx, c["project_id"][i]) in ("closed", "cancelled"):
        return False
    due = c["forecast_date"][i]
    if due is None:
        due = c["baseline_date"][i]
    return due is not None and due < ctx.T


@rule("SCH-001", needs=("milestones",))
def sch_001(ctx):
    """SCH-001 | milestone | not achieved, status not `cancelled`, its project's status is not
    `closed`/`cancelled`, and due < T, where due = forecast_date, or baseline_date when forecast_date is null"""
    ms = ctx.t["milestones"]
    for i in range(ms.n):
        if sch001_fails(ctx, i):
            ctx.add("SCH-001", "milestones", i)


@rule("SCH-002", needs=("milestones",), max_slip_days=30)
def sch_002(ctx):
    """SCH-002 | milestone | status not `cancelled`, baseline_date not null, and (actual_date,
    else forecast_date) - baseline_date > max_slip_days"""
    mx = ctx.p("SCH-002")["max_slip_days"]
    ms = ctx.t["milestones"]
    c = ms.cols
    for i in range(ms.n):
        b = c["baseline_date"][i]
        if c["status"][i] == "cancelled" or b is None:
            continue
        v = c["actual_date"][i]
        if v is None:
            v = c["forecast_date"][i]
        if v is not None and v - b > mx:
            ctx.add("SCH-002", "milestones", i)


def spi_of(c, i):
    """SPI where SCH-003 computes it (open project, PV > 0, EV not null), else None."""
    pv, ev = c["planned_value"][i], c["earned_value"][i]
    if is_open_project(c["status"][i]) and pv is not None and pv > 0 and ev is not None:
        return ev / pv
    return None


def cpi_of(c, i):
    """CPI where CST-001 computes it (open project, AC > 0, EV not null), else None."""
    ac, ev = c["actual_cost"][i], c["earned_value"][i]
    if is_open_project(c["status"][i]) and ac is not None and ac > 0 and ev is not None:
        return ev / ac
    return None


@rule("SCH-003", warn_below=0.9, error_below=0.8)
def sch_003(ctx):
    """SCH-003 | project | open project, planned_value > 0, earned_value not null: SPI = EV/PV;
    error if SPI < error_below, warning if SPI < warn_below"""
    p = ctx.p("SCH-003")
    pr = ctx.t["projects"]
    for i in project_rows(ctx):
        spi = spi_of(pr.cols, i)
        if spi is not None and (spi < p["error_below"] or spi < p["warn_below"]):
            ctx.add("SCH-003", "projects", i)


@rule("SCH-004", max_overrun=0.10)
def sch_004(ctx):
    """SCH-004 | project | open project with start_date, planned_finish, forecast_finish all set:
    forecast_finish - planned_finish > max_overrun x (planned_finish - start_date)"""
    mo = exact(ctx.p("SCH-004")["max_overrun"])
    pr = ctx.t["projects"]
    c = pr.cols
    for i in project_rows(ctx):
        s, pf, ff = c["start_date"][i], c["planned_finish"][i], c["forecast_finish"][i]
        if is_open_project(c["status"][i]) and None not in (s, pf, ff):
            if ff - pf > mo * (pf - s):
                ctx.add("SCH-004", "projects", i)


# ---- SCH-010..020: schedule quality -----------------------------------------

class SchedAgg:
    __slots__ = ("considered", "nolink", "links", "poslag", "fs", "constr", "flt", "dur",
                 "pop", "missed", "finished", "nores")

    def __init__(self):
        self.considered = self.nolink = self.links = self.poslag = self.fs = 0
        self.constr = self.flt = self.dur = self.pop = self.missed = self.finished = 0
        self.nores = 0


HARD_CONSTRAINTS = frozenset(["MSO", "MFO", "SNLT", "FNLT"])


def schedule(ctx):
    """One pass over tasks: per-project aggregates for SCH-010..020 and the
    task findings of SCH-011, SCH-016, SCH-018."""
    def build():
        p = ctx.params
        max_float = p["SCH-015"]["max_float"]
        max_days = p["SCH-017"]["max_days"]
        T = ctx.T
        tk = ctx.t["tasks"]
        c = tk.cols
        tid, pidc, preds = c["task_id"], c["project_id"], c["predecessors"]
        summ, af, pc = c["is_summary"], c["actual_finish"], c["percent_complete"]
        cons, flt, dur = c["constraint"], c["total_float_days"], c["duration_days"]
        res = c["resource"]
        ast, st, fin, bf = c["actual_start"], c["start"], c["finish"], c["baseline_finish"]
        # successors: (project, task id) pairs that some task of the project links to
        linked = set()
        for i in range(tk.n):
            pid, links = pidc[i], preds[i]
            if pid is not None and links:
                for l in links:
                    linked.add((pid, l[0]))
        agg = {}
        task_findings = {"SCH-011": [], "SCH-016": [], "SCH-018": []}
        for i in range(tk.n):
            pid = pidc[i]
            if pid is None or summ[i] is True:
                continue
            a = agg.get(pid)
            if a is None:
                a = agg[pid] = SchedAgg()
            # SCH-019 / SCH-020 population: non-summary tasks with baseline_finish <= T
            b = bf[i]
            f = af[i]
            if b is not None and b <= T:
                a.pop += 1
                if f is None:
                    a.missed += 1
                else:
                    a.finished += 1
                    if f > b:
                        a.missed += 1
            # considered: incomplete
            if f is not None or (pc[i] or 0) >= 100:
                continue
            a.considered += 1
            links = preds[i] or ()
            if not links or (pid, tid[i]) not in linked:
                a.nolink += 1
            neg = False
            for _, typ, lag in links:
                a.links += 1
                if lag > 0:
                    a.poslag += 1
                elif lag < 0:
                    neg = True
                if typ == "FS":
                    a.fs += 1
            if neg:
                task_findings["SCH-011"].append(i)
            cn = cons[i]
            if cn is not None and cn.upper() in HARD_CONSTRAINTS:
                a.constr += 1
            fl = flt[i]
            if fl is not None:
                if fl > max_float:
                    a.flt += 1
                if fl < 0:
                    task_findings["SCH-016"].append(i)
            du = dur[i]
            if du is not None and du > max_days:
                a.dur += 1
            if du is not None and du > 0 and res[i] is None:
                a.nores += 1
            s, fi = st[i], fin[i]
            if (ast[i] is None and s is not None and s < T) or (fi is not None and fi < T):
                task_findings["SCH-018"].append(i)
        return agg, task_findings
    return ctx.cached("schedule", build)


def per_project_sched(ctx, rid, test):
    """Judge each project row that has considered tasks with test(agg) -> bool."""
    agg, _ = schedule(ctx)
    pr = ctx.t["projects"]
    for i, pid in enumerate(pr.cols["project_id"]):
        a = agg.get(pid) if pid is not None else None
        if a is not None and a.considered > 0 and test(a):
            ctx.add(rid, "projects", i)


@rule("SCH-010", needs=("tasks",), max_share=0.05)
def sch_010(ctx):
    """SCH-010 | project | share of considered tasks with no predecessor or no successor
    (a successor is any task of the project that lists it) > max_share"""
    m = ctx.p("SCH-010")["max_share"]
    per_project_sched(ctx, "SCH-010", lambda a: a.nolink / a.considered > m)


@rule("SCH-011", needs=("tasks",))
def sch_011(ctx):
    """SCH-011 | task | a considered task has a link with negative lag (a lead)"""
    for i in schedule(ctx)[1]["SCH-011"]:
        ctx.add("SCH-011", "tasks", i, "predecessors")


@rule("SCH-012", needs=("tasks",), max_share=0.05)
def sch_012(ctx):
    """SCH-012 | project | share of links with positive lag > max_share"""
    m = ctx.p("SCH-012")["max_share"]
    per_project_sched(ctx, "SCH-012", lambda a: a.links > 0 and a.poslag / a.links > m)


@rule("SCH-013", needs=("tasks",), min_share=0.90)
def sch_013(ctx):
    """SCH-013 | project | share of links of type FS < min_share"""
    m = ctx.p("SCH-013")["min_share"]
    per_project_sched(ctx, "SCH-013", lambda a: a.links > 0 and a.fs / a.links < m)


@rule("SCH-014", needs=("tasks",), max_share=0.05)
def sch_014(ctx):
    """SCH-014 | project | share of considered tasks whose constraint is MSO, MFO, SNLT or FNLT > max_share"""
    m = ctx.p("SCH-014")["max_share"]
    per_project_sched(ctx, "SCH-014", lambda a: a.constr / a.considered > m)


@rule("SCH-015", needs=("tasks",), max_float=44, max_share=0.05)
def sch_015(ctx):
    """SCH-015 | project | share of considered tasks with total_float_days > max_float > max_share"""
    m = ctx.p("SCH-015")["max_share"]
    per_project_sched(ctx, "SCH-015", lambda a: a.flt / a.considered > m)


@rule("SCH-016", needs=("tasks",))
def sch_016(ctx):
    """SCH-016 | task | a considered task has total_float_days < 0"""
    for i in schedule(ctx)[1]["SCH-016"]:
        ctx.add("SCH-016", "tasks", i, "total_float_days")


@rule("SCH-017", needs=("tasks",), max_days=44, max_share=0.05)
def sch_017(ctx):
    """SCH-017 | project | share of considered tasks with duration_days > max_days > max_share"""
    m = ctx.p("SCH-017")["max_share"]
    per_project_sched(ctx, "SCH-017", lambda a: a.dur / a.considered > m)


@rule("SCH-018", needs=("tasks",))
def sch_018(ctx):
    """SCH-018 | task | a considered task has actual_start null and start < T, or actual_finish
    null and finish < T (forecast in the past)"""
    for i in schedule(ctx)[1]["SCH-018"]:
        ctx.add("SCH-018", "tasks", i)


@rule("SCH-019", needs=("tasks",), max_share=0.05)
def sch_019(ctx):
    """SCH-019 | project | among non-summary tasks with baseline_finish <= T, the share that are
    missed (actual_finish null or actual_finish > baseline_finish) > max_share"""
    m = ctx.p("SCH-019")["max_share"]
    per_project_sched(ctx, "SCH-019", lambda a: a.pop > 0 and a.missed / a.pop > m)


@rule("SCH-020", needs=("tasks",), min_bei=0.95)
def sch_020(ctx):
    """SCH-020 | project | among non-summary tasks with baseline_finish <= T,
    BEI = (count with actual_finish not null) / count < min_bei"""
    m = ctx.p("SCH-020")["min_bei"]
    per_project_sched(ctx, "SCH-020", lambda a: a.pop > 0 and a.finished / a.pop < m)


# ---- SCH-021..023: resources, critical path length, logic loops ------------

@rule("SCH-021", needs=("tasks",), max_share=0)
def sch_021(ctx):
    """SCH-021 | project | share of considered tasks with duration_days > 0 and blank resource > max_share"""
    m = ctx.p("SCH-021")["max_share"]
    per_project_sched(ctx, "SCH-021", lambda a: a.nores / a.considered > m)


class Net:
    """One project's remaining network: its considered tasks, whether a link
    loop exists, and (without one) the critical path length."""
    __slots__ = ("n", "cyclic", "cpl")

    def __init__(self, n, cyclic, cpl):
        self.n, self.cyclic, self.cpl = n, cyclic, cpl


def remaining_duration(d, pc):
    """r = d x (1 - pc/100); d null or negative -> 0, pc null -> 0."""
    if d is None or d < 0:
        d = 0.0
    if pc is None:
        pc = 0.0
    return d * (1 - pc / 100)


def project_network(tk, rows):
    """The remaining network of one project (rows: its task rows in file order).

    Links are resolved against the project's rows: the first row with the
    id; a link whose predecessor is not a considered task is dropped. A
    depth-first search (iterative: a stack of (node, next-link) pairs, three
    colours) finds a loop as an edge back to a node on the stack, and its
    post-order is a topological order for the forward pass."""
    c = tk.cols
    tid, preds, summ, af, pc = c["task_id"], c["predecessors"], c["is_summary"], c["actual_finish"], \
        c["percent_complete"]
    first = {}
    for i in rows:
        if tid[i] is not None and tid[i] not in first:
            first[tid[i]] = i
    nodes = [i for i in rows if summ[i] is not True and af[i] is None and (pc[i] or 0) < 100]
    is_node = set(nodes)
    edges = {}
    for i in nodes:
        edges[i] = [(first[pid_], typ, lag) for pid_, typ, lag in (preds[i] or ())
                    if pid_ in first and first[pid_] in is_node]
    WHITE, GREY, BLACK = 0, 1, 2
    colour = dict.fromkeys(nodes, WHITE)
    post = []
    for root in nodes:
        if colour[root] != WHITE:
            continue
        colour[root] = GREY
        stack = [(root, 0)]
        while stack:
            v, k = stack[-1]
            es = edges[v]
            if k < len(es):
                stack[-1] = (v, k + 1)
                w = es[k][0]
                if colour[w] == GREY:
                    return Net(len(nodes), True, None)
                if colour[w] == WHITE:
                    colour[w] = GREY
                    stack.append((w, 0))
            else:
                colour[v] = BLACK
                post.append(v)
                stack.pop()
    ast, dur = c["actual_start"], c["duration_days"]
    ES, EF = {}, {}
    cpl = 0.0
    for v in post:
        r = remaining_duration(dur[v], pc[v])
        es = 0.0
        if ast[v] is None:
            for p, typ, lag in edges[v]:
                if typ == "FS":
                    b = EF[p] + lag
                elif typ == "SS":
                    b = ES[p] + lag
                elif typ == "FF":
                    b = EF[p] + lag - r
                else:
                    b = ES[p] + lag - r
                if b > es:
                    es = b
        ES[v], EF[v] = es, es + r
        if es + r > cpl:
            cpl = es + r
    return Net(len(nodes), False, cpl)


def networks(ctx):
    """project_id -> Net, for every project_id of tasks."""
    def build():
        tk = ctx.t["tasks"]
        return {pid: project_network(tk, rows) for pid, rows in tk.group("project_id").items()}
    return ctx.cached("networks", build)


def working_days(T, finish):
    """Dates D with T < D <= finish that are Monday to Friday (0 when finish <= T)."""
    n = finish - T
    if n <= 0:
        return 0
    weeks, rest = divmod(n, 7)
    return weeks * 5 + sum(1 for k in range(1, rest + 1)
                           if datetime.date.fromordinal(T + weeks * 7 + k).weekday() < 5)


@rule("SCH-022", needs=("tasks",), warn_below=0.95, error_below=0.80)
def sch_022(ctx):
    """SCH-022 | project | open project, planned_finish not null, remaining network without a
    cycle, CPL > 0: CPLI = W / CPL; error if CPLI < error_below, warning if CPLI < warn_below"""
    warn = ctx.p("SCH-022")["warn_below"]
    nets = networks(ctx)
    pr = ctx.t["projects"]
    for i, pid in enumerate(pr.cols["project_id"]):
        pf = pr.cols["planned_finish"][i]
        net = nets.get(pid) if pid is not None else None
        if net is None or pf is None or not is_open_project(pr.cols["status"][i]):
            continue
        if net.n == 0 or net.cyclic or not net.cpl > 0:
            continue
        if working_days(ctx.T, pf) / net.cpl < warn:
            ctx.add("SCH-022", "projects", i, "planned_finish")


@rule("SCH-023", needs=("tasks",))
def sch_023(ctx):
    """SCH-023 | project | the remaining network has a cycle (circular logic)"""
    nets = networks(ctx)
    pr = ctx.t["projects"]
    for i, pid in enumerate(pr.cols["project_id"]):
        net = nets.get(pid) if pid is not None else None
        if net is not None and net.cyclic:
            ctx.add("SCH-023", "projects", i)


# ---- CST ------------------------------------------------------------------

@rule("CST-001", warn_below=0.9, error_below=0.8)
def cst_001(ctx):
    """CST-001 | project | open project, actual_cost > 0, earned_value not null: CPI = EV/AC;
    error if CPI < error_below, warning if CPI < warn_below"""
    p = ctx.p("CST-001")
    pr = ctx.t["projects"]
    for i in project_rows(ctx):
        cpi = cpi_of(pr.cols, i)
        if cpi is not None and (cpi < p["error_below"] or cpi < p["warn_below"]):
            ctx.add("CST-001", "projects", i)


@rule("CST-002", max_overrun=0.10)
def cst_002(ctx):
    """CST-002 | project | open project, budget > 0, actual_cost > 0, earned_value > 0:
    EAC = budget x AC / EV > budget x (1 + max_overrun)"""
    mo = exact(ctx.p("CST-002")["max_overrun"])
    pr = ctx.t["projects"]
    c = pr.cols
    for i in project_rows(ctx):
        bac, ac, ev = c["budget"][i], c["actual_cost"][i], c["earned_value"][i]
        if (is_open_project(c["status"][i]) and bac is not None and bac > 0
                and ac is not None and ac > 0 and ev is not None and ev > 0):
            b, a, e = exact(bac), exact(ac), exact(ev)
            if b * a > b * (1 + mo) * e:       # EAC > limit, multiplied by EV > 0
                ctx.add("CST-002", "projects", i)


@rule("CST-003")
def cst_003(ctx):
    """CST-003 | project | actual_cost > 0 and budget null or <= 0"""
    pr = ctx.t["projects"]
    c = pr.cols
    for i in project_rows(ctx):
        ac, b = c["actual_cost"][i], c["budget"][i]
        if ac is not None and ac > 0 and (b is None or b <= 0):
            ctx.add("CST-003", "projects", i, "budget")


# ---- RES ------------------------------------------------------------------

@rule("RES-001", needs=("allocations",), max_percent=100)
def res_001(ctx):
    """RES-001 | resource | on some day d, the sum of `percent` over its allocations with
    start_date <= d <= end_date exceeds max_percent (allocations of every project count)"""
    mx = exact(ctx.p("RES-001")["max_percent"])
    al = ctx.t["allocations"]
    c = al.cols
    events = {}   # resource_id -> {day: delta}
    first = {}
    for i in range(al.n):
        r, s, e, p = c["resource_id"][i], c["start_date"][i], c["end_date"][i], c["percent"][i]
        if r is None or s is None or e is None or p is None or e < s:
            continue
        first.setdefault(r, i)
        ev = events.setdefault(r, {})
        p = exact(p)
        ev[s] = ev.get(s, 0) + p
        ev[e + 1] = ev.get(e + 1, 0) - p
    for r, ev in events.items():
        load = Decimal(0)
        for day in sorted(ev):
            load += ev[day]
            if load > mx:
                ctx.add("RES-001", "allocations", key=r, column="resource_id",
                        line=al.lines[first[r]])
                break


@rule("RES-002", needs=("allocations",))
def res_002(ctx):
    """RES-002 | allocation row | its project's status is `closed` or `cancelled` and end_date >= T"""
    al = ctx.t["allocations"]
    c = al.cols
    for i in range(al.n):
        e = c["end_date"][i]
        if e is not None and e >= ctx.T and \
                project_status_of(ctx, c["project_id"][i]) in ("closed", "cancelled"):
            ctx.add("RES-002", "allocations", i, "end_date", key=c["resource_id"][i])


@rule("RES-003", max_open=3)
def res_003(ctx):
    """RES-003 | manager | the same non-blank manager (exact text after trimming) runs more than
    max_open open projects"""
    mx = ctx.p("RES-003")["max_open"]
    pr = ctx.t["projects"]
    c = pr.cols
    n, first = {}, {}
    for i in project_rows(ctx):
        m = c["manager"][i]
        if m is not None and is_open_project(c["status"][i]):
            n[m] = n.get(m, 0) + 1
            first.setdefault(m, i)
    for m, k in n.items():
        if k > mx:
            ctx.add("RES-003", "projects", key=m, column="manager", line=pr.lines[first[m]])


@rule("RES-004", needs=("timesheets",), factor=1.25)
def res_004(ctx):
    """RES-004 | resource x week | hours summed over its timesheet rows with that week_start exceed
    factor x capacity_hours_week (null capacity or unknown resource: 40)"""
    factor = exact(ctx.p("RES-004")["factor"])
    ts = ctx.t["timesheets"]
    c = ts.cols
    rid, wk, hrs = c["resource_id"], c["week_start"], c["hours"]
    sums, first = {}, {}
    for i in range(ts.n):
        r, w, h = rid[i], wk[i], hrs[i]
        if r is None or w is None or h is None:
            continue
        k = (r, w)
        s = sums.get(k)
        if s is None:
            sums[k] = [h]
            first[k] = i
        else:
            s.append(h)
    cap_of = {}
    if ctx.has("resources"):
        rs = ctx.t["resources"]
        caps = rs.cols["capacity_hours_week"]
        for r, i in rs.first_index().items():
            cap_of[r] = caps[i]
    for (r, w), hs in sums.items():
        cap = cap_of.get(r)
        if cap is None:
            cap = 40
        total = sum(exact(h) for h in hs) if len(hs) > 1 else exact(hs[0])
        if total > factor * exact(cap):
            ctx.add("RES-004", "timesheets", key="%s|%s" % (r, datetime.date.fromordinal(w)),
                    column="hours", line=ts.lines[first[(r, w)]])


@rule("RES-005", needs=("timesheets",))
def res_005(ctx):
    """RES-005 | timesheet row | its project is `closed` or `cancelled`, actual_finish is not null,
    and week_start > actual_finish"""
    ts = ctx.t["timesheets"]
    c = ts.cols
    pr = ctx.t["projects"]
    first = pr.first_index()
    pst, paf = pr.cols["status"], pr.cols["actual_finish"]
    for i in range(ts.n):
        pid, w = c["project_id"][i], c["week_start"][i]
        if pid is None or w is None:
            continue
        j = first.get(pid)
        if j is None or pst[j] not in ("closed", "cancelled"):
            continue
        af = paf[j]
        if af is not None and w > af:
            ctx.add("RES-005", "timesheets", i, "week_start", key=c["resource_id"][i])


# ---- RSK ------------------------------------------------------------------

@rule("RSK-001", needs=("risks",), min_score=15)
def rsk_001(ctx):
    """RSK-001 | risk | open risk with risk score >= min_score and blank owner or blank mitigation"""
    mn = ctx.p("RSK-001")["min_score"]
    rk = ctx.t["risks"]
    c = rk.cols
    for i in range(rk.n):
        if not is_open_risk(c["status"][i]):
            continue
        sc = risk_score(c["score"][i], c["probability"][i], c["impact"][i])
        if sc is not None and sc >= mn and (c["owner"][i] is None or c["mitigation"][i] is None):
            ctx.add("RSK-001", "risks", i)


@rule("RSK-002", needs=("risks",))
def rsk_002(ctx):
    """RSK-002 | risk | open risk with review_date < T"""
    rk = ctx.t["risks"]
    c = rk.cols
    for i in range(rk.n):
        d = c["review_date"][i]
        if is_open_risk(c["status"][i]) and d is not None and d < ctx.T:
            ctx.add("RSK-002", "risks", i, "review_date")


@rule("RSK-003", needs=("risks",))
def rsk_003(ctx):
    """RSK-003 | project | status `active` and no open risk of that project"""
    rk = ctx.t["risks"]
    c = rk.cols
    with_open = {c["project_id"][i] for i in range(rk.n) if is_open_risk(c["status"][i])}
    pr = ctx.t["projects"]
    pc = pr.cols
    for i in project_rows(ctx):
        pid = pc["project_id"][i]
        if pid is not None and pc["status"][i] == "active" and pid not in with_open:
            ctx.add("RSK-003", "projects", i)


@rule("RSK-004", needs=("risks",))
def rsk_004(ctx):
    """RSK-004 | risk | score, probability and impact all set and score != probability x impact"""
    rk = ctx.t["risks"]
    c = rk.cols
    for i in range(rk.n):
        s, p, m = c["score"][i], c["probability"][i], c["impact"][i]
        if s is not None and p is not None and m is not None and s != p * m:
            ctx.add("RSK-004", "risks", i, "score")


@rule("RSK-005", needs=("risks",))
def rsk_005(ctx):
    """RSK-005 | risk | probability or impact set and outside 1..5 (one finding per risk)"""
    rk = ctx.t["risks"]
    c = rk.cols
    for i in range(rk.n):
        if any(v is not None and not 1 <= v <= 5 for v in (c["probability"][i], c["impact"][i])):
            ctx.add("RSK-005", "risks", i)


# ---- CHG ------------------------------------------------------------------

@rule("CHG-001", needs=("changes",))
def chg_001(ctx):
    """CHG-001 | change | status `implemented` or implemented_date set, and approved_by blank or
    approval_date null"""
    ch = ctx.t["changes"]
    c = ch.cols
    for i in range(ch.n):
        if ((c["status"][i] == "implemented" or c["implemented_date"][i] is not None)
                and (c["approved_by"][i] is None or c["approval_date"][i] is None)):
            ctx.add("CHG-001", "changes", i)


@rule("CHG-002", needs=("changes",))
def chg_002(ctx):
    """CHG-002 | change | implemented_date < approval_date (both set)"""
    ch = ctx.t["changes"]
    c = ch.cols
    for i in range(ch.n):
        im, ap = c["implemented_date"][i], c["approval_date"][i]
        if im is not None and ap is not None and im < ap:
            ctx.add("CHG-002", "changes", i, "implemented_date")


@rule("CHG-003", needs=("changes",), share=0.10)
def chg_003(ctx):
    """CHG-003 | change | approved_by non-blank, project budget > 0, cost_impact > share x budget,
    and approved_by differs from the project's sponsor (compared trimmed, case-insensitive)"""
    share = exact(ctx.p("CHG-003")["share"])
    ch = ctx.t["changes"]
    c = ch.cols
    pr = ctx.t["projects"]
    first = pr.first_index()
    pb, psp = pr.cols["budget"], pr.cols["sponsor"]
    for i in range(ch.n):
        ab, ci, pid = c["approved_by"][i], c["cost_impact"][i], c["project_id"][i]
        if ab is None or ci is None or pid is None:
            continue
        j = first.get(pid)
        if j is None:
            continue
        b = pb[j]
        if b is None or b <= 0 or not exact(ci) > share * exact(b):
            continue
        sp = psp[j]
        if sp is None or ab.lower() != sp.lower():
            ctx.add("CHG-003", "changes", i, "approved_by")


@rule("CHG-004", needs=("changes",), max_days=30)
def chg_004(ctx):
    """CHG-004 | change | status `submitted` and requested_date < T - max_days"""
    mx = ctx.p("CHG-004")["max_days"]
    ch = ctx.t["changes"]
    c = ch.cols
    for i in range(ch.n):
        d = c["requested_date"][i]
        if c["status"][i] == "submitted" and d is not None and ctx.T - d > mx:
            ctx.add("CHG-004", "changes", i, "requested_date")


# ---- MON ------------------------------------------------------------------

def newest_reports(ctx):
    """project_id -> (report_date, rag) of its newest status report with report_date <= T
    (on a tie of dates, the first such row in the file)."""
    def build():
        out = {}
        if not ctx.has("status_reports"):
            return out
        sr = ctx.t["status_reports"]
        c = sr.cols
        T = ctx.T
        for i in range(sr.n):
            pid, d = c["project_id"][i], c["report_date"][i]
            if pid is None or d is None or d > T:
                continue
            cur = out.get(pid)
            if cur is None or d > cur[0]:
                out[pid] = (d, c["rag"][i])
        return out
    return ctx.cached("newest_reports", build)


@rule("MON-001", needs=("status_reports",), max_age=14)
def mon_001(ctx):
    """MON-001 | project | open project whose newest status report (report_date <= T) is older than
    T - max_age days, or that has none (needs status_reports.csv)"""
    mx = ctx.p("MON-001")["max_age"]
    newest = newest_reports(ctx)
    pr = ctx.t["projects"]
    pc = pr.cols
    for i in project_rows(ctx):
        pid = pc["project_id"][i]
        if pid is None or not is_open_project(pc["status"][i]):
            continue
        r = newest.get(pid)
        if r is None or ctx.T - r[0] > mx:
            ctx.add("MON-001", "projects", i)


@rule("MON-002")
def mon_002(ctx):
    """MON-002 | project | "watermelon": open project reported green (rag of its newest status report
    with report_date <= T; projects.rag when it has none) while SPI < 0.8 or CPI < 0.8 (each computed
    only where SCH-003 / CST-001 would compute it), or it has a gate milestone that fails SCH-001"""
    newest = newest_reports(ctx)
    gate_late = set()
    if ctx.has("milestones"):
        ms = ctx.t["milestones"]
        for i in range(ms.n):
            pid = ms.cols["project_id"][i]
            if pid is not None and ms.cols["gate"][i] is not None and sch001_fails(ctx, i):
                gate_late.add(pid)
    pr = ctx.t["projects"]
    pc = pr.cols
    for i in project_rows(ctx):
        pid = pc["project_id"][i]
        if pid is None or not is_open_project(pc["status"][i]):
            continue
        r = newest.get(pid)
        rag = r[1] if r is not None else pc["rag"][i]
        if rag != "green":
            continue
        spi, cpi = spi_of(pc, i), cpi_of(pc, i)
        if (spi is not None and spi < 0.8) or (cpi is not None and cpi < 0.8) or pid in gate_late:
            ctx.add("MON-002", "projects", i)


# ---- CLS ------------------------------------------------------------------

@rule("CLS-001", needs=("lessons",))
def cls_001(ctx):
    """CLS-001 | project | status `closed` and no lessons row for it (needs lessons.csv)"""
    have = ctx.t["lessons"].group("project_id")
    pr = ctx.t["projects"]
    pc = pr.cols
    for i in project_rows(ctx):
        pid = pc["project_id"][i]
        if pid is not None and pc["status"][i] == "closed" and pid not in have:
            ctx.add("CLS-001", "projects", i)


@rule("CLS-002")
def cls_002(ctx):
    """CLS-002 | project | status `closed` and actual_finish null"""
    pr = ctx.t["projects"]
    pc = pr.cols
    for i in project_rows(ctx):
        if pc["status"][i] == "closed" and pc["actual_finish"][i] is None:
            ctx.add("CLS-002", "projects", i, "actual_finish")


@rule("CLS-003", needs=(("risks", "issues", "changes"),))
def cls_003(ctx):
    """CLS-003 | item | project `closed` or `cancelled` still has an open risk, an issue with status
    not `resolved`/`closed` (null counts as open), or a change with status `submitted` (one finding per item)"""
    tests = (("risks", is_open_risk),
             ("issues", lambda s: s not in ("resolved", "closed")),
             ("changes", lambda s: s == "submitted"))
    for tname, still_open in tests:
        if not ctx.has(tname):
            continue
        tb = ctx.t[tname]
        c = tb.cols
        for i in range(tb.n):
            if still_open(c["status"][i]) and \
                    project_status_of(ctx, c["project_id"][i]) in ("closed", "cancelled"):
                ctx.add("CLS-003", tname, i, "status")


# ---- ISS ------------------------------------------------------------------

@rule("ISS-001", needs=("issues",))
def iss_001(ctx):
    """ISS-001 | issue | status `open`, `in_progress` or null, and due_date < T"""
    it = ctx.t["issues"]
    c = it.cols
    for i in range(it.n):
        d = c["due_date"][i]
        if c["status"][i] in ("open", "in_progress", None) and d is not None and d < ctx.T:
            ctx.add("ISS-001", "issues", i, "due_date")


@rule("ISS-002", needs=("issues",))
def iss_002(ctx):
    """ISS-002 | issue | priority `high` or `critical`, status not `resolved`/`closed`, blank owner"""
    it = ctx.t["issues"]
    c = it.cols
    for i in range(it.n):
        if (c["priority"][i] in ("high", "critical") and c["status"][i] not in ("resolved", "closed")
                and c["owner"][i] is None):
            ctx.add("ISS-002", "issues", i, "owner")


# --------------------------------------------------------------------------
# Parameters (--set) and the command line
# --------------------------------------------------------------------------

def parse_lua_table(s):
    """A small reader for Lua table constructors such as
    { planning = {"G1"}, execution = {"G1","G2"} } (strings, numbers, names)."""
    toks = re.findall(r'"(?:[^"\\]|\\.)*"|\'(?:[^\'\\]|\\.)*\'|[A-Za-z_][A-Za-z0-9_]*'
                      r'|-?[0-9]+(?:\.[0-9]+)?|[{}\[\]=,;]|\S', s)
    pos = [0]

    def peek():
        return toks[pos[0]] if pos[0] < len(toks) else None

    def take(expect=None):
        t = peek()
        if t is None or (expect is not None and t != expect):
            raise ValueError("bad Lua table near %r" % t)
        pos[0] += 1
        return t

    def value():
        t = peek()
        if t == "{":
            return table()
        t = take()
        if t[0] in "\"'":
            return t[1:-1]
        if re.fullmatch(r"-?[0-9]+(?:\.[0-9]+)?", t):
            return float(t) if "." in t else int(t)
        if t in ("true", "false"):
            return t == "true"
        raise ValueError("bad Lua value %r" % t)

    def table():
        take("{")
        d, arr = {}, []
        while peek() != "}":
            if peek() == "[":
                take("[")
                k = value()
                take("]")
                take("=")
                d[k] = value()
            elif pos[0] + 1 < len(toks) and toks[pos[0] + 1] == "=" and \
                    re.fullmatch(r"[A-Za-z_]\w*", peek()):
                k = take()
                take("=")
                d[k] = value()
            else:
                arr.append(value())
            if peek() in (",", ";"):
                take()
        take("}")
        return d if d else arr
    v = table()
    if pos[0] != len(toks):
        raise ValueError("trailing text after Lua table")
    return v


def parse_set(s, params):
    m = re.fullmatch(r"([A-Za-z]+-[0-9]+)\.([A-Za-z_]\w*)=(.*)", s, re.S)
    if not m:
        raise InputError("--set %s: expected RULE.param=value" % s)
    rid, name, val = m.groups()
    if rid not in params or name not in params[rid]:
        raise InputError("--set %s: unknown rule or parameter" % s)
    val = val.strip()
    if val.startswith("{"):
        try:
            v = parse_lua_table(val)
        except ValueError as e:
            raise InputError("--set %s: %s" % (s, e))
        if isinstance(v, list) and not v:
            v = {}
    elif re.fullmatch(r"[+-]?[0-9]+", val):
        v = int(val)
    elif re.fullmatch(r"[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?", val):
        v = float(val)
    elif len(val) >= 2 and val[0] == val[-1] and val[0] in "\"'":
        v = val[1:-1]
    else:
        v = val
    params[rid][name] = v


def read_baseline_rows(path):
    """The row count of each table a pmoaudit JSON report records
    (data.tables.NAME.rows), or None when it records none."""
    try:
        with open(path, encoding="utf-8") as f:
            doc = json.load(f)
    except (OSError, ValueError) as e:
        raise InputError("%s: cannot read the baseline: %s" % (path, e))
    tables = doc.get("data", {}).get("tables") if isinstance(doc, dict) else None
    if not isinstance(tables, dict):
        return None
    return {k: v["rows"] for k, v in tables.items()
            if isinstance(v, dict) and isinstance(v.get("rows"), int) and v["rows"] >= 0}


def cpl_by_project(data_dir):
    """project_id -> CPL of its remaining network as "%.17g" text, or None with a loop
    (--cpl: to compare the forward pass itself, not only the findings it leads to)."""
    tables = load_dir(data_dir)
    if "tasks" not in tables:
        return {}
    tk = tables["tasks"]
    out = {}
    for pid, rows in tk.group("project_id").items():
        net = project_network(tk, rows)
        out[pid] = None if net.cyclic else "%.17g" % net.cpl
    return out


def run(data_dir, T, sets=(), baseline=None):
    params = {rid: dict(p) for rid, p in DEFAULTS.items()}
    for s in sets:
        parse_set(s, params)
    tables = load_dir(data_dir)
    rows = read_baseline_rows(baseline) if baseline else None
    ctx = Ctx(tables, T, params, data_dir, rows)
    counts, skipped = {}, []
    for rid, needs, fn in RULES:
        ok = all(any(ctx.has(x) for x in n) if isinstance(n, tuple) else ctx.has(n)
                 for n in needs)
        if rid == "DAT-007" and rows is None:
            ok = False      # nothing to compare with
        if not ok:
            skipped.append(rid)
            continue
        before = len(ctx.findings)
        fn(ctx)
        counts[rid] = len(ctx.findings) - before
    return counts, skipped, ctx.findings


def main(argv=None):
    ap = argparse.ArgumentParser(description="pmoaudit reference oracle")
    ap.add_argument("data_dir")
    ap.add_argument("--as-of", default=None, help="YYYY-MM-DD (default today)")
    ap.add_argument("--set", action="append", default=[], metavar="RULE.param=value")
    ap.add_argument("--findings", action="store_true")
    ap.add_argument("--baseline", default=None, metavar="REPORT.json",
                    help="a pmoaudit JSON report whose row counts DAT-007 compares with")
    ap.add_argument("--cpl", action="store_true",
                    help="also print each project_id's critical path length (null with a loop)")
    a = ap.parse_args(argv)
    try:
        if a.as_of is None:
            T = datetime.date.today().toordinal()
        else:
            if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", a.as_of):
                raise InputError("--as-of %s: expected YYYY-MM-DD" % a.as_of)
            try:
                T = datetime.date.fromisoformat(a.as_of).toordinal()
            except ValueError:
                raise InputError("--as-of %s: not a valid date" % a.as_of)
        counts, skipped, findings = run(a.data_dir, T, a.set, a.baseline)
        cpl = cpl_by_project(a.data_dir) if a.cpl else None
    except InputError as e:
        print("pmo_oracle: error: %s" % e, file=sys.stderr)
        return 2
    try:
        w = sys.stdout.write
        w('{"counts": %s,\n "skipped": %s' % (json.dumps(counts), json.dumps(skipped)))
        if a.findings:
            fs = sorted(findings, key=lambda f: (f[0], f[1], str(f[2]), str(f[3]), f[4] or 0))
            w(',\n "findings": [')
            dumps = json.JSONEncoder(ensure_ascii=False).encode
            for n, (r, t, k, c, ln) in enumerate(fs):
                w(("\n  " if n == 0 else ",\n  ") + dumps(
                    {"rule": r, "table": t, "key": k, "column": c, "line": ln}))
            w("\n ]")
        if cpl is not None:
            w(',\n "cpl": %s' % json.dumps(cpl, sort_keys=True))
        w("}\n")
        sys.stdout.flush()
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return 0


if __name__ == "__main__":
    sys.exit(main())
