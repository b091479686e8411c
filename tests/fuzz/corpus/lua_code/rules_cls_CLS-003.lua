-- CLS-003: a finished project leaves nothing open in its registers.
local portfolio = require("portfolio")

local KINDS = {
  { table = "risks", noun = "risk", id = "risk_id", open = portfolio.open_risk },
  { table = "issues", noun = "issue", id = "issue_id", open = portfolio.unresolved_issue },
  { table = "changes", noun = "change", id = "change_id",
    open = function(c) return c.status == "submitted" end },
}

rule {
  id = "CLS-003",
  title = "Closed and cancelled projects leave no open items",
  severity = "warning",
  domain = "CLS",
  gates = {"G4"},
  tables = {"projects", "risks|issues|changes"},  -- skipped only when all three are absent
  doc = [[
An item still open in a project whose status is closed or cancelled: a risk
whose status is open, mitigating or not recorded; an issue whose status is
not resolved or closed (not recorded counts as open); a change request
still submitted. One finding per item. Each of risks.csv, issues.csv and
changes.csv is checked when present; the rule is skipped when none is. The item's project is the first
projects row with its project_id; items of unknown projects are not judged.

Why it matters: an open risk or issue of a finished project is owned by
nobody and falls off every report, and a change request still waiting will
never be decided: the closure was incomplete or the registers are stale.

How to fix: close each item with its outcome (risk closed or occurred,
issue resolved, change withdrawn or rejected), or hand it over to the
project or operations team that now owns it and move it there.]],
  check = function(ctx)
    local projects = ctx.tables.projects
    -- the closed and cancelled projects, each judged on its first row only
    local finished = {}
    for p in projects:rows() do
      local pid = p.project_id
      if pid and portfolio.closed_or_cancelled(p) and projects:get(pid) == p then
        finished[#finished + 1] = p
      end
    end
    for _, kind in ipairs(KINDS) do
      local t = ctx.tables[kind.table]
      if t then
        for _, p in ipairs(finished) do
          local pid = p.project_id
          for item in t:select("project_id", pid):rows() do
            if kind.open(item) then
              local s = item.status
              ctx.report(item, "status",
                string.format("%s %s of %s project %s is still %s", kind.noun, item[kind.id] or "?",
                  p.status, pid, s and ("in status " .. s) or "open (status not recorded)"))
            end
          end
        end
      end
    end
  end,
}
