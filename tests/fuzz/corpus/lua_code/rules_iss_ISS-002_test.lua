-- Tests of ISS-002: high and critical issues have an owner.
test {
  rule = "ISS-002",
  name = "unresolved high and critical issues without owner fail",
  data = {
    projects = "project_id,name,status\nPRJ-1001,A,active\n",
    issues = [[
issue_id,project_id,priority,owner,status
I1,PRJ-1001,High,,open
I2,PRJ-1001,critical,"   ",In Progress
I3,PRJ-1001,high,,
I4,PRJ-1001,high,,resolved
I5,PRJ-1001,critical,,closed
I6,PRJ-1001,medium,,open
I7,PRJ-1001,,,open
I8,PRJ-1001,high,Kim,open
I9,PRJ-1001,urgent,,open
]],
  },
  expect = { count = 3, keys = {"I1", "I2", "I3"}, lines = {2, 3, 4}, columns = {"owner", "owner", "owner"},
             messages = {"high-priority issue I1", "critical-priority issue I2", "status not recorded"} },
}

test {
  rule = "ISS-002",
  name = "owned or resolved high-priority issues pass",
  data = {
    projects = "project_id,name,status\nPRJ-1001,A,active\n",
    issues = "issue_id,project_id,priority,owner,status\nI1,PRJ-1001,critical,Kim,open\nI2,PRJ-1001,high,,closed\n",
  },
  expect = 0,
}

test {
  rule = "ISS-002",
  name = "an issues file without an owner column fails every open high-priority issue",
  data = {
    projects = "project_id,name,status\nPRJ-1001,A,active\n",
    issues = "issue_id,project_id,priority,status\nI1,PRJ-1001,high,open\nI2,PRJ-1001,low,open\n",
  },
  expect = { count = 1, keys = {"I1"} },
}

test {
  rule = "ISS-002",
  name = "skipped without issues.csv",
  data = { projects = "project_id,name,status\nPRJ-1001,A,active\n" },
  expect = "skipped",
}
