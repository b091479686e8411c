-- expect: load: binary chunks are not allowed in rules
rule {
  id = "LOAD_BINARY", title = "escape attempt", severity = "error", domain = "STD",
  tables = {"projects"}, doc = "sandbox test",
  check = function(ctx)
    local f, err = load('\27Lua\84\0'); if not f then error(err) end; f()
  end,
}
