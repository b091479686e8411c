-- expect: stopped: ran past its time limit of 2 seconds (wall clock); raise it with --rule-timeout
-- `..` copies 8 MiB in one VM instruction: the budget counts instructions,
-- so only the wall clock stops this loop in reasonable time.
rule {
  id = "TIME_CONCAT", title = "runaway", severity = "error", domain = "STD",
  tables = {"projects"}, doc = "sandbox test",
  check = function(ctx)
    local s = string.rep("x", 2^23)
    while true do local t = s .. "y" end
  end,
}
