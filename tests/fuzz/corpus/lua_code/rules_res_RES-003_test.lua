test {
  rule = "RES-003",
  name = "a manager of four open projects fails once, on the first project's row",
  data = {
    projects = [[
project_id,name,status,manager
PRJ-1,A,active,Ann
PRJ-2,B,on_hold,Ann
PRJ-3,C,active, Ann
PRJ-4,D,active,Ann
PRJ-5,E,active,Bo
]],
  },
  expect = { count = 1, keys = {"Ann"}, lines = {2}, columns = {"manager"},
             messages = {"manager Ann runs 4 open projects"}, involves = {"PRJ-1,PRJ-2,PRJ-3,PRJ-4"} },
}

test {
  rule = "RES-003",
  name = "exactly max_open open projects pass; closed projects, null ids, other cases and blanks do not count",
  data = {
    projects = [[
project_id,name,status,manager
PRJ-1,A,active,Ann
PRJ-2,B,active,Ann
PRJ-3,C,active,Ann
PRJ-4,D,closed,Ann
PRJ-5,E,proposed,Ann
,F,active,Ann
PRJ-7,G,active,ann
PRJ-8,H,active,
PRJ-9,I,active,
PRJ-10,J,active,
PRJ-11,K,active,
]],
  },
  expect = 0,
}

test {
  rule = "RES-003",
  name = "duplicated project rows count twice; the line is the first open project's",
  data = {
    projects = [[
project_id,name,status,manager
PRJ-0,Z,closed,Ann
PRJ-1,A,active,Ann
PRJ-1,A,active,Ann
PRJ-2,B,active,Ann
PRJ-3,C,on_hold,Ann
]],
  },
  expect = { count = 1, keys = {"Ann"}, lines = {3} },
}

test {
  rule = "RES-003",
  name = "max_open can be set",
  params = { max_open = 1 },
  data = {
    projects = [[
project_id,name,status,manager
PRJ-1,A,active,Ann
PRJ-2,B,active,Ann
PRJ-3,C,active,Bo
]],
  },
  expect = { count = 1, keys = {"Ann"} },
}
