-- ACME-206: weekly hours over a policy cap, summed across projects (a table rule).
rule {
  id = "ACME-206",
  title = "Nobody books more than the weekly cap across projects",
  severity = "warning",
  domain = "RES",
  tables = {"timesheets"},
  params = { max_hours = 48 },
  doc = [[
The hours a person books in one week, summed over every project, above
`max_hours` (48: the working-time limit of the company's policy, whatever
the person's contracted capacity). One finding per person and week,
located at the person's first timesheet row of that week.

Why it matters: hours above the cap are a health and legal risk, and a sign
that the plan relies on overtime.

How to fix: rebalance the work with the resource managers; if the hours are
a booking error, correct the timesheet.]],
  check = function(ctx)
    local weeks, order = {}, {}
    for t in ctx.tables.timesheets:rows() do
      if t.resource_id and t.week_start and t.hours then
        local k = t.resource_id .. "/" .. tostring(t.week_start)
        local w = weeks[k]
        if not w then
          w = { first = t, hours = 0, projects = {} }
          weeks[k] = w
          order[#order + 1] = k
        end
        w.hours = w.hours + t.hours
        w.projects[#w.projects + 1] = string.format("%s %g", t.project_id, t.hours)
      end
    end
    for _, k in ipairs(order) do              -- in file order, so the report is deterministic
      local w = weeks[k]
      if pmo.round(w.hours, 6) > ctx.params.max_hours then
        ctx.report{
          row = w.first, column = "hours", key = k, id = tostring(w.first.week_start),
          message = string.format("%s booked %g hours in the week of %s (max %g): %s", w.first.resource_id,
                                  pmo.round(w.hours, 6), w.first.week_start, ctx.params.max_hours,
                                  table.concat(w.projects, ", ")),
        }
      end
    end
  end,
}
