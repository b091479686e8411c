-- SCH-021: open work has a resource (DCMA point 10, "resources").
local schedule = require("schedule")

rule {
  id = "SCH-021",
  title = "Open tasks with a duration have a resource",
  severity = "warning",
  domain = "SCH",
  gates = {"G2"},
  tables = {"projects", "tasks"},
  params = { max_share = 0 },
  doc = [[
A project where the share of considered tasks (not summary, not complete)
that have duration_days above 0 and a blank resource is above max_share
(default 0: any such task fails the project). Every considered task counts
in the total, a null duration too (it is never flagged); a task of 0 days,
a milestone, needs no resource. One finding per projects row; a project
with no considered tasks is not judged. Rows without a project_id are left
out.

This is point 10 of the DCMA 14-point assessment ("resources"): every task
of a day or more should carry the people or the money that do it.

Why it matters: a task without a resource is work nobody has been given.
Its cost is missing from the plan's loading and from earned value, and
resource levelling and the cross-project checks (RES-001, RES-004) cannot
see the demand, so the schedule promises dates for work with no capacity
behind it.

How to fix: assign a resource (a person, a role or a team) to each listed
task in the scheduling tool, or, for a task that is really a milestone or a
hand-over, set its duration to 0; then re-export the schedule. A project
that tracks effort elsewhere can accept a small share with
`--set SCH-021.max_share=0.05`.]],
  check = function(ctx)
    schedule.share_check(ctx, function(t)
      local d = t.duration_days
      return d and d > 0 and pmo.blank(t.resource) and string.format("%s (%g days)", t.task_id or "?", d)
    end, "have a duration but no resource")
  end,
}
