-- expect: bad argument #1 to 'setmetatable' (table expected, got row)
rule {
  id = "SETMETATABLE_ROW", title = "escape attempt", severity = "error", domain = "STD",
  tables = {"projects"}, doc = "sandbox test",
  each = "projects",
  check = function(p, ctx)
    setmetatable(p, { __index = function() return 'pwned' end })
  end,
}
