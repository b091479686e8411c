-- The IT Dashboard's rating bands for a variance in percent: under `yellow`
-- (10) is green, from `yellow` to under `red` (30) is yellow, `red` or more
-- is red. Over- and under-runs count alike.
local M = {}

-- The band of a variance, or nil for a blank one.
function M.band(pct, yellow, red)
  if pct == nil then return nil end
  local size = math.abs(pct)
  if size >= red then return "red" end
  if size >= yellow then return "yellow" end
  return "green"
end

-- Report a yellow variance as a warning and a red one as an error.
function M.check(row, ctx, column, what)
  local p = ctx.params
  local band = M.band(row[column], p.yellow, p.red)
  if band == "yellow" or band == "red" then
    ctx.report{
      row = row, column = column,
      severity = band == "red" and "error" or "warning",
      message = string.format("%s: %s variance %g%% is %s (%g%% or more)", row.project_id, what,
        pmo.round(row[column], 2), band, band == "red" and p.red or p.yellow),
    }
  end
end

return M
