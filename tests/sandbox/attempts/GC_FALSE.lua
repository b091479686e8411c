-- expect: setmetatable: __gc finalizers are not available to rules
-- Lua marks an object for finalization when its metatable has any __gc
-- field, even false, and calls whatever __gc holds when the object dies:
-- a placeholder set first and a function put in later would be a finalizer.
rule {
  id = "GC_FALSE", title = "escape attempt", severity = "error", domain = "STD",
  tables = {"projects"}, doc = "sandbox test",
  check = function(ctx)
    local mt = { __gc = false }
    local victim = setmetatable({}, mt)
    mt.__gc = function() for _ = 1, 10000 do ctx.report{message = "from the collector"} end end
    victim = nil
    collectgarbage()
  end,
}
