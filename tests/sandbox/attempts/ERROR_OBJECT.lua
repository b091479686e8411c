-- expect: error object is a table value
rule {
  id = "ERROR_OBJECT", title = "escape attempt", severity = "error", domain = "STD",
  tables = {"projects"}, doc = "sandbox test",
  check = function(ctx)
    error(setmetatable({}, { __tostring = function() while true do end end }))
  end,
}
