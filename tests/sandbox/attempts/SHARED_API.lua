-- expect: changed my own copies
rule {
  id = "SHARED_API", title = "escape attempt", severity = "error", domain = "STD",
  tables = {"projects"}, doc = "sandbox test",
  check = function(ctx)
    string.upper = nil; pmo.date = nil; table.concat = nil; _G.LEAK = 'pwned'
    rawset(_G, 'LEAK2', 'pwned'); error('changed my own copies')
  end,
}
