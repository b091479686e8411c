-- Tests of SCH-015: few open tasks have high total float.

-- n open tasks P1..Pn of project pid; float[i] is task i's total_float_days.
local function tasks(pid, prefix, n, float)
  local rows = {}
  for i = 1, n do
    rows[i] = { task_id = prefix .. i, project_id = pid, percent_complete = 10, total_float_days = float[i] }
  end
  return rows
end

test {
  rule = "SCH-015",
  name = "a project with many floats above max_float fails; a float equal to it does not count",
  data = {
    projects = [[
project_id,name,status
PRJ-1,A,active
PRJ-2,B,active
]],
    tasks = [[
task_id,project_id,total_float_days,is_summary,percent_complete,actual_finish
A1,PRJ-1,45,,0,
A2,PRJ-1,44.5,,0,
A3,PRJ-1,44,,0,
A4,PRJ-1,,,0,
B1,PRJ-2,44,,0,
B2,PRJ-2,-50,,0,
]],
  },
  expect = { count = 1, keys = {"PRJ-1"},
             messages = {"project PRJ-1: 2 of 4 open tasks (50%) have total float > 44 days, more than 5%; e.g. A1 (45), A2 (44.5)"} },
}

test {
  rule = "SCH-015",
  name = "one high float in 20 open tasks is exactly 5% and passes; null floats count in the total",
  data = {
    projects = [[
project_id,name,status
PRJ-1,A,active
]],
    tasks = (function()
      local rows = tasks("PRJ-1", "A", 20, { [1] = 100, [2] = 44, [3] = 0 })
      -- summary and complete tasks count nowhere
      rows[#rows + 1] = { task_id = "S1", project_id = "PRJ-1", total_float_days = 90, is_summary = "yes" }
      rows[#rows + 1] = { task_id = "C1", project_id = "PRJ-1", total_float_days = 90, actual_finish = "2026-01-01" }
      return rows
    end)(),
  },
  expect = 0,
}

test {
  rule = "SCH-015",
  name = "max_float and max_share can be set",
  params = { max_float = 10, max_share = 0.1 },
  data = {
    projects = [[
project_id,name,status
PRJ-1,A,active
PRJ-2,B,active
]],
    tasks = (function()
      local rows = tasks("PRJ-1", "A", 20, { [1] = 10.5, [2] = 11, [3] = 12 })
      for _, r in ipairs(tasks("PRJ-2", "B", 20, { [1] = 10.5, [2] = 11, [3] = 10 })) do
        rows[#rows + 1] = r
      end
      return rows
    end)(),
  },
  expect = { count = 1, keys = {"PRJ-1"}, messages = {"3 of 20 open tasks (15%) have total float > 10 days, more than 10%"} },
}

test {
  rule = "SCH-015",
  name = "a project without open tasks is not judged",
  data = {
    projects = [[
project_id,name,status
PRJ-1,A,active
]],
    tasks = [[
task_id,project_id,total_float_days,is_summary,percent_complete,actual_finish
A1,PRJ-1,90,,100,
A2,PRJ-1,90,true,0,
N1,,90,,0,
]],
  },
  expect = 0,
}

test {
  rule = "SCH-015",
  name = "without tasks.csv the rule is skipped",
  data = {
    projects = [[
project_id,name,status
PRJ-1,A,active
]],
  },
  expect = "skipped",
}
