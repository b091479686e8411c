-- SCH-014: few hard constraints on open tasks (DCMA "hard constraints").
local schedule = require("schedule")

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
  gates = {"G2"},
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
    schedule.share_check(ctx, function(t)
      local c = hard(t.constraint)
      return c and string.format("%s (%s)", t.task_id or "?", c)
    end, "have a hard constraint")
  end,
}
