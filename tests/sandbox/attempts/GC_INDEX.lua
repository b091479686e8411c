-- expect: GC_INDEX: no finalizer was armed
rule {
  id = "GC_INDEX", title = "escape attempt", severity = "error", domain = "STD",
  tables = {"projects"}, doc = "sandbox test: an __index that adds __gc while the guard looks for it",
  check = function(ctx)
    local mt = {}
    setmetatable(mt, { __index = function(t, k)
      if k == "__gc" then rawset(t, "__gc", function() ctx.report(nil, nil, "forged by a finalizer") end) end
    end })
    local obj = setmetatable({}, mt)
    obj = nil
    collectgarbage()
    if rawget(mt, "__gc") ~= nil then error("GC_INDEX: __gc was added during the check") end
    error("GC_INDEX: no finalizer was armed")
  end,
}
