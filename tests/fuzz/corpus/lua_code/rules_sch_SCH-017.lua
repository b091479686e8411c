-- SCH-017: few long open tasks (DCMA "high duration").
local schedule = require("schedule")

rule {
  id = "SCH-017",
  title = "Few open tasks have long durations",
  severity = "warning",
  domain = "SCH",
  gates = {"G2"},
  tables = {"projects", "tasks"},
  params = { max_days = 44, max_share = 0.05 },
  doc = [[
A project where the share of considered tasks (not summary, not complete)
with duration_days above max_days (default 44 working days, about two
months) is above max_share (default 5%). Tasks with a null duration count
in the total. One finding per project; a project with no considered tasks
is not judged. Rows without a project_id are left out.

Why it matters: a long task cannot be tracked: its percent complete is a
guess for months, and a slip shows only when it is too late to recover.
DCMA's 14-point assessment allows 5% of tasks longer than 44 days.

How to fix: break the listed tasks into pieces of at most a few weeks, each
with a clear deliverable, linked finish-to-start; then re-export the
schedule.]],
  check = function(ctx)
    local md = ctx.params.max_days
    schedule.share_check(ctx, function(t)
      local d = t.duration_days
      return d and d > md and string.format("%s (%g)", t.task_id or "?", d)
    end, string.format("last more than %g days", md))
  end,
}
