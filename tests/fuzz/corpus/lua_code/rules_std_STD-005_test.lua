-- Tests of STD-005: project dates are in order.
test {
  rule = "STD-005",
  name = "one finding per project even when both orders are wrong",
  data = {
    projects = [[
project_id,name,status,start_date,planned_finish,actual_finish
PRJ-1001,both,active,2026-05-01,2026-03-01,2026-04-01
PRJ-1002,late start,active,2026-05-01,2026-04-30,
PRJ-1003,early finish,closed,2026-05-01,,2026-04-30
]],
  },
  expect = { count = 3, keys = {"PRJ-1001", "PRJ-1002", "PRJ-1003"}, messages = {"; actual finish", "after planned finish", "before start"} },
}

test {
  rule = "STD-005",
  name = "equal dates are in order, and missing dates are not compared",
  data = {
    projects = [[
project_id,name,status,start_date,planned_finish,actual_finish
PRJ-1004,same day,active,2026-05-01,2026-05-01,2026-05-01
PRJ-1005,no start,active,,2026-01-01,2025-01-01
]],
  },
  expect = 0,
}
