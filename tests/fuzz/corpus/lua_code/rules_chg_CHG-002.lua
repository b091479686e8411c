-- CHG-002: a change is not implemented before it was approved.
rule {
  id = "CHG-002",
  title = "Changes are not implemented before approval",
  severity = "error",
  domain = "CHG",
  gates = {"G3"},
  tables = {"changes"},
  each = "changes",
  doc = [[
A change request whose implemented_date is earlier than its approval_date.
Only changes with both dates recorded are judged; implementing on the day of
approval is fine. One finding per change.

Why it matters: approval after the fact is not control. The work (and its
cost and schedule impact) was committed before anyone entitled to decide had
decided, and the approval only papered over it. Repeated cases point at a
change board that is bypassed or that meets too rarely.

How to fix: if a date was mistyped, correct it. Otherwise record the change
as a process breach, review why the change board was bypassed, and make sure
urgent changes use the emergency approval route.]],
  check = function(c, ctx)
    local im, ap = c.implemented_date, c.approval_date
    if im and ap and im < ap then
      ctx.report(c, "implemented_date",
        string.format("change %s of project %s was implemented on %s, %d day%s before its approval on %s",
          c.change_id or "?", c.project_id or "?", im, ap - im, ap - im == 1 and "" or "s", ap))
    end
  end,
}
