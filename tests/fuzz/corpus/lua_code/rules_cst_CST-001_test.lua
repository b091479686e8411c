test {
  rule = "CST-001",
  name = "CPI below error_below is an error, below warn_below a warning",
  data = {
    projects = [[
project_id,name,status,earned_value,actual_cost
PRJ-1001,Alpha,active,79,100
PRJ-1002,Beta,on_hold,85,100
PRJ-1003,Gamma,active,95,100
]],
  },
  expect = { count = 2, keys = {"PRJ-1001", "PRJ-1002"}, lines = {2, 3},
             severities = {"error", "warning"}, messages = {"CPI 0.79 < 0.80", "CPI 0.85 < 0.90"} },
}

test {
  rule = "CST-001",
  name = "a CPI exactly at a threshold is not below it",
  data = {
    projects = [[
project_id,name,status,earned_value,actual_cost
PRJ-1001,Alpha,active,90,100
PRJ-1002,Beta,active,"$80,000","$100,000"
]],
  },
  expect = { count = 1, keys = {"PRJ-1002"}, severities = {"warning"} },
}

test {
  rule = "CST-001",
  name = "closed or proposed projects, zero or null cost, null EV and null ids are not judged",
  data = {
    projects = [[
project_id,name,status,earned_value,actual_cost
PRJ-1001,Alpha,closed,10,100
PRJ-1002,Beta,proposed,10,100
PRJ-1003,Gamma,active,-10,0
PRJ-1004,Delta,active,10,
PRJ-1005,Eps,active,,100
,Nobody,active,10,100
PRJ-1006,Zeta,cancelled,10,100
]],
  },
  expect = 0,
}

test {
  rule = "CST-001",
  name = "zero earned value with cost spent is an error; thresholds can be set",
  params = { warn_below = 0.95, error_below = 0.5 },
  data = {
    projects = [[
project_id,name,status,earned_value,actual_cost
PRJ-1001,Alpha,active,0,100
PRJ-1002,Beta,active,94,100
PRJ-1003,Gamma,active,60,100
]],
  },
  expect = { count = 3, severities = {"error", "warning", "warning"} },
}

test {
  rule = "CST-001",
  name = "duplicated project rows are each judged",
  data = {
    projects = [[
project_id,name,status,earned_value,actual_cost
PRJ-1001,Alpha,active,50,100
PRJ-1001,Alpha again,active,50,100
]],
  },
  expect = { count = 2, lines = {2, 3} },
}
