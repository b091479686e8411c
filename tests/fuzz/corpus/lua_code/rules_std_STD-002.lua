local portfolio = require("portfolio")
rule { -- STD-002: open projects name an accountable sponsor and a project manager.
  id = "STD-002",
  title = "Open projects have a sponsor and a manager",
  severity = "error",
  domain = "STD",
  gates = {"G1", "G2", "G3"},
  tables = {"projects"},
  each = "projects",
  doc = [[
An open project (status active or on_hold) with a blank sponsor, and one
with a blank manager: two findings when both are missing.

Rows without a project_id belong to no project and are left out.

Why it matters: every project needs an accountable executive who owns the
business case and a manager who runs the work. Without them there is nobody
to escalate to, approve changes or sign off gates.

How to fix: record the sponsor and the manager in the project register; if
nobody will take the role, the project should be put on hold or stopped.]],
  check = function(p, ctx)
    if not p.project_id or not portfolio.open_project(p) then
      return -- a row without an id belongs to no project
    end
    if pmo.blank(p.sponsor) then
      ctx.report(p, "sponsor", string.format("%s project %s has no sponsor", p.status, p.project_id or "?"))
    end
    if pmo.blank(p.manager) then
      ctx.report(p, "manager", string.format("%s project %s has no project manager", p.status, p.project_id or "?"))
    end
  end,
}
