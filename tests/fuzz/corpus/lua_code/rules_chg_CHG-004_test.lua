-- Tests of CHG-004: submitted changes are decided within max_days.
test {
  rule = "CHG-004",
  name = "a change submitted more than 30 days before T fails; exactly 30 days passes",
  as_of = "2026-06-30",
  data = {
    projects = "project_id,name,status\nPRJ-1001,A,active\n",
    changes = [[
change_id,project_id,status,requested_date
C1,PRJ-1001,Submitted,2026-05-30
C2,PRJ-1001,submitted,2026-05-31
C3,PRJ-1001,approved,2026-01-01
C4,PRJ-1001,submitted,
C5,PRJ-1001,,2026-01-01
C6,PRJ-1001,submitted,2026-07-15
]],
  },
  expect = { count = 1, keys = {"C1"}, lines = {2}, columns = {"requested_date"}, messages = {"after 31 days"} },
}

test {
  rule = "CHG-004",
  name = "a longer max_days lets an older request pass",
  params = { max_days = 31 },
  data = {
    projects = "project_id,name,status\nPRJ-1001,A,active\n",
    changes = "change_id,project_id,status,requested_date\nC1,PRJ-1001,submitted,2026-05-30\nC2,PRJ-1001,submitted,2026-05-29\n",
  },
  expect = { count = 1, keys = {"C2"} },
}

test {
  rule = "CHG-004",
  name = "skipped without changes.csv",
  data = { projects = "project_id,name,status\nPRJ-1001,A,active\n" },
  expect = "skipped",
}

test {
  rule = "CHG-004",
  name = "recent or decided requests pass",
  as_of = "2026-06-30",
  data = {
    projects = "project_id,name,status\nPRJ-1001,A,active\n",
    changes = [[
change_id,project_id,status,requested_date
C1,PRJ-1001,submitted,2026-06-15
C2,PRJ-1001,rejected,2025-01-01
C3,PRJ-1001,withdrawn,2025-01-01
]],
  },
  expect = 0,
}
