-- A second control, loaded after every attempt (files load in name order)
-- and run after them in the same Lua state (-j 1): it uses what SHARED_API,
-- STRING_META and API_META try to change, looks for SHARED_API's globals,
-- and reads its pack's helper (lib/shared.lua), which the REQUIRE_* attempts
-- try to change, as the built-in rules read theirs: kept from load time.
local shared = require("shared")
rule {
  id = "ZZ_AFTER", title = "uses the attacked APIs", severity = "warning", domain = "STD",
  tables = {"projects"}, each = "projects", doc = "control",
  check = function(p, ctx)
    local d = pmo.date("2026-01-02")
    ctx.report(p, nil, table.concat({string.upper("intact"), ("x"):upper(), tostring(d),
                                     tostring(rawget(_G, "LEAK")), tostring(LEAK2),
                                     shared.answer, shared.nested.value, shared.check()}, " "))
  end,
}
