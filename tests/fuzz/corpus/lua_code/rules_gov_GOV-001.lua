local portfolio = require("portfolio")
rule { -- GOV-001: every gate that was passed was signed off.
  id = "GOV-001",
  title = "Achieved stage gates are approved",
  severity = "error",
  domain = "GOV",
  gates = {"G2", "G3", "G4"},
  tables = {"milestones"},
  each = "milestones",
  doc = [[
An achieved milestone (status achieved, or an actual_date recorded) that is a
stage gate (non-blank gate) but has a blank approved_by or no approval_date.
Every milestone row is judged, duplicated ids included.

Why it matters: a stage gate is a decision point where the sponsor or the
gate board confirms the project may move on. A gate marked as passed without
a named approver and a date is a gate nobody can show was decided: the audit
trail for the spend that followed is missing.

How to fix: record who approved the gate (approved_by) and when
(approval_date), from the gate review minutes. If nobody approved it, hold
the gate review now and reset the milestone until it is approved.]],
  check = function(m, ctx)
    if not portfolio.achieved(m) or pmo.blank(m.gate) then
      return
    end
    local no_by, no_date = pmo.blank(m.approved_by), m.approval_date == nil
    if not (no_by or no_date) then
      return
    end
    local what = no_by and no_date and "no approver and no approval date"
      or no_by and "no approver" or "no approval date"
    ctx.report(m, no_by and "approved_by" or "approval_date",
      string.format("gate %s milestone %s of project %s is achieved but has %s",
        m.gate, m.milestone_id or "?", m.project_id or "?", what))
  end,
}
