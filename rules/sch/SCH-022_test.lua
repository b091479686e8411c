-- Tests of SCH-022: the critical path length index. T is 2026-06-30, a
-- Tuesday: the working days after it are Jul 1-3 (3), 6-10 (8), 13-17
-- (13), 20-24 (18), 27 (19), ...

test {
  rule = "SCH-022",
  name = "CPLI below 0.95 warns and below 0.80 errs, on every row of a duplicated project; the rest is not judged",
  data = {
    projects = [[
project_id,name,status,planned_finish
P1,A,active,2026-07-21
P2,B,on_hold,2026-07-21
P3,C,active,2026-07-27
P4,D,closed,2026-07-01
P5,E,active,
P6,F,proposed,2026-07-01
P7,G,active,2026-07-01
P8,H,active,2026-07-01
P9,I,active,2026-07-01
P1,A again,active,2026-07-21
,no id,active,2026-07-01
]],
    tasks = [[
task_id,project_id,duration_days,percent_complete,actual_finish,is_summary,predecessors
A1,P1,10,,,,
A2,P1,7,,,,A1
B1,P2,20,,,,
C1,P3,20,,,,
D1,P4,20,,,,
E1,P5,20,,,,
F1,P6,20,,,,
G1,P7,20,100,2026-06-01,,
G2,P7,20,,,true,
H1,P8,0,,,,
K1,P9,5,,,,K2
K2,P9,5,,,,K1
N1,,20,,,,
]],
  },
  -- P1: W = 15 (to Jul 21), CPL = 10 + 7 = 17: 0.882. P2: 15 / 20 = 0.75.
  -- P3: 19 / 20 is exactly 0.95 and passes. P4 is closed, P5 has no
  -- planned_finish, P6 is proposed, P7 has no considered task, P8 has a
  -- CPL of 0, P9 a cycle (no forward pass).
  expect = { count = 3, keys = {"P1", "P1", "P2"}, lines = {2, 11, 3},
             severities = {"warning", "warning", "error"}, columns = {"planned_finish", "planned_finish", "planned_finish"},
             messages = {"project P1: CPLI 0.88 = 15 working days to the baseline finish / CPL 17.0, below 0.95",
                         "project P1: CPLI 0.88 = 15 working days to the baseline finish / CPL 17.0, below 0.95",
                         "project P2: CPLI 0.75 = 15 working days to the baseline finish / CPL 20.0, below 0.80"} },
}

test {
  rule = "SCH-022",
  name = "an in-progress task starts at T whatever its predecessors; its remaining duration counts",
  data = {
    projects = [[
project_id,name,status,planned_finish
P1,A,active,2026-07-07
]],
    tasks = [[
task_id,project_id,duration_days,percent_complete,actual_start,predecessors
X,P1,5,,,
A,P1,10,40,2026-06-01,X
]],
  },
  -- W = 5. A started: ES 0, r = 10 x 0.6 = 6, so CPL = 6 (following its
  -- link would give 5 + 6 = 11 and an error).
  expect = { count = 1, severities = {"warning"},
             messages = {"project P1: CPLI 0.83 = 5 working days to the baseline finish / CPL 6.0, below 0.95"} },
}

test {
  rule = "SCH-022",
  name = "an in-progress task that fits by itself passes though its predecessor would push it out",
  data = {
    projects = [[
project_id,name,status,planned_finish
P1,A,active,2026-07-07
]],
    tasks = [[
task_id,project_id,duration_days,percent_complete,actual_start,predecessors
X,P1,5,,,
A,P1,10,50%,2026-06-01,X
]],
  },
  expect = 0,
}

test {
  rule = "SCH-022",
  name = "SS, FF and SF links with leads and lags, decimal ones included, give the catalogue's forward pass",
  data = {
    projects = [[
project_id,name,status,planned_finish
P1,A,active,2026-07-14
]],
    tasks = [[
task_id,project_id,duration_days,percent_complete,predecessors
A,P1,8,50,
B,P1,3,,A:SS+2d
C,P1,6,,B:FF-1d
D,P1,2,,C:SF+3d
E,P1,1,,A:FF+5d
F,P1,4,,E:SS-2d
G,P1,2.5,,F:FS-1.5d;D:SF+0.5d
]],
  },
  -- A: 0-4. B: SS+2 -> 2-5. C: FF-1 -> 5 - 1 - 6 < 0 -> 0-6. D: SF+3 ->
  -- 0 + 3 - 2 = 1-3. E: FF+5 -> 4 + 5 - 1 = 8-9. F: SS-2 -> 6-10.
  -- G: FS-1.5 -> 8.5, SF+0.5 -> 1 + 0.5 - 2.5 = -1: 8.5-11. W = 10.
  expect = { count = 1, messages = {"CPLI 0.91 = 10 working days to the baseline finish / CPL 11.0, below 0.95"} },
}

test {
  rule = "SCH-022",
  name = "the same network passes with one more working day",
  data = {
    projects = [[
project_id,name,status,planned_finish
P1,A,active,2026-07-15
]],
    tasks = [[
task_id,project_id,duration_days,percent_complete,predecessors
A,P1,8,50,
B,P1,3,,A:SS+2d
C,P1,6,,B:FF-1d
D,P1,2,,C:SF+3d
E,P1,1,,A:FF+5d
F,P1,4,,E:SS-2d
G,P1,2.5,,F:FS-1.5d;D:SF+0.5d
]],
  },
  expect = 0,
}

