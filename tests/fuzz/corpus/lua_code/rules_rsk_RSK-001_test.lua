test {
  rule = "RSK-001",
  name = "an open high risk without owner or mitigation fails once, naming the column",
  data = {
    risks = [[
risk_id,project_id,probability,impact,score,owner,mitigation,status
R-1,PRJ-1,3,5,,,Weekly review,open
R-2,PRJ-1,,,16,Ann,,mitigating
R-3,PRJ-1,5,5,25,,,
R-4,PRJ-1,5,5,25,Ann,Plan B,open
]],
  },
  expect = { count = 3, keys = {"R-1", "R-2", "R-3"}, lines = {2, 3, 4},
             columns = {"owner", "mitigation", "owner"},
             messages = {"score 15 (3 x 5) >= 15 but no owner", "no mitigation", "no owner and no mitigation"} },
}

test {
  rule = "RSK-001",
  name = "scores below min_score, closed or occurred risks and risks without a score pass",
  data = {
    risks = [[
risk_id,project_id,probability,impact,score,owner,mitigation,status
R-1,PRJ-1,2,7,,,,open
R-2,PRJ-1,5,5,14,,,open
R-3,PRJ-1,5,5,25,,,closed
R-4,PRJ-1,5,5,25,,,occurred
R-5,PRJ-1,5,,,,,open
R-6,PRJ-1,,,,,,open
]],
  },
  expect = 0,
}

test {
  rule = "RSK-001",
  name = "the score column wins over probability x impact; an invalid status counts as open",
  data = {
    risks = [[
risk_id,project_id,probability,impact,score,owner,mitigation,status
R-1,PRJ-1,5,5,4,,,open
R-2,PRJ-1,1,1,20,,,open
R-3,PRJ-1,4,4,,,,unknown
]],
  },
  expect = { count = 2, keys = {"R-2", "R-3"} },
}

test {
  rule = "RSK-001",
  name = "min_score can be set",
  params = { min_score = 20 },
  data = {
    risks = [[
risk_id,project_id,probability,impact,score,owner,mitigation,status
R-1,PRJ-1,4,5,,,,open
R-2,PRJ-1,,,19,,,open
]],
  },
  expect = { count = 1, keys = {"R-1"} },
}

test {
  rule = "RSK-001",
  name = "skipped without risks.csv",
  data = {
    projects = [[
project_id,name,status
PRJ-1,Alpha,active
]],
  },
  expect = "skipped",
}
