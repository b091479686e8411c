-- expect: attempt to index a nil value (global 'io')
rule {
  id = "IO_OPEN", title = "escape attempt", severity = "error", domain = "STD",
  tables = {"projects"}, doc = "sandbox test",
  check = function(ctx)
    local f = io.open('@MARK@', 'w'); f:write('x'); f:close()
  end,
}
