test {
  rule = "RES-004",
  name = "a week summed over projects above 1.25 x capacity fails, once per resource and week",
  data = {
    resources = [[
resource_id,name,capacity_hours_week
R1,Ann,40
R2,Bo,20
]],
    timesheets = [[
resource_id,project_id,week_start,hours
R1,PRJ-1,2026-03-02,30
R1,PRJ-2,2026-03-02,20.5
R1,PRJ-3,2026-03-02,1
R1,PRJ-1,2026-03-09,50
R2,PRJ-1,2026-03-02,25.5
]],
  },
  expect = { count = 2, keys = {"R1", "R2"}, lines = {2, 6}, columns = {"hours", "hours"},
             messages = {"resource R1 booked 51.5 h in the week of 2026-03-02", "max 1.25 x 20 h = 25 h"},
             involves = {"PRJ-1,PRJ-2,PRJ-3", "PRJ-1"} }, -- not R1's PRJ-1 row of another week
}

test {
  rule = "RES-004",
  name = "sums exactly at the limit pass (16.7 + 8.3 = 25; 0.1 + 42.2 + 7.7 = 50)",
  data = {
    resources = [[
resource_id,name,capacity_hours_week
R2,Bo,20
]],
    timesheets = [[
resource_id,project_id,week_start,hours
R2,PRJ-1,2026-03-02,16.7
R2,PRJ-2,2026-03-02,8.3
R2,PRJ-1,2026-03-09,25
R4,PRJ-1,2026-03-02,0.1
R4,PRJ-2,2026-03-02,42.2
R4,PRJ-3,2026-03-02,7.7
]],
  },
  expect = 0,
}

test {
  rule = "RES-004",
  name = "null or invalid capacity, an unknown resource, and the first of duplicated resources",
  data = {
    resources = [[
resource_id,name,capacity_hours_week
R1,Ann,
R2,Bo,abc
R3,Cy,20
R3,Cy again,80
]],
    timesheets = [[
resource_id,project_id,week_start,hours
R1,PRJ-1,2026-03-02,50.5
R2,PRJ-1,2026-03-02,50
R3,PRJ-1,2026-03-02,26
R9,PRJ-1,2026-03-02,51
R9,PRJ-1,2026-03-09,49
]],
  },
  expect = { count = 3, keys = {"R1", "R3", "R9"} },
}

test {
  rule = "RES-004",
  name = "without resources.csv the capacity is 40; null hours, weeks and resources are left out, null projects count",
  data = {
    timesheets = [[
resource_id,project_id,week_start,hours
R1,,2026-03-02,30
R1,PRJ-1,2026-03-02,21
R1,PRJ-1,2026-03-02,
R1,PRJ-1,,40
,PRJ-1,2026-03-02,60
R2,PRJ-1,2026-03-02,50
]],
  },
  expect = { count = 1, keys = {"R1"}, lines = {2} },
}

test {
  rule = "RES-004",
  name = "the same week written as a date-time is the same week; factor can be set",
  params = { factor = 1.0 },
  data = {
    timesheets = [[
resource_id,project_id,week_start,hours
R1,PRJ-1,2026-03-02,20
R1,PRJ-2,2026-03-02T08:00:00Z,21
R2,PRJ-1,2026-03-02,40
]],
  },
  expect = { count = 1, keys = {"R1"}, messages = {"booked 41 h"} },
}
