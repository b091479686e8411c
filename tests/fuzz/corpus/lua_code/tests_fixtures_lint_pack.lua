-- a pack with one problem of each kind
rule { id = "A-001", title = "row rule", severity = "warning", domain = "STD",
  tables = {"projects"}, each = "projects", params = { days = 30 }, doc = "d",
  check = function(p, ctx)
    -- p.not_a_column in a comment is not a read
    if p.sponser == nil and ctx.params.dayz then
      ctx.report(p, "budgett", "x")
    end
    local tasks = ctx.tables.tasks
    local t = tasks:get(p.project_id)
    if t and t.percent_complet then end
  end }
rule { id = "A-002", title = "table rule", severity = "error", domain = "PROC",
  tables = {"risk", "vendors"}, doc = "d",
  check = function(ctx)
    local P = ctx.params
    for r in ctx.tables.projects:rows() do
      if r.statuz == "active" and P.limit then end
    end
    for id, rows in ctx.tables.projects:groups("sponsr") do
      local first = rows[1]
      local x = first.nam
    end
  end }
rule { id = "A-001", title = "dup", severity = "info", domain = "STD", tables = {"projects"}, doc = "d",
  check = function(ctx) end }
rule { id = "A-003", title = "bad sev", severity = "fatal", domain = "STD", tables = {"projects"}, doc = "d",
  check = function(ctx) end }
schema { table = "vendors", columns = { {"vendor_id", "text"}, {"project_id", "text", fk = "project"} } }
schema { table = "suppliers", columns = { {"id", "txt"} } }
