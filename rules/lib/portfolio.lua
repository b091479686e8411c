-- portfolio: the terms of the data model and the rules catalogue that the
-- built-in rules judge by, each defined here once, with require("portfolio").
-- A rule that needs "open project" or "overdue milestone" calls the helper
-- instead of spelling the test out, so that a definition is one piece of
-- code and every rule that uses it follows it.
--
-- The wording is that of the product spec, data-model.md ("Terms the rules
-- use") and rules-catalogue.md; each helper quotes it and lists the rules
-- that call it. A test of a single enum value written in one rule's
-- catalogue line (status `closed` in CLS-001, status `submitted` in
-- CHG-004) stays in that rule.
--
-- The schedule terms (considered task, incomplete task) are not here: the
-- engine computes them in C for the schedule figures, and require("schedule")
-- answers from that one definition (see rules/lib/schedule.lua).
--
-- Every helper takes a row (or ctx and a row) and reads only the columns it
-- names; none of them checks that a row has a project_id (a row whose
-- project_id is null belongs to no project: the rules that judge per project
-- leave it out themselves).
local M = {}

-- Projects ---------------------------------------------------------------

-- An open project: status `active` or `on_hold` (data-model.md). Used by
-- STD-002, GOV-002, GOV-003, GOV-004, SCH-003, SCH-004, CST-001, CST-002,
-- RES-003, MON-001, MON-002.
function M.open_project(p)
  local s = p.status
  return s == "active" or s == "on_hold"
end

-- A closed or cancelled project: status `closed` or `cancelled`. Not the
-- opposite of an open project (a `proposed` project is neither). Used by
-- SCH-001 (and MON-002 through it), RES-002, RES-005, CLS-003.
function M.closed_or_cancelled(p)
  local s = p.status
  return s == "closed" or s == "cancelled"
end

-- Earned value: SPI = EV / PV, computed where PV > 0 and EV is not null
-- (SCH-003); nil elsewhere. Returns SPI, EV, PV. Used by SCH-003, MON-002.
function M.spi(p)
  local pv, ev = p.planned_value, p.earned_value
  if ev and pv and pv > 0 then
    return ev / pv, ev, pv
  end
  return nil
end

-- CPI = EV / AC, computed where AC > 0 and EV is not null (CST-001); nil
-- elsewhere. Returns CPI, EV, AC. Used by CST-001, MON-002.
function M.cpi(p)
  local ac, ev = p.actual_cost, p.earned_value
  if ev and ac and ac > 0 then
    return ev / ac, ev, ac
  end
  return nil
end

-- The newest status report of project pid: the status_reports row with
-- the latest report_date <= T, the first row when two share that date
-- (MON-001, MON-002). nil when there is none, or no status_reports table.
function M.latest_report(ctx, pid)
  local reports = ctx.tables.status_reports
  if not reports then
    return nil
  end
  return pmo.latest(reports:select("project_id", pid), "report_date", { upto = ctx.T })
end

-- Milestones -------------------------------------------------------------

-- An achieved milestone: status `achieved` or actual_date not null
-- (data-model.md). Used by GOV-001, GOV-002, and through
-- M.overdue_milestone by SCH-001 and MON-002.
function M.achieved(m)
  return m.status == "achieved" or m.actual_date ~= nil
end

-- A milestone's due date: forecast_date, or baseline_date when
-- forecast_date is null (SCH-001). Returns the date and the column it comes
-- from, or nil when both are null.
function M.milestone_due(m)
  local f = m.forecast_date
  if f then
    return f, "forecast_date"
  end
  local b = m.baseline_date
  if b then
    return b, "baseline_date"
  end
  return nil
end

-- An overdue milestone, as SCH-001 fails it: not achieved, status not
-- `cancelled`, its project (the first projects row with its project_id)
-- not closed or cancelled, and due < T (M.milestone_due). A milestone of
-- an unknown project or with a null project_id is judged. Returns the due
-- date and its column, or nil. Used by SCH-001 and MON-002 (which asks it
-- of gate milestones).
function M.overdue_milestone(ctx, m)
  if M.achieved(m) or m.status == "cancelled" then
    return nil
  end
  local due, column = M.milestone_due(m)
  if not due or not (due < ctx.T) then
    return nil
  end
  local pid = m.project_id
  local p = pid and ctx.tables.projects:get(pid)
  if p and M.closed_or_cancelled(p) then
    return nil
  end
  return due, column
end

-- Risks ------------------------------------------------------------------

-- An open risk: status `open`, `mitigating` or null (data-model.md). Used
-- by RSK-001, RSK-002, RSK-003, CLS-003.
function M.open_risk(r)
  local s = r.status
  return s == nil or s == "open" or s == "mitigating"
end

-- The risk score: `score` if not null, else probability x impact when both
-- are set (data-model.md); nil otherwise. When computed, also returns
-- probability and impact. Used by RSK-001 (RSK-004 compares the recorded
-- score itself).
function M.risk_score(r)
  local s = r.score
  if s ~= nil then
    return s
  end
  local p, i = r.probability, r.impact
  if p ~= nil and i ~= nil then
    return p * i, p, i
  end
  return nil
end

-- Issues -----------------------------------------------------------------

-- An unresolved issue: status not `resolved` or `closed`, null counting as
-- unresolved (ISS-002, CLS-003). ISS-001's "status open, in_progress or
-- null" is the same set: the status enum is (open, in_progress, resolved,
-- closed), a custom schema cannot change it, and a value outside it loads
-- as null. Used by ISS-001, ISS-002, CLS-003.
function M.unresolved_issue(i)
  local s = i.status
  return s ~= "resolved" and s ~= "closed"
end

return M
