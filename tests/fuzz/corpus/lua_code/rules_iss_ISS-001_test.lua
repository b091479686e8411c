-- Tests of ISS-001: open issues are not overdue.
test {
  rule = "ISS-001",
  name = "open, in-progress and status-less issues due before T fail",
  as_of = "2026-06-30",
  data = {
    projects = "project_id,name,status\nPRJ-1001,A,active\n",
    issues = [[
issue_id,project_id,status,due_date
I1,PRJ-1001,Open,2026-06-29
I2,PRJ-1001,open,2026-06-30
I3,PRJ-1001,In Progress,2026-01-01
I4,PRJ-1001,,2026-01-01
I5,PRJ-1001,resolved,2026-01-01
I6,PRJ-1001,closed,2026-01-01
I7,PRJ-1001,open,
I8,,open,2026-01-01
]],
  },
  expect = { count = 4, keys = {"I1", "I3", "I4", "I8"}, lines = {2, 4, 5, 9},
             columns = {"due_date", "due_date", "due_date", "due_date"},
             messages = {"was due 2026-06-29, 1 day before 2026-06-30", "in_progress", "not recorded", "I8"} },
}

test {
  rule = "ISS-001",
  name = "issues due on or after T, or done, pass",
  as_of = "2026-06-30",
  data = {
    projects = "project_id,name,status\nPRJ-1001,A,active\n",
    issues = "issue_id,project_id,status,due_date\nI1,PRJ-1001,open,2026-06-30\nI2,PRJ-1001,in_progress,2026-07-31\nI3,PRJ-1001,resolved,2025-01-01\n",
  },
  expect = 0,
}

test {
  rule = "ISS-001",
  name = "an invalid status reads as null, so the issue counts as open",
  as_of = "2026-06-30",
  data = {
    projects = "project_id,name,status\nPRJ-1001,A,active\n",
    issues = "issue_id,project_id,status,due_date\nI1,PRJ-1001,on hold,2026-06-01\n",
  },
  expect = { count = 1, keys = {"I1"} },
}

test {
  rule = "ISS-001",
  name = "skipped without issues.csv",
  data = { projects = "project_id,name,status\nPRJ-1001,A,active\n" },
  expect = "skipped",
}
