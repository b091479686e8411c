-- expect: require("schedule"): no lib/schedule.lua in the rule pack
-- A pack run as `-r rules/acme` asks plainly for the built-in pack's helper
-- (rules/lib/schedule.lua is "above" rules/acme by text), then replaces its
-- functions. At load time, so that it comes before every check; the check
-- reports how it went.
local ok, err = pcall(function()
  local s = require("schedule")
  for k, v in pairs(s) do
    if type(v) == "function" then s[k] = function() return {} end end
  end
end)
rule {
  id = "REQUIRE_PREFIX", title = "escape attempt", severity = "error", domain = "STD",
  tables = {"projects"}, doc = "sandbox test",
  check = function(ctx) if not ok then error(err, 0) end end,
}
