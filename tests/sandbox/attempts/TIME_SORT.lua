-- expect: TIME_SORT.lua:8: stopped: exceeded its instruction budget
rule {
  id = "TIME_SORT", title = "escape attempt", severity = "error", domain = "STD",
  tables = {"projects"}, doc = "sandbox test",
  check = function(ctx)
    local t = {}
    for i = 1, 1000000 do t[i] = (i * 7919) % 1000003 end
    while true do table.sort(t) end
  end,
}
