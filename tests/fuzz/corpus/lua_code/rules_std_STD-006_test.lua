-- Tests of STD-006: actual dates are not in the future.
test {
  rule = "STD-006",
  name = "actual dates after T fail, one finding per row, across three tables",
  data = {
    projects = "project_id,name,status,actual_finish\nPRJ-1001,a,closed,2026-07-01\nPRJ-1002,b,closed,2026-06-30\n",
    milestones = "milestone_id,project_id,actual_date\nM1,PRJ-1001,2026-07-15\nM2,PRJ-1001,2026-06-29\n",
    tasks = [[
task_id,project_id,actual_start,actual_finish
T1,PRJ-1001,2026-07-01,2026-07-02
T2,PRJ-1001,2026-06-01,2026-06-30
T3,PRJ-1001,,2026-12-01
]],
  },
  expect = { count = 4, keys = {"M1", "PRJ-1001", "T1", "T3"}, columns = {"actual_date", "actual_finish", "actual_start", "actual_finish"} },
}

test {
  rule = "STD-006",
  name = "runs with projects alone; a date equal to T is not in the future",
  data = { projects = "project_id,name,status,actual_finish\nPRJ-1001,a,closed,2026-06-30\n" },
  expect = 0,
}

test {
  rule = "STD-006",
  name = "judges against T, not the clock",
  as_of = "2026-07-02",
  data = { tasks = "task_id,project_id,actual_start\nT1,PRJ-1001,2026-07-01\n", projects = "project_id,name,status\nPRJ-1001,a,active\n" },
  expect = 0,
}

test {
  rule = "STD-006",
  name = "is skipped without projects.csv",
  data = { tasks = "task_id,project_id,actual_start\nT1,PRJ-1001,2026-07-01\n" },
  expect = "skipped",
}
