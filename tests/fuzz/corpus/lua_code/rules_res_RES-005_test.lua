test {
  rule = "RES-005",
  name = "hours in weeks starting after a closed or cancelled project's actual finish fail",
  data = {
    projects = [[
project_id,name,status,actual_finish
PRJ-1,Alpha,closed,2026-03-01
PRJ-2,Beta,cancelled,2026-03-01
PRJ-3,Gamma,active,2026-03-01
]],
    timesheets = [[
resource_id,project_id,week_start,hours
R1,PRJ-1,2026-03-01,8
R1,PRJ-1,2026-03-02,8
R2,PRJ-2,2026-03-09T00:00:00Z,8
R3,PRJ-3,2026-03-09,8
]],
  },
  expect = { count = 2, lines = {3, 4}, columns = {"week_start", "week_start"}, projects = {"PRJ-1", "PRJ-2"} },
}

test {
  rule = "RES-005",
  name = "no actual finish, unknown or null projects and null weeks are not judged",
  data = {
    projects = [[
project_id,name,status,actual_finish
PRJ-1,Alpha,closed,
PRJ-2,Beta,closed,2026-03-01
]],
    timesheets = [[
resource_id,project_id,week_start,hours
R1,PRJ-1,2026-06-01,8
R1,PRJ-9,2026-06-01,8
R1,,2026-06-01,8
R1,PRJ-2,,8
]],
  },
  expect = 0,
}

test {
  rule = "RES-005",
  name = "a duplicated project id uses the first row",
  data = {
    projects = [[
project_id,name,status,actual_finish
PRJ-1,Alpha,active,2026-03-01
PRJ-1,Alpha old,closed,2026-03-01
PRJ-2,Beta,closed,2026-03-01
PRJ-2,Beta new,active,
]],
    timesheets = [[
resource_id,project_id,week_start,hours
R1,PRJ-1,2026-06-01,8
R1,PRJ-2,2026-06-01,8
]],
  },
  expect = { count = 1, lines = {3} },
}

test {
  rule = "RES-005",
  name = "skipped without timesheets.csv",
  data = {
    projects = [[
project_id,name,status,actual_finish
PRJ-1,Alpha,closed,2026-03-01
]],
  },
  expect = "skipped",
}
