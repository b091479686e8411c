-- expect: TIME_PATTERN.lua:7: stopped: exceeded its instruction budget
rule {
  id = "TIME_PATTERN", title = "escape attempt", severity = "error", domain = "STD",
  tables = {"projects"}, doc = "sandbox test",
  check = function(ctx)
    local s = string.rep("a", 3000) -- Lua's matcher backtracks in C: O(n^6) steps
    local r = string.find(s, ".-.-.-.-.-.-b")
  end,
}
