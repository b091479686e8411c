-- Tests of ITD-002 on rows shaped like the itdashboard profile's projects.
local projects = [[
project_id,name,status,schedule_variance_pct
656,Operations,active,0
657,Virtualization,active,-9.99
658,Data center,active,10
659,Network,active,-29.5
660,Payroll,active,30
661,Portal,active,-84.07
662,Unknown,active,
]]

test {
  rule = "ITD-002", name = "green, yellow and red bands in both directions",
  data = { projects = projects },
  expect = {
    lines = {4, 5, 6, 7},
    severities = {"warning", "warning", "error", "error"},
    messages = {
      "658: schedule variance 10% is yellow (10% or more)",
      "659: schedule variance -29.5% is yellow (10% or more)",
      "660: schedule variance 30% is red (30% or more)",
      "661: schedule variance -84.07% is red (30% or more)",
    },
  },
}

test {
  rule = "ITD-002", name = "all green, and a blank variance is not judged",
  data = { projects = "project_id,name,status,schedule_variance_pct\n1,A,active,9.9\n2,B,active,\n" },
  expect = 0,
}

test {
  rule = "ITD-002", name = "the bands are params",
  params = { yellow = 5, red = 50 },
  data = { projects = projects },
  expect = { lines = {3, 4, 5, 6, 7}, severities = {"warning", "warning", "warning", "warning", "error"} },
}
