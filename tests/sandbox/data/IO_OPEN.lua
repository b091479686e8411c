-- expect: attempt to index a nil value (global 'io')
local f = io.open('@MARK@', 'w'); f:write('x'); f:close()
