-- Tests of DAT-002: empty cells in required columns.
test {
  rule = "DAT-002",
  name = "each empty required cell is one finding",
  data = {
    projects = "project_id,name,status\nPRJ-1001,A,active\n",
    allocations = [[
resource_id,project_id,start_date,end_date,percent
R1,,2026-01-01,,50
  ,PRJ-1001,2026-01-01,2026-03-31,
]],
  },
  expect = { count = 4, lines = {3, 3, 2, 2}, columns = {"percent", "resource_id", "end_date", "project_id"} },
}

test {
  rule = "DAT-002",
  name = "a required cell that fails to parse is DAT-001's, not DAT-002's",
  data = {
    projects = "project_id,name,status\nPRJ-1001,A,someday\n",
  },
  expect = 0,
}

test {
  rule = "DAT-002",
  name = "optional columns may be empty",
  data = {
    projects = "project_id,name,status,sponsor\nPRJ-1001,A,active,\n",
    lessons = "lesson_id,project_id,lesson\n,PRJ-1001,\n",
  },
  expect = 0,
}
