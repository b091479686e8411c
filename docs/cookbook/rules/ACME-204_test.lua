-- Tests of ACME-204.
test {
  rule = "ACME-204",
  name = "each priority has its own limit; critical and high are errors",
  as_of = "2026-06-30",
  data = {
    issues = [[
issue_id,project_id,priority,status,raised_date
I-1,P-1,critical,open,2026-06-24
I-2,P-1,critical,open,2026-06-25
I-3,P-1,high,in_progress,2026-06-19
I-4,P-1,medium,open,2026-05-30
I-5,P-1,low,open,2026-04-30
I-6,P-1,,open,2026-05-01
I-7,P-1,Urgent,open,2026-05-01
]],
  },
  expect = {
    count = 6,
    keys = {"I-1", "I-3", "I-4", "I-5", "I-6", "I-7"},
    severities = {"error", "error", "warning", "warning", "warning", "warning"},
    messages = {"(critical) has been open 6 days (max 5)", "(high) has been open 11 days (max 10)",
                "(medium) has been open 31 days (max 30)", "(low) has been open 61 days (max 60)",
                "(no priority) has been open 60 days (max 30)", "(no priority) has been open 60 days (max 30)"},
  },
}

test {
  rule = "ACME-204",
  name = "issues at their limit, resolved or closed issues, and issues without a raised date pass",
  as_of = "2026-06-30",
  data = {
    issues = {
      { issue_id = "I-1", project_id = "P-1", priority = "high", status = "open", raised_date = "2026-06-20" },
      { issue_id = "I-2", project_id = "P-1", priority = "low", status = "resolved", raised_date = "2025-01-01" },
      { issue_id = "I-3", project_id = "P-1", priority = "low", status = "closed", raised_date = "2025-01-01" },
      { issue_id = "I-4", project_id = "P-1", priority = "critical", status = "open" },
    },
  },
  expect = 0,
}

test {
  rule = "ACME-204",
  name = "the limits are a table param: a PMO can set its own",
  as_of = "2026-06-30",
  params = { max_age_days = { critical = 1, high = 2, medium = 90, low = 90 } },
  data = { issues = "issue_id,project_id,priority,status,raised_date\nI-1,P-1,medium,open,2026-05-01\nI-2,P-1,high,open,2026-06-27\n" },
  expect = { count = 1, keys = {"I-2"} },
}
