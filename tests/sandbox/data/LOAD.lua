-- expect: attempt to call a nil value (global 'load')
local f = load('return 1')
