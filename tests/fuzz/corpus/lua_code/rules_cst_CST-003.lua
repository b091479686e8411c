-- CST-003: no spending without a budget.

local money = require("fmt").money

rule {
  id = "CST-003",
  title = "Projects that spend money have a budget",
  severity = "error",
  domain = "CST",
  gates = {"G2", "G3"},
  tables = {"projects"},
  each = "projects",
  doc = [[
A project with actual_cost > 0 whose budget is not recorded (null) or is
zero or negative. Projects of every status are judged, closed ones
included. Rows without a project_id are left out.

Why it matters: money is being spent against no approved budget (BAC), so
nobody authorised the amount, earned value and cost forecasts (CST-001,
CST-002) cannot be computed, and the portfolio's financial totals are
understated.

How to fix: record the approved budget in the project register. If no budget
was ever approved, stop the spending and take the project back through
funding approval; if the costs were booked to the wrong project, correct
the cost allocation.]],
  check = function(p, ctx)
    if not p.project_id then
      return -- a row without an id belongs to no project
    end
    local ac, b = p.actual_cost, p.budget
    if ac and ac > 0 and (not b or b <= 0) then
      local what = b and string.format("budget is %s", money(b)) or "no budget is recorded"
      ctx.report(p, "budget", string.format("project %s has actual cost %s but %s",
        p.project_id, money(ac), what))
    end
  end,
}
