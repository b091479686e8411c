-- Tests of SCH-002: milestones have not slipped beyond tolerance.
test {
  rule = "SCH-002",
  name = "a slip over 30 days fails, exactly 30 passes, and the actual date wins over the forecast",
  data = {
    milestones = [[
milestone_id,project_id,baseline_date,forecast_date,actual_date,status
M1,PRJ-1001,2026-01-01,2026-02-01,,planned
M2,PRJ-1001,2026-01-01,2026-01-31,,planned
M3,PRJ-1001,2026-01-01,2026-01-05,2026-02-15,achieved
M4,PRJ-1001,2026-01-01,2026-03-01,2026-01-10,achieved
M5,PRJ-1002,2026-01-01,2026-06-01,,
]],
  },
  expect = { count = 3, keys = {"M1", "M3", "M5"}, columns = {"forecast_date", "actual_date", "forecast_date"},
             messages = {"slipped 31 days", "slipped 45 days", "slipped 151 days"} },
}

test {
  rule = "SCH-002",
  name = "cancelled milestones, and those without a baseline or without a later date, pass",
  data = {
    milestones = [[
milestone_id,project_id,baseline_date,forecast_date,actual_date,status
M1,PRJ-1001,2026-01-01,2026-06-01,,cancelled
M2,PRJ-1001,,2026-06-01,,planned
M3,PRJ-1001,2026-01-01,,,planned
M4,PRJ-1001,2026-06-01,2026-01-01,,planned
]],
  },
  expect = 0,
}

test {
  rule = "SCH-002",
  name = "the tolerance follows max_slip_days",
  params = { max_slip_days = 10 },
  data = {
    milestones = [[
milestone_id,project_id,baseline_date,forecast_date,status
M1,PRJ-1001,2026-01-01,2026-01-11,planned
M2,PRJ-1001,2026-01-01,2026-01-12,planned
]],
  },
  expect = { count = 1, keys = {"M2"} },
}

test {
  rule = "SCH-002",
  name = "the rule is skipped without milestones.csv",
  data = { projects = "project_id,name,status\nPRJ-1001,A,active\n" },
  expect = "skipped",
}
