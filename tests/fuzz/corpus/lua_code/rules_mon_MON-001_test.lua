-- Tests of MON-001: open projects have a recent status report.
test {
  rule = "MON-001",
  name = "a report exactly 14 days old passes; 15 days, none, or only future reports fail",
  as_of = "2026-06-30",
  data = {
    projects = [[
project_id,name,status
PRJ-1001,edge,active
PRJ-1002,old,on_hold
PRJ-1003,none,active
PRJ-1004,future only,active
PRJ-1005,bad date only,active
PRJ-1006,newest counts,active
]],
    status_reports = [[
project_id,report_date,rag
PRJ-1001,2026-06-16,green
PRJ-1002,2026-06-15,green
PRJ-1002,2026-05-01,green
PRJ-1004,2026-07-01,green
PRJ-1005,yesterday,green
PRJ-1006,2026-03-01,red
PRJ-1006,2026-06-29,red
]],
  },
  expect = { count = 4, keys = {"PRJ-1002", "PRJ-1003", "PRJ-1004", "PRJ-1005"}, lines = {3, 4, 5, 6},
             messages = {"2026-06-15 is 15 days old", "no status report", "no status report", "no status report"} },
}

test {
  rule = "MON-001",
  name = "projects that are not open, or without an id, are not judged",
  data = {
    projects = [[
project_id,name,status
PRJ-1001,closed,closed
PRJ-1002,proposed,proposed
PRJ-1003,cancelled,cancelled
,no id,active
]],
    status_reports = "project_id,report_date,rag\n",
  },
  expect = 0,
}

test {
  rule = "MON-001",
  name = "the age limit follows max_age",
  params = { max_age = 30 },
  data = {
    projects = "project_id,name,status\nPRJ-1001,A,active\nPRJ-1002,B,active\n",
    status_reports = "project_id,report_date\nPRJ-1001,2026-05-31\nPRJ-1002,2026-05-30\n",
  },
  expect = { count = 1, keys = {"PRJ-1002"} },
}

test {
  rule = "MON-001",
  name = "the rule is skipped without status_reports.csv",
  data = { projects = "project_id,name,status\nPRJ-1001,A,active\n" },
  expect = "skipped",
}
