-- Tests of SCH-004: the forecast finish is within tolerance of the planned finish.
test {
  rule = "SCH-004",
  name = "an overrun over 10% of the planned duration fails; exactly 10% (3 of 30 days) passes",
  data = {
    projects = [[
project_id,name,status,start_date,planned_finish,forecast_finish
PRJ-1001,at tolerance,active,2026-01-01,2026-01-31,2026-02-03
PRJ-1002,over,on_hold,2026-01-01,2026-01-31,2026-02-04
PRJ-1003,early,active,2026-01-01,2026-01-31,2026-01-20
]],
  },
  expect = { count = 1, keys = {"PRJ-1002"}, lines = {3}, columns = {"forecast_finish"},
             messages = {"4 days after planned finish 2026-01-31"} },
}

test {
  rule = "SCH-004",
  name = "projects that are not open, miss a date, or have no id are not judged",
  data = {
    projects = [[
project_id,name,status,start_date,planned_finish,forecast_finish
PRJ-1001,closed,closed,2026-01-01,2026-01-31,2026-06-30
PRJ-1002,no start,active,,2026-01-31,2026-06-30
PRJ-1003,no plan,active,2026-01-01,,2026-06-30
PRJ-1004,no forecast,active,2026-01-01,2026-01-31,
,no id,active,2026-01-01,2026-01-31,2026-06-30
]],
  },
  expect = 0,
}

test {
  rule = "SCH-004",
  name = "the tolerance follows max_overrun, compared exactly at 0.29 x 100 (28.999999999999996 in doubles)",
  params = { max_overrun = 0.29 },
  data = {
    projects = [[
project_id,name,status,start_date,planned_finish,forecast_finish
PRJ-1001,at,active,2026-01-01,2026-04-11,2026-05-10
PRJ-1002,over,active,2026-01-01,2026-04-11,2026-05-11
]],
  },
  expect = { count = 1, keys = {"PRJ-1002"} },
}
