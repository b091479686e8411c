-- expect: rows are read-only (tried to set 'name' on a row of projects)
rule {
  id = "ROW_WRITE", title = "escape attempt", severity = "error", domain = "STD",
  tables = {"projects"}, doc = "sandbox test",
  each = "projects",
  check = function(p, ctx)
    p.name = 'pwned'
  end,
}
