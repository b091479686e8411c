-- expect: attempt to call a nil value (local 'dump')
local dump = string.dump
dump(tostring)
