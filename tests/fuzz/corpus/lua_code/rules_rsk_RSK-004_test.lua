test {
  rule = "RSK-004",
  name = "a score that is not probability x impact fails",
  data = {
    risks = [[
risk_id,project_id,probability,impact,score
R-1,PRJ-1,3,4,16
R-2,PRJ-1,3,4,12
R-3,PRJ-1,1,1,0
]],
  },
  expect = { count = 2, keys = {"R-1", "R-3"}, columns = {"score", "score"},
             messages = {"score 16 but probability 3 x impact 4 = 12", "score 0"} },
}

test {
  rule = "RSK-004",
  name = "a risk missing the score, the probability or the impact is not judged",
  data = {
    risks = [[
risk_id,project_id,probability,impact,score
R-1,PRJ-1,3,4,
R-2,PRJ-1,,4,16
R-3,PRJ-1,3,,16
R-4,PRJ-1,3,4,twelve
]],
  },
  expect = 0,
}

test {
  rule = "RSK-004",
  name = "values off the 1-5 scale are still compared, whatever the status",
  data = {
    risks = [[
risk_id,project_id,probability,impact,score,status
R-1,PRJ-1,10,10,100,closed
R-2,PRJ-1,0,5,5,open
]],
  },
  expect = { count = 1, keys = {"R-2"} },
}
