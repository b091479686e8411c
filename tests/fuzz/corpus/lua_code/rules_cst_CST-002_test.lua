test {
  rule = "CST-002",
  name = "an EAC above budget plus 10% fails",
  data = {
    projects = [[
project_id,name,status,budget,earned_value,actual_cost
PRJ-1001,Alpha,active,1000,500,560
PRJ-1002,Beta,on_hold,1000,500,540
]],
  },
  expect = { count = 1, keys = {"PRJ-1001"}, lines = {2}, messages = {"EAC 1,120 > budget 1,000 + 10% = 1,100"} },
}

test {
  rule = "CST-002",
  name = "an EAC exactly at the limit passes",
  data = {
    projects = [[
project_id,name,status,budget,earned_value,actual_cost
PRJ-1001,Alpha,active,1000,100,110
PRJ-1002,Beta,active,"$25,000,000.00","$19,146,642.83","$21,061,307.113"
PRJ-1003,Gamma,active,"$25,000,000.00","$19,146,642.83","$21,061,307.114"
PRJ-1004,Delta,active,3,0.3,0.33
]],
  },
  expect = { count = 1, keys = {"PRJ-1003"} },
}

test {
  rule = "CST-002",
  name = "closed projects, null ids and null, zero or negative budget, AC or EV are not judged",
  data = {
    projects = [[
project_id,name,status,budget,earned_value,actual_cost
PRJ-1001,Alpha,closed,1000,100,500
PRJ-1002,Beta,active,,100,500
PRJ-1003,Gamma,active,0,100,500
PRJ-1004,Delta,active,-1000,100,500
PRJ-1005,Eps,active,1000,0,500
PRJ-1006,Zeta,active,1000,100,0
PRJ-1007,Eta,active,1000,,500
,Nobody,active,1000,100,500
]],
  },
  expect = 0,
}

test {
  rule = "CST-002",
  name = "max_overrun can be set",
  params = { max_overrun = 0.2 },
  data = {
    projects = [[
project_id,name,status,budget,earned_value,actual_cost
PRJ-1001,Alpha,active,1000,100,115
PRJ-1002,Beta,active,1000,100,120
PRJ-1003,Gamma,active,1000,100,121
]],
  },
  expect = { count = 1, keys = {"PRJ-1003"} },
}

test {
  rule = "CST-002",
  name = "large amounts exactly at the limit pass (exact decimal, where rounded doubles give AC > 1.2 x EV)",
  params = { max_overrun = 0.2 },
  data = {
    projects = [[
project_id,name,status,budget,earned_value,actual_cost
PRJ-1001,Alpha,active,"$20,000,000","$10,731,234.36","$12,877,481.232"
PRJ-1002,Beta,active,"$20,000,000","$10,731,234.36","$12,877,481.233"
]],
  },
  expect = { count = 1, keys = {"PRJ-1002"} },
}
