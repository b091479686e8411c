-- ACME-202: sponsor overload across the portfolio (a table rule with groups).
rule {
  id = "ACME-202",
  title = "Sponsors do not steer too many active projects",
  severity = "warning",
  domain = "GOV",
  tables = {"projects"},
  params = { max_active = 3 },
  doc = [[
A sponsor named on more than `max_active` active projects. One finding per
sponsor, located at their first active project, listing them all.

Why it matters: a sponsor decides on scope, money and escalations. Spread
over too many projects, those decisions wait, and steering meetings become
status readings.

How to fix: hand some projects to another executive, or group them into a
programme with its own sponsor.]],
  check = function(ctx)
    for sponsor, rows in ctx.tables.projects:groups("sponsor") do
      local active = {}
      for p in rows:rows() do
        if p.status == "active" then active[#active + 1] = p end
      end
      if #active > ctx.params.max_active then
        local ids = {}
        for i, p in ipairs(active) do ids[i] = p.project_id end
        ctx.report{
          row = active[1], column = "sponsor", key = sponsor,
          message = string.format("%s sponsors %d active projects (max %d): %s",
                                  sponsor, #active, ctx.params.max_active, table.concat(ids, ", ")),
        }
      end
    end
  end,
}
