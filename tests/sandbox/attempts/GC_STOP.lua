-- expect: collectgarbage("stop") is not available to rules
rule {
  id = "GC_STOP", title = "escape attempt", severity = "error", domain = "STD",
  tables = {"projects"}, doc = "sandbox test",
  check = function(ctx)
    collectgarbage('stop')
  end,
}
