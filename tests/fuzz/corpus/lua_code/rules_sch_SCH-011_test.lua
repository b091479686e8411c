-- Tests of SCH-011: open tasks have no leads (negative lags).
test {
  rule = "SCH-011",
  name = "an open task with leads fails once, listing them, even beside an invalid entry",
  data = {
    projects = [[
project_id,name,status
PRJ-1,A,active
]],
    tasks = [[
task_id,project_id,predecessors,is_summary,percent_complete,actual_finish
A1,PRJ-1,,,0,
A2,PRJ-1,A1:FS-1d;A0:ss-2.5;A9+1d,,50,
A3,PRJ-1,bad link;A2-3d,,,
A4,PRJ-1,A3:FF+2d;A2,,0,
]],
  },
  expect = { count = 2, keys = {"A2", "A3"}, lines = {3, 4}, columns = {"predecessors", "predecessors"},
             messages = {"has 2 leads: A1:FS-1d, A0:SS-2.5d", "has a lead: A2:FS-3d"} },
}

test {
  rule = "SCH-011",
  name = "a zero lag is no lead; complete, summary and project-less tasks are not judged",
  data = {
    projects = [[
project_id,name,status
PRJ-1,A,active
]],
    tasks = [[
task_id,project_id,predecessors,is_summary,percent_complete,actual_finish
A1,PRJ-1,A0-0d;A9:SS-0,,0,
A2,PRJ-1,A1:FS-1d,,100,
A3,PRJ-1,A1:FS-1d,,20,2026-06-01
A4,PRJ-1,A1:FS-1d,yes,0,
A5,,A1:FS-1d,,0,
]],
  },
  expect = 0,
}

test {
  rule = "SCH-011",
  name = "a task of a project missing from projects.csv is judged, and so is one of a closed project",
  data = {
    projects = [[
project_id,name,status
PRJ-1,A,closed
]],
    tasks = [[
task_id,project_id,predecessors,is_summary,percent_complete,actual_finish
A1,PRJ-9,A0:SF-2d,no,0,
A2,PRJ-1,A1:FS-1d,,99.9,
]],
  },
  expect = { count = 2, keys = {"A1", "A2"}, projects = {"PRJ-9", "PRJ-1"} },
}

test {
  rule = "SCH-011",
  name = "without tasks.csv the rule is skipped",
  data = {
    projects = [[
project_id,name,status
PRJ-1,A,active
]],
  },
  expect = "skipped",
}
