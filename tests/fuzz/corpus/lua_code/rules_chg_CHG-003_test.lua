-- Tests of CHG-003: large changes are approved by the project sponsor.
local PROJECTS = [[
project_id,name,status,sponsor,budget
PRJ-1001,A,active,Alice Smith,1000
PRJ-1002,B,active,,1000
PRJ-1003,C,active,Carol,0
PRJ-1004,D,active,Dan,
PRJ-1005,E,closed,Eve,"$43,169,787.30"
]]

test {
  rule = "CHG-003",
  name = "a change above share x budget approved by someone other than the sponsor fails",
  data = {
    projects = PROJECTS,
    changes = [[
change_id,project_id,cost_impact,status,approved_by
C1,PRJ-1001,100.01,approved,Bob
C2,PRJ-1001,100,approved,Bob
C3,PRJ-1001,500,approved, alice SMITH 
C4,PRJ-1002,500,approved,Bob
C5,PRJ-1003,500,approved,Bob
C6,PRJ-1004,500,approved,Bob
C7,PRJ-9999,500,approved,Bob
C8,PRJ-1001,500,approved,
C9,PRJ-1001,,approved,Bob
C10,,500,approved,Bob
]],
  },
  expect = { count = 2, keys = {"C1", "C4"}, lines = {2, 5}, columns = {"approved_by", "approved_by"},
             messages = {"cost impact 100.01 > 10% of budget 1,000.00", "no sponsor"} },
}

test {
  rule = "CHG-003",
  name = "a cost exactly share x budget is not above it, even for a large budget",
  data = {
    projects = PROJECTS,
    changes = [[
change_id,project_id,cost_impact,status,approved_by
C1,PRJ-1005,"$4,316,978.73",approved,Bob
C2,PRJ-1005,"$4,316,978.74",approved,Bob
]],
  },
  expect = { count = 1, keys = {"C2"} },
}

test {
  rule = "CHG-003",
  name = "the approver is compared case-insensitively beyond ASCII",
  data = {
    projects = "project_id,name,status,sponsor,budget\nPRJ-1001,A,active,Zoë Ärger,1000\nPRJ-1002,B,active,Zoë.Ärger (CFO),1000\n",
    changes = [[
change_id,project_id,cost_impact,status,approved_by
C1,PRJ-1001,500,approved,ZOË ÄRGER
C2,PRJ-1001,500,approved,Zoe Arger
C3,PRJ-1002,500,approved,zoË.äRGER (cfo)
C4,PRJ-1002,500,approved,ZOËxÄRGER (CFO)
]],
  },
  expect = { count = 2, keys = {"C2", "C4"} },
}

test {
  rule = "CHG-003",
  name = "a duplicated project is judged on its first row",
  data = {
    projects = "project_id,name,status,sponsor,budget\nPRJ-1001,A,active,Bob,1000\nPRJ-1001,A2,active,Carol,100000\n",
    changes = "change_id,project_id,cost_impact,status,approved_by\nC1,PRJ-1001,500,approved,Carol\nC2,PRJ-1001,500,approved,bob\n",
  },
  expect = { count = 1, keys = {"C1"}, messages = {"not the sponsor \"Bob\""} },
}

test {
  rule = "CHG-003",
  name = "a higher share lets the change pass",
  params = { share = 0.6 },
  data = {
    projects = PROJECTS,
    changes = "change_id,project_id,cost_impact,status,approved_by\nC1,PRJ-1001,600,approved,Bob\nC2,PRJ-1001,601,approved,Bob\n",
  },
  expect = { count = 1, keys = {"C2"} },
}

test {
  rule = "CHG-003",
  name = "skipped without changes.csv",
  data = { projects = PROJECTS },
  expect = "skipped",
}

test {
  rule = "CHG-003",
  name = "sponsor-approved and small changes pass",
  data = {
    projects = PROJECTS,
    changes = [[
change_id,project_id,cost_impact,status,approved_by
C1,PRJ-1001,900,approved,ALICE smith
C2,PRJ-1001,$99.99,approved,Bob
C3,PRJ-1001,-500,approved,Bob
]],
  },
  expect = 0,
}
