-- Tests of DAT-009: values an import profile's map lacks, read as its
-- default. Only a profile's columns have maps: these cases load their data
-- (files, not tables) through a bundled profile.
test {
  rule = "DAT-009",
  name = "an issue type the jira profile does not know is a task, one finding per type with its rows",
  profile = "jira",
  data = {
    Jira = [[
Summary,Issue key,Issue Type,Status,Project key,Project name
Flaky login,SUP-1,Sprint Defect,To Do,SUP,Support
Spike on caching,SUP-2,Spike,To Do,SUP,Support
Wrong total,SUP-3,Sprint Defect,Done,SUP,Support
Checkout,SUP-4,Story,To Do,SUP,Support
]],
  },
  expect = {
    count = 2,
    columns = {"kind", "kind"},
    lines = {3, 2},
    messages = {
      "\"Spike\" (column 'Issue Type') is not in the map of profile jira for tables.tasks.columns.kind: read as \"task\", the map's default, in 1 row (line 3); if it means something else, add it to the map (tables.tasks.columns.kind in the config)",
      "\"Sprint Defect\" (column 'Issue Type') is not in the map of profile jira for tables.tasks.columns.kind: read as \"task\", the map's default, in 2 rows (lines 2 and 4); if it means something else, add it to the map (tables.tasks.columns.kind in the config)",
    },
  },
}

test {
  rule = "DAT-009",
  name = "issue types the profile knows are no finding",
  profile = "jira",
  data = {
    Jira = "Summary,Issue key,Issue Type,Status,Project key,Project name\nA,SUP-1,Story,To Do,SUP,Support\nB,SUP-2,Bug,Done,SUP,Support\n",
  },
  expect = 0,
}

test {
  rule = "DAT-009",
  name = "a plain file has no profile maps: no finding",
  data = {
    projects = "project_id,name,status\nPRJ-1,A,Sprint Defect\n",
  },
  expect = 0,
}