test {
  rule = "SCH-022",
  name = "links to complete, summary, other projects' and unknown tasks are left out",
  data = {
    projects = [[
project_id,name,status,planned_finish
P1,A,active,2026-07-06
P2,B,active,
]],
    tasks = [[
task_id,project_id,duration_days,percent_complete,actual_finish,is_summary,predecessors
A,P1,10,100,2026-06-01,,
S,P1,30,,,true,
B,P1,5,,,,A;S;Q1;NOPE
C,P1,3,,2026-06-10,,
D,P1,1,,,,C:FS+1d
Q1,P2,9,,,,
]],
  },
  -- Only B and D are in P1's network, with no link left: CPL 5, W 4. C is
  -- complete by its actual_finish at 0%.
  expect = { count = 1, severities = {"warning"},
             messages = {"project P1: CPLI 0.80 = 4 working days to the baseline finish / CPL 5.0, below 0.95"} },
}

test {
  rule = "SCH-022",
  name = "with those links left out the project fits its finish",
  data = {
    projects = [[
project_id,name,status,planned_finish
P1,A,active,2026-07-07
]],
    tasks = [[
task_id,project_id,duration_days,percent_complete,actual_finish,is_summary,predecessors
A,P1,10,100,2026-06-01,,
S,P1,30,,,true,
B,P1,5,,,,A;S;NOPE
]],
  },
  expect = 0,
}

test {
  rule = "SCH-022",
  name = "a link names the first task of the project with that id, even a complete one; not another project's",
  data = {
    projects = [[
project_id,name,status,planned_finish
P1,A,active,2026-07-10
P2,B,active,2026-07-07
P3,C,active,2026-07-06
]],
    tasks = [[
task_id,project_id,duration_days,percent_complete,actual_finish,predecessors
Z,P4,50,,,
D,P1,2,,,
D,P1,9,,,
E,P1,1,,,D
X,P2,8,100,2026-06-01,
X,P2,4,,,
Y,P2,6,,,X
Z,P3,3,,,
W,P3,2,,,Z
]],
  },
  -- P1: E follows the first D (0-2): 2-3; the second D runs 0-9: CPL 9, W 8.
  -- P2: Y's X is the complete first row, so Y runs 0-6: CPL 6, W 5.
  -- P3: W follows P3's own Z (P4's comes first in the file): CPL 5, W 4.
  expect = { count = 3, keys = {"P1", "P2", "P3"}, severities = {"warning", "warning", "warning"},
             messages = {"project P1: CPLI 0.89 = 8 working days to the baseline finish / CPL 9.0, below 0.95",
                         "project P2: CPLI 0.83 = 5 working days to the baseline finish / CPL 6.0, below 0.95",
                         "project P3: CPLI 0.80 = 4 working days to the baseline finish / CPL 5.0, below 0.95"} },
}

test {
  rule = "SCH-022",
  name = "weekends do not count, and a planned_finish on or before T leaves no working day",
  data = {
    projects = [[
project_id,name,status,planned_finish
P1,A,active,2026-07-05
P2,B,active,2026-06-20
P3,C,active,2026-06-30
P4,D,active,2026-07-04
P5,E,on_hold,2026-07-03
]],
    tasks = [[
task_id,project_id,duration_days
A,P1,4
B,P2,1
C,P3,1
D,P4,3
E,P5,3
]],
  },
  -- P1 ends on a Sunday: W = 3 for 4 days. P2 and P3: W = 0. P4 ends on a
  -- Saturday and P5 on the Friday before: W = 3 for 3 days, both pass.
  expect = { count = 3, keys = {"P1", "P2", "P3"}, severities = {"error", "error", "error"},
             messages = {"project P1: CPLI 0.75 = 3 working days to the baseline finish / CPL 4.0, below 0.80",
                         "project P2: CPLI 0.00 = 0 working days to the baseline finish / CPL 1.0, below 0.80",
                         "project P3: CPLI 0.00 = 0 working days to the baseline finish / CPL 1.0, below 0.80"} },
}

test {
  rule = "SCH-022",
  name = "with T on a Saturday the next Monday is one working day away",
  as_of = "2026-07-04",
  data = {
    projects = [[
project_id,name,status,planned_finish
P1,A,active,2026-07-06
]],
    tasks = [[
task_id,project_id,duration_days,percent_complete
A,P1,2,50
]],
  },
  expect = 0,
}

test {
  rule = "SCH-022",
  name = "fractional remaining durations against lowered thresholds",
  params = { warn_below = 0.9, error_below = 0.5 },
  data = {
    projects = [[
project_id,name,status,planned_finish
P1,A,active,2026-07-07
P2,B,active,2026-07-08
]],
    tasks = [[
task_id,project_id,duration_days,percent_complete
A,P1,7,15
B,P2,7,15
]],
  },
  -- r = 7 x 0.85 = 5.95. P1: W = 5, CPLI 0.840; P2: W = 6, CPLI 1.008.
  expect = { count = 1, keys = {"P1"}, severities = {"warning"},
             messages = {"project P1: CPLI 0.84 = 5 working days to the baseline finish / CPL 5.95, below 0.90"} },
}

test {
  rule = "SCH-022",
  name = "a remaining duration that needs two decimals prints them",
  data = {
    projects = [[
project_id,name,status,planned_finish
P1,A,active,2026-07-03
]],
    tasks = [[
task_id,project_id,duration_days,percent_complete
A,P1,7,15
B,P1,-3,
]],
  },
  -- r = 5.95 (B's negative duration counts as 0), W = 3: 0.504.
  expect = { count = 1, severities = {"error"},
             messages = {"project P1: CPLI 0.50 = 3 working days to the baseline finish / CPL 5.95, below 0.80"} },
}

test {
  rule = "SCH-022",
  name = "without tasks.csv the rule is skipped",
  data = {
    projects = [[
project_id,name,status,planned_finish
P1,A,active,2026-07-03
]],
  },
  expect = "skipped",
}
