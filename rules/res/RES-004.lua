-- RES-004: nobody books much more than their weekly capacity.

-- A number without trailing zeros: 50, 62.5, 16.75.
local function num(x)
  local s = string.format("%.4f", x):gsub("0+$", ""):gsub("%.$", "")
  return s
end

rule {
  id = "RES-004",
  title = "Weekly timesheet hours stay within capacity",
  severity = "warning",
  domain = "RES",
  gates = {"G3"},
  tables = {"timesheets", "resources?"},
  params = { factor = 1.25 },
  doc = [[
A resource and week (week_start) whose timesheet hours, summed over all its
rows for that week and every project, exceed `factor` x the resource's
capacity_hours_week. The capacity comes from the first resources row with
that id; it is 40 when the capacity is not recorded, when the resource is
unknown, or when resources.csv is absent. Rows with a null resource_id,
week_start or hours are left out. One finding per resource and week, on the
first timesheet row of that week; it names every project booked that week.

Why it matters: sustained overtime burns people out and hides
under-estimated work (plans look on track only because people work far
beyond their hours); hours above capacity may also be double bookings.

How to fix: check the timesheets for duplicates and typing errors; correct
the capacity of part-time or full-time staff in resources.csv; otherwise
rebalance the work with the project managers.]],
  check = function(ctx)
    local ts, res = ctx.tables.timesheets, ctx.tables.resources
    local factor = ctx.params.factor
    for rid, rows in ts:groups("resource_id") do
      local cap
      if res then
        local r = res:get(rid)
        cap = r and r.capacity_hours_week
      end
      cap = cap or 40
      -- each week_start's hours summed (exact to 1e-9) in one sort and sweep of
      -- the resource's rows; a run is a week over the limit, its rows that week's
      local over = pmo.sweep(rows, { from = "week_start", amount = "hours", limit = factor * cap })
      local max -- "(max 1.25 x 40 h = 50 h)", made once per resource that has a week over
      for _, run in ipairs(over) do
        local t = run.rows[1]
        local week = tostring(run.from)
        local projects = {}
        for _, a in ipairs(run.rows) do
          projects[#projects + 1] = a.project_id
        end
        max = max or string.format("(max %s x %s h = %s h)", num(factor), num(cap), num(pmo.round(factor * cap * 1e9) / 1e9))
        ctx.report{
          row = t,
          column = "hours",
          key = rid,
          id = week,
          projects = projects,
          message = string.format("resource %s booked %s h in the week of %s %s", rid, num(run.sum), week, max),
        }
      end
    end
  end,
}
