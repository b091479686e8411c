-- expect: require("os"): no lib/os.lua
rule {
  id = "REQUIRE_OS", title = "escape attempt", severity = "error", domain = "STD",
  tables = {"projects"}, doc = "sandbox test",
  check = function(ctx)
    local m = require('os'); m.execute('touch @MARK@')
  end,
}
