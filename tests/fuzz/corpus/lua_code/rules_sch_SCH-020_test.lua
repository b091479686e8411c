-- Tests of SCH-020: baseline execution index (BEI) is on track.

-- n complete tasks of project pid due by T, and one open task (so the
-- project is judged) whose baseline is after T.
local function done(pid, prefix, n)
  local rows = {}
  for i = 1, n do
    rows[i] = { task_id = prefix .. i, project_id = pid, percent_complete = 100,
                baseline_finish = "2026-05-01", actual_finish = "2026-05-01" }
  end
  rows[n + 1] = { task_id = prefix .. "open", project_id = pid, percent_complete = 0,
                  baseline_finish = "2026-09-01" }
  return rows
end

test {
  rule = "SCH-020",
  name = "a project finishing too few of its tasks due by T fails, closed ones too",
  as_of = "2026-06-30",
  data = {
    projects = [[
project_id,name,status
PRJ-1,A,active
PRJ-2,B,closed
]],
    tasks = [[
task_id,project_id,baseline_finish,actual_finish,percent_complete,is_summary
A1,PRJ-1,2026-06-30,,50,
A2,PRJ-1,2026-05-01,2026-06-02,100,
A3,PRJ-1,2026-05-01,2026-05-01,100,
A4,PRJ-1,2026-05-01,,100,
B1,PRJ-2,2026-06-01,,10,
]],
  },
  expect = { count = 2, keys = {"PRJ-1", "PRJ-2"},
             messages = {"project PRJ-1: BEI 0.50 < 0.95 (2 of 4 tasks due by 2026-06-30 are finished)",
                         "BEI 0.00 < 0.95 (0 of 1"} },
}

test {
  rule = "SCH-020",
  name = "19 finished of 20 due is exactly 0.95 and passes; late finishes count, summary tasks and null baselines do not",
  data = {
    projects = [[
project_id,name,status
PRJ-1,A,active
]],
    tasks = (function()
      local rows = done("PRJ-1", "A", 18)
      rows[#rows + 1] = { task_id = "L1", project_id = "PRJ-1", baseline_finish = "2026-05-01", actual_finish = "2026-06-08" }
      rows[#rows + 1] = { task_id = "M1", project_id = "PRJ-1", baseline_finish = "2026-05-01", percent_complete = 80 }
      rows[#rows + 1] = { task_id = "S1", project_id = "PRJ-1", baseline_finish = "2026-05-01", is_summary = "yes" }
      rows[#rows + 1] = { task_id = "N1", project_id = "PRJ-1", percent_complete = 30 }
      return rows
    end)(),
  },
  expect = 0,
}

test {
  rule = "SCH-020",
  name = "18 finished of 20 due fail, and the BEI shows enough decimals",
  params = { min_bei = 0.901 },
  data = {
    projects = [[
project_id,name,status
PRJ-1,A,active
]],
    tasks = (function()
      local rows = done("PRJ-1", "A", 18)
      rows[#rows + 1] = { task_id = "M1", project_id = "PRJ-1", baseline_finish = "2026-05-01", percent_complete = 80 }
      rows[#rows + 1] = { task_id = "M2", project_id = "PRJ-1", baseline_finish = "2026-06-30" }
      return rows
    end)(),
  },
  expect = { count = 1, keys = {"PRJ-1"}, messages = {"BEI 0.900 < 0.901 (18 of 20"} },
}

test {
  rule = "SCH-020",
  name = "a project without open tasks, or with no task due by T, is not judged",
  data = {
    projects = [[
project_id,name,status
PRJ-1,A,active
PRJ-2,B,active
]],
    tasks = [[
task_id,project_id,baseline_finish,actual_finish,percent_complete,is_summary
A1,PRJ-1,2026-05-01,,100,
A2,PRJ-1,2026-05-01,,0,yes
B1,PRJ-2,2026-07-01,,0,
B2,PRJ-2,,,0,
N1,,2026-05-01,,0,
]],
  },
  expect = 0,
}

test {
  rule = "SCH-020",
  name = "without tasks.csv the rule is skipped",
  data = {
    projects = [[
project_id,name,status
PRJ-1,A,active
]],
  },
  expect = "skipped",
}
