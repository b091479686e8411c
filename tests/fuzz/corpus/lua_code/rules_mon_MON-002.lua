-- MON-002: "watermelon" projects: green outside, red inside.
local ratio = require("fmt").ratio
local portfolio = require("portfolio")

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
    if not pid or not portfolio.open_project(p) then
      return
    end
    -- The reported RAG: that of the newest status report dated <= T.
    local rag, source = p.rag, "project register"
    local newest = portfolio.latest_report(ctx, pid)
    if newest then
      rag, source = newest.rag, "status report of " .. tostring(newest.report_date)
    end
    if rag ~= "green" then
      return
    end
    local reasons = {}
    local spi, cpi = portfolio.spi(p), portfolio.cpi(p)
    if spi and spi < LIMIT then
      reasons[#reasons + 1] = string.format("SPI %s < 0.80", ratio(spi, LIMIT))
    end
    if cpi and cpi < LIMIT then
      reasons[#reasons + 1] = string.format("CPI %s < 0.80", ratio(cpi, LIMIT))
    end
    local ms = ctx.tables.milestones
    if ms then
      -- gate milestones that fail SCH-001
      local late, late_due, n = nil, nil, 0
      for m in ms:select("project_id", pid):rows() do
        if m.gate then
          local due = portfolio.overdue_milestone(ctx, m)
          if due then
            n = n + 1
            if not late then
              late, late_due = m, due
            end
          end
        end
      end
      if late then
        reasons[#reasons + 1] = string.format("gate %s milestone %s overdue since %s%s", late.gate,
          late.milestone_id or "?", late_due, n > 1 and string.format(" (and %d more)", n - 1) or "")
      end
    end
    if #reasons > 0 then
      ctx.report(p, nil, string.format("project %s is reported green (%s) but %s",
        pid, source, table.concat(reasons, "; ")))
    end
  end,
}
