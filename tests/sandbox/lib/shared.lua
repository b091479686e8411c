-- A helper of the sandbox's own pack: the REQUIRE_* attempts try to change
-- it for the rules after them, and ZZ_AFTER reads it last.
local M = { answer = 42, nested = { value = "deep" } }
function M.check() return "real" end
return M
