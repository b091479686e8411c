-- expect: DECL_INDEX_TRAP: the declaration's metamethods ran 0 times
-- A declaration whose metatable answers the fields it lacks (each, params,
-- gates, engine) and the length of its tables: the engine looked them up
-- through __index and __len, once while checking and again, unprotected
-- and with no budget, when it read the rule's metadata.
local calls = 0
local tables = setmetatable({"projects"}, { __len = function() calls = calls + 1; return 1 end })
rule(setmetatable({
  id = "DECL_INDEX_TRAP", title = "escape attempt", severity = "error", domain = "STD",
  tables = tables, doc = "sandbox test: __index and __len on a declaration",
  check = function(ctx) error("DECL_INDEX_TRAP: the declaration's metamethods ran " .. calls .. " times") end,
}, { __index = function(t, k) calls = calls + 1 end }))
