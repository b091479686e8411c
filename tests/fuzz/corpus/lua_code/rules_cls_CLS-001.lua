-- CLS-001: closed projects leave lessons learned behind.
rule {
  id = "CLS-001",
  title = "Closed projects have recorded lessons learned",
  severity = "error",
  domain = "CLS",
  gates = {"G4"},
  tables = {"projects", "lessons"},
  each = "projects",
  doc = [[
A project with status closed that has no row at all in lessons.csv (matched
on project_id). Skipped when lessons.csv is absent, since the register is
then not kept in this export. Cancelled projects are not judged; rows
without a project_id belong to no project and are left out.

Why it matters: the lessons-learned review is the last deliverable of a
project and the only way the next project avoids repeating its mistakes.
A closed project with none recorded was closed administratively without a
proper closure review.

How to fix: hold the closure review with the team and sponsor and record
its lessons (even "nothing notable" is a lesson worth one row). If the
lessons exist elsewhere, add them to the register under the project's id.]],
  check = function(p, ctx)
    local pid = p.project_id
    if pid and p.status == "closed" and not ctx.tables.lessons:find("project_id", pid) then
      ctx.report(p, nil, string.format("closed project %s has no lessons learned recorded", pid))
    end
  end,
}
