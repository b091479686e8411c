-- SCH-023: no circular logic (the network integrity behind DCMA point 12).

-- The ids of a cycle's rows, back to the first: "T1 -> T4 -> T1". A long
-- cycle shows its first ten tasks and its last.
local function path(rows)
  local ids, n = {}, #rows
  for i = 1, n do
    if i <= 10 or i == n then
      ids[#ids + 1] = rows[i].task_id
    elseif i == 11 then
      ids[#ids + 1] = "..."
    end
  end
  ids[#ids + 1] = rows[1].task_id
  return table.concat(ids, " -> ")
end

rule {
  id = "SCH-023",
  title = "The schedule has no circular logic",
  severity = "error",
  domain = "SCH",
  gates = {"G2"},
  tables = {"projects", "tasks"},
  doc = [[
A project whose remaining network has a cycle: a task that reaches itself
through its links, a task that lists itself included. The remaining
network is the project's considered tasks (not summary, not complete) and
the links between them; a link to a complete or summary task, a task of
another project or an unknown id is left out, and when several tasks of
the project share a task_id, a link names the first of them. One finding
per projects row, whatever the project's status; the message names the
tasks of one cycle in the order of their logic, each a predecessor of the
next (`T0001 -> T0004 -> T0001`).

This is the network integrity that point 12 of the DCMA 14-point
assessment ("critical path test") probes: a schedule tool refuses to
schedule a network with a loop (Primavera P6 stops with "circular
relationships"), but an exported CSV carries it silently.

Why it matters: a loop has no start: none of its tasks can begin before
the others finish, so the network has no forward pass, no critical path
and no dates that follow from the logic. CPLI (SCH-022) cannot be computed
for the project, and the dates shown are whatever the tool last kept.

How to fix: open the named tasks in the scheduling tool and remove or
reverse the link that closes the loop (usually a link added the wrong way
round, or a rework loop that should be a new task); then reschedule and
re-export. Other loops may remain: the rule names one at a time.]],
  check = function(ctx)
    local tasks = ctx.tables.tasks
    for p in ctx.tables.projects:rows() do
      local net = p.project_id and pmo.network(tasks, p.project_id)
      local cycle = net and net.cycle
      if cycle then
        ctx.report(p, nil, string.format("project %s: circular logic %s (%d %s in the loop; no forward pass)",
          p.project_id, path(cycle), #cycle, #cycle == 1 and "task" or "tasks"))
      end
    end
  end,
}
