-- expect: TIME_PATTERN_PCALL.lua:7: stopped: exceeded its instruction budget
rule {
  id = "TIME_PATTERN_PCALL", title = "escape attempt", severity = "error", domain = "STD",
  tables = {"projects"}, doc = "sandbox test",
  check = function(ctx)
    local s = string.rep("a", 3000)
    while true do pcall(function() return s:match("(.-)(.-)(.-)(.-)b") end) end
  end,
}
