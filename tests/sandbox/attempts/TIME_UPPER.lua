-- expect: TIME_UPPER.lua:7: stopped: exceeded its instruction budget
rule {
  id = "TIME_UPPER", title = "escape attempt", severity = "error", domain = "STD",
  tables = {"projects"}, doc = "sandbox test",
  check = function(ctx)
    local s = string.rep("x", 20000000) -- each call maps 20 MB for one instruction
    while true do local u = s:upper() end
  end,
}
