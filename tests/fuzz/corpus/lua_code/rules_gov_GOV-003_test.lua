-- Tests of GOV-003: open projects had a recent steering meeting.
test {
  rule = "GOV-003",
  name = "the window [T - 30, T] includes both ends; older, future and other meetings do not count",
  as_of = "2026-06-30",
  data = {
    projects = [[
project_id,name,status
PRJ-1001,edge old,active
PRJ-1002,edge T,on_hold
PRJ-1003,too old,active
PRJ-1004,future,active
PRJ-1005,status meeting,active
PRJ-1006,none,on_hold
]],
    meetings = [[
meeting_id,project_id,date,type
MT1,PRJ-1001,2026-05-31,Steering
MT2,PRJ-1002,2026-06-30,steering
MT3,PRJ-1003,2026-05-30,steering
MT4,PRJ-1004,2026-07-01,steering
MT5,PRJ-1005,2026-06-20,status
MT6,PRJ-1005,2026-06-20,steering meeting
MT7,PRJ-1005,,steering
]],
  },
  expect = { count = 4, keys = {"PRJ-1003", "PRJ-1004", "PRJ-1005", "PRJ-1006"}, lines = {4, 5, 6, 7},
             messages = {"last one 2026-05-30", "none recorded", "none recorded", "none recorded"} },
}

test {
  rule = "GOV-003",
  name = "projects that are not open, or without an id, are not judged",
  data = {
    projects = [[
project_id,name,status
PRJ-1001,closed,closed
PRJ-1002,proposed,proposed
PRJ-1003,cancelled,cancelled
,no id,active
]],
    meetings = "meeting_id,project_id,date,type\n",
  },
  expect = 0,
}

test {
  rule = "GOV-003",
  name = "the window follows the days param",
  params = { days = 7 },
  data = {
    projects = "project_id,name,status\nPRJ-1001,A,active\nPRJ-1002,B,active\n",
    meetings = "meeting_id,project_id,date,type\nMT1,PRJ-1001,2026-06-23,steering\nMT2,PRJ-1002,2026-06-22,steering\n",
  },
  expect = { count = 1, keys = {"PRJ-1002"} },
}

test {
  rule = "GOV-003",
  name = "the rule is skipped without meetings.csv",
  data = { projects = "project_id,name,status\nPRJ-1001,A,active\n" },
  expect = "skipped",
}
