-- Tests of GOV-001: achieved stage gates are approved.
test {
  rule = "GOV-001",
  name = "achieved gates without approver or approval date fail, one finding per milestone",
  data = {
    milestones = [[
milestone_id,project_id,gate,actual_date,status,approved_by,approval_date
M1,PRJ-1001,G1,,achieved,,2026-01-10
M2,PRJ-1001,G2,2026-03-01,planned,Ann,
M3,PRJ-1002,G1,2026-02-01,Achieved,,
M4,PRJ-1002,G2,,achieved,Ann,soon
]],
  },
  expect = { count = 4, keys = {"M1", "M2", "M3", "M4"}, lines = {2, 3, 4, 5},
             columns = {"approved_by", "approval_date", "approved_by", "approval_date"},
             messages = {"no approver", "no approval date", "no approver and no approval date", "no approval date"} },
}

test {
  rule = "GOV-001",
  name = "approved gates, non-gate milestones and gates not yet achieved pass",
  data = {
    milestones = [[
milestone_id,project_id,gate,actual_date,status,approved_by,approval_date
M1,PRJ-1001,G1,2026-01-05,achieved,Ann,2026-01-10
M2,PRJ-1001,,2026-03-01,achieved,,
M3,PRJ-1001,  ,2026-03-01,achieved,,
M4,PRJ-1002,G2,,planned,,
M5,PRJ-1002,G3,,,,
M6,PRJ-1002,G3,,missed,,
]],
  },
  expect = 0,
}

test {
  rule = "GOV-001",
  name = "a duplicated milestone id is judged on every row",
  data = {
    milestones = [[
milestone_id,project_id,gate,status,approved_by,approval_date
M1,PRJ-1001,G1,achieved,Ann,2026-01-10
M1,PRJ-1001,G1,achieved,  ,2026-01-10
]],
  },
  expect = { count = 1, lines = {3}, columns = {"approved_by"} },
}

test {
  rule = "GOV-001",
  name = "the rule is skipped without milestones.csv",
  data = { projects = "project_id,name,status\nPRJ-1001,A,active\n" },
  expect = "skipped",
}
