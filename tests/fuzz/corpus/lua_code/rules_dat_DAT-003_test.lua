-- Tests of DAT-003: duplicate keys.
test {
  rule = "DAT-003",
  name = "every later row with a used key is a finding, blank keys never",
  data = {
    projects = "project_id,name,status\nPRJ-1001,A,active\n",
    risks = [[
risk_id,project_id,title
R-1,PRJ-1001,a
R-2,PRJ-1001,b
R-1,PRJ-1001,c
,PRJ-1001,d
,PRJ-1001,e
R-1,PRJ-1001,f
]],
  },
  expect = { count = 2, keys = {"R-1", "R-1"}, lines = {4, 7}, messages = {"line 2", "line 2"} },
}

test {
  rule = "DAT-003",
  name = "unique keys and keyless tables pass",
  data = {
    projects = "project_id,name,status\nPRJ-1001,A,active\nPRJ-1002,B,active\n",
    timesheets = "resource_id,project_id,week_start,hours\nR1,PRJ-1001,2026-03-02,8\nR1,PRJ-1001,2026-03-02,8\n",
  },
  expect = 0,
}

test {
  rule = "DAT-003",
  name = "duplicate project ids are found too",
  data = {
    projects = "project_id,name,status\nPRJ-1001,A,active\nPRJ-1001,B,closed\n",
  },
  expect = { count = 1, keys = {"PRJ-1001"}, lines = {3} },
}
