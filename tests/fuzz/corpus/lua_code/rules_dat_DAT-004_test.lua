-- Tests of DAT-004: references to unknown projects and resources.
test {
  rule = "DAT-004",
  name = "unknown project and resource ids are findings when resources.csv exists",
  data = {
    projects = "project_id,name,status\nPRJ-1001,A,active\n",
    resources = "resource_id,name\nRES-1,Kim\n",
    timesheets = [[
resource_id,project_id,week_start,hours
RES-1,PRJ-1001,2026-03-02,8
RES-9,PRJ-1001,2026-03-02,8
RES-9,PRJ-0000,2026-03-02,8
RES-1,,2026-03-02,8
]],
  },
  expect = { count = 3, lines = {4, 4, 3}, columns = {"project_id", "resource_id", "resource_id"} },
}

test {
  rule = "DAT-004",
  name = "resource ids are not checked without resources.csv",
  data = {
    projects = "project_id,name,status\nPRJ-1001,A,active\n",
    allocations = "resource_id,project_id,start_date,end_date,percent\nRES-9,PRJ-1001,2026-01-01,2026-02-01,50\n",
  },
  expect = 0,
}

test {
  rule = "DAT-004",
  name = "a projects row with a blank id is no target",
  data = {
    projects = "project_id,name,status\nPRJ-1001,A,active\n,B,active\n",
    risks = "risk_id,project_id\nR1,PRJ-1001\nR2,PRJ-1002\n",
  },
  expect = { count = 1, keys = {"R2"}, messages = {"PRJ-1002"} },
}
