-- Tests of STD-004: active projects reference a business case.
test {
  rule = "STD-004",
  name = "an active project without a business case is a warning",
  data = { projects = "project_id,name,status,business_case\nPRJ-1001,a,active,\nPRJ-1002,b,active,   \n" },
  expect = { count = 2, severities = {"warning", "warning"}, columns = {"business_case", "business_case"} },
}

test {
  rule = "STD-004",
  name = "on-hold projects and projects with a reference pass",
  data = { projects = "project_id,name,status,business_case\nPRJ-1001,a,on_hold,\nPRJ-1002,b,active,BC-17\n" },
  expect = 0,
}
