-- expect: @BUDGET@
while true do end
