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
    local Ts = tostring(T)
    -- one string.format per finding: on a portfolio where most past tasks
    -- lack their actual dates, building the message is most of the rule's work
    for _, i in ipairs(schedule.considered_rows(ctx)) do
      local t = row(tasks, i)
      local s, f = t.start, t.finish
      local late_start = t.actual_start == nil and s ~= nil and s < T
      local late_finish = f ~= nil and f < T
      if late_start and late_finish then
        ctx.report(t, "start", string.format(
          "task %s of project %s: start %s < %s without actual start; finish %s < %s without actual finish",
          t.task_id or "?", t.project_id, tostring(s), Ts, tostring(f), Ts))
      elseif late_start then
        ctx.report(t, "start", string.format("task %s of project %s: start %s < %s without actual start",
          t.task_id or "?", t.project_id, tostring(s), Ts))
      elseif late_finish then
        ctx.report(t, "finish", string.format("task %s of project %s: finish %s < %s without actual finish",
          t.task_id or "?", t.project_id, tostring(f), Ts))
      end
    end
  end,
}
