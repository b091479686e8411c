-- expect: match limit
rule {
  id = "REGEX", title = "escape attempt", severity = "error", domain = "STD",
  tables = {"projects"}, doc = "sandbox test",
  check = function(ctx)
    local s = string.rep('a', 40) .. '!' ; pmo.re('^(a+)+$'):test(s)
  end,
}
