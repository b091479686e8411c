test {
  rule = "RSK-002",
  name = "open risks with a review date before T fail",
  as_of = "2026-06-30",
  data = {
    risks = [[
risk_id,project_id,status,review_date
R-1,PRJ-1,open,2026-06-29
R-2,PRJ-1,mitigating,2026-01-01
R-3,PRJ-1,,2026-06-01
R-4,PRJ-1,open,2026-06-30
]],
  },
  expect = { count = 3, keys = {"R-1", "R-2", "R-3"}, columns = {"review_date", "review_date", "review_date"},
             messages = {"(1 day before 2026-06-30)", "2026-01-01", "2026-06-01"} },
}

test {
  rule = "RSK-002",
  name = "closed or occurred risks, and risks without a review date, pass",
  as_of = "2026-06-30",
  data = {
    risks = [[
risk_id,project_id,status,review_date
R-1,PRJ-1,closed,2026-01-01
R-2,PRJ-1,occurred,2026-01-01
R-3,PRJ-1,open,
R-4,PRJ-1,open,2026-07-15
]],
  },
  expect = 0,
}

test {
  rule = "RSK-002",
  name = "T decides what is overdue",
  as_of = "2026-01-01",
  data = {
    risks = [[
risk_id,project_id,status,review_date
R-1,PRJ-1,open,2025-12-31
R-2,PRJ-1,open,2026-06-01
]],
  },
  expect = { count = 1, keys = {"R-1"} },
}
