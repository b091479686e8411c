-- expect: report: message contains a NUL byte
rule {
  id = "NUL_MESSAGE", title = "escape attempt", severity = "info", domain = "STD",
  tables = {"projects"}, doc = "sandbox test: a NUL byte would cut the message in every report",
  check = function(ctx)
    ctx.report(nil, nil, "all clear\0 (hidden: the real problem)")
  end,
}
