#!/usr/bin/env python3
"""An independent reading of a Primavera P6 XER export, for xer_test.sh.

    xer_expect.py FILE.xer            the rows pmoaudit should load, one per
                                      line: "KIND LINE|v1|v2|..." (KIND is
                                      tasks, projects or resources)
    xer_expect.py FILE.xer ledger     per XER table: "TABLE read R" (the %R
                                      rows the table holds)

Written from Oracle's XER field descriptions and docs/importing.md, not from
the C reader: the values (WBS paths, hours turned into days with the
activity's calendar, percent complete by type, links with their lag
calendar) are worked out here again so that the test compares two reads.
"""
import sys

CSTR = {"CS_ALAP": "ALAP", "CS_MSO": "MSO", "CS_MSOA": "SNET", "CS_MSOB": "SNLT", "CS_MEO": "MFO",
        "CS_MEOA": "FNET", "CS_MEOB": "FNLT", "CS_MANDSTART": "MSO", "CS_MANDFIN": "MFO"}
STATUS = {"TK_NotStart": "Not Started", "TK_Active": "In Progress", "TK_Complete": "Completed"}
WBS_STATUS = {"WS_Open": "active", "WS_Planned": "proposed", "WS_Whatif": "proposed",
              "WS_Requested": "proposed", "WS_Closed": "closed"}


def read(path):
    raw = open(path, "rb").read()
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = raw.decode("cp1252")
    tables, cur = {}, None
    for no, line in enumerate(text.split("\n"), 1):
        line = line.rstrip("\r")
        parts = line.split("\t")
        if parts[0] == "%T":
            cur = tables[parts[1]] = {"fields": [], "rows": []}
        elif parts[0] == "%F":
            cur["fields"] = parts[1:]
        elif parts[0] == "%R":
            vals = parts[1:]
            if len(vals) <= len(cur["fields"]):
                row = dict(zip(cur["fields"], vals + [""] * (len(cur["fields"]) - len(vals))))
                row["_line"] = no
                cur["rows"].append(row)
            else:
                cur.setdefault("bad", []).append(no)
    return tables


def num(s):
    return "%.6g" % s


