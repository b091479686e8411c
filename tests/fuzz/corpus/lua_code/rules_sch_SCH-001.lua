local portfolio = require("portfolio")
rule { -- SCH-001: no milestone is overdue.
  id = "SCH-001",
  title = "Milestones are not overdue",
  severity = "error",
  domain = "SCH",
  gates = {"G3"},
  tables = {"milestones", "projects"},
  each = "milestones",
  doc = [[
A milestone that is not achieved (status not achieved and no actual_date),
not cancelled, and whose due date is before T. The due date is the
forecast_date, or the baseline_date when there is no forecast. Milestones
of closed or cancelled projects are left out; a milestone whose project is
unknown, or whose status is blank, is judged.

Why it matters: a milestone whose due date has passed without being met is
either late, or its forecast was never updated. Either way the schedule
reported to the sponsor and the portfolio board is not true.

How to fix: if the milestone was met, record its actual_date and set the
status to achieved; if it is late, re-forecast it with a realistic date
and raise the delay in the next status report; if it is no longer
needed, cancel it through change control.]],
  check = function(m, ctx)
    local due, column = portfolio.overdue_milestone(ctx, m)
    if not due then
      return
    end
    local T, pid = ctx.T, m.project_id
    local late = T - due
    ctx.report(m, column, string.format("milestone %s of project %s was due %s (%s) and is not achieved: %d day%s late at %s",
      m.milestone_id or "?", pid or "?", due, column == "forecast_date" and "forecast" or "baseline",
      late, late == 1 and "" or "s", T))
  end,
}
