-- ACME-205: gate approvals by the wrong role (a row rule with a join).
rule {
  id = "ACME-205",
  title = "Stage gates are approved by the body that owns them",
  severity = "error",
  domain = "GOV",
  tables = {"milestones", "projects"},
  each = "milestones",
  params = { gate_approvers = { G1 = "Investment Committee" } },
  doc = [[
An achieved stage gate must be approved by its owner: the body named for
the gate in `gate_approvers` (G1, the investment decision, by the
Investment Committee), and every other gate by the project's sponsor.
Names are compared without regard to case.

Why it matters: a gate approved by the project manager or a deputy is no
independent decision, and audit will treat the stage as not authorised.

How to fix: have the right body approve the gate, and record its name in
approved_by.]],
  check = function(m, ctx)
    if not m.gate or m.status ~= "achieved" or not m.approved_by then return end
    local gate = m.gate:upper()                     -- " g1 " is read trimmed; upper() makes it G1
    local want, who = ctx.params.gate_approvers[gate], nil
    if want then
      who = want
    else
      local p = ctx.tables.projects:get(m.project_id)
      if not (p and p.sponsor) then return end    -- no sponsor to compare with: STD-002 reports that
      want, who = p.sponsor, p.sponsor .. " (the sponsor)"
    end
    if m.approved_by:lower() ~= want:lower() then
      ctx.report(m, "approved_by", string.format("gate %s of %s was approved by %s, expected %s",
                                                 gate, m.project_id, m.approved_by, who))
    end
  end,
}
