-- expect: stopped: ran past its time limit of 2 seconds (wall clock); raise it with --rule-timeout
-- The same, catching the error: the time limit is sticky like the budget.
rule {
  id = "TIME_CONCAT_PCALL", title = "runaway", severity = "error", domain = "STD",
  tables = {"projects"}, doc = "sandbox test",
  check = function(ctx)
    local s = string.rep("x", 2^23)
    while true do pcall(function() while true do local t = s .. "y" end end) end
  end,
}
