-- SCH-019: tasks due by their baseline were finished on time (DCMA "missed tasks").
local schedule = require("schedule")
local pct = schedule.pct

rule {
  id = "SCH-019",
  title = "Few tasks missed their baseline finish",
  severity = "warning",
  domain = "SCH",
  gates = {"G3"},
  tables = {"projects", "tasks"},
  params = { max_share = 0.05 },
  doc = [[
Among a project's non-summary tasks whose baseline_finish is on or before
T (the as-of date), complete ones included, the share that are missed
(no actual_finish, or an actual_finish after the baseline_finish) is above
max_share (default 5%). Tasks with a null baseline_finish are left out.
One finding per project; a project with no considered tasks (no task that
is not summary and not complete) or with no task due by its baseline is
not judged. Rows without a project_id are left out.

Why it matters: the share of baselined work delivered late shows how far
the project is drifting from its plan, well before the end date moves.
DCMA's 14-point assessment allows 5%.

How to fix: record the actual finishes that are missing; for real slips,
find the cause, agree a recovery plan, and re-baseline only through change
control.]],
  check = function(ctx)
    local agg = schedule.due_by_T(ctx)
    local m = ctx.params.max_share
    for p in ctx.tables.projects:rows() do
      local a = p.project_id and agg[p.project_id]
      if a and a.n > 0 and a.due > 0 and a.missed / a.due > m then
        ctx.report(p, nil, string.format(
          "project %s: %d of %d tasks due by %s (%s) missed their baseline finish, more than %s",
          p.project_id, a.missed, a.due, ctx.T, pct(a.missed / a.due, m), pct(m)))
      end
    end
  end,
}
