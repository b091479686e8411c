-- expect: exceeded its instruction budget
rule {
  id = "LOOP_PCALL", title = "escape attempt", severity = "error", domain = "STD",
  tables = {"projects"}, doc = "sandbox test",
  check = function(ctx)
    while true do pcall(function() while true do end end) end
  end,
}
