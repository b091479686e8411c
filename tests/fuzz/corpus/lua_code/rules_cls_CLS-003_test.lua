-- Tests of CLS-003: closed and cancelled projects leave no open items.
local PROJECTS = [[
project_id,name,status
PRJ-1001,A,active
PRJ-1002,B,closed
PRJ-1003,C,cancelled
]]

test {
  rule = "CLS-003",
  name = "open risks, unresolved issues and submitted changes of finished projects fail, one per item",
  data = {
    projects = PROJECTS,
    risks = [[
risk_id,project_id,status
K1,PRJ-1001,open
K2,PRJ-1002,open
K3,PRJ-1003,
K4,PRJ-1003,closed
K5,PRJ-1002,Mitigating
K6,PRJ-1002,occurred
K7,PRJ-9999,open
]],
    issues = [[
issue_id,project_id,status
I1,PRJ-1002,resolved
I2,PRJ-1002,
I3,PRJ-1003,on hold
I4,PRJ-1002,In Progress
I5,PRJ-1003,closed
]],
    changes = [[
change_id,project_id,status
C1,PRJ-1002,Submitted
C2,PRJ-1002,approved
C3,PRJ-1001,submitted
]],
  },
  expect = { count = 7, keys = {"C1", "I2", "I3", "I4", "K2", "K3", "K5"}, lines = {2, 3, 4, 5, 3, 4, 6},
             columns = {"status", "status", "status", "status", "status", "status", "status"} },
}

test {
  rule = "CLS-003",
  name = "finished projects with everything closed pass",
  data = {
    projects = PROJECTS,
    risks = "risk_id,project_id,status\nK1,PRJ-1002,closed\nK2,PRJ-1003,occurred\nK3,PRJ-1001,open\n",
    issues = "issue_id,project_id,status\nI1,PRJ-1002,closed\nI2,PRJ-1001,open\n",
    changes = "change_id,project_id,status\nC1,PRJ-1003,withdrawn\nC2,PRJ-1002,implemented\n",
  },
  expect = 0,
}

test {
  rule = "CLS-003",
  name = "runs with only one of the three registers present",
  data = {
    projects = PROJECTS,
    issues = "issue_id,project_id,status\nI1,PRJ-1002,open\nI2,PRJ-1003,resolved\n",
  },
  expect = { count = 1, keys = {"I1"}, messages = {"issue I1 of closed project PRJ-1002 is still in status open"} },
}

test {
  rule = "CLS-003",
  name = "a duplicated project is judged on its first row",
  data = {
    projects = "project_id,name,status\nPRJ-1001,A,active\nPRJ-1001,A2,closed\nPRJ-1002,B,closed\nPRJ-1002,B2,active\n",
    risks = "risk_id,project_id,status\nK1,PRJ-1001,open\nK2,PRJ-1002,open\n",
  },
  expect = { count = 1, keys = {"K2"} },
}

test {
  rule = "CLS-003",
  name = "is skipped when risks, issues and changes are all absent",
  data = { projects = "project_id,name,status\nPRJ-1001,a,closed\n" },
  expect = "skipped",
}

test {
  rule = "CLS-003",
  name = "runs with any one of risks, issues or changes",
  data = {
    projects = "project_id,name,status\nPRJ-1001,a,closed\n",
    changes = "change_id,project_id,status\nC1,PRJ-1001,submitted\n",
  },
  expect = { count = 1, keys = {"C1"} },
}
