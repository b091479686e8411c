-- Tests of SCH-016: open tasks have no negative total float.
test {
  rule = "SCH-016",
  name = "an open task with negative float fails, also in an unknown or closed project",
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
]],
  },
  expect = { count = 3, keys = {"A1", "A2", "A3"}, columns = {"total_float_days", "total_float_days", "total_float_days"},
             messages = {"total float -1 days < 0", "total float -0.5 days < 0", "A3 of project PRJ-9"} },
}

test {
  rule = "SCH-016",
  name = "zero or null float passes; complete, summary and project-less tasks are not judged",
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
