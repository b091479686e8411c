-- MON-002: "watermelon" projects: green outside, red inside.

local ratio = require("fmt").ratio

local LIMIT = 0.8 -- fixed by the rule's definition (not SCH-003's or CST-001's params)

rule {
  id = "MON-002",
  title = "Projects reported green are not failing (watermelon)",
  severity = "error",
  domain = "MON",
  gates = {"G3"},
  tables = {"projects", "status_reports?", "milestones?"},
  each = "projects",
  doc = [[
An open project (active or on_hold) reported green while its own numbers
say otherwise: SPI = EV/PV below 0.8 (where PV > 0 and EV is set), CPI =
EV/AC below 0.8 (where AC > 0 and EV is set), or a stage-gate milestone
(non-blank gate) that is overdue as SCH-001 defines it. The reported RAG
is that of the newest status report dated on or before T (the first row
when two share that date, even if its RAG is blank); projects.rag is used
only when there is no such report. Runs without status_reports.csv
(projects.rag) and without milestones.csv (no gate test).

Why it matters: a "watermelon" project looks green to the portfolio board
while it is red inside; problems surface late, when options are gone.

How to fix: correct the RAG in the next status report and explain the
variance or overdue gate; if the data is stale (EV, AC, gate dates),
update it.]],
  check = function(p, ctx)
    local pid = p.project_id
    if not pid or (p.status ~= "active" and p.status ~= "on_hold") then
      return
    end
    local T = ctx.T
    -- The reported RAG: newest report dated <= T (first row on a tie).
    local rag, source = p.rag, "project register"
    local reports = ctx.tables.status_reports
    if reports then
      local newest
      for r in reports:select("project_id", pid):rows() do
        local d = r.report_date
        if d and d <= T and (not newest or d > newest.report_date
            or (d == newest.report_date and r._index < newest._index)) then
          newest = r
        end
      end
      if newest then
        rag, source = newest.rag, "status report of " .. tostring(newest.report_date)
      end
    end
    if rag ~= "green" then
      return
    end
    local reasons = {}
    local pv, ev, ac = p.planned_value, p.earned_value, p.actual_cost
    if ev and pv and pv > 0 and ev / pv < LIMIT then
      reasons[#reasons + 1] = string.format("SPI %s < 0.80", ratio(ev / pv, LIMIT))
    end
    if ev and ac and ac > 0 and ev / ac < LIMIT then
      reasons[#reasons + 1] = string.format("CPI %s < 0.80", ratio(ev / ac, LIMIT))
    end
    local ms = ctx.tables.milestones
    if ms then
      -- SCH-001's "its project" is the first projects row with this id.
      local first = ctx.tables.projects:get(pid)
      local closed = first and (first.status == "closed" or first.status == "cancelled")
      if not closed then
        local late, n = nil, 0
        for m in ms:select("project_id", pid):rows() do
          local st = m.status
          if m.gate and st ~= "achieved" and st ~= "cancelled" and not m.actual_date then
            local due = m.forecast_date or m.baseline_date
            if due and due < T then
              n = n + 1
              late = late or m
            end
          end
        end
        if late then
          reasons[#reasons + 1] = string.format("gate %s milestone %s overdue since %s%s", late.gate,
            late.milestone_id or "?", late.forecast_date or late.baseline_date,
            n > 1 and string.format(" (and %d more)", n - 1) or "")
        end
      end
    end
    if #reasons > 0 then
      ctx.report(p, nil, string.format("project %s is reported green (%s) but %s",
        pid, source, table.concat(reasons, "; ")))
    end
  end,
}
