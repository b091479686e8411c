-- Tests of CHG-001: implemented changes record their approval.
test {
  rule = "CHG-001",
  name = "implemented changes without approver or approval date fail, one finding each",
  data = {
    projects = "project_id,name,status\nPRJ-1001,A,active\n",
    changes = [[
change_id,project_id,status,approved_by,approval_date,implemented_date
C1,PRJ-1001,Implemented,,2026-01-10,
C2,PRJ-1001,approved,Bob,,2026-02-01
C3,PRJ-1001,implemented,,,2026-02-01
C4,PRJ-1001,implemented,Bob,2026-01-10,2026-02-01
C5,PRJ-1001,submitted,,,
C6,PRJ-1001,implemented,   ,2026-01-10,
]],
  },
  expect = { count = 4, keys = {"C1", "C2", "C3", "C6"}, lines = {2, 3, 4, 7},
             columns = {"approved_by", "approval_date", "approved_by", "approved_by"},
             messages = {"no approver", "no approval date", "no approver and no approval date", "no approver"} },
}

test {
  rule = "CHG-001",
  name = "changes approved before implementation, or not implemented, pass",
  data = {
    projects = "project_id,name,status\nPRJ-1001,A,active\n",
    changes = [[
change_id,project_id,status,approved_by,approval_date,implemented_date
C1,PRJ-1001,implemented,Ann,2026-01-10,2026-01-20
C2,PRJ-1001,approved,,,
C3,PRJ-1001,rejected,,,
C4,PRJ-1001,,,,
]],
  },
  expect = 0,
}

test {
  rule = "CHG-001",
  name = "a change of an unknown or missing project is still judged",
  data = {
    projects = "project_id,name,status\nPRJ-1001,A,active\n",
    changes = "change_id,project_id,status,approved_by,approval_date\nC1,PRJ-9999,implemented,,\nC2,,implemented,,\n",
  },
  expect = { count = 2, keys = {"C1", "C2"} },
}

test {
  rule = "CHG-001",
  name = "skipped without changes.csv",
  data = { projects = "project_id,name,status\nPRJ-1001,A,active\n" },
  expect = "skipped",
}
