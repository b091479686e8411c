-- expect: loaded code sees no io either
rule {
  id = "LOAD_ENV", title = "escape attempt", severity = "error", domain = "STD",
  tables = {"projects"}, doc = "sandbox test",
  check = function(ctx)
    local f = load('return io, os, debug', 'x', 't', _G); local a, b, c = f()
    if a == nil and b == nil and c == nil then error('loaded code sees no io either') end
  end,
}
