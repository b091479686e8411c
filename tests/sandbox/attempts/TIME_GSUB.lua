-- expect: TIME_GSUB.lua:7: stopped: exceeded its instruction budget
rule {
  id = "TIME_GSUB", title = "escape attempt", severity = "error", domain = "STD",
  tables = {"projects"}, doc = "sandbox test",
  check = function(ctx)
    local s = string.rep("a", 5000)
    local r = s:gsub("a.-.-.-b", "x")
  end,
}
