-- Tests of ACME-207.
test {
  rule = "ACME-207",
  name = "unstaffed work on the critical path is reported; off it, done or without work it is not",
  data = {
    projects = [[
project_id,name,status
P-1,Alpha,active
P-1,Alpha again,active
]],
    tasks = [[
task_id,project_id,duration_days,percent_complete,actual_start,actual_finish,resource,predecessors
A,P-1,5,100,2026-06-01,2026-06-10,,
B,P-1,10,50,2026-06-11,,,A
C,P-1,3,,,,,B:SS+2d
D,P-1,8,,,,Ann,B
E,P-1,0,,,,,D;C
F,P-1,4,,,,,B
]],
  },
  -- A is complete: not in the network. B started: 0-5. C: SS+2, 2-5. D: 5-13.
  -- E (a milestone) 13-13. F: 5-9, float 4. The path: B -> D -> E; B has no
  -- resource (D has one, E has no work). Listed twice, the project counts once.
  expect = { count = 1, keys = {"B"}, columns = {"resource"},
             messages = {"B is task 1 of 3 on the critical path of P-1 (days 0 to 5 of 13) and has no resource"} },
}

test {
  rule = "ACME-207",
  name = "a staffed critical path passes, and a project with a loop has no critical path",
  data = {
    projects = [[
project_id,name,status
P-1,Alpha,active
P-2,Beta,active
]],
    tasks = [[
task_id,project_id,duration_days,resource,predecessors
A,P-1,5,Ann,
B,P-1,5,Bo,A
C,P-1,2,,A
X,P-2,5,,Y
Y,P-2,5,,X
]],
  },
  expect = 0,
}
