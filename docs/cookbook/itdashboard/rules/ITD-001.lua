-- ITD-001: a project's cost variance is within the IT Dashboard's green band.
local bands = require("bands")

rule {
  id = "ITD-001",
  title = "Cost variance is in the green band",
  severity = "warning",
  domain = "CST",
  tables = {"projects"},
  each = "projects",
  params = { yellow = 10, red = 30 },
  doc = [[
A project whose cost variance (Cost Variance (%) of the IT Dashboard export,
the column cost_variance_pct) is `yellow` percent or more in either
direction. From `yellow` to under `red` it is a warning (the Dashboard's
yellow rating), `red` or more an error (red). A blank variance is not judged.

Why it matters: the Dashboard publishes these ratings; a red project draws
questions from OMB and the agency CIO before the next budget cycle.

How to fix: rebaseline the project with its approved change, or explain the
variance in the investment's risk log.]],
  check = function(row, ctx)
    bands.check(row, ctx, "cost_variance_pct", "cost")
  end,
}
