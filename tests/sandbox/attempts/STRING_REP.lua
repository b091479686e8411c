-- expect: exceeded its memory limit of 64 MiB
rule {
  id = "STRING_REP", title = "escape attempt", severity = "error", domain = "STD",
  tables = {"projects"}, doc = "sandbox test",
  check = function(ctx)
    local s = string.rep('x', 1e8, 'y')
  end,
}
