-- ACME-201: vendor contracts, from an extra CSV (vendors.csv) read as text.
local money = require("money")

rule {
  id = "ACME-201",
  title = "Vendor contracts are in the portfolio currency and within half the project budget",
  severity = "warning",
  domain = "CST",
  tables = {"vendors", "projects"},
  each = "vendors",
  params = { currency = "USD", max_share = 0.5 },
  doc = [[
Every row of vendors.csv (vendor_id, name, project_id, contract_value) must
name a project of the register, state its value in the portfolio's
currency (param `currency`), and not exceed `max_share` of the project's
budget.

Why it matters: a contract in another currency carries an exchange risk the
budget does not show, and one vendor holding more than half of a budget is
a concentration risk that needs a sourcing decision on record.

How to fix: record the contract in the portfolio currency (with the rate
used), or attach the sourcing decision and raise the project's budget line.]],
  check = function(v, ctx)
    local amount, currency = money.parse(v.contract_value, ctx.params.currency)
    local function report(message)
      ctx.report{ row = v, column = "contract_value", project = v.project_id, message = message }
    end
    if not amount then
      report(string.format("vendor %s: contract value %q is not an amount", v.vendor_id, v.contract_value or ""))
    elseif currency ~= ctx.params.currency then
      report(string.format("vendor %s (%s): contract of %s is in %s, not %s",
                           v.vendor_id, v.name, v.contract_value, currency, ctx.params.currency))
    else
      local p = ctx.tables.projects:get(v.project_id)
      if not p then
        report(string.format("vendor %s: project %s is not in the register", v.vendor_id, v.project_id or "?"))
      elseif p.budget and pmo.round(amount - ctx.params.max_share * p.budget, 6) > 0 then
        report(string.format("vendor %s (%s): contract of %s is %.0f%% of the budget of %s (%s; max %.0f%%)",
                             v.vendor_id, v.name, money.format(amount), 100 * amount / p.budget,
                             p.project_id, money.format(p.budget), 100 * ctx.params.max_share))
      end
    end
  end,
}
