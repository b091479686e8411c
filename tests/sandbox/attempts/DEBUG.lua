-- expect: attempt to index a nil value (global 'debug')
rule {
  id = "DEBUG", title = "escape attempt", severity = "error", domain = "STD",
  tables = {"projects"}, doc = "sandbox test",
  check = function(ctx)
    debug.sethook()
  end,
}
