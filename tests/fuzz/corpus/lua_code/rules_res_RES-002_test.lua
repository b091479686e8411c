test {
  rule = "RES-002",
  name = "allocations of closed or cancelled projects that end on or after T fail",
  as_of = "2026-06-30",
  data = {
    projects = [[
project_id,name,status
PRJ-1,Alpha,closed
PRJ-2,Beta,cancelled
PRJ-3,Gamma,active
]],
    allocations = [[
resource_id,project_id,start_date,end_date,percent
R1,PRJ-1,2026-01-01,2026-06-30,50
R2,PRJ-2,2026-01-01,2026-09-30,50
R3,PRJ-1,2026-01-01,2026-06-29,50
R4,PRJ-3,2026-01-01,2026-12-31,50
]],
  },
  expect = { count = 2, lines = {2, 3}, columns = {"end_date", "end_date"}, projects = {"PRJ-1", "PRJ-2"} },
}

test {
  rule = "RES-002",
  name = "unknown projects, null project ids and null end dates are not judged",
  data = {
    projects = [[
project_id,name,status
PRJ-1,Alpha,closed
]],
    allocations = [[
resource_id,project_id,start_date,end_date,percent
R1,PRJ-9,2026-01-01,2026-12-31,50
R2,,2026-01-01,2026-12-31,50
R3,PRJ-1,2026-01-01,,50
]],
  },
  expect = 0,
}

test {
  rule = "RES-002",
  name = "a duplicated project id uses the first row's status",
  data = {
    projects = [[
project_id,name,status
PRJ-1,Alpha,active
PRJ-1,Alpha old,closed
PRJ-2,Beta,cancelled
PRJ-2,Beta new,active
]],
    allocations = [[
resource_id,project_id,start_date,end_date,percent
R1,PRJ-1,2026-01-01,2026-12-31,50
R2,PRJ-2,2026-01-01,2026-12-31,50
]],
  },
  expect = { count = 1, lines = {3}, projects = {"PRJ-2"} },
}

test {
  rule = "RES-002",
  name = "skipped without allocations.csv",
  data = {
    projects = [[
project_id,name,status
PRJ-1,Alpha,closed
]],
  },
  expect = "skipped",
}
