test {
  rule = "RSK-005",
  name = "probability or impact outside 1..5 fails once per risk",
  data = {
    risks = [[
risk_id,project_id,probability,impact
R-1,PRJ-1,0,3
R-2,PRJ-1,3,6
R-3,PRJ-1,-1,70
R-4,PRJ-1,5,1
]],
  },
  expect = { count = 3, keys = {"R-1", "R-2", "R-3"}, columns = {"probability", "impact", "probability"},
             messages = {"probability 0 outside", "impact 6 outside", "probability -1 and impact 70"} },
}

test {
  rule = "RSK-005",
  name = "the scale's ends and empty or invalid values pass",
  data = {
    risks = [[
risk_id,project_id,probability,impact,status
R-1,PRJ-1,1,5,open
R-2,PRJ-1,5,1,closed
R-3,PRJ-1,,,open
R-4,PRJ-1,,3,open
R-5,PRJ-1,2.5,high,open
]],
  },
  expect = 0,
}

test {
  rule = "RSK-005",
  name = "one value set and off the scale is enough",
  data = {
    risks = [[
risk_id,project_id,probability,impact
R-1,PRJ-1,,9
]],
  },
  expect = { count = 1, columns = {"impact"} },
}
