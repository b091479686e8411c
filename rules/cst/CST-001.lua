-- CST-001: cost performance (CPI = EV / AC) of open projects is on track.

-- A ratio with enough decimals that it visibly differs from the threshold.
local function ratio(x, limit)
  for d = 2, 6 do
    local s = string.format("%." .. d .. "f", x)
    if tonumber(s) < limit then
      return s
    end
  end
  return string.format("%.6f", x)
end

-- A threshold: two decimals (0.80) unless it has more (0.875).
local function limit_text(x)
  local s = string.format("%.2f", x)
  return tonumber(s) == x and s or string.format("%g", x)
end

-- Money with thousands separators; cents only when there are any.
local function money(x)
  local s = string.format("%.4f", math.abs(x)):gsub("0+$", ""):gsub("%.$", "")
  local int, frac = s:match("^(%d+)(.*)$")
  if #frac == 2 then
    frac = frac .. "0" -- cents: .5 -> .50
  end
  int = int:reverse():gsub("(%d%d%d)", "%1,"):reverse():gsub("^,", "")
  return (x < 0 and "-" or "") .. int .. frac
end

rule {
  id = "CST-001",
  title = "Cost performance (CPI) is on track",
  severity = "warning",
  domain = "CST",
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
    if not p.project_id or (p.status ~= "active" and p.status ~= "on_hold") then
      return -- not an open project
    end
    local ev, ac = p.earned_value, p.actual_cost
    if not ev or not ac or ac <= 0 then
      return
    end
    local cpi = ev / ac
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
