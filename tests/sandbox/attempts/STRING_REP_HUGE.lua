-- expect: resulting string too large
rule {
  id = "STRING_REP_HUGE", title = "escape attempt", severity = "error", domain = "STD",
  tables = {"projects"}, doc = "sandbox test",
  check = function(ctx)
    local s = string.rep('x', 2^62)
  end,
}
