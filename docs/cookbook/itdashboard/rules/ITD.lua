-- ITD-001 and ITD-002: a project's cost and schedule variances are within
-- the IT Dashboard's green band. The two rules differ only in the column they
-- judge, so one function declares both.
local bands = require("bands")

local function variance_rule(id, domain, what, column, label)
  rule {
    id = id,
    title = what:gsub("^%l", string.upper) .. " variance is in the green band",
    severity = "warning",
    domain = domain,
    tables = {"projects"},
    each = "projects",
    params = { yellow = 10, red = 30 },
    doc = ([[
A project whose %s variance (%s of the IT Dashboard export, the column
%s) is `yellow` percent or more in either direction. From `yellow` to
under `red` it is a warning (the Dashboard's yellow rating), `red` or more
an error (red). A blank variance is not judged.

Why it matters: the Dashboard publishes these ratings; a red project draws
questions from OMB and the agency CIO before the next budget cycle.

How to fix: rebaseline the project with its approved change, or explain the
variance in the investment's risk log.]]):format(what, label, column),
    check = function(row, ctx)
      bands.check(row, ctx, column, what)
    end,
  }
end

variance_rule("ITD-001", "CST", "cost", "cost_variance_pct", "Cost Variance (%)")
variance_rule("ITD-002", "SCH", "schedule", "schedule_variance_pct", "Schedule Variance (%)")
