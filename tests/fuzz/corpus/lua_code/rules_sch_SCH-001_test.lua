-- Tests of SCH-001: milestones are not overdue.
test {
  rule = "SCH-001",
  name = "a due date before T fails; the forecast wins over the baseline; due on T passes",
  as_of = "2026-06-30",
  data = {
    projects = "project_id,name,status\nPRJ-1001,A,active\n",
    milestones = [[
milestone_id,project_id,baseline_date,forecast_date,actual_date,status
M1,PRJ-1001,2026-06-01,2026-06-29,,planned
M2,PRJ-1001,2026-06-29,,,missed
M3,PRJ-1001,2026-06-01,2026-06-30,,planned
M4,PRJ-1001,2026-06-01,2026-07-15,,planned
M5,PRJ-1001,,,,planned
]],
  },
  expect = { count = 2, keys = {"M1", "M2"}, lines = {2, 3}, columns = {"forecast_date", "baseline_date"},
             messages = {"1 day late", "1 day late"} },
}

test {
  rule = "SCH-001",
  name = "achieved and cancelled milestones, and those of closed or cancelled projects, pass",
  data = {
    projects = [[
project_id,name,status
PRJ-1001,A,active
PRJ-1002,B,closed
PRJ-1003,C,Cancelled
]],
    milestones = [[
milestone_id,project_id,baseline_date,forecast_date,actual_date,status
M1,PRJ-1001,2026-01-01,,,achieved
M2,PRJ-1001,2026-01-01,,2026-01-05,planned
M3,PRJ-1001,2026-01-01,,,cancelled
M4,PRJ-1002,2026-01-01,,,planned
M5,PRJ-1003,2026-01-01,,,planned
]],
  },
  expect = 0,
}

test {
  rule = "SCH-001",
  name = "a null status, an unknown or null project, proposed and on-hold projects are judged; the first project row decides",
  data = {
    projects = [[
project_id,name,status
PRJ-1001,first,active
PRJ-1001,second,closed
PRJ-1002,first,closed
PRJ-1002,second,active
PRJ-1003,third,proposed
PRJ-1004,fourth,on_hold
]],
    milestones = [[
milestone_id,project_id,baseline_date,forecast_date,status
M1,PRJ-1001,2026-01-01,,
M2,PRJ-9999,2026-01-01,,planned
M3,,2026-01-01,,bogus
M4,PRJ-1002,2026-01-01,,planned
M5,PRJ-1003,2026-01-01,,planned
M6,PRJ-1004,2026-01-01,,missed
]],
  },
  expect = { count = 5, keys = {"M1", "M2", "M3", "M5", "M6"} },
}

test {
  rule = "SCH-001",
  name = "the rule is skipped without milestones.csv",
  data = { projects = "project_id,name,status\nPRJ-1001,A,active\n" },
  expect = "skipped",
}
