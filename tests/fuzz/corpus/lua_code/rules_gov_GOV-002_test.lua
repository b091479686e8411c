-- Tests of GOV-002: open projects have passed the gates their phase requires.
test {
  rule = "GOV-002",
  name = "one finding per missing gate of an open project's phase",
  data = {
    projects = [[
project_id,name,status,phase
PRJ-1001,exec,active,execution
PRJ-1002,closing,on_hold,closing
PRJ-1003,planning,active,planning
]],
    milestones = [[
milestone_id,project_id,gate,actual_date,status
M1,PRJ-1001,G1,2026-01-05,achieved
M2,PRJ-1001,G2,,planned
M3,PRJ-1002,G2,,achieved
M4,PRJ-1003,G1,,cancelled
M5,PRJ-9999,G1,,achieved
]],
  },
  expect = { count = 4, keys = {"PRJ-1001", "PRJ-1002", "PRJ-1002", "PRJ-1003"}, lines = {2, 3, 3, 4},
             messages = {"gate G2", "gate G1", "gate G3", "gate G1"} },
}

test {
  rule = "GOV-002",
  name = "gates match trimmed and case-insensitively, achieved by status or actual date",
  data = {
    projects = [[
project_id,name,status,phase
PRJ-1001,exec,active,execution
PRJ-1002,closing,on_hold,closing
]],
    milestones = [[
milestone_id,project_id,gate,actual_date,status
M1,PRJ-1001, g1 ,,achieved
M2,PRJ-1001,G2,2026-02-01,planned
M3,PRJ-1002,G1,,Achieved
M4,PRJ-1002,g2,,achieved
M5,PRJ-1002,G3 ,2026-05-01,
]],
  },
  expect = 0,
}

test {
  rule = "GOV-002",
  name = "projects that are not open, in a phase without gates, or without an id are not judged",
  data = {
    projects = [[
project_id,name,status,phase
PRJ-1001,closed,closed,closing
PRJ-1002,proposed,proposed,execution
PRJ-1003,cancelled,cancelled,planning
PRJ-1004,initiation,active,initiation
PRJ-1005,no phase,active,
,no id,active,execution
PRJ-1006,closed phase,active,closed
]],
    milestones = "milestone_id,project_id,gate,status\n",
  },
  expect = 0,
}

test {
  rule = "GOV-002",
  name = "required_gates can be overridden, and a gate listed twice is reported once",
  params = { required_gates = { initiation = {"G0"}, planning = {" g1 ", "G1"} } },
  data = {
    projects = [[
project_id,name,status,phase
PRJ-1001,init,active,initiation
PRJ-1002,exec,active,execution
PRJ-1003,plan,active,planning
]],
    milestones = "milestone_id,project_id,gate,status\n",
  },
  expect = { count = 2, keys = {"PRJ-1001", "PRJ-1003"}, messages = {"gate G0", "gate g1"} },
}

test {
  rule = "GOV-002",
  name = "a duplicated project row is judged on each row",
  data = {
    projects = [[
project_id,name,status,phase
PRJ-1001,plan,active,planning
PRJ-1001,plan again,active,planning
]],
    milestones = "milestone_id,project_id,gate,status\nM1,PRJ-1001,G2,achieved\n",
  },
  expect = { count = 2, lines = {2, 3} },
}

test {
  rule = "GOV-002",
  name = "the rule is skipped without milestones.csv",
  data = { projects = "project_id,name,status,phase\nPRJ-1001,A,active,execution\n" },
  expect = "skipped",
}
