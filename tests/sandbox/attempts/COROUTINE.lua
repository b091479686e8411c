-- expect: attempt to index a nil value (global 'coroutine')
rule {
  id = "COROUTINE", title = "escape attempt", severity = "error", domain = "STD",
  tables = {"projects"}, doc = "sandbox test",
  check = function(ctx)
    coroutine.wrap(function() while true do end end)()
  end,
}
