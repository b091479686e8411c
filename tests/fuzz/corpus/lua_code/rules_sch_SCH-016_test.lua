-- Tests of SCH-016: open tasks have no negative total float.
test {
  rule = "SCH-016",
  name = "an open task with negative float fails, also in an unknown or closed project, at any percent below 100",
  data = {
    projects = [[
project_id,name,status
PRJ-1,A,closed
]],
    tasks = [[
task_id,project_id,total_float_days,is_summary,percent_complete,actual_finish
A1,PRJ-1,-1,,0,
A2,PRJ-1,-0.5,,,
A3,PRJ-9,-3,,50%,
C1,PRJ-1,-1,,99.99,
C2,PRJ-1,-1,false,-5,
C3,PRJ-1,-1,no,0%,
]],
  },
  -- the considered task of store/schedule.c, the one definition the SCH
  -- rules and schedule.considered share: C1..C3 are at its edges
  expect = { count = 6, keys = {"A1", "A2", "A3", "C1", "C2", "C3"},
             columns = {"total_float_days", "total_float_days", "total_float_days", "total_float_days",
                        "total_float_days", "total_float_days"},
             messages = {"total float -1 days < 0", "total float -0.5 days < 0", "A3 of project PRJ-9", "C1", "C2",
                         "C3"} },
}

test {
  rule = "SCH-016",
  name = "zero or null float passes; complete (100, 100%, 150, an actual_finish), summary and project-less tasks are not judged",
  data = {
    projects = [[
project_id,name,status
PRJ-1,A,active
]],
    tasks = [[
task_id,project_id,total_float_days,is_summary,percent_complete,actual_finish
A1,PRJ-1,0,,0,
A2,PRJ-1,,,0,
A3,PRJ-1,-0,,0,
A4,PRJ-1,-2,,100,
A5,PRJ-1,-2,,10,2026-01-01
A6,PRJ-1,-2,true,0,
A7,,-2,,0,
N1,PRJ-1,-2,,100%,
N2,PRJ-1,-2,,150,
N3,PRJ-1,-2,,,2026-01-01
N4,PRJ-1,-2,yes,99,
]],
  },
  expect = 0,
}

test {
  rule = "SCH-016",
  name = "without tasks.csv the rule is skipped",
  data = {
    projects = [[
project_id,name,status
PRJ-1,A,active
]],
  },
  expect = "skipped",
}
