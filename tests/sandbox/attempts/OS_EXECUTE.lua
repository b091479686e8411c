-- expect: attempt to index a nil value (global 'os')
rule {
  id = "OS_EXECUTE", title = "escape attempt", severity = "error", domain = "STD",
  tables = {"projects"}, doc = "sandbox test",
  check = function(ctx)
    os.execute('touch @MARK@')
  end,
}
