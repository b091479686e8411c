-- expect: attempt to index a boolean value
rule {
  id = "NET_META", title = "escape attempt", severity = "error", domain = "SCH",
  tables = {"projects", "tasks"}, doc = "sandbox test",
  check = function(ctx)
    getmetatable(pmo.network(ctx.tables.tasks, "PRJ-1001")).__index = function() return "pwned" end
  end,
}
