-- money: amounts written as text, as extra CSV files have them
-- ("$1,200,000.00", "€980,000", "410000"). Shared with require("money").
local M = {}

local CURRENCIES = { ["$"] = "USD", ["€"] = "EUR", ["£"] = "GBP" }
local AMOUNT = pmo.re("^(-?)([$€£]?)\\s*((?:[0-9]{1,3}(?:,[0-9]{3})*|[0-9]+)(?:\\.[0-9]+)?)$")

-- parse(text, default_currency) -> amount, currency code; or nil when the
-- text is not an amount. The currency is the sign's, else the default.
function M.parse(text, default_currency)
  if text == nil then return nil end
  local sign, symbol, digits = AMOUNT:match(pmo.trim(text))
  if not digits then return nil end
  local amount = tonumber((digits:gsub(",", "")))
  if sign == "-" then amount = -amount end
  return amount, CURRENCIES[symbol] or default_currency
end

-- format(1234567.5) -> "1,234,568": whole units with thousands separators.
function M.format(x)
  local s = string.format("%.0f", math.abs(x)):reverse():gsub("(%d%d%d)", "%1,"):reverse():gsub("^,", "")
  return (x < 0 and "-" or "") .. s
end

return M
