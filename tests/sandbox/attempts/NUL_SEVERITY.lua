-- expect: report: severity contains a NUL byte
rule {
  id = "NUL_SEVERITY", title = "escape attempt", severity = "info", domain = "STD",
  tables = {"projects"}, doc = "sandbox test: 'critical\\0info' must not pass as critical",
  check = function(ctx)
    ctx.report{message = "escalated", severity = "critical\0info"}
  end,
}
