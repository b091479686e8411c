-- SCH-014: few hard constraints on open tasks (DCMA "hard constraints").
local function pct(x, other)
  -- x as a percentage, with enough decimals to differ from `other` when it does
  for d = 1, 6 do
    local s = string.format("%." .. d .. "f", x * 100)
    if not other or s ~= string.format("%." .. d .. "f", other * 100) or d == 6 then
      return (s:gsub("(%.%d-)0+$", "%1"):gsub("%.$", "")) .. "%"
    end
  end
end

local HARD = { MSO = true, MFO = true, SNLT = true, FNLT = true }

-- The constraint in upper case, or nil when it cannot be a hard one. The
-- comparison is case-insensitive; U+017F (long s) upper-cases to S.
local function hard(c)
  if c == nil or #c > 8 then
    return nil
  end
  c = c:gsub("\xC5\xBF", "S"):upper()
  return HARD[c] and c or nil
end

rule {
  id = "SCH-014",
  title = "Few open tasks have hard date constraints",
  severity = "warning",
  domain = "SCH",
  tables = {"projects", "tasks"},
  params = { max_share = 0.05 },
  doc = [[
A project where the share of considered tasks (not summary, not complete)
whose constraint is a hard one (MSO, MFO, SNLT or FNLT, in any case) is
above max_share (default 5%). Tasks with a null constraint count in the
total. One finding per project; a project with no considered tasks is not
judged. Rows without a project_id are left out.

Why it matters: a hard constraint pins a task to a date whatever its logic
says, so slips upstream no longer move it: the schedule shows dates it
cannot meet (often as negative float) instead of the real forecast. DCMA's
14-point assessment allows 5%.

How to fix: replace hard constraints with logic (a link to what really
drives the date), or with soft ones (ASAP, SNET, FNET) plus a deadline
that is tracked; keep MSO/MFO only for dates imposed from outside.]],
  check = function(ctx)
    local tasks = ctx.tables.tasks
    local agg = {} -- project_id -> {considered, hard, examples}
    for pid, rows in tasks:groups("project_id") do
      local n, k, ex = 0, 0, {}
      for t in rows:rows() do
        if (t.percent_complete or 0) < 100 and t.actual_finish == nil and t.is_summary ~= true then
          n = n + 1
          local c = hard(t.constraint)
          if c then
            k = k + 1
            if #ex < 3 then
              ex[#ex + 1] = string.format("%s (%s)", t.task_id or "?", c)
            end
          end
        end
      end
      agg[pid] = { n = n, k = k, ex = ex }
    end
    local m = ctx.params.max_share
    for p in ctx.tables.projects:rows() do
      local a = p.project_id and agg[p.project_id]
      if a and a.n > 0 and a.k / a.n > m then
        ctx.report(p, nil, string.format(
          "project %s: %d of %d open tasks (%s) have a hard constraint, more than %s; e.g. %s%s",
          p.project_id, a.k, a.n, pct(a.k / a.n, m), pct(m), table.concat(a.ex, ", "),
          a.k > #a.ex and ", ..." or ""))
      end
    end
  end,
}
