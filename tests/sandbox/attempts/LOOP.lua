-- expect: exceeded its instruction budget
rule {
  id = "LOOP", title = "escape attempt", severity = "error", domain = "STD",
  tables = {"projects"}, doc = "sandbox test",
  check = function(ctx)
    while true do end
  end,
}
