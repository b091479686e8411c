-- expect: CLOSE_ERROR.lua:13: closing
-- A rule that fails with findings already made; while the error unwinds,
-- one __close reports a thousand more and another raises a second error.
-- The rule is errored with the last error and none of its findings count.
rule {
  id = "CLOSE_ERROR", title = "escape attempt", severity = "error", domain = "STD",
  tables = {"projects"}, doc = "sandbox test",
  check = function(ctx)
    ctx.report{message = "made before the error"}
    local a <close> = setmetatable({}, { __close = function() for _ = 1, 1000 do ctx.report{message = "x"} end end })
    local b <close> = setmetatable({}, { __close = function()
      ctx.report{message = "made while closing"}
      error("closing")
    end })
    error("first")
  end,
}
