-- STD-005: project dates are in a possible order.
rule {
  id = "STD-005",
  title = "Project dates are in order",
  severity = "error",
  domain = "STD",
  gates = {"G2"},
  tables = {"projects"},
  each = "projects",
  doc = [[
A project whose start_date is after its planned_finish, or whose
actual_finish is before its start_date. One finding per project even when
both are wrong; comparisons are only made between dates that are present.

Rows without a project_id belong to no project and are left out.

Why it matters: impossible dates break every duration, variance and
forecast computed from them, and usually point at swapped columns or a
mistyped year.

How to fix: correct the dates in the project register.]],
  check = function(p, ctx)
    if not p.project_id then
      return -- a row without an id belongs to no project
    end
    local s, pf, af = p.start_date, p.planned_finish, p.actual_finish
    local problems = {}
    local column
    if s and pf and s > pf then
      problems[#problems + 1] = string.format("start %s is after planned finish %s", s, pf)
      column = "start_date"
    end
    if s and af and af < s then
      problems[#problems + 1] = string.format("actual finish %s is before start %s", af, s)
      column = column or "actual_finish"
    end
    if #problems > 0 then
      ctx.report(p, column, string.format("project %s: %s", p.project_id or "?", table.concat(problems, "; ")))
    end
  end,
}
