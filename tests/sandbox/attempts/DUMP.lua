-- expect: attempt to call a nil value (field 'dump')
rule {
  id = "DUMP", title = "escape attempt", severity = "error", domain = "STD",
  tables = {"projects"}, doc = "sandbox test",
  check = function(ctx)
    local b = string.dump(function() end); load(b)()
  end,
}
