local portfolio = require("portfolio")
rule { -- SCH-004: the forecast finish is within tolerance of the baseline.
  id = "SCH-004",
  title = "Forecast finish is within tolerance of the planned finish",
  severity = "warning",
  domain = "SCH",
  gates = {"G3"},
  tables = {"projects"},
  each = "projects",
  params = { max_overrun = 0.10 },
  doc = [[
An open project (active or on_hold) with start_date, planned_finish and
forecast_finish all set, whose forecast finish is later than the planned
finish by more than max_overrun times the planned duration
(planned_finish - start_date). An overrun exactly at the tolerance passes.

Why it matters: a forecast well past the baseline finish means the
approved plan no longer holds; dependent projects, resource bookings and
benefit dates across the portfolio are planned on a date that will not
be met.

How to fix: confirm the forecast; if it is real, take the delay through
change control and re-baseline, or agree a recovery plan; if it is
stale, update forecast_finish. Set the tolerance with
`--set SCH-004.max_overrun=0.15` (a share of the planned duration).]],
  check = function(p, ctx)
    local s, pf, ff = p.start_date, p.planned_finish, p.forecast_finish
    if not p.project_id or not portfolio.open_project(p) or not (s and pf and ff) then
      return
    end
    local overrun, duration = ff - pf, pf - s
    local allowed = ctx.params.max_overrun * duration
    if pmo.round(overrun, 9) > pmo.round(allowed, 9) then
      ctx.report(p, "forecast_finish", string.format(
        "project %s: forecast finish %s is %d days after planned finish %s, more than %g days (%g%% of %d planned days)",
        p.project_id, ff, overrun, pf, pmo.round(allowed, 2), ctx.params.max_overrun * 100, duration))
    end
  end,
}
