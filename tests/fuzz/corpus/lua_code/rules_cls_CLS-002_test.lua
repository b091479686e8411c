-- Tests of CLS-002: closed projects have an actual finish date.
test {
  rule = "CLS-002",
  name = "a closed project without actual finish fails",
  data = {
    projects = [[
project_id,name,status,actual_finish
PRJ-1001,A,closed,
PRJ-1002,B,closed,2026-01-31
PRJ-1003,C,cancelled,
PRJ-1004,D,active,
,E,closed,
PRJ-1006,F,closed,31/01/2026
]],
  },
  expect = { count = 2, keys = {"PRJ-1001", "PRJ-1006"}, lines = {2, 7},
             columns = {"actual_finish", "actual_finish"} },
}

test {
  rule = "CLS-002",
  name = "closed projects with an actual finish pass",
  data = {
    projects = "project_id,name,status,actual_finish\nPRJ-1001,A,closed,2026-01-31\nPRJ-1002,B,on hold,\n",
  },
  expect = 0,
}

test {
  rule = "CLS-002",
  name = "a projects file without the actual_finish column fails every closed project",
  data = { projects = "project_id,name,status\nPRJ-1001,A,closed\nPRJ-1002,B,active\n" },
  expect = { count = 1, keys = {"PRJ-1001"} },
}
