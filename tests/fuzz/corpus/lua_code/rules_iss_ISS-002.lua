local portfolio = require("portfolio")
rule { -- ISS-002: high-priority issues have an owner.
  id = "ISS-002",
  title = "High and critical issues have an owner",
  severity = "error",
  domain = "ISS",
  gates = {"G3"},
  tables = {"issues"},
  each = "issues",
  doc = [[
An issue with priority high or critical, not resolved or closed (a status
that is not recorded counts as still open), whose owner is blank. One
finding per issue.

Why it matters: an issue nobody owns is an issue nobody is resolving. For
high and critical issues that means the biggest threats to the project's
delivery have no one accountable for the fix, and nobody to ask for
progress at the status meeting.

How to fix: assign an owner (a named person, not a team) with the authority
to resolve the issue, and record them in the issue log. If the issue is in
fact resolved, close it with its resolved_date.]],
  check = function(i, ctx)
    local s, pr = i.status, i.priority
    if (pr == "high" or pr == "critical") and portfolio.unresolved_issue(i) and pmo.blank(i.owner) then
      ctx.report(i, "owner",
        string.format("%s-priority issue %s of project %s (status %s) has no owner",
          pr, i.issue_id or "?", i.project_id or "?", s or "not recorded"))
    end
  end,
}
