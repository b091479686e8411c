local schedule = require("schedule")

-- SCH-011: no leads (negative lags) on open tasks (DCMA "leads").
rule {
  id = "SCH-011",
  title = "Open tasks have no leads (negative lags)",
  severity = "error",
  domain = "SCH",
  gates = {"G2", "G3"},
  tables = {"tasks"},
  doc = [[
A considered task (not summary, not complete) whose predecessors cell has a
valid link with a negative lag, a "lead", such as `T00012:FS-2d`. One finding
per task, listing every lead it has. A lag of -0d is no lead. Tasks of a
project missing from projects.csv are judged too; tasks without a project_id
are not.

Why it matters: a lead lets a task start before the work it depends on is
done, which hides risk and makes the critical path hard to follow; DCMA's
14-point assessment allows none.

How to fix: replace the lead with a positive link on the right
predecessor, or split the predecessor so the overlap is explicit (for
example FS to its first part, or an SS link with a positive lag).]],
  check = function(ctx)
    local tasks = ctx.tables.tasks
    local row = tasks.row
    for _, i in ipairs(schedule.considered_rows(ctx)) do
      local t = row(tasks, i)
      local leads
      for id, typ, lag in tasks:links(t) do
        if lag < 0 then
          leads = leads or {}
          leads[#leads + 1] = string.format("%s:%s%gd", id, typ, lag)
        end
      end
      if leads then
        ctx.report(t, "predecessors", string.format("task %s of project %s has %s: %s",
          t.task_id or "?", t.project_id, #leads == 1 and "a lead" or #leads .. " leads",
          table.concat(leads, ", ")))
      end
    end
  end,
}
