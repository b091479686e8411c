local portfolio = require("portfolio")
rule { -- ISS-001: open issues are resolved by their due date.
  id = "ISS-001",
  title = "Open issues are not overdue",
  severity = "warning",
  domain = "ISS",
  gates = {"G3"},
  tables = {"issues"},
  each = "issues",
  doc = [[
An issue still open (status open, in_progress, or not recorded) whose
due_date is before T. An issue due on T itself is not yet overdue; issues
without a due_date are not judged. One finding per issue.

Why it matters: an issue is a problem that is already hurting the project.
One that passes its due date unresolved is either stuck (needs escalation)
or resolved without anyone updating the log, and in both cases the
project's reported status is wrong.

How to fix: resolve or escalate the issue and record the outcome, or agree
a new due date with its owner. Close issues that are in fact resolved, with
their resolved_date.]],
  check = function(i, ctx)
    local s, due = i.status, i.due_date
    if portfolio.unresolved_issue(i) and due and due < ctx.T then
      ctx.report(i, "due_date",
        string.format("issue %s of project %s (status %s) was due %s, %d day%s before %s",
          i.issue_id or "?", i.project_id or "?", s or "not recorded", due, ctx.T - due,
          ctx.T - due == 1 and "" or "s", ctx.T))
    end
  end,
}
