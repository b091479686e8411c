-- STD-006: nothing is recorded as done in the future.
rule {
  id = "STD-006",
  title = "Actual dates are not in the future",
  severity = "warning",
  domain = "STD",
  gates = {"G3", "G4"},
  tables = {"projects", "milestones?", "tasks?"},
  doc = [[
A row with an actual date after T (the as-of date): a project's
actual_finish, a milestone's actual_date, a task's actual_start or
actual_finish. One finding per row. Milestones and tasks are checked when
their files are present.

Why it matters: an "actual" is a fact about the past. A future actual is a
planned date typed into the wrong column, and it makes work look finished
that is not, hiding it from the schedule checks.

How to fix: move the date to the forecast column, or correct it.]],
  check = function(ctx)
    local T = ctx.T
    for p in ctx.tables.projects:rows() do
      if p.actual_finish and p.actual_finish > T then
        ctx.report(p, "actual_finish", string.format("project %s has actual finish %s after %s",
          p.project_id or "?", p.actual_finish, T))
      end
    end
    local ms = ctx.tables.milestones
    if ms then
      for m in ms:rows() do
        if m.actual_date and m.actual_date > T then
          ctx.report(m, "actual_date", string.format("milestone %s has actual date %s after %s",
            m.milestone_id or "?", m.actual_date, T))
        end
      end
    end
    local tasks = ctx.tables.tasks
    if tasks then
      for t, s, f in tasks:rows("actual_start", "actual_finish") do
        local late_start, late_finish = s and s > T, f and f > T
        if late_start or late_finish then
          local column = late_start and "actual_start" or "actual_finish"
          local date = late_start and s or f
          ctx.report(t, column, string.format("task %s has %s %s after %s", t.task_id or "?",
            column:gsub("_", " "), date, T))
        end
      end
    end
  end,
}
