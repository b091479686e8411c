-- Tests of STD-002: open projects have a sponsor and a manager.
test {
  rule = "STD-002",
  name = "an open project missing both roles gets two findings",
  data = {
    projects = [[
project_id,name,status,sponsor,manager
PRJ-1001,both missing,active,,
PRJ-1002,no sponsor,On Hold,  ,Bo
]],
  },
  expect = { count = 3, keys = {"PRJ-1001", "PRJ-1001", "PRJ-1002"}, columns = {"manager", "sponsor", "sponsor"} },
}

test {
  rule = "STD-002",
  name = "closed, cancelled and proposed projects are not judged",
  data = {
    projects = [[
project_id,name,status,sponsor,manager
PRJ-1001,a,closed,,
PRJ-1002,b,cancelled,,
PRJ-1003,c,proposed,,
PRJ-1004,d,,,
]],
  },
  expect = 0,
}

test {
  rule = "STD-002",
  name = "a projects row without an id belongs to no project",
  data = { projects = "project_id,name,status,sponsor,manager\n,x,active,,\n" },
  expect = 0,
}

test {
  rule = "STD-002",
  name = "an open project with both roles passes",
  data = { projects = { { project_id = "PRJ-1001", name = "A", status = "active", sponsor = "Ann", manager = "Bo" } } },
  expect = 0,
}
