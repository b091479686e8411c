-- Tests of DAT-007: tables whose row count fell since the baseline.
test {
  rule = "DAT-007",
  name = "a table that lost more than half its rows is one finding at line 1, keyed by the table",
  data = {
    projects = "project_id,name,status\nPRJ-1,A,active\nPRJ-2,B,active\n",
    tasks = "task_id,project_id,name\nT1,PRJ-1,a\n",
  },
  baseline = { projects = 2, tasks = 3 },
  expect = { count = 1, lines = {1}, keys = {"tasks"}, severities = {"warning"},
             messages = {"table tasks fell from 3 rows in the baseline of 2026-06-30 to 1: 66% fewer"} },
}

test {
  rule = "DAT-007",
  name = "exactly half the rows gone is within the default max_drop",
  data = {
    projects = "project_id,name,status\nPRJ-1,A,active\nPRJ-2,B,active\n",
  },
  baseline = { projects = 4 },
  expect = 0,
}

test {
  rule = "DAT-007",
  name = "max_drop is a param: a quarter gone is a finding at 0.2",
  params = { max_drop = 0.2 },
  data = {
    projects = "project_id,name,status\nPRJ-1,A,active\nPRJ-2,B,active\nPRJ-3,C,active\n",
  },
  baseline = { projects = 4 },
  expect = { count = 1, keys = {"projects"} },
}

test {
  rule = "DAT-007",
  name = "a table of the baseline that is gone counts as no rows",
  data = {
    projects = "project_id,name,status\nPRJ-1,A,active\n",
  },
  baseline = { projects = 1, risks = 10 },
  expect = { count = 1, keys = {"risks"}, lines = {0}, messages = {"is gone now"} },
}

test {
  rule = "DAT-007",
  name = "growing tables, new tables and tables empty in the baseline pass",
  data = {
    projects = "project_id,name,status\nPRJ-1,A,active\nPRJ-2,B,active\n",
    tasks = "task_id,project_id,name\nT1,PRJ-1,a\n",
  },
  baseline = { projects = 1, milestones = 0 },
  expect = 0,
}

test {
  rule = "DAT-007",
  name = "without a baseline there is nothing to compare with: skipped",
  data = {
    projects = "project_id,name,status\nPRJ-1,A,active\n",
  },
  expect = "skipped",
}
