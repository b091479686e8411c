-- Tests of DAT-008: rows left out of a file without an explicit filter.
test {
  rule = "DAT-008",
  name = "blank lines are one finding per file, naming their lines",
  data = {
    projects = "project_id,name,status\n\nPRJ-1,A,active\n  \nPRJ-2,B,active\n",
  },
  expect = { count = 1, lines = {2},
             messages = {"2 rows of projects.csv left out: blank line (lines 2 and 4)"} },
}

test {
  rule = "DAT-008",
  name = "a repeated header row is left out, not loaded as a project",
  data = {
    projects = "project_id,name,status\nPRJ-1,A,active\nProject ID,Name,Status\nPRJ-2,B,active\n",
  },
  expect = { count = 1, lines = {3},
             messages = {"1 row of projects.csv left out: repeats the header row (line 3)"} },
}

test {
  rule = "DAT-008",
  name = "a file whose every line is a row: nothing left out",
  data = {
    projects = "project_id,name,status\nPRJ-1,A,active\nPRJ-2,,\n",
  },
  expect = 0,
}
