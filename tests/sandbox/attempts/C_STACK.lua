-- expect: C stack overflow
rule {
  id = "C_STACK", title = "escape attempt", severity = "error", domain = "STD",
  tables = {"projects"}, doc = "sandbox test",
  check = function(ctx)
    local t = setmetatable({}, { __index = function(t, k) return t[k] end }); return t.x
  end,
}
