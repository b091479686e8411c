-- expect: cannot assign shared.nested.value: what require returns is read-only
-- Reaches a nested table of the helper through pairs and changes it.
rule {
  id = "REQUIRE_NESTED", title = "escape attempt", severity = "error", domain = "STD",
  tables = {"projects"}, doc = "sandbox test",
  check = function(ctx)
    for k, v in pairs(require("shared")) do
      if k == "nested" then v.value = "forged" end
    end
  end,
}
