-- expect: setmetatable: __gc finalizers are not available in data files
setmetatable({}, { __gc = function() end })
