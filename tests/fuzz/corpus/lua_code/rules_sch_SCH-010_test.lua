-- Tests of SCH-010: open tasks have a predecessor and a successor.
test {
  rule = "SCH-010",
  name = "dangling open tasks fail their project, on every row of a duplicated project, closed ones too",
  data = {
    projects = [[
project_id,name,status
PRJ-1,A,active
PRJ-2,B,active
PRJ-1,A again,active
PRJ-3,C,closed
,no id,active
]],
    tasks = [[
task_id,project_id,predecessors,is_summary,percent_complete,actual_finish
A1,PRJ-1,,,0,
A2,PRJ-1,A1,,,
A3,PRJ-1,A2,,40,
B0,PRJ-2,,,100,
B1,PRJ-2,B0,,50,
B2,PRJ-2,B1:SS+1d,,0,
B9,PRJ-2,B2,yes,0,
C1,PRJ-3,,,0,
N1,,,,0,
]],
  },
  expect = { count = 3, keys = {"PRJ-1", "PRJ-1", "PRJ-3"}, lines = {2, 4, 5},
             messages = {"2 of 3 open tasks", "2 of 3 open tasks", "1 of 1 open tasks"} },
}

test {
  rule = "SCH-010",
  name = "successors come from any task of the same project, self-links and duplicate ids; null ids have none",
  data = {
    projects = [[
project_id,name,status
PRJ-1,A,active
PRJ-2,B,active
]],
    tasks = [[
task_id,project_id,predecessors,is_summary,percent_complete,actual_finish
S,PRJ-1,S,,0,
D,PRJ-1,X,,0,
D,PRJ-1,X,,0,
E,PRJ-1,D,,0,
F,PRJ-1,E,yes,0,
,PRJ-1,E,,0,
G,PRJ-1,Y,,0,
C,PRJ-1,G;bad link,,20,2026-01-05
H,PRJ-2,G,,0,
]],
  },
  -- PRJ-1 considers S, D, D, E, G and the null id (C is complete). S links
  -- itself; E gives both D's a successor; the summary F is E's successor and
  -- the complete task C is G's. The null id has no successor: 1 of 6.
  expect = { count = 2, keys = {"PRJ-1", "PRJ-2"}, messages = {"1 of 6 open tasks", "1 of 1 open tasks"} },
}

test {
  rule = "SCH-010",
  name = "a link from another project gives the linking task a predecessor but no successor to its target",
  params = { max_share = 0.3 },
  data = {
    projects = [[
project_id,name,status
PRJ-1,A,active
PRJ-2,B,active
]],
    tasks = [[
task_id,project_id,predecessors,is_summary,percent_complete,actual_finish
A0,PRJ-1,,,100,
A1,PRJ-1,A0,,0,
A2,PRJ-1,A1,,0,
A3,PRJ-1,A2,,0,
H,PRJ-2,A3,,0,
H2,PRJ-2,H,,0,
H9,PRJ-2,H2,1,0,
]],
  },
  -- PRJ-1: A3's only successor is H, in PRJ-2: 1 of 3 > 0.3. PRJ-2: H's
  -- predecessor is A3, its successor H2; H2's successor is the summary H9.
  expect = { count = 1, keys = {"PRJ-1"}, messages = {"1 of 3 open tasks (33.3%) lack a predecessor or a successor, more than 30%; e.g. A3 (no successor)"} },
}

test {
  rule = "SCH-010",
  name = "a share equal to max_share passes, and a project without open tasks is not judged",
  params = { max_share = 0.5 },
  data = {
    projects = [[
project_id,name,status
PRJ-1,A,active
PRJ-2,B,active
]],
    tasks = [[
task_id,project_id,predecessors,is_summary,percent_complete,actual_finish
A1,PRJ-1,,,0,
A2,PRJ-1,A1,,0,
A3,PRJ-1,A2,,100%,
B1,PRJ-2,,,100,2026-01-01
B2,PRJ-2,,true,0,
B3,PRJ-2,,,10,2026-01-01
]],
  },
  expect = 0,
}

test {
  rule = "SCH-010",
  name = "without tasks.csv the rule is skipped",
  data = {
    projects = [[
project_id,name,status
PRJ-1,A,active
]],
  },
  expect = "skipped",
}
