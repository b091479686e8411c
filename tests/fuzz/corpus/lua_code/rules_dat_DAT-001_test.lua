-- Tests of DAT-001: cells that do not parse as their column's type.
test {
  rule = "DAT-001",
  name = "every accepted form of every type parses",
  data = {
    projects = [[
project_id,name,status,phase,rag,budget,start_date,charter_approved
PRJ-1001,A,On Hold,Execution,GREEN,"$1,250,000.00",2026-01-05,Yes
PRJ-1002,B,active,closing,amber,€75000,2026-01-05T09:30:00Z,n
PRJ-1003,C,proposed,,red,-250000.5,,1
]],
    tasks = [[
task_id,project_id,percent_complete,duration_days,predecessors,is_summary
T1,PRJ-1001,45%,3.5,,TRUE
T2,PRJ-1001,100,0,T1:FS+2d;T1:SS-1d;T1,0
]],
  },
  expect = 0,
}

test {
  rule = "DAT-001",
  name = "one finding per bad cell, with its line, column and value",
  data = {
    projects = [[
project_id,name,status,budget,start_date,charter_approved
PRJ-1001,A,paused,12x,2026-02-30,maybe
PRJ-1002,B,active,"1,2345",01/04/2026,yes
]],
  },
  expect = {
    count = 6,
    keys = {"PRJ-1001", "PRJ-1001", "PRJ-1001", "PRJ-1001", "PRJ-1002", "PRJ-1002"},
    columns = {"budget", "charter_approved", "start_date", "status", "budget", "start_date"},
    lines = {2, 2, 2, 2, 3, 3},
    messages = {"12x", "maybe", "2026-02-30", "one of proposed, active", "1,2345", "01/04/2026"},
  },
}

test {
  rule = "DAT-001",
  name = "a predecessors cell with bad entries is one finding; extra columns are never judged",
  data = {
    projects = "project_id,name,status\nPRJ-1001,A,active\n",
    tasks = [[
task_id,project_id,predecessors,Custom Field
T1,PRJ-1001,,whatever
T2,PRJ-1001,T1:XX;T1 T3;T1:SS2d,12/12/12
]],
  },
  expect = { count = 1, columns = {"predecessors"}, lines = {3} },
}

test {
  rule = "DAT-001",
  name = "empty and white-space cells are null, not invalid",
  data = {
    projects = "project_id,name,status,budget,start_date\nPRJ-1001,A,active,  ,\n",
  },
  expect = 0,
}
