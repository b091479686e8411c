test {
  rule = "RSK-003",
  name = "an active project with no risk, or only closed ones, fails",
  data = {
    projects = [[
project_id,name,status
PRJ-1,Alpha,active
PRJ-2,Beta,active
PRJ-3,Gamma,active
]],
    risks = [[
risk_id,project_id,status
R-1,PRJ-2,closed
R-2,PRJ-2,occurred
R-3,PRJ-3,mitigating
]],
  },
  expect = { count = 2, keys = {"PRJ-1", "PRJ-2"}, lines = {2, 3},
             messages = {"has no risks", "no open risk (2 closed or occurred)"} },
}

test {
  rule = "RSK-003",
  name = "a risk with a null status is open; non-active projects and null ids are not judged",
  data = {
    projects = [[
project_id,name,status
PRJ-1,Alpha,active
PRJ-2,Beta,on_hold
PRJ-3,Gamma,proposed
,Nobody,active
]],
    risks = [[
risk_id,project_id,status
R-1,PRJ-1,
]],
  },
  expect = 0,
}

test {
  rule = "RSK-003",
  name = "risks of another project or with no project do not count; duplicated project rows each fail",
  data = {
    projects = [[
project_id,name,status
PRJ-1,Alpha,active
PRJ-1,Alpha again,active
]],
    risks = [[
risk_id,project_id,status
R-1,PRJ-2,open
R-2,,open
R-3,prj-1,open
]],
  },
  expect = { count = 2, lines = {2, 3} },
}

test {
  rule = "RSK-003",
  name = "skipped without risks.csv",
  data = {
    projects = [[
project_id,name,status
PRJ-1,Alpha,active
]],
  },
  expect = "skipped",
}
