local portfolio = require("portfolio")
rule { -- RES-003: no project manager runs more open projects than they can handle.
  id = "RES-003",
  title = "Project managers do not run too many open projects",
  severity = "warning",
  domain = "RES",
  gates = {"G2"},
  tables = {"projects"},
  params = { max_open = 3 },
  doc = [[
A project manager (the manager column, compared exactly after trimming,
case included) who runs more than `max_open` open projects (status active
or on_hold). Each projects row counts, and rows without a project_id are
left out. One finding per manager, on the row of their first open
project; it names all of those projects.

Why it matters: a manager spread over too many projects cannot keep up with
risks, issues, reporting and stakeholders; the projects drift together, and
the problems surface late. Spotting the overload across the portfolio is
the PMO's job, since no single project shows it.

How to fix: reassign projects to other managers, appoint deputies, or put
lower-priority projects on hold. Check too that the same person is not
spelt two ways, and that finished projects were closed. If your PMO allows
more, raise the limit: `--set RES-003.max_open=5`.]],
  check = function(ctx)
    local max_open = ctx.params.max_open
    for manager, rows in ctx.tables.projects:groups("manager") do
      if not pmo.blank(manager) then
        local ids, first = {}, nil
        for p in rows:rows() do
          if p.project_id and portfolio.open_project(p) then
            first = first or p
            ids[#ids + 1] = p.project_id
          end
        end
        if #ids > max_open then
          local list = table.concat(ids, ", ", 1, math.min(#ids, 10)) .. (#ids > 10 and ", ..." or "")
          ctx.report{
            row = first,
            column = "manager",
            key = manager,
            projects = ids,
            message = string.format("manager %s runs %d open projects (max %s): %s", manager, #ids,
              tostring(max_open), list),
          }
        end
      end
    end
  end,
}
