local portfolio = require("portfolio")
rule { -- RES-005: no time is booked on projects after they finished.
  id = "RES-005",
  title = "No timesheet hours after a project finished",
  severity = "warning",
  domain = "RES",
  gates = {"G4"},
  tables = {"timesheets", "projects"},
  doc = [[
A timesheet row whose project is closed or cancelled, has an actual_finish,
and whose week_start is after that actual_finish. One finding per timesheet
row. A project is looked up by id (the first projects row with that id);
rows of unknown projects, projects without an actual_finish, and rows with
a null week_start are not judged.

Why it matters: hours booked to a finished project are either booked to
the wrong project (so another project's actual cost is understated) or
real work on a project that was closed too early, such as unfinished
handover or warranty fixes that the closure did not plan for.

How to fix: move the hours to the project the work was done for. If work
on the project genuinely continues, reopen it or open a follow-up project,
and correct its actual_finish when the closing date was wrong.]],
  check = function(ctx)
    local ts = ctx.tables.timesheets
    for pid, prows in ctx.tables.projects:groups("project_id") do
      local p = prows[1] -- the first row with this id is the project
      local af = p.actual_finish
      if af and portfolio.closed_or_cancelled(p) then
        for t, w in ts:select("project_id", pid):rows("week_start") do
          if w and w > af then
            ctx.report(t, "week_start", string.format(
              "resource %s booked %s h in the week of %s on %s project %s, which finished %s",
              t.resource_id or "?", t.hours and string.format("%g", t.hours) or "?", w, p.status, pid, af))
          end
        end
      end
    end
  end,
}
