-- ACME-204: stale open issues, with a limit per priority (a table-valued param).
rule {
  id = "ACME-204",
  title = "Open issues do not stay open longer than their priority allows",
  severity = "warning",
  domain = "ISS",
  tables = {"issues"},
  each = "issues",
  params = { max_age_days = { critical = 5, high = 10, medium = 30, low = 60 } },
  doc = [[
An open or in-progress issue raised longer ago than the limit for its
priority (`max_age_days`; an issue without a readable priority gets the
medium limit). Critical and high issues are errors, the others warnings.

Why it matters: an issue is a problem that is already hurting. One that
sits in the log past its priority's limit is not being worked.

How to fix: resolve it, escalate it, or lower its priority with a reason in
the log.]],
  check = function(i, ctx)
    if (i.status ~= "open" and i.status ~= "in_progress") or not i.raised_date then return end
    local limits = ctx.params.max_age_days
    local limit = limits[i.priority] or limits.medium
    local age = ctx.T - i.raised_date
    if age > limit then
      ctx.report{
        row = i, column = "raised_date",
        severity = (i.priority == "critical" or i.priority == "high") and "error" or "warning",
        message = string.format("issue %s (%s) has been open %d days (max %d)",
                                i.issue_id, i.priority or "no priority", age, limit),
      }
    end
  end,
}
