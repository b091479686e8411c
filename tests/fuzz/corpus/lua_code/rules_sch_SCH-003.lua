-- SCH-003: schedule performance index (earned value).
local fmt = require("fmt")
local portfolio = require("portfolio")
local ratio, limit_text, money = fmt.ratio, fmt.limit, fmt.money

rule {
  id = "SCH-003",
  title = "Schedule performance (SPI) is on track",
  severity = "warning",
  domain = "SCH",
  gates = {"G3"},
  tables = {"projects"},
  each = "projects",
  params = { warn_below = 0.9, error_below = 0.8 },
  doc = [[
An open project (active or on_hold) with planned_value > 0 and an
earned_value, whose schedule performance index SPI = EV / PV is below
warn_below (a warning) or below error_below (an error). One finding per
project; an SPI exactly at a threshold passes it.

Why it matters: SPI below 1 means less work has been earned than was
planned by now. Below 0.9 the project is materially behind; below 0.8
it will not recover without intervention, and the finish date and the
benefits that depend on it are at risk.

How to fix: check that PV and EV are current and measured the same way;
if they are, agree a recovery plan (re-sequencing, added capacity, scope
deferral through change control) and report the slip to the sponsor.
Tune the thresholds with `--set SCH-003.warn_below=0.95`.]],
  check = function(p, ctx)
    if not p.project_id or not portfolio.open_project(p) then
      return
    end
    local spi, ev, pv = portfolio.spi(p)
    if not spi then
      return
    end
    local warn, err = ctx.params.warn_below, ctx.params.error_below
    local sev, limit
    if spi < err then
      sev, limit = "error", err
    elseif spi < warn then
      sev, limit = "warning", warn
    else
      return
    end
    ctx.report{ row = p, severity = sev,
      message = string.format("project %s: SPI %s < %s (EV %s / PV %s)",
        p.project_id, ratio(spi, limit), limit_text(limit), money(ev), money(pv)) }
  end,
}
