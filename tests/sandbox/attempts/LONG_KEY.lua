-- expect: report: key is 2000000 bytes long (at most 1024)
rule {
  id = "LONG_KEY", title = "escape attempt", severity = "info", domain = "STD",
  tables = {"projects"}, doc = "sandbox test: megabyte keys copied per finding",
  check = function(ctx)
    local k = string.rep("k", 2000000)
    for i = 1, 600 do ctx.report{key = k, message = "m"} end
  end,
}
