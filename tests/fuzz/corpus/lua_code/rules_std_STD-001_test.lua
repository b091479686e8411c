-- Tests of STD-001: project ids follow the numbering scheme.
test {
  rule = "STD-001",
  name = "ids outside the pattern fail; a blank id is not judged",
  data = {
    projects = [[
project_id,name,status
PRJ-1001,four digits,active
PRJ-123456,six digits,active
PRJ-77,too short,active
prj-1002,lower case,active
PRJ-1234567,too long,active
,blank,active
]],
  },
  expect = { count = 3, keys = {"PRJ-1234567", "PRJ-77", "prj-1002"}, columns = {"project_id", "project_id", "project_id"} },
}

test {
  rule = "STD-001",
  name = "the pattern is a param and must match the whole id",
  params = { id_pattern = "[0-9]{4}" },
  data = {
    projects = "project_id,name,status\n1234,ok,active\nX1234,partial match only,active\n",
  },
  expect = { count = 1, keys = {"X1234"} },
}

test {
  rule = "STD-001",
  name = "a register in the scheme passes",
  data = { projects = { { project_id = "PRJ-1001", name = "A", status = "active" } } },
  expect = 0,
}
