local schedule = require("schedule")

-- SCH-018: open tasks are not forecast in the past (DCMA "invalid dates").
rule {
  id = "SCH-018",
  title = "Open tasks are not forecast in the past",
  severity = "error",
  domain = "SCH",
  gates = {"G3"},
  tables = {"tasks"},
  doc = [[
A considered task (not summary, not complete) with a forecast date before
T (the as-of date): it has no actual_start and its start is before T, or
(having no actual_finish, as every incomplete task) its finish is before T.
One finding per task. A date equal to T is not in the past; null dates are
not judged. Tasks of a project missing from projects.csv are judged too;
tasks without a project_id are not.

Why it matters: a forecast in the past is not a forecast. Either the work
happened and the actuals were not recorded, or it did not and the schedule
was not updated, so the remaining path and the finish date are wrong.

How to fix: record actual_start / actual_finish for work that happened, and
re-forecast start and finish to T or later for work that did not; then
reschedule so the successors move too.]],
  check = function(ctx)
    local tasks = ctx.tables.tasks
    local row = tasks.row
    local T = ctx.T
    for _, i in ipairs(schedule.considered_rows(ctx)) do
      local t = row(tasks, i)
      local s, f = t.start, t.finish
      local late_start = t.actual_start == nil and s ~= nil and s < T
      local late_finish = f ~= nil and f < T
      if late_start or late_finish then
        local what = {}
        if late_start then
          what[#what + 1] = string.format("start %s < %s without actual start", s, T)
        end
        if late_finish then
          what[#what + 1] = string.format("finish %s < %s without actual finish", f, T)
        end
        ctx.report(t, late_start and "start" or "finish", string.format("task %s of project %s: %s",
          t.task_id or "?", t.project_id, table.concat(what, "; ")))
      end
    end
  end,
}
