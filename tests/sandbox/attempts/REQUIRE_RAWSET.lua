-- expect: bad argument #1 to 'rawset' (table expected, got read-only table)
-- Goes around __newindex: rawset into a nested table of the helper, then
-- into the helper itself.
rule {
  id = "REQUIRE_RAWSET", title = "escape attempt", severity = "error", domain = "STD",
  tables = {"projects"}, doc = "sandbox test",
  check = function(ctx)
    local m = require("shared")
    rawset(m.nested, "value", "forged")
    rawset(m, "answer", 0)
  end,
}
