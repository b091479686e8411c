test {
  rule = "CST-003",
  name = "cost spent with no, zero or negative budget fails, whatever the status",
  data = {
    projects = [[
project_id,name,status,budget,actual_cost
PRJ-1001,Alpha,active,,100
PRJ-1002,Beta,closed,0,100
PRJ-1003,Gamma,proposed,-5,100
PRJ-1004,Delta,active,1000,100
]],
  },
  expect = { count = 3, keys = {"PRJ-1001", "PRJ-1002", "PRJ-1003"}, columns = {"budget", "budget", "budget"},
             lines = {2, 3, 4} },
}

test {
  rule = "CST-003",
  name = "no cost, zero cost, or a null project_id pass",
  data = {
    projects = [[
project_id,name,status,budget,actual_cost
PRJ-1001,Alpha,active,,
PRJ-1002,Beta,active,,0
PRJ-1003,Gamma,active,0,-10
,Nobody,active,,100
]],
  },
  expect = 0,
}

test {
  rule = "CST-003",
  name = "a budget that does not parse is null: DAT-001 there and a CST-003 finding",
  data = {
    projects = [[
project_id,name,status,budget,actual_cost
PRJ-1001,Alpha,active,lots,"$1,000"
]],
  },
  expect = { count = 1, messages = {"no budget is recorded"} },
}
