test {
  rule = "RES-001",
  name = "overlapping allocations above 100% give one finding per resource, naming the first day",
  data = {
    allocations = [[
resource_id,project_id,start_date,end_date,percent
R1,PRJ-1,2026-01-01,2026-01-31,60
R1,PRJ-2,2026-01-10,2026-02-28,50
R1,PRJ-3,2026-01-20,2026-01-25,30
R2,PRJ-1,2026-01-01,2026-12-31,100
]],
  },
  expect = { count = 1, keys = {"R1"}, lines = {2}, columns = {"resource_id"},
             messages = {"resource R1 at 110% on 2026-01-10"},
             involves = {"PRJ-1,PRJ-2"} }, -- the projects allocated on that day, not PRJ-3
}

test {
  rule = "RES-001",
  name = "touching intervals count both end days; exactly 100 in decimal is not over",
  data = {
    allocations = [[
resource_id,project_id,start_date,end_date,percent
R1,PRJ-1,2026-01-01,2026-01-31,60%
R1,PRJ-2,2026-01-31,2026-02-28,40
R2,PRJ-1,2026-03-01,2026-03-31,33.3
R2,PRJ-2,2026-03-01,2026-03-31,33.3
R2,PRJ-3,2026-03-01,2026-03-31,33.4
R3,PRJ-1,2026-01-01,2026-01-31,60
R3,PRJ-2,2026-01-31,2026-02-28,41
R4,PRJ-1,2026-04-01,2026-04-30,24.6
R4,PRJ-2,2026-04-01,2026-04-30,39.7
R4,PRJ-3,2026-04-30,2026-05-31,35.7
]],
  },
  expect = { count = 1, keys = {"R3"}, lines = {7}, messages = {"101% on 2026-01-31"} },
}

test {
  rule = "RES-001",
  name = "rows with null dates or percent, end before start, and no overlap are not over",
  data = {
    allocations = [[
resource_id,project_id,start_date,end_date,percent
R1,PRJ-1,2026-01-01,2026-01-31,80
R1,PRJ-2,2026-01-15,,80
R1,PRJ-3,,2026-01-31,80
R1,PRJ-4,2026-01-15,2026-01-31,
R1,PRJ-5,2026-01-31,2026-01-01,80
R1,PRJ-6,2026-02-01,2026-02-28,100
,PRJ-7,2026-01-01,2026-01-31,200
]],
  },
  expect = 0,
}

test {
  rule = "RES-001",
  name = "allocations without a project and of unknown resources count; the line is the first counted row",
  data = {
    allocations = [[
resource_id,project_id,start_date,end_date,percent
R9,PRJ-1,2026-05-01,,50
R9,PRJ-1,2026-05-31,2026-05-01,50
R9,,2026-05-01,2026-05-10,70
R9,PRJ-2,2026-05-10,2026-05-20,40
]],
    resources = [[
resource_id,name
R1,Ann
]],
  },
  expect = { count = 1, keys = {"R9"}, lines = {4}, messages = {"110% on 2026-05-10"} },
}

test {
  rule = "RES-001",
  name = "max_percent can be raised",
  params = { max_percent = 120 },
  data = {
    allocations = [[
resource_id,project_id,start_date,end_date,percent
R1,PRJ-1,2026-01-01,2026-01-31,60
R1,PRJ-2,2026-01-10,2026-02-28,60
R2,PRJ-1,2026-01-01,2026-01-31,60
R2,PRJ-2,2026-01-10,2026-02-28,60.5
]],
  },
  expect = { count = 1, keys = {"R2"} },
}

test {
  rule = "RES-001",
  name = "skipped without allocations.csv",
  data = {
    projects = [[
project_id,name,status
PRJ-1,Alpha,active
]],
  },
  expect = "skipped",
}
