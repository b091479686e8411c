-- expect: setmetatable: __gc finalizers are not available to rules
rule {
  id = "GC_RAWSET", title = "escape attempt", severity = "error", domain = "STD",
  tables = {"projects"}, doc = "sandbox test: __gc hidden behind an __index that the guard must not trust",
  check = function(ctx)
    local mt = setmetatable({}, { __index = function() return nil end })
    rawset(mt, "__gc", function() while true do end end)
    setmetatable({}, mt)
  end,
}
