local portfolio = require("portfolio")
rule { -- RSK-003: every active project manages at least one open risk.
  id = "RSK-003",
  title = "Active projects have open risks in the register",
  severity = "warning",
  domain = "RSK",
  gates = {"G2", "G3"},
  tables = {"projects", "risks"},
  each = "projects",
  doc = [[
A project with status active that has no open risk (status open,
mitigating, or not recorded) in risks.csv. Rows without a project_id are
left out. The rule is skipped when risks.csv is absent.

Why it matters: every project that is doing work carries risk. An active
project with nothing open in the register is almost never risk-free: its
risks are not being identified, are tracked somewhere else, or were all
closed without a review, and the portfolio's risk view is incomplete.

How to fix: hold a risk identification session with the project team and
record the risks in the register, with owners and responses. If the risks
are kept in another tool, bring them into the PMO's register.]],
  check = function(p, ctx)
    local pid = p.project_id
    if not pid or p.status ~= "active" then
      return
    end
    local risks = ctx.tables.risks:select("project_id", pid)
    for r in risks:rows() do
      if portfolio.open_risk(r) then
        return
      end
    end
    local what = #risks == 0 and "no risks" or string.format("no open risk (%d closed or occurred)", #risks)
    ctx.report(p, nil, string.format("active project %s has %s in the risk register", pid, what))
  end,
}
