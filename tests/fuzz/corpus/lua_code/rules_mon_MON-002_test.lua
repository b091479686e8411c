-- Tests of MON-002: projects reported green are not failing (watermelon).
test {
  rule = "MON-002",
  name = "green projects with SPI or CPI below 0.8 fail; exactly 0.8 passes; none where PV or AC is not above 0",
  data = {
    projects = [[
project_id,name,status,rag,planned_value,earned_value,actual_cost
PRJ-1001,spi,active,green,1000,790,700
PRJ-1002,cpi,on_hold,Green,700,790,1000
PRJ-1003,both at 0.8,active,green,1000,800,1000
PRJ-1004,amber,active,amber,1000,100,1000
PRJ-1005,closed,closed,green,1000,100,1000
PRJ-1006,no ev,active,green,1000,,1000
PRJ-1007,pv zero,active,green,0,100,0
PRJ-1008,pv and ac negative,active,green,-1000,100,-1000
]],
  },
  expect = { count = 2, keys = {"PRJ-1001", "PRJ-1002"}, messages = {"SPI 0.79 < 0.80", "CPI 0.79 < 0.80"} },
}

test {
  rule = "MON-002",
  name = "the newest report dated on or before T decides the RAG; a blank RAG there does not fall back",
  as_of = "2026-06-30",
  data = {
    projects = [[
project_id,name,status,rag,planned_value,earned_value
PRJ-1001,report amber,active,green,1000,100
PRJ-1002,report green,active,red,1000,100
PRJ-1003,future report ignored,active,green,1000,100
PRJ-1004,blank newest rag,active,green,1000,100
PRJ-1005,tie first row wins,active,red,1000,100
PRJ-1006,tie first row wins,active,green,1000,100
]],
    status_reports = [[
project_id,report_date,rag
PRJ-1001,2026-06-01,green
PRJ-1001,2026-06-20,amber
PRJ-1002,2026-06-20,green
PRJ-1002,2026-06-01,red
PRJ-1003,2026-07-01,red
PRJ-1004,2026-06-01,green
PRJ-1004,2026-06-20,
PRJ-1005,2026-06-20,green
PRJ-1005,2026-06-20,red
PRJ-1006,2026-06-20,red
PRJ-1006,2026-06-20,green
]],
  },
  expect = { count = 3, keys = {"PRJ-1002", "PRJ-1003", "PRJ-1005"},
             messages = {"status report of 2026-06-20", "project register", "status report of 2026-06-20"} },
}

test {
  rule = "MON-002",
  name = "an overdue gate milestone fails a green project; non-gate, cancelled or achieved ones do not; the first is named",
  as_of = "2026-06-30",
  data = {
    projects = [[
project_id,name,status,rag
PRJ-1001,late gate,active,green
PRJ-1002,late non-gate,active,green
PRJ-1003,cancelled gate,active,green
PRJ-1004,achieved gate,active,green
PRJ-1005,gate due on T,active,green
PRJ-1006,late gate but red,active,red
PRJ-1007,several late gates,active,green
]],
    milestones = [[
milestone_id,project_id,gate,baseline_date,forecast_date,actual_date,status
M1,PRJ-1001,G2,2026-07-15,2026-06-29,,planned
M2,PRJ-1002,,2026-01-01,,,planned
M3,PRJ-1003,G1,2026-01-01,,,cancelled
M4,PRJ-1004,G1,2026-01-01,,2026-01-02,planned
M5,PRJ-1005,G1,2026-01-01,2026-06-30,,
M6,PRJ-1006,G1,2026-01-01,,,planned
M70,PRJ-1007,G0,2026-01-01,,,achieved
M71,PRJ-1007,G1,2026-02-01,,,planned
M72,PRJ-1007,G2,2026-09-01,2026-06-01,,missed
M73,PRJ-1007,G3,2026-03-01,,,
M74,PRJ-1007,G4,,,,planned
]],
  },
  expect = { count = 2, keys = {"PRJ-1001", "PRJ-1007"}, lines = {2, 8},
             messages = {"gate G2 milestone M1 overdue since 2026-06-29",
                         "gate G1 milestone M71 overdue since 2026-02-01 (and 2 more)"} },
}

test {
  rule = "MON-002",
  name = "a gate milestone does not fail a project whose first row is closed",
  data = {
    projects = [[
project_id,name,status,rag
PRJ-1001,first,closed,green
PRJ-1001,second,active,green
,no id,active,green
]],
    milestones = "milestone_id,project_id,gate,baseline_date,status\nM1,PRJ-1001,G1,2026-01-01,planned\n",
  },
  expect = 0,
}
