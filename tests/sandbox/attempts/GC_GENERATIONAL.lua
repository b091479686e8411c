-- expect: collectgarbage("generational") is not available to rules
rule {
  id = "GC_GENERATIONAL", title = "escape attempt", severity = "error", domain = "STD",
  tables = {"projects"}, doc = "sandbox test",
  check = function(ctx)
    collectgarbage('generational')
  end,
}
