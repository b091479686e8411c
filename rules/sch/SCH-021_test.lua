-- Tests of SCH-021: open tasks with a duration have a resource.
test {
  rule = "SCH-021",
  name = "one open task with a duration and no resource fails its project, on every row of a duplicated project",
  data = {
    projects = [[
project_id,name,status
P1,A,active
P2,B,closed
P1,A again,active
,no id,active
]],
    tasks = [[
task_id,project_id,duration_days,percent_complete,actual_finish,is_summary,resource
A1,P1,5,,,,Ann
A2,P1,3,40,,,
A3,P1,0.5,,,,"  "
A4,P1,10,,,,Bo
B1,P2,2,,,,
N1,,4,,,,
]],
  },
  -- P1: A2 and A3 (a half day is more than 0; a cell of spaces is blank):
  -- 2 of 4. P2 is closed but judged all the same. N1 has no project.
  expect = { count = 3, keys = {"P1", "P1", "P2"}, lines = {2, 4, 3},
             messages = {"project P1: 2 of 4 open tasks (50%) have a duration but no resource, more than 0%; e.g. A2 (3 days), A3 (0.5 days)",
                         "project P1: 2 of 4 open tasks (50%)",
                         "project P2: 1 of 1 open tasks (100%)"} },
}

test {
  rule = "SCH-021",
  name = "milestones, null or negative durations, complete and summary tasks need no resource",
  data = {
    projects = [[
project_id,name,status
P1,A,active
P2,B,active
]],
    tasks = [[
task_id,project_id,duration_days,percent_complete,actual_finish,is_summary,is_milestone,resource
M1,P1,0,,,,true,
A1,P1,,,,,,
A2,P1,-2,,,,,
A3,P1,5,100,,,,
A4,P1,5,20,2026-06-01,,,
S1,P1,40,,,true,,
A5,P1,5,,,,,Ann
B1,P2,5,100%,,,,
]],
  },
  expect = 0,
}

test {
  rule = "SCH-021",
  name = "a share at max_share passes and one above it fails",
  params = { max_share = 0.25 },
  data = {
    projects = [[
project_id,name,status
P1,A,active
P2,B,active
]],
    tasks = [[
task_id,project_id,duration_days,resource
A1,P1,5,
A2,P1,5,Ann
A3,P1,5,Ann
A4,P1,5,Ann
B1,P2,5,
B2,P2,5,
B3,P2,5,Bo
B4,P2,5,Bo
]],
  },
  expect = { count = 1, keys = {"P2"},
             messages = {"project P2: 2 of 4 open tasks (50%) have a duration but no resource, more than 25%; e.g. B1 (5 days), B2 (5 days)"} },
}

test {
  rule = "SCH-021",
  name = "without tasks.csv the rule is skipped",
  data = {
    projects = [[
project_id,name,status
P1,A,active
]],
  },
  expect = "skipped",
}
