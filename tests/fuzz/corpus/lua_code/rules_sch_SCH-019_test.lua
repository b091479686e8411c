-- Tests of SCH-019: few tasks missed their baseline finish.

-- n complete tasks of project pid that finished on their baseline, and one
-- open task (so the project is judged) whose baseline is after T.
local function on_time(pid, prefix, n)
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
  rule = "SCH-019",
  name = "unfinished and late tasks due by T are missed; a project above the share fails",
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
A2,PRJ-1,2026-05-01,2026-05-02,100,
A3,PRJ-1,2026-05-01,2026-05-01,100,
A4,PRJ-1,2026-05-01,2026-04-01,100,
B1,PRJ-2,2026-06-01,,100,
B2,PRJ-2,2026-07-01,,0,
]],
  },
  -- PRJ-2: B1 (100% but no actual_finish) is missed: 1 of 1.
  expect = { count = 2, keys = {"PRJ-1", "PRJ-2"},
             messages = {"project PRJ-1: 2 of 4 tasks due by 2026-06-30 (50%) missed their baseline finish, more than 5%",
                         "1 of 1 tasks"} },
}

test {
  rule = "SCH-019",
  name = "one missed task in 20 due is exactly 5% and passes; summary tasks and null baselines are left out",
  data = {
    projects = [[
project_id,name,status
PRJ-1,A,active
]],
    tasks = (function()
      local rows = on_time("PRJ-1", "A", 19)
      rows[#rows + 1] = { task_id = "L1", project_id = "PRJ-1", baseline_finish = "2026-05-01", actual_finish = "2026-05-08" }
      rows[#rows + 1] = { task_id = "S1", project_id = "PRJ-1", baseline_finish = "2026-05-01", is_summary = "yes" }
      rows[#rows + 1] = { task_id = "N1", project_id = "PRJ-1", actual_finish = "2026-05-08" }
      rows[#rows + 1] = { task_id = "N2", project_id = "PRJ-1" }
      return rows
    end)(),
  },
  expect = 0,
}

test {
  rule = "SCH-019",
  name = "two missed tasks in 20 due fail",
  data = {
    projects = [[
project_id,name,status
PRJ-1,A,active
]],
    tasks = (function()
      local rows = on_time("PRJ-1", "A", 18)
      rows[#rows + 1] = { task_id = "L1", project_id = "PRJ-1", baseline_finish = "2026-05-01", actual_finish = "2026-05-08" }
      rows[#rows + 1] = { task_id = "L2", project_id = "PRJ-1", baseline_finish = "2026-05-01", percent_complete = 90 }
      return rows
    end)(),
  },
  expect = { count = 1, keys = {"PRJ-1"}, messages = {"2 of 20 tasks due"} },
}

test {
  rule = "SCH-019",
  name = "a project without open tasks, or with no task due by T, is not judged",
  data = {
    projects = [[
project_id,name,status
PRJ-1,A,active
PRJ-2,B,active
]],
    tasks = [[
task_id,project_id,baseline_finish,actual_finish,percent_complete,is_summary
A1,PRJ-1,2026-05-01,2026-06-20,100,
A2,PRJ-1,2026-05-01,,0,yes
B1,PRJ-2,2026-07-01,,0,
B2,PRJ-2,,,0,
N1,,2026-05-01,,0,
]],
  },
  expect = 0,
}

test {
  rule = "SCH-019",
  name = "without tasks.csv the rule is skipped",
  data = {
    projects = [[
project_id,name,status
PRJ-1,A,active
]],
  },
  expect = "skipped",
}
