-- SCH-022: the remaining work fits before the baseline finish (DCMA point 13, CPLI).
local fmt = require("fmt")
local portfolio = require("portfolio")
local ratio, limit_text = fmt.ratio, fmt.limit

-- Days with one decimal, two when one would hide them: 17 -> "17.0", 12.35 -> "12.35".
local function days(x)
  local s = string.format("%.1f", x)
  return tonumber(s) == x and s or string.format("%.2f", x)
end

rule {
  id = "SCH-022",
  title = "Critical path length index (CPLI) is on track",
  severity = "warning",
  domain = "SCH",
  gates = {"G2"},
  tables = {"projects", "tasks"},
  params = { warn_below = 0.95, error_below = 0.80 },
  doc = [[
An open project (active or on_hold) with a planned_finish, whose critical
path length index CPLI = W / CPL is below warn_below (a warning) or below
error_below (an error). One finding per projects row.

- The *remaining network* of the project is its considered tasks (not
  summary, not complete) and the links between them. A link whose
  predecessor is not a considered task of the same project (a complete
  task, a summary, a task of another project, an unknown id) is satisfied
  and left out; when several tasks of the project share a task_id, a link
  names the first of them.
- Times are working days from T. A task's remaining duration is
  r = duration_days x (1 - percent_complete / 100) (a null or negative
  duration counts as 0, a null percent as 0). A task with an actual_start
  starts at 0; any other starts at the largest of 0 and, over its links to
  a predecessor p with lag L, FS: EF(p) + L, SS: ES(p) + L,
  FF: EF(p) + L - r, SF: ES(p) + L - r. It finishes at EF = ES + r.
- CPL, the critical path length, is the largest EF. W is the number of
  Monday-to-Friday dates after T up to and including planned_finish (0
  when planned_finish is on or before T).

A project with no considered tasks, a CPL of 0, or a cycle in its
remaining network (SCH-023 reports it: there is no forward pass) is not
judged. A CPLI exactly at a threshold passes it.

This is point 13 of the DCMA 14-point assessment ("critical path length
index"): with CPLI 1 the remaining work just fits before the baseline
finish; each point below 1 is work that has to be done faster than
planned.

Why it matters: a CPLI below 0.95 says that the baseline finish can only
be met if the remaining critical work is compressed; below 0.80 the
compression is unrealistic, and the finish date reported to the sponsor
no longer follows from the plan.

How to fix: check that percent complete, actual starts and durations are
current and that the logic has no leads or stray links that stretch the
path; then recover (re-sequence, add capacity, cut scope through change
control) or re-baseline the finish date and report the slip. Tune the
thresholds with `--set SCH-022.warn_below=0.9`.]],
  check = function(ctx)
    local tasks = ctx.tables.tasks
    local warn, err = ctx.params.warn_below, ctx.params.error_below
    for p in ctx.tables.projects:rows() do
      local pid, pf = p.project_id, p.planned_finish
      local net = pid and pf and portfolio.open_project(p) and pmo.network(tasks, pid)
      local cpl = net and net.cpl
      if cpl and cpl > 0 then
        local w = pmo.workdays(ctx.T, pf)
        local cpli = w / cpl
        local sev, limit
        if cpli < err then
          sev, limit = "error", err
        elseif cpli < warn then
          sev, limit = "warning", warn
        end
        if sev then
          ctx.report{ row = p, column = "planned_finish", severity = sev,
            message = string.format("project %s: CPLI %s = %d working days to the baseline finish / CPL %s, below %s",
              pid, ratio(cpli, limit), w, days(cpl), limit_text(limit)) }
        end
      end
    end
  end,
}
