-- Test helper: reports every row of the extra table "case" with its cells
-- as JSON in the message, so that end-to-end tests can see exactly what
-- pmoaudit loaded (used by tests/e2e/spectrum_test.sh).
local function json_string(s)
  return '"' .. s:gsub('[%c"\\]', function(c)
    local named = { ['"'] = '\\"', ['\\'] = '\\\\', ['\n'] = '\\n', ['\r'] = '\\r', ['\t'] = '\\t' }
    return named[c] or string.format('\\u%04x', c:byte())
  end) .. '"'
end

rule {
  id = "TEST-DUMP",
  title = "dump the rows of table case",
  severity = "info",
  domain = "TEST",
  tables = {"case"},
  each = "case",
  doc = "Test helper.",
  check = function(row, ctx)
    local parts = {}
    for i, name in ipairs(ctx.tables.case.columns) do
      local v = row[name]
      parts[i] = json_string(name) .. ": " .. (v == nil and "null" or json_string(v))
    end
    ctx.report(row, nil, "{" .. table.concat(parts, ", ") .. "}")
  end,
}
