-- SCH-010: every open task is tied into the network (DCMA "logic").
local schedule = require("schedule")
local pct = schedule.pct

rule {
  id = "SCH-010",
  title = "Open tasks have a predecessor and a successor",
  severity = "warning",
  domain = "SCH",
  gates = {"G2"},
  tables = {"projects", "tasks"},
  params = { max_share = 0.05 },
  doc = [[
A project where the share of considered tasks (not summary, not complete)
with no predecessor or no successor is above max_share (default 5%).
A task has a predecessor when its predecessors cell holds at least one valid
link; its successors are the tasks of the same project (any task, summary or
complete included) that list its task_id. One finding per project; a project
with no considered tasks is not judged. Rows without a project_id are left out.

Why it matters: a task without logic on one side "dangles": when it slips,
nothing downstream moves, so the critical path and the forecast finish are
wrong. DCMA's 14-point assessment allows 5% of such open ends at most.

How to fix: in the scheduling tool, link each listed task to the work it
depends on and to the work that depends on it (the project's finish
milestone is the usual last successor), then re-export the schedule.]],
  check = function(ctx)
    local projects = schedule.projects(ctx)
    local m = ctx.params.max_share
    for p in ctx.tables.projects:rows() do
      local a = p.project_id and projects[p.project_id]
      if a and a.n > 0 and a.open / a.n > m then
        ctx.report(p, nil, string.format(
          "project %s: %d of %d open tasks (%s) lack a predecessor or a successor, more than %s; e.g. %s%s",
          p.project_id, a.open, a.n, pct(a.open / a.n, m), pct(m), table.concat(a.open_ex, ", "),
          a.open > #a.open_ex and ", ..." or ""))
      end
    end
  end,
}
