-- expect: require("../../../etc/passwd"): a lib name is letters, digits, '_' and '-' (lib/NAME.lua)
rule {
  id = "REQUIRE_PATH", title = "escape attempt", severity = "error", domain = "STD",
  tables = {"projects"}, doc = "sandbox test",
  check = function(ctx)
    require('../../../etc/passwd')
  end,
}
