-- CHG-003: large changes are approved by the project's sponsor.
-- An exact decimal comparison of money: both sides are brought back to the
-- shortest decimal they were written as (15 significant digits), so that a
-- cost exactly equal to share x budget is equal here too. pmo.round(x, 9)
-- is not enough for budgets of ten million and more (x * 1e9 passes 2^53).
local function dec(x)
  return tonumber(string.format("%.15g", x))
end

local function money(x)
  local s = string.format("%.2f", x)
  local sign, int, frac = s:match("^(-?)(%d+)(%.%d+)$")
  if not int then
    return s
  end
  int = int:reverse():gsub("(%d%d%d)", "%1,"):reverse():gsub("^,", "")
  return sign .. int .. frac
end

-- approved_by and sponsor are the same person: trimmed (the loader trims
-- text), compared case-insensitively. ASCII names are compared directly;
-- names with other letters go through PCRE2's Unicode caseless matching.
local function same_person(a, b)
  if a == b or a:lower() == b:lower() then
    return true
  end
  if not (a:find("[\128-\255]") or b:find("[\128-\255]")) then
    return false -- both ASCII and different
  end
  if not (utf8.len(a) and utf8.len(b)) then
    return false -- not valid UTF-8: only the byte comparison above applies
  end
  local pattern = b:gsub("[^%w\128-\255]", function(ch)
    return string.format("\\x{%x}", ch:byte())
  end)
  local ok, same = pcall(function()
    return pmo.re(pattern, "i"):full(a)
  end)
  return ok and same or false
end

rule {
  id = "CHG-003",
  title = "Large changes are approved by the project sponsor",
  severity = "warning",
  domain = "CHG",
  gates = {"G3"},
  tables = {"changes", "projects"},
  each = "changes",
  params = { share = 0.10 },
  doc = [[
An approved change (approved_by not blank) whose cost_impact is more than
`share` of its project's budget (cost_impact > share x budget, budget > 0),
but whose approver is not the project's sponsor. Names are compared trimmed
and case-insensitively; a project with no sponsor recorded counts as
"different". The project is the first projects row with the change's
project_id; changes of unknown projects, or without cost_impact, are not
judged. One finding per change.

Why it matters: a change that moves the budget beyond the agreed tolerance
changes the business case, so it is the sponsor's decision. Approvals below
that level are the usual way budgets grow unnoticed.

How to fix: have the sponsor ratify the change and record them as the
approver, or record the delegation that allowed someone else to approve. If
your tolerance differs, set it: `--set CHG-003.share=0.05`.]],
  check = function(c, ctx)
    local approver, cost, pid = c.approved_by, c.cost_impact, c.project_id
    if pmo.blank(approver) or not cost or not pid then
      return
    end
    local p = ctx.tables.projects:get(pid)
    if not p then
      return -- an unknown project has no budget or sponsor to judge against
    end
    local budget, share = p.budget, ctx.params.share
    if not budget or budget <= 0 or not (dec(cost) > dec(share * budget)) then
      return
    end
    local sponsor = p.sponsor
    if sponsor and same_person(pmo.trim(approver), pmo.trim(sponsor)) then
      return
    end
    ctx.report(c, "approved_by",
      string.format("change %s of project %s: cost impact %s > %s%% of budget %s, approved by %q, %s",
        c.change_id or "?", pid, money(cost), dec(share * 100), money(budget), approver,
        sponsor and string.format("not the sponsor %q", sponsor) or "and the project has no sponsor"))
  end,
}
