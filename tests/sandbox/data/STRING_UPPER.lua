-- expect: @BUDGET@
local s = string.rep("x", 10000000)
for i = 1, 1e9 do local u = s:upper() end
