-- expect: date out of range: 2026-06-30 + 9223372036854775807 days is outside 0001-01-01 .. 9999-12-31
rule {
  id = "DATE_OVERFLOW", title = "escape attempt", severity = "error", domain = "STD",
  tables = {"projects"}, doc = "sandbox test: date arithmetic past the calendar (was int32 overflow, UB)",
  check = function(ctx)
    local hi, lo = pmo.date(9999, 12, 31), pmo.date(1, 1, 1)
    assert(tostring(lo + 3652058) == "9999-12-31" and tostring(hi - 3652058) == "0001-01-01", "edges of the calendar")
    assert(not pcall(function() return hi + 1 end) and not pcall(function() return lo - 1 end), "one day past an edge")
    local d = ctx.T + math.maxinteger
    ctx.report(nil, nil, "wrapped to " .. tostring(d))
  end,
}
