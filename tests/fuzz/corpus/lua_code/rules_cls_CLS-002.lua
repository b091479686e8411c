-- CLS-002: a closed project records when it actually finished.
rule {
  id = "CLS-002",
  title = "Closed projects have an actual finish date",
  severity = "error",
  domain = "CLS",
  gates = {"G4"},
  tables = {"projects"},
  each = "projects",
  doc = [[
A project with status closed whose actual_finish is missing. Only status
closed is judged (a cancelled project may never have finished); rows
without a project_id belong to no project and are left out.

Why it matters: the actual finish is what delivery performance is measured
against: schedule variance, benefit start dates, the portfolio's on-time
rate and the end of cost booking (timesheets after it are flagged by
RES-005) all need it. A closed project without it drops out of all of them.

How to fix: record the date the project was formally closed (the closure
approval or the last deliverable's acceptance) as actual_finish.]],
  check = function(p, ctx)
    if p.project_id and p.status == "closed" and not p.actual_finish then
      ctx.report(p, "actual_finish", string.format("closed project %s has no actual finish date", p.project_id))
    end
  end,
}
