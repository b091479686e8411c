local portfolio = require("portfolio")
rule { -- RES-002: closed and cancelled projects release their people.
  id = "RES-002",
  title = "Closed or cancelled projects hold no current allocations",
  severity = "warning",
  domain = "RES",
  gates = {"G4"},
  tables = {"allocations", "projects"},
  doc = [[
An allocation row whose project is closed or cancelled while its end_date is
on or after T (the as-of date). One finding per allocation row. A project is
looked up by id (the first projects row with that id); allocations of
unknown projects, or with a null end_date, are not judged.

Why it matters: allocations to a finished project keep people booked on
paper. Capacity planning then shows them as busy, over-allocation checks
(RES-001) raise false alarms, and new projects cannot get the people who
are in fact free.

How to fix: end the allocation (set end_date to the project's closing date)
or move it to the project that now uses the person. If the project is in
fact still running, correct its status.]],
  check = function(ctx)
    local al = ctx.tables.allocations
    local T = ctx.T
    for pid, prows in ctx.tables.projects:groups("project_id") do
      local p = prows[1] -- the first row with this id is the project
      if portfolio.closed_or_cancelled(p) then
        for a in al:select("project_id", pid):rows() do
          local e = a.end_date
          if e and e >= T then
            ctx.report(a, "end_date", string.format(
              "resource %s is allocated to %s project %s until %s (on or after %s)",
              a.resource_id or "?", p.status, pid, e, T))
          end
        end
      end
    end
  end,
}
