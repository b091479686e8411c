-- expect: networks are read-only (tried to set 'cpl')
rule {
  id = "NET_WRITE", title = "escape attempt", severity = "error", domain = "SCH",
  tables = {"projects", "tasks"}, doc = "sandbox test",
  check = function(ctx)
    local net = pmo.network(ctx.tables.tasks, "PRJ-1001")
    assert(not pcall(rawset, net, "cpl", 0)) -- a userdata, not a table
    net.cpl = 0
  end,
}
