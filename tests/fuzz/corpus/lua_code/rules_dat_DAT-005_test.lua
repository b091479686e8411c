-- Tests of DAT-005: rows and headers that do not have the header's shape.
test {
  rule = "DAT-005",
  name = "short and long rows are one finding each, at their line",
  data = {
    projects = "project_id,name,status,sponsor\nPRJ-1,A,active\nPRJ-2,B,active,Kim,surplus\nPRJ-3,C,active,Lee\n",
  },
  expect = { count = 2, lines = {2, 3} },
}

test {
  rule = "DAT-005",
  name = "trailing empty cells lose nothing and are not reported",
  data = {
    projects = "project_id,name,status\nPRJ-1,A,active,,\n",
  },
  expect = 0,
}

test {
  rule = "DAT-005",
  name = "a header name used twice",
  data = {
    projects = "project_id,name,status,name\nPRJ-1,A,active,B\n",
  },
  expect = { count = 1, lines = {1}, columns = {"name"} },
}
