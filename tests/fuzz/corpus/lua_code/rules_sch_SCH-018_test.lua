-- Tests of SCH-018: open tasks are not forecast in the past.
test {
  rule = "SCH-018",
  name = "a start or a finish before T fails once per task; the start is the column when both are",
  as_of = "2026-06-30",
  data = {
    projects = [[
project_id,name,status
PRJ-1,A,active
]],
    tasks = [[
task_id,project_id,start,finish,actual_start,actual_finish,percent_complete,is_summary
A1,PRJ-1,2026-06-29,2026-07-10,,,0,
A2,PRJ-1,2026-06-01,2026-06-29,2026-06-01,,50,
A3,PRJ-1,2026-06-01,2026-06-15,,,,
A4,PRJ-9,,2026-01-01,,,99,no
]],
  },
  expect = { count = 4, keys = {"A1", "A2", "A3", "A4"}, columns = {"start", "finish", "start", "finish"},
             messages = {"start 2026-06-29 < 2026-06-30", "finish 2026-06-29 < 2026-06-30",
                         "without actual start; finish 2026-06-15", "task A4 of project PRJ-9"} },
}

test {
  rule = "SCH-018",
  name = "dates on T, null dates, started tasks and tasks not considered pass",
  as_of = "2026-06-30",
  data = {
    projects = [[
project_id,name,status
PRJ-1,A,active
]],
    tasks = [[
task_id,project_id,start,finish,actual_start,actual_finish,percent_complete,is_summary
A1,PRJ-1,2026-06-30,2026-06-30,,,0,
A2,PRJ-1,,,,,0,
A3,PRJ-1,2026-06-01,,2026-06-01,,40,
A4,PRJ-1,2026-06-01,2026-06-10,,,100,
A5,PRJ-1,2026-06-01,2026-06-10,,2026-06-12,20,
A6,PRJ-1,2026-06-01,2026-06-10,,,0,yes
A7,,2026-06-01,2026-06-10,,,0,
]],
  },
  expect = 0,
}

test {
  rule = "SCH-018",
  name = "without tasks.csv the rule is skipped",
  data = {
    projects = [[
project_id,name,status
PRJ-1,A,active
]],
  },
  expect = "skipped",
}
