-- CST-001: cost performance (CPI = EV / AC) of open projects is on track.
local fmt = require("fmt")
local portfolio = require("portfolio")
local ratio, limit_text, money = fmt.ratio, fmt.limit, fmt.money

rule {
  id = "CST-001",
  title = "Cost performance (CPI) is on track",
  severity = "warning",
  domain = "CST",
  gates = {"G3"},
  tables = {"projects"},
  each = "projects",
  params = { warn_below = 0.9, error_below = 0.8 },
  doc = [[
An open project (status active or on_hold) with actual_cost > 0 and an
earned_value recorded, whose cost performance index CPI = earned_value /
actual_cost is below `warn_below` (a warning) or below `error_below` (an
error). One finding per project. Rows without a project_id are left out.

Why it matters: CPI is the value of the work done for every unit of money
spent. A CPI of 0.8 means each 1.00 spent bought 0.80 of planned work; the
overrun rarely recovers on its own and grows into the estimate at completion
(see CST-002), so the sponsor and the portfolio board need to know early.

How to fix: check first that EV and AC are measured over the same period and
scope (a late supplier invoice or unbooked progress distorts CPI). If the
figures are right, ask the project manager for a cost recovery plan or a
re-baseline through change control.]],
  check = function(p, ctx)
    if not p.project_id or not portfolio.open_project(p) then
      return -- not an open project
    end
    local cpi, ev, ac = portfolio.cpi(p)
    if not cpi then
      return
    end
    local warn, err = ctx.params.warn_below, ctx.params.error_below
    local sev, limit
    if cpi < err then
      sev, limit = "error", err
    elseif cpi < warn then
      sev, limit = "warning", warn
    else
      return
    end
    ctx.report{
      row = p,
      severity = sev,
      message = string.format("project %s: CPI %s < %s (EV %s / AC %s)", p.project_id,
        ratio(cpi, limit), limit_text(limit), money(ev), money(ac)),
    }
  end,
}
