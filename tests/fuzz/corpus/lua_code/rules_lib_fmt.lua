-- fmt: how the built-in rules print numbers in their messages, shared with
-- require("fmt") so that every rule writes money and ratios the same way.
local M = {}

-- Money with thousands separators; cents only when there are any
-- (1250000 -> "1,250,000", 12.5 -> "12.50", -300 -> "-300").
function M.money(x)
  local s = string.format("%.4f", math.abs(x)):gsub("0+$", ""):gsub("%.$", "")
  local int, frac = s:match("^(%d+)(.*)$")
  if #frac == 2 then
    frac = frac .. "0" -- cents: .5 -> .50
  end
  int = int:reverse():gsub("(%d%d%d)", "%1,"):reverse():gsub("^,", "")
  return (x < 0 and "-" or "") .. int .. frac
end

-- A ratio below limit, with enough decimals that it visibly differs from
-- it: 0.7996 against 0.80 prints "0.7996", never "0.80 < 0.80".
function M.ratio(x, limit)
  for d = 2, 6 do
    local s = string.format("%." .. d .. "f", x)
    if tonumber(s) < limit then
      return s
    end
  end
  return string.format("%.17g", x)
end

-- A threshold: two decimals (0.80) unless it has more (0.875).
function M.limit(x)
  local s = string.format("%.2f", x)
  return tonumber(s) == x and s or string.format("%g", x)
end

return M
