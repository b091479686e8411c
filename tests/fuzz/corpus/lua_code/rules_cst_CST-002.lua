-- CST-002: the cost forecast (EAC) of open projects stays within tolerance.
local money = require("fmt").money
local portfolio = require("portfolio")

-- x as an exact decimal: integer n and decimals k with n / 10^k == x, using
-- the fewest decimals that give back the same number (the decimal it was
-- written as). nil when it does not fit in 9 decimals and 2^53.
local function dec(x)
  local p = 1
  for k = 0, 9 do
    local y = x * p
    if math.abs(y) >= 2^53 then
      return nil
    end
    local n = math.tointeger(y < 0 and -math.floor(-y + 0.5) or math.floor(y + 0.5))
    if n and n / p == x then
      return n, k
    end
    p = p * 10
  end
  return nil
end

-- Exactly in decimal: a > (1 + mo) x e ? Falls back to doubles rounded to
-- 9 decimals when the numbers are too large for exact integer arithmetic.
local function exceeds(a, mo, e)
  local A, ka = dec(a)
  local O, ko = dec(mo)
  local E, ke = dec(e)
  if A and O and E then
    local M = 10 ^ ko + O -- 1 + mo, with ko decimals
    local lhs_scale, rhs_scale = ko + ke, ka -- compare A*10^(ko+ke) with M*E*10^ka
    if math.abs(A) * 10.0 ^ lhs_scale < 2^62 and math.abs(M * E) * 10.0 ^ rhs_scale < 2^62 then
      local lhs = A * math.tointeger(10 ^ lhs_scale)
      local rhs = math.tointeger(M) * E * math.tointeger(10 ^ rhs_scale)
      return lhs > rhs
    end
  end
  return pmo.round(a, 9) > pmo.round((1 + mo) * e, 9)
end

rule {
  id = "CST-002",
  title = "Estimate at completion (EAC) is within budget tolerance",
  severity = "warning",
  domain = "CST",
  gates = {"G3"},
  tables = {"projects"},
  each = "projects",
  params = { max_overrun = 0.10 },
  doc = [[
An open project (status active or on_hold) with budget > 0, actual_cost > 0
and earned_value > 0 whose estimate at completion EAC = budget x AC / EV is
more than budget x (1 + `max_overrun`). One finding per project; the test
is made in exact decimal, so an EAC exactly at the limit passes. Rows
without a project_id are left out.

Why it matters: EAC extrapolates the cost efficiency achieved so far to the
whole budget. An EAC above tolerance means the project will need more money
than was approved unless it changes course, which the sponsor must decide
on before the money is spent, not after.

How to fix: verify AC and EV (scope, period, accruals). If they are right,
agree a recovery plan, or raise a change request to increase the budget
(BAC) or cut scope. The tolerance is a param: `--set CST-002.max_overrun=0.05`.]],
  check = function(p, ctx)
    if not p.project_id or not portfolio.open_project(p) then
      return -- not an open project
    end
    local bac, ac, ev = p.budget, p.actual_cost, p.earned_value
    if not bac or not ac or not ev or bac <= 0 or ac <= 0 or ev <= 0 then
      return
    end
    local mo = ctx.params.max_overrun
    -- EAC = BAC*AC/EV > BAC*(1+mo)  <=>  AC > (1+mo)*EV, as BAC > 0 and EV > 0
    if exceeds(ac, mo, ev) then
      local eac, limit = bac * ac / ev, money(bac * (1 + mo))
      local eac_text = money(pmo.round(eac, 2))
      if eac_text == limit then
        eac_text = money(eac) -- show the decimals that make the difference
      end
      ctx.report{
        row = p,
        message = string.format("project %s: EAC %s > budget %s + %g%% = %s (AC %s / EV %s)",
          p.project_id, eac_text, money(bac), mo * 100, limit, money(ac), money(ev)),
      }
    end
  end,
}
