-- SCH-003: schedule performance index (earned value).

-- A ratio with enough decimals that it visibly differs from the threshold
-- (0.7996 is not "0.80 < 0.80").
local function ratio(x, limit)
  for d = 2, 6 do
    local s = string.format("%." .. d .. "f", x)
    if tonumber(s) < limit then
      return s
    end
  end
  return string.format("%.17g", x)
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
  id = "SCH-003",
  title = "Schedule performance (SPI) is on track",
  severity = "warning",
  domain = "SCH",
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
    local pv, ev = p.planned_value, p.earned_value
    if not p.project_id or (p.status ~= "active" and p.status ~= "on_hold")
        or not pv or not (pv > 0) or not ev then
      return
    end
    local spi = ev / pv
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
