-- Tests of ITD-001 and ITD-002 on rows shaped like the itdashboard profile's
-- projects: the same cases for each rule, on its own column.
for _, r in ipairs{ {"ITD-001", "cost_variance_pct", "cost"}, {"ITD-002", "schedule_variance_pct", "schedule"} } do
  local id, column, what = r[1], r[2], r[3]
  local projects = "project_id,name,status," .. column .. [[

656,Operations,active,0
657,Virtualization,active,-9.99
658,Data center,active,10
659,Network,active,-29.5
660,Payroll,active,30
661,Portal,active,-84.07
662,Unknown,active,
]]

  test {
    rule = id, name = "green, yellow and red bands in both directions",
    data = { projects = projects },
    expect = {
      lines = {4, 5, 6, 7},
      severities = {"warning", "warning", "error", "error"},
      messages = {
        "658: " .. what .. " variance 10% is yellow (10% or more)",
        "659: " .. what .. " variance -29.5% is yellow (10% or more)",
        "660: " .. what .. " variance 30% is red (30% or more)",
        "661: " .. what .. " variance -84.07% is red (30% or more)",
      },
    },
  }

  test {
    rule = id, name = "all green, and a blank variance is not judged",
    data = { projects = "project_id,name,status," .. column .. "\n1,A,active,9.9\n2,B,active,\n" },
    expect = 0,
  }

  test {
    rule = id, name = "the bands are params",
    params = { yellow = 5, red = 50 },
    data = { projects = projects },
    expect = { lines = {3, 4, 5, 6, 7}, severities = {"warning", "warning", "warning", "warning", "error"} },
  }
end
