-- expect: cannot assign shared.check: what require returns is read-only
-- Replaces a function of its own pack's helper for the rules after it.
rule {
  id = "REQUIRE_MUTATE_LIB", title = "escape attempt", severity = "error", domain = "STD",
  tables = {"projects"}, doc = "sandbox test",
  check = function(ctx)
    local m = require("shared")
    m.check = function() return "forged" end
  end,
}
