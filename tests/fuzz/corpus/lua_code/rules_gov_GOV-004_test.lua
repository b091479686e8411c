-- Tests of GOV-004: open projects are not near-duplicates of each other.
test {
  rule = "GOV-004",
  name = "word order, case, punctuation and the stop words do not hide a duplicate",
  data = {
    projects = [[
project_id,name,status
PRJ-1012,CRM Migrate Europe Programme,active
PRJ-1044,Migrate CRM Europe,on_hold
PRJ-1050,"the crm-MIGRATE project, for europe!",active
PRJ-1060,Payroll Outsourcing,active
]],
  },
  expect = { count = 3, keys = {"PRJ-1012", "PRJ-1044", "PRJ-1050"}, lines = {2, 3, 4},
             columns = {"name", "name", "name"},
             messages = {
               'PRJ-1012 "CRM Migrate Europe Programme" looks like PRJ-1044 "Migrate CRM Europe" (similarity 1.00)',
               'PRJ-1044 "Migrate CRM Europe" looks like PRJ-1012 "CRM Migrate Europe Programme" (similarity 1.00)',
               'PRJ-1050 "the crm-MIGRATE project, for europe!" looks like PRJ-1012 "CRM Migrate Europe Programme" (similarity 1.00)',
             },
             involves = {"PRJ-1012,PRJ-1044", "PRJ-1012,PRJ-1044", "PRJ-1012,PRJ-1050"} },
}

test {
  rule = "GOV-004",
  name = "names of fewer than 2 words after the filtering are never near-duplicates",
  data = {
    projects = [[
project_id,name,status
PRJ-1,Project Programme Phase,active
PRJ-2,the program and the project for the phase,active
PRJ-3,Payroll,active
PRJ-4,Payroll Project,active
PRJ-5,HR IT Go Payroll,active
PRJ-6,ERP v2 UK,active
PRJ-7,ERP v3 US,active
]],
  },
  expect = 0,
}

test {
  rule = "GOV-004",
  name = "bytes of 0x80 and above belong to words; only ASCII letters are lower-cased",
  data = {
    projects = [[
project_id,name,status
PRJ-1,Büro Umzug München,active
PRJ-2,büro-umzug MÜNCHEN,active
PRJ-3,Rénovation Siège Lyon,active
PRJ-4,RÉNOVATION siège lyon,active
PRJ-5,Café é Straße,active
PRJ-6,café straße,active
PRJ-7,東京 オフィス 移転,active
PRJ-8,東京オフィス 移転,active
]],
  },
  -- PRJ-1/2: {büro, umzug, münchen} vs {büro, umzug, mÜnchen}: 2/4. PRJ-3/4: 2/4 (É is
  -- not lower-cased). PRJ-5/6: é is 2 bytes and dropped, café = café: 2/2. PRJ-7/8: each
  -- word is 6 or more bytes; 東京オフィス is one word, so 1/4.
  expect = { count = 2, keys = {"PRJ-5", "PRJ-6"}, involves = {"PRJ-5,PRJ-6", "PRJ-5,PRJ-6"} },
}

test {
  rule = "GOV-004",
  name = "exactly at the threshold is a near-duplicate, just below is not",
  data = {
    projects = [[
project_id,name,status
PRJ-1,alpha beta gamma delta,active
PRJ-2,alpha beta gamma delta epsilon,active
PRJ-3,north south east west,active
PRJ-4,north south east west centre wide,active
]],
  },
  -- PRJ-1/2: 4/5 = 0.80 >= 0.8. PRJ-3/4: 4/6 = 0.67.
  expect = { count = 2, keys = {"PRJ-1", "PRJ-2"}, messages = {"(similarity 0.80)", "(similarity 0.80)"} },
}

test {
  rule = "GOV-004",
  name = "min_similarity moves the threshold",
  params = { min_similarity = 0.6 },
  data = {
    projects = [[
project_id,name,status
PRJ-3,north south east west,active
PRJ-4,north south east west centre wide,active
PRJ-5,north south east west centre,active
]],
  },
  -- PRJ-3: 4/5 with PRJ-5 beats 4/6 with PRJ-4; PRJ-4: 5/6 with PRJ-5; PRJ-5: 5/6 with PRJ-4
  expect = { count = 3, keys = {"PRJ-3", "PRJ-4", "PRJ-5"},
             messages = {'looks like PRJ-5 "north south east west centre" (similarity 0.80)',
                         "looks like PRJ-5", "looks like PRJ-4"} },
}

test {
  rule = "GOV-004",
  name = "proposed, closed and cancelled projects and rows without an id are neither judged nor matched",
  data = {
    projects = [[
project_id,name,status
PRJ-1,Data Centre Exit Wave 1,active
PRJ-2,Data Centre Exit Wave 2,closed
PRJ-3,Data Centre Exit Wave 3,cancelled
PRJ-4,Data Centre Exit Wave 4,proposed
,Data Centre Exit Wave 5,active
PRJ-6,Data Centre Exit Wave 6,
PRJ-7,Data Centre Exit Wave 7,Shelved
]],
  },
  expect = 0,
}

test {
  rule = "GOV-004",
  name = "a project row exported twice is two rows: each is reported",
  data = {
    projects = [[
project_id,name,status
PRJ-1,Treasury Management System,active
PRJ-1,Treasury Management System,active
PRJ-2,Treasury R