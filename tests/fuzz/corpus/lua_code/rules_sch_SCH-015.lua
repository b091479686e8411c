-- SCH-015: few open tasks with high float (DCMA "high float").
local schedule = require("schedule")

rule {
  id = "SCH-015",
  title = "Few open tasks have high total float",
  severity = "warning",
  domain = "SCH",
  gates = {"G2"},
  tables = {"projects", "tasks"},
  params = { max_float = 44, max_share = 0.05 },
  doc = [[
A project where the share of considered tasks (not summary, not complete)
with total_float_days above max_float (default 44 working days, about two
months) is above max_share (default 5%). Tasks with a null float count in
the total. One finding per project; a project with no considered tasks is
not judged. Rows without a project_id are left out.

Why it matters: very high float usually means missing logic (a task with no
real successor floats until the project's end) rather than real freedom, so
the schedule understates how much work is critical. DCMA's 14-point
assessment allows 5%.

How to fix: check the listed tasks' successors and add the missing links;
where the float is real, consider starting the work later so resources go
where they are needed first.]],
  check = function(ctx)
    local mf = ctx.params.max_float
    schedule.share_check(ctx, function(t)
      local f = t.total_float_days
      return f and f > mf and string.format("%s (%g)", t.task_id or "?", f)
    end, string.format("have total float > %g days", mf))
  end,
}
