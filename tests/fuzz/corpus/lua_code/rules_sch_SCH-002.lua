-- SCH-002: milestones have not slipped far from their baseline.
rule {
  id = "SCH-002",
  title = "Milestones have not slipped beyond tolerance",
  severity = "warning",
  domain = "SCH",
  gates = {"G3"},
  tables = {"milestones"},
  each = "milestones",
  params = { max_slip_days = 30 },
  doc = [[
A milestone that is not cancelled and has a baseline_date, whose actual_date
(or, when not yet achieved, its forecast_date) is more than max_slip_days
after the baseline. A slip of exactly max_slip_days passes. Milestones with
neither an actual nor a forecast date are not judged.

Why it matters: the baseline is the commitment the sponsor approved. A
milestone that slipped by more than the tolerance should have gone through
change control and a re-baseline; if it did not, the plan the portfolio
is judged against is no longer the plan being executed.

How to fix: raise a change request for the slip and re-baseline through
change control if it is approved, or bring the forecast back within
tolerance with a recovery plan. Set the tolerance with
`--set SCH-002.max_slip_days=20`.]],
  check = function(m, ctx)
    local b = m.baseline_date
    if m.status == "cancelled" or not b then
      return
    end
    local column, d = "actual_date", m.actual_date
    if not d then
      column, d = "forecast_date", m.forecast_date
    end
    local max = ctx.params.max_slip_days
    if d and d - b > max then
      ctx.report(m, column, string.format("milestone %s of project %s slipped %d days (%s %s vs baseline %s) > %s",
        m.milestone_id or "?", m.project_id or "?", d - b, column == "actual_date" and "actual" or "forecast",
        d, b, max))
    end
  end,
}
