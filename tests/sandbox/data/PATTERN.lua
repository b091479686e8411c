-- expect: @BUDGET@
local r = string.find(string.rep("a", 3000), ".-.-.-.-.-.-b")
