-- expect: attempt to call a nil value (global 'require')
local os = require('os')
