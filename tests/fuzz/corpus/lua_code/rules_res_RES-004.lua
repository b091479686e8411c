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
    local round = pmo.round
    local units = {} -- hours -> hours in units of 1e-9 (values repeat a lot)
    for rid, rows in ts:groups("resource_id") do
      local cap
      if res then
        local r = res:get(rid)
        cap = r and r.capacity_hours_week
      end
      cap = cap or 40
      -- hours in units of 1e-9, as integers: sums are exact
      local limit = round(factor * cap * 1e9)
      local sums, firsts, booked = {}, {}, {}
      -- one pass: each week's sum, first row and projects (a second pass
      -- per week over the limit would cost rows x weeks over capacity)
      for t, w, h, p in rows:rows("week_start", "hours", "project_id") do
        if w and h then
          local k = w.days
          local q = units[h]
          if not q then
            q = round(h * 1e9)
            units[h] = q
          end
          local s = sums[k]
          if s then
            sums[k] = s + q
            local b = booked[k]
            b[#b + 1] = p
          else
            sums[k], firsts[k], booked[k] = q, t, {p}
          end
        end
      end
      for k, s in pairs(sums) do
        if s > limit then
          local t = firsts[k]
          local week = tostring(t.week_start)
          local projects = booked[k]
          ctx.report{
            row = t,
            column = "hours",
            key = rid,
            id = week,
            projects = projects,
            message = string.format("resource %s booked %s h in the week of %s (max %s x %s h = %s h)",
              rid, num(s / 1e9), week, num(factor), num(cap), num(limit / 1e9)),
          }
        end
      end
    end
  end,
}
