-- expect: attempt to index a nil value (global 'package')
rule {
  id = "LOADLIB", title = "escape attempt", severity = "error", domain = "STD",
  tables = {"projects"}, doc = "sandbox test",
  check = function(ctx)
    package.loadlib('/lib/x86_64-linux-gnu/libc.so.6', 'system')('touch @MARK@')
  end,
}
