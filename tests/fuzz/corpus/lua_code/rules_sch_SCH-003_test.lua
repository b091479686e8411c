-- Tests of SCH-003: schedule performance (SPI) is on track.
test {
  rule = "SCH-003",
  name = "SPI below 0.8 is an error, below 0.9 a warning, at a threshold it passes that threshold",
  data = {
    projects = [[
project_id,name,status,planned_value,earned_value
PRJ-1001,low,active,"$1,000",790
PRJ-1002,at error,on_hold,1000,800
PRJ-1003,at warn,active,1000,900
PRJ-1004,zero EV,active,1000,0
]],
  },
  expect = { count = 3, keys = {"PRJ-1001", "PRJ-1002", "PRJ-1004"},
             severities = {"error", "warning", "error"},
             messages = {"SPI 0.79 < 0.80", "SPI 0.80 < 0.90", "SPI 0.00 < 0.80"} },
}

test {
  rule = "SCH-003",
  name = "closed projects, PV not above 0, a null EV and a null project id are not judged",
  data = {
    projects = [[
project_id,name,status,planned_value,earned_value
PRJ-1001,closed,closed,1000,100
PRJ-1002,proposed,proposed,1000,100
PRJ-1003,pv zero,active,0,100
PRJ-1008,pv zero and negative ev,active,0,-5
PRJ-1004,pv negative,active,-1000,100
PRJ-1005,no ev,active,1000,
PRJ-1006,no pv,active,,100
,no id,active,1000,100
]],
  },
  expect = 0,
}

test {
  rule = "SCH-003",
  name = "the thresholds follow the params, and a value just under one is shown distinctly",
  params = { warn_below = 0.95, error_below = 0.5 },
  data = {
    projects = [[
project_id,name,status,planned_value,earned_value
PRJ-1001,a,active,10000,9499
PRJ-1002,b,active,1000,950
PRJ-1003,c,active,1000,499
]],
  },
  expect = { count = 2, keys = {"PRJ-1001", "PRJ-1003"}, severities = {"warning", "error"},
             messages = {"SPI 0.9499 < 0.95", "SPI 0.499 < 0.50"} },
}
