-- expect: stack overflow
rule {
  id = "DEEP", title = "escape attempt", severity = "error", domain = "STD",
  tables = {"projects"}, doc = "sandbox test",
  check = function(ctx)
    local function f(n) return f(n + 1) + 1 end ; f(1)
  end,
}
