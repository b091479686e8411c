-- CHG-001: an implemented change was approved first (approver and date recorded).
rule {
  id = "CHG-001",
  title = "Implemented changes record their approval",
  severity = "error",
  domain = "CHG",
  gates = {"G3", "G4"},
  tables = {"changes"},
  each = "changes",
  doc = [[
A change request that is implemented (status implemented, or an
implemented_date recorded whatever its status) but whose approved_by is
blank or whose approval_date is missing. One finding per change; every row
is judged, including changes with no project.

Why it matters: change control exists so that scope, cost and schedule only
move with the agreement of someone entitled to agree. An implemented change
with no recorded approval is either an unauthorised change (scope creep
paid for without a decision) or an approval that cannot be evidenced at
audit.

How to fix: record who approved the change and when, from the change board
minutes or the approval e-mail. If nobody approved it, take it to the change
board retrospectively and record the outcome.]],
  check = function(c, ctx)
    if c.status ~= "implemented" and not c.implemented_date then
      return
    end
    local no_approver, no_date = pmo.blank(c.approved_by), c.approval_date == nil
    if not (no_approver or no_date) then
      return
    end
    local what
    if no_approver and no_date then
      what = "no approver and no approval date"
    elseif no_approver then
      what = "no approver"
    else
      what = "no approval date"
    end
    local done = c.implemented_date and ("was implemented on " .. tostring(c.implemented_date))
      or "is implemented"
    ctx.report(c, no_approver and "approved_by" or "approval_date",
      string.format("change %s of project %s %s but has %s", c.change_id or "?", c.project_id or "?",
        done, what))
  end,
}
