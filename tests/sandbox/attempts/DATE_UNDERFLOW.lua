-- expect: date out of range: 2026-06-30 - 9223372036854775807 days is outside 0001-01-01 .. 9999-12-31
rule {
  id = "DATE_UNDERFLOW", title = "escape attempt", severity = "error", domain = "STD",
  tables = {"projects"}, doc = "sandbox test: a date minus a huge count, and a year that wraps in 32 bits",
  check = function(ctx)
    assert(pmo.date(4294969322, 6, 30) == nil, "2^32 + 2026 taken for 2026")
    local d = ctx.T - math.maxinteger
    ctx.report(nil, nil, "wrapped to " .. tostring(d))
  end,
}
