-- Tests of CHG-002: changes are not implemented before approval.
test {
  rule = "CHG-002",
  name = "a change implemented before its approval fails",
  data = {
    projects = "project_id,name,status\nPRJ-1001,A,active\n",
    changes = [[
change_id,project_id,status,approved_by,approval_date,implemented_date
C1,PRJ-1001,implemented,Bob,2026-01-10,2026-01-05
C2,PRJ-1001,implemented,Bob,2026-01-10,2026-01-10
C3,PRJ-1001,implemented,Bob,2026-01-10,2026-01-11
]],
  },
  expect = { count = 1, keys = {"C1"}, lines = {2}, columns = {"implemented_date"},
             messages = {"2026-01-05, 5 days before its approval on 2026-01-10"} },
}

test {
  rule = "CHG-002",
  name = "implementation on the approval day, or a missing date, passes",
  data = {
    projects = "project_id,name,status\nPRJ-1001,A,active\n",
    changes = [[
change_id,project_id,status,approved_by,approval_date,implemented_date
C1,PRJ-1001,implemented,Bob,2026-01-10,2026-01-10
C2,PRJ-1001,implemented,Bob,,2026-01-05
C3,PRJ-1001,approved,Bob,2026-01-10,
C4,PRJ-1001,implemented,Bob,2026-01-10,2026-01-xx
]],
  },
  expect = 0,
}

test {
  rule = "CHG-002",
  name = "skipped without changes.csv",
  data = { projects = "project_id,name,status\nPRJ-1001,A,active\n" },
  expect = "skipped",
}