def main():
    t = read(sys.argv[1])
    if len(sys.argv) > 2:
        for name, tab in t.items():
            print("%s read %d" % (name, len(tab["rows"]) + len(tab.get("bad", []))))
        return
    rows = lambda n: t.get(n, {"rows": []})["rows"]
    proj = {r["proj_id"]: r for r in rows("PROJECT")}
    wbs = {r["wbs_id"]: r for r in rows("PROJWBS")}
    cal = {r["clndr_id"]: r for r in rows("CALENDAR")}
    opts = {r["proj_id"]: r for r in rows("SCHEDOPTIONS")}
    task = {r["task_id"]: r for r in rows("TASK")}
    rsrc = {r["rsrc_id"]: r for r in rows("RSRC")}

    def hours(cid):
        c = cal.get(cid)
        try:
            h = float(c["day_hr_cnt"]) if c else 0
        except ValueError:
            h = 0
        return h if 0 < h <= 24 else 0

    def proj_hours(pid):
        h = hours(proj[pid]["clndr_id"]) if pid in proj else 0
        if not h:
            for c in rows("CALENDAR"):
                if c["default_flag"] == "Y" and hours(c["clndr_id"]):
                    h = hours(c["clndr_id"])
                    break
        return h or 8

    def task_hours(r):
        return hours(r["clndr_id"]) or proj_hours(r["proj_id"])

    def wbs_path(wid):
        names, seen = [], set()
        w = wbs.get(wid)
        while w and w["wbs_id"] not in seen:
            seen.add(w["wbs_id"])
            names.append(w["wbs_short_name"])
            if w["proj_node_flag"] == "Y":
                break
            w = wbs.get(w["parent_wbs_id"])
        return ".".join(reversed(names))

    def date(v):
        return v[:10] if v else ""

    def pct(r):
        kind, st = r["complete_pct_type"], r["status_code"]
        if kind == "CP_Phys":
            return r["phys_complete_pct"]
        v = 100.0 if st == "TK_Complete" else 0.0
        if kind == "CP_Units":
            a, rem = float(r["act_work_qty"] or 0), float(r["remain_work_qty"] or 0)
            if a + rem > 0:
                v = a / (a + rem) * 100
        elif st not in ("TK_Complete", "TK_NotStart"):
            a, rem = float(r["target_drtn_hr_cnt"] or 0), float(r["remain_drtn_hr_cnt"] or 0)
            if a > 0:
                v = (a - rem) / a * 100
        return num(min(100.0, max(0.0, v)))

    preds, res = {}, {}
    for p in rows("TASKPRED"):
        s, q = task.get(p["task_id"]), task.get(p["pred_task_id"])
        kind = {"PR_FS": "FS", "PR_SS": "SS", "PR_FF": "FF", "PR_SF": "SF"}.get(p["pred_type"])
        if not s or not q or not kind:
            continue
        link = "%s:%s" % (q["task_code"], kind)
        lag = float(p["lag_hr_cnt"] or 0)
        if lag:
            mode = opts.get(s["proj_id"], {}).get("sched_calendar_on_relationship_lag", "rcal_Predecessor")
            h = {"rcal_Successor": lambda: task_hours(s), "rcal_24Hour": lambda: 24,
                 "rcal_ProjDefault": lambda: proj_hours(s["proj_id"])}.get(mode, lambda: task_hours(q))()
            link += "%+gd" % float(num(lag / h))
        preds.setdefault(p["task_id"], []).append(link)
    for a in rows("TASKRSRC"):
        r = rsrc.get(a["rsrc_id"])
        if a["task_id"] in task and r and r["rsrc_short_name"] not in res.get(a["task_id"], []):
            res.setdefault(a["task_id"], []).append(r["rsrc_short_name"])

    for p in rows("PROJECT"):
        root = next((w for w in rows("PROJWBS") if w["proj_id"] == p["proj_id"] and w["proj_node_flag"] == "Y"), None)
        name = root["wbs_name"] if root else p["proj_short_name"]
        status = WBS_STATUS.get(root["status_code"], "active") if root else "active"
        print("projects %d|%s" % (p["_line"], "|".join([p["proj_short_name"], name, status, date(p["plan_start_date"]),
                                                          date(p["scd_end_date"]), date(p["last_recalc_date"])])))
    for r in rows("RSRC"):
        print("resources %d|%s|%s" % (r["_line"], r["rsrc_short_name"], r["rsrc_name"]))
    for r in rows("TASK"):
        h = task_hours(r)
        days = lambda f: num(float(r[f]) / h) if r[f] else ""
        first = lambda *fs: next((date(r[f]) for f in fs if r[f]), "")
        vals = [r["task_code"], proj[r["proj_id"]]["proj_short_name"] if r["proj_id"] in proj else r["proj_id"],
                r["task_name"], wbs_path(r["wbs_id"]),
                first("act_start_date", "early_start_date", "restart_date", "target_start_date"),
                first("act_end_date", "early_end_date", "reend_date", "target_end_date"),
                date(r["act_start_date"]), date(r["act_end_date"]), date(r["target_start_date"]),
                date(r["target_end_date"]), days("target_drtn_hr_cnt"), days("total_float_hr_cnt"), pct(r),
                CSTR.get(r["cstr_type"], r["cstr_type"]), date(r["cstr_date"]),
                "true" if r["task_type"] in ("TT_Mile", "TT_FinMile") else "false",
                "true" if r["task_type"] == "TT_WBS" else "false",
                ";".join(preds.get(r["task_id"], [])), ";".join(res.get(r["task_id"], [])),
                STATUS.get(r["status_code"], r["status_code"])]
        print("tasks %d|%s" % (r["_line"], "|".join(vals)))


main()
