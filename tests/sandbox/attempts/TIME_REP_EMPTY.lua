-- expect: TIME_REP_EMPTY.lua:7: stopped: exceeded its instruction budget
rule {
  id = "TIME_REP_EMPTY", title = "escape attempt", severity = "error", domain = "STD",
  tables = {"projects"}, doc = "sandbox test",
  check = function(ctx)
    -- Lua's string.rep copies an empty string 2^62 times, in C
    while true do local s = string.rep("", 2^62) end
  end,
}
