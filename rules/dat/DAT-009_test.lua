-- Tests of DAT-009: values an import profile's map lacks. Only a profile's
-- columns have maps; its cases with findings are in tests/e2e/import_test.sh.
test {
  rule = "DAT-009",
  name = "a plain file has no profile maps: no finding",
  data = {
    projects = "project_id,name,status\nPRJ-1,A,Sprint Defect\n",
  },
  expect = 0,
}
