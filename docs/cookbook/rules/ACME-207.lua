-- ACME-207: the critical path is staffed (a table rule on the schedule network).
rule {
  id = "ACME-207",
  title = "Tasks on the critical path have a resource",
  severity = "warning",
  domain = "SCH",
  tables = {"projects", "tasks"},
  doc = [[
A task on a project's critical path, with work left to do, that has no
resource. The critical path is the engine's (`net.critical` of
`pmo.network`): the chain of driving links that ends at the project's
latest early finish. One finding per task; a project whose network has a
loop has no critical path (SCH-023 reports the loop).

Why it matters: a slip on the critical path moves the finish date day
for day. Work there without a named owner is the first to slip, and the
DCMA resource check (SCH-021) lets a project pass it while its few
unstaffed tasks are the ones that decide the date.

How to fix: give each listed task a resource in the scheduling tool, or
re-plan it off the critical path; then re-export the schedule.]],
  check = function(ctx)
    local tasks = ctx.tables.tasks
    local seen = {}                             -- a project listed twice is checked once
    for p in ctx.tables.projects:rows() do
      local pid = p.project_id
      local net = pid and not seen[pid] and pmo.network(tasks, pid)
      if pid then
        seen[pid] = true
      end
      local path = net and net.critical or {}   -- a new list on each access: keep it
      for i, t in ipairs(path) do
        local es, ef, _, r = net:task(t)
        if r > 0 and pmo.blank(t.resource) then
          ctx.report(t, "resource", string.format(
            "%s is task %d of %d on the critical path of %s (days %g to %g of %g) and has no resource",
            t.task_id, i, #path, pid, es, ef, net.cpl))
        end
      end
    end
  end,
}
