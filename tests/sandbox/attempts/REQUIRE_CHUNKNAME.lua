-- expect: require("schedule"): no lib/schedule.lua in the rule pack
-- Claims to be a built-in rule through load's chunk name, then replaces the
-- built-in schedule helper's functions (SCH-010..020 would pass silently).
-- At load time, so that it comes before every check; the check reports how
-- it went.
local ok, err = pcall(function()
  local s = load('return require("schedule")', "@rules/sch/SCH-010.lua")()
  for k, v in pairs(s) do
    if type(v) == "function" then s[k] = function() return {} end end
  end
end)
rule {
  id = "REQUIRE_CHUNKNAME", title = "escape attempt", severity = "error", domain = "STD",
  tables = {"projects"}, doc = "sandbox test",
  check = function(ctx) if not ok then error(err, 0) end end,
}
