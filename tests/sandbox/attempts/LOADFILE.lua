-- expect: attempt to call a nil value (global 'loadfile')
rule {
  id = "LOADFILE", title = "escape attempt", severity = "error", domain = "STD",
  tables = {"projects"}, doc = "sandbox test",
  check = function(ctx)
    loadfile('/etc/passwd')()
  end,
}
