-- Tests of DAT-006: tables that are present but have no data rows.
test {
  rule = "DAT-006",
  name = "a header-only table is one finding at line 1, keyed by the table",
  data = {
    projects = "project_id,name,status\nPRJ-1,A,active\n",
    tasks = "task_id,project_id,name\n",
  },
  expect = { count = 1, lines = {1}, keys = {"tasks"}, messages = {"table tasks has no data rows"} },
}

test {
  rule = "DAT-006",
  name = "an empty projects table is a finding too",
  data = {
    projects = "project_id,name,status\n",
  },
  expect = { count = 1, keys = {"projects"} },
}

test {
  rule = "DAT-006",
  name = "blank lines after the header are no data rows",
  data = {
    projects = "project_id,name,status\n\n\n",
  },
  expect = { count = 1, keys = {"projects"} },
}

test {
  rule = "DAT-006",
  name = "tables with rows pass, and an absent table is not empty",
  data = {
    projects = "project_id,name,status\nPRJ-1,A,active\n",
    milestones = "milestone_id,project_id,name\nM-1,PRJ-1,Kick-off\n",
  },
  expect = 0,
}

test {
  rule = "DAT-006",
  name = "an extra table of no data model is not judged",
  data = {
    projects = "project_id,name,status\nPRJ-1,A,active\n",
    custom_notes = "note\n",
  },
  expect = 0,
}
