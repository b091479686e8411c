-- expect: attempt to index a boolean value
rule {
  id = "API_META", title = "escape attempt", severity = "error", domain = "STD",
  tables = {"projects"}, doc = "sandbox test",
  check = function(ctx)
    getmetatable(pmo.date('2026-01-01')).__index.format = nil
  end,
}
