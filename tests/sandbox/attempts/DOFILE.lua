-- expect: attempt to call a nil value (global 'dofile')
rule {
  id = "DOFILE", title = "escape attempt", severity = "error", domain = "STD",
  tables = {"projects"}, doc = "sandbox test",
  check = function(ctx)
    dofile('/etc/passwd')
  end,
}
