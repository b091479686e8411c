-- Tests of CLS-001: closed projects have recorded lessons learned.
test {
  rule = "CLS-001",
  name = "a closed project without any lesson fails",
  data = {
    projects = [[
project_id,name,status
PRJ-1001,A,closed
PRJ-1002,B,Closed
PRJ-1003,C,cancelled
PRJ-1004,D,active
,E,closed
PRJ-1006,F,closed
]],
    lessons = "lesson_id,project_id,lesson\nL1,PRJ-1002,Plan cutover early\n,PRJ-1006,Lesson without an id\nL3,PRJ-9999,Orphan\n",
  },
  expect = { count = 1, keys = {"PRJ-1001"}, lines = {2}, messages = {"closed project PRJ-1001"} },
}

test {
  rule = "CLS-001",
  name = "closed projects with lessons pass",
  data = {
    projects = "project_id,name,status\nPRJ-1001,A,closed\nPRJ-1002,B,active\n",
    lessons = "lesson_id,project_id\nL1,PRJ-1001\nL2,PRJ-1001\n",
  },
  expect = 0,
}

test {
  rule = "CLS-001",
  name = "an empty lessons register fails every closed project row, duplicates included",
  data = {
    projects = "project_id,name,status\nPRJ-1001,A,closed\nPRJ-1001,A again,closed\nPRJ-1002,B,closed\n",
    lessons = "lesson_id,project_id\n",
  },
  expect = { count = 3, lines = {2, 3, 4} },
}

test {
  rule = "CLS-001",
  name = "skipped without lessons.csv",
  data = { projects = "project_id,name,status\nPRJ-1001,A,closed\n" },
  expect = "skipped",
}
