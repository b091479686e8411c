-- expect: exceeded its instruction budget
rule {
  id = "TABLE_MOVE", title = "escape attempt", severity = "error", domain = "STD",
  tables = {"projects"}, doc = "sandbox test",
  check = function(ctx)
    table.move({}, 1, 1e15, 1, {})
  end,
}
