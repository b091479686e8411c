-- expect: attempt to index a boolean value
rule {
  id = "STRING_META", title = "escape attempt", severity = "error", domain = "STD",
  tables = {"projects"}, doc = "sandbox test",
  check = function(ctx)
    local mt = getmetatable(''); mt.__index.upper = function() return 'pwned' end
  end,
}
