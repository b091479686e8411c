-- Tests of ACME-206.
test {
  rule = "ACME-206",
  name = "hours summed across projects above the cap are reported once per person and week",
  data = {
    timesheets = [[
resource_id,project_id,week_start,hours
R-1,P-1,2026-06-01,30
R-2,P-1,2026-06-01,48
R-1,P-2,2026-06-01,20
R-1,P-1,2026-06-08,24
R-1,P-2,2026-06-08,24.5
]],
  },
  expect = {
    count = 2, keys = {"R-1/2026-06-01", "R-1/2026-06-08"}, lines = {2, 5}, columns = {"hours", "hours"},
    messages = {"R-1 booked 50 hours in the week of 2026-06-01 (max 48): P-1 30, P-2 20",
                "R-1 booked 48.5 hours in the week of 2026-06-08 (max 48): P-1 24, P-2 24.5"},
  },
}

test {
  rule = "ACME-206",
  name = "exactly the cap passes, also when decimals sum to a hair above it (10.3 + 22.1 + 15.6); unreadable hours are left to DAT-001",
  data = {
    timesheets = [[
resource_id,project_id,week_start,hours
R-1,P-1,2026-06-01,10.3
R-1,P-2,2026-06-01,22.1
R-1,P-3,2026-06-01,15.6
R-2,P-1,2026-06-01,7.5h
R-2,P-2,2026-06-01,45
]],
  },
  expect = 0,
}

test {
  rule = "ACME-206",
  name = "max_hours follows the policy",
  params = { max_hours = 40 },
  data = { timesheets = "resource_id,project_id,week_start,hours\nR-1,P-1,2026-06-01,41\n" },
  expect = { count = 1, messages = {"(max 40)"} },
}
