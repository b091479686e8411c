local schedule = require("schedule")

-- SCH-016: no negative float on open tasks (DCMA "negative float").
rule {
  id = "SCH-016",
  title = "Open tasks have no negative total float",
  severity = "error",
  domain = "SCH",
  gates = {"G2", "G3"},
  tables = {"tasks"},
  doc = [[
A considered task (not summary, not complete) whose total_float_days is
below zero. One finding per task; a null float is not judged. Tasks of a
project missing from projects.csv are judged too; tasks without a project_id
are not.

Why it matters: negative float means the schedule already cannot meet a
date it is constrained to (a deadline, a fixed milestone): the plan is
late before the work is done, and every task on that path is critical.
DCMA's 14-point assessment allows none.

How to fix: recover the time (re-sequence, add resources, cut scope), or
agree a new date through change control and update the constraint or
deadline that causes it; then reschedule and re-export.]],
  check = function(ctx)
    local tasks = ctx.tables.tasks
    local row = tasks.row
    for _, i in ipairs(schedule.considered_rows(ctx)) do
      local t = row(tasks, i)
      local f = t.total_float_days
      if f ~= nil and f < 0 then
        ctx.report(t, "total_float_days", string.format("task %s of project %s has total float %g days < 0",
          t.task_id or "?", t.project_id, f))
      end
    end
  end,
}
