-- Tests of SCH-023: no circular logic in a project's remaining network.
test {
  rule = "SCH-023",
  name = "a task listing itself, a two-task loop and a three-task loop, named in the order of their logic",
  data = {
    projects = [[
project_id,name,status
P1,A,active
P2,B,closed
P3,C,active
P1,A again,active
]],
    tasks = [[
task_id,project_id,duration_days,percent_complete,actual_start,predecessors
S,P1,5,,,S
T0001,P2,5,,,T0004
T0002,P2,5,,,T0001
T0004,P2,5,,,T0001:SS+2d
A,P3,5,,,C
B,P3,5,50,2026-06-01,A:FF-1d
C,P3,5,,,B
]],
  },
  -- P2: T0004 follows T0001, and T0001 follows T0004 (a closed project is
  -- judged too). P3: A -> B -> C -> A; B has started, its links still count.
  expect = { count = 4, keys = {"P1", "P1", "P2", "P3"}, lines = {2, 5, 3, 4},
             messages = {"project P1: circular logic S -> S (1 task in the loop; no forward pass)",
                         "project P1: circular logic S -> S",
                         "project P2: circular logic T0001 -> T0004 -> T0001 (2 tasks in the loop; no forward pass)",
                         "project P3: circular logic A -> B -> C -> A (3 tasks"} },
}

test {
  rule = "SCH-023",
  name = "a loop through a complete task, a summary, another project or an unknown id is no loop",
  data = {
    projects = [[
project_id,name,status
P1,A,active
P2,B,active
P3,C,active
P4,D,active
]],
    tasks = [[
task_id,project_id,duration_days,percent_complete,actual_finish,is_summary,predecessors
A1,P1,5,,,,A2
A2,P1,5,100,,,A3
A3,P1,5,,,,A1
B1,P2,5,,,,B2
B2,P2,5,,,yes,B1
C1,P3,5,,,,D1
D1,P4,5,,,,C1
D2,P4,5,,2026-06-01,,D3
D3,P4,5,,,,D2;X9
]],
  },
  expect = 0,
}

test {
  rule = "SCH-023",
  name = "with duplicate task ids a link names the first row: a second row listing its own id is no loop",
  data = {
    projects = [[
project_id,name,status
P1,A,active
P2,B,active
]],
    tasks = [[
task_id,project_id,duration_days,predecessors
X,P1,5,
Y,P1,5,X
X,P1,5,Y
Z,P2,5,
Z,P2,5,Z
]],
  },
  expect = 0,
}

test {
  rule = "SCH-023",
  name = "with duplicate task ids, the first row closes a loop",
  data = {
    projects = [[
project_id,name,status
P1,A,active
]],
    tasks = [[
task_id,project_id,duration_days,predecessors
X,P1,5,Y
Y,P1,5,X
X,P1,5,
]],
  },
  expect = { count = 1, messages = {"project P1: circular logic X -> Y -> X (2 tasks"} },
}

test {
  rule = "SCH-023",
  name = "the loop named is one the tasks really form, not a task that only follows it; a long one is shortened",
  data = {
    projects = [[
project_id,name,status
P1,A,active
P2,B,active
]],
    tasks = [[
task_id,project_id,duration_days,predecessors
D,P1,1,C2
E,P1,1,F
F,P1,1,E
C1,P1,1,C2
C2,P1,1,C1
K01,P2,1,K12
K02,P2,1,K01
K03,P2,1,K02
K04,P2,1,K03
K05,P2,1,K04
K06,P2,1,K05
K07,P2,1,K06
K08,P2,1,K07
K09,P2,1,K08
K10,P2,1,K09
K11,P2,1,K10
K12,P2,1,K11
]],
  },
  expect = { count = 2, keys = {"P1", "P2"},
             messages = {"project P1: circular logic C1 -> C2 -> C1 (2 tasks in the loop; no forward pass)",
                         "project P2: circular logic K01 -> K02 -> K03 -> K04 -> K05 -> K06 -> K07 -> K08 -> K09 -> K10 -> ... -> K12 -> K01 (12 tasks in the loop; no forward pass)"} },
}

test {
  rule = "SCH-023",
  name = "without tasks.csv the rule is skipped",
  data = {
    projects = [[
project_id,name,status
P1,A,active
]],
  },
  expect = "skipped",
}
