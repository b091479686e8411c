-- Tests of ACME-203. The schedule runs 2026-01-01 to 2026-12-31 (364 days);
-- on 2026-07-02, 182 days in, exactly half of it has elapsed.
test {
  rule = "ACME-203",
  name = "spending more than 10 points ahead of the calendar is reported",
  as_of = "2026-07-02",
  data = {
    projects = [[
project_id,name,status,start_date,planned_finish,budget,actual_cost
P-1,Ahead,active,2026-01-01,2026-12-31,1000000,610000
P-2,On plan,active,2026-01-01,2026-12-31,1000000,500000
P-3,Edge,active,2026-01-01,2026-12-31,1000000,600000
P-4,Closed,closed,2026-01-01,2026-12-31,1000000,990000
P-5,Not started,active,2026-09-01,2026-12-31,1000000,200000
]],
  },
  expect = {
    count = 2, keys = {"P-1", "P-5"}, columns = {"actual_cost", "actual_cost"},
    messages = {"spent 61% of its budget at 50% of its schedule", "spent 20% of its budget at 0% of its schedule"},
  },
}

test {
  rule = "ACME-203",
  name = "past the planned finish the schedule counts as fully elapsed; missing figures are not judged",
  as_of = "2027-03-01",
  data = {
    projects = [[
project_id,name,status,start_date,planned_finish,budget,actual_cost
P-1,Late,active,2026-01-01,2026-12-31,1000000,1050000
P-2,No cost,active,2026-01-01,2026-12-31,1000000,
P-3,No budget,active,2026-01-01,2026-12-31,0,5000
P-4,Same day,active,2026-01-01,2026-01-01,1000,900
]],
  },
  expect = 0,
}

test {
  rule = "ACME-203",
  name = "a wider tolerance lets a project 11 points ahead pass",
  as_of = "2026-07-02",
  params = { tolerance = 0.2 },
  data = { projects = "project_id,name,status,start_date,planned_finish,budget,actual_cost\n" ..
                      "P-1,Ahead,active,2026-01-01,2026-12-31,1000000,610000\n" },
  expect = 0,
}
