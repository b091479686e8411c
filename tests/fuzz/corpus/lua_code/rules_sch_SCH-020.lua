-- SCH-020: baseline execution index (DCMA "BEI").
local schedule = require("schedule")
local function num(x, other)
  -- x with enough decimals to differ from `other` when it does
  for d = 2, 8 do
    local s = string.format("%." .. d .. "f", x)
    if s ~= string.format("%." .. d .. "f", other) or d == 8 then
      return s
    end
  end
end

rule {
  id = "SCH-020",
  title = "Baseline execution index (BEI) is on track",
  severity = "warning",
  domain = "SCH",
  gates = {"G3"},
  tables = {"projects", "tasks"},
  params = { min_bei = 0.95 },
  doc = [[
The baseline execution index of a project: among its non-summary tasks
whose baseline_finish is on or before T (the as-of date), complete ones
included, BEI = (tasks with an actual_finish) / (all of them). A finding
when BEI is below min_bei (default 0.95). Tasks with a null baseline_finish
are left out. One finding per project; a project with no considered tasks
(no task that is not summary and not complete) or with no task due by its
baseline is not judged. Rows without a project_id are left out.

Why it matters: BEI measures throughput against the plan: below 1, work is
being finished more slowly than baselined, and the backlog of late tasks
will push the finish date out. DCMA's 14-point assessment expects 0.95.

How to fix: record the actual finishes that are missing; otherwise find
what is blocking the late tasks, agree a recovery plan, and re-baseline
only through change control.]],
  check = function(ctx)
    local agg = schedule.due_by_T(ctx)
    local m = ctx.params.min_bei
    for p in ctx.tables.projects:rows() do
      local a = p.project_id and agg[p.project_id]
      if a and a.n > 0 and a.due > 0 and a.done / a.due < m then
        ctx.report(p, nil, string.format(
          "project %s: BEI %s < %s (%d of %d tasks due by %s are finished)",
          p.project_id, num(a.done / a.due, m), string.format("%g", m), a.done, a.due, ctx.T))
      end
    end
  end,
}
