-- expect: stopped: exceeded its instruction budget
-- A to-be-closed variable's __close runs while the error that stopped the
-- rule unwinds its stack: it tries to report a flood and to loop forever
-- after the rule was stopped for running past its budget.
rule {
  id = "CLOSE_KILLED", title = "escape attempt", severity = "error", domain = "STD",
  tables = {"projects"}, doc = "sandbox test",
  check = function(ctx)
    local guard <close> = setmetatable({}, { __close = function()
      for _ = 1, 100000 do ctx.report{message = "after the budget"} end
      while true do end
    end })
    while true do end
  end,
}
