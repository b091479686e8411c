-- expect: setmetatable: __gc finalizers are not available to rules
rule {
  id = "GC_FINALIZER", title = "escape attempt", severity = "error", domain = "STD",
  tables = {"projects"}, doc = "sandbox test",
  check = function(ctx)
    setmetatable({}, { __gc = function() while true do end end })
  end,
}
