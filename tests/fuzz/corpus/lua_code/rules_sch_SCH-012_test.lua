-- Tests of SCH-012: few links of open tasks have a positive lag.

-- n open tasks P1..Pn of project pid, each linked FS to the one before;
-- cells[i] replaces task i's predecessors cell.
local function chain(pid, prefix, n, cells)
  local rows = {}
  for i = 1, n do
    rows[i] = { task_id = prefix .. i, project_id = pid, percent_complete = 0,
                predecessors = cells[i] or (prefix .. (i - 1) .. ":FS") }
  end
  return rows
end

local function add(rows, more)
  for _, r in ipairs(more) do
    rows[#rows + 1] = r
  end
  return rows
end

test {
  rule = "SCH-012",
  name = "a project with many positive lags fails, closed projects too",
  data = {
    projects = [[
project_id,name,status
PRJ-1,A,closed
PRJ-2,B,active
]],
    tasks = [[
task_id,project_id,predecessors,is_summary,percent_complete,actual_finish
A1,PRJ-1,,,0,
A2,PRJ-1,A1+2d,,0,
A3,PRJ-1,A2:SS+1.5;bad link,,0,
A4,PRJ-1,A3,,0,
B1,PRJ-2,B0:FS+0d,,0,
]],
  },
  expect = { count = 1, keys = {"PRJ-1"}, messages = {"project PRJ-1: 2 of 3 links of open tasks (66.7%) have a positive lag, more than 5%"} },
}

test {
  rule = "SCH-012",
  name = "one positive lag in 20 links is exactly 5% and passes; zero and negative lags are not positive",
  data = {
    projects = [[
project_id,name,status
PRJ-1,A,active
]],
    tasks = add(chain("PRJ-1", "A", 20, { [2] = "A1:FS+1d", [3] = "A2:FS+0d", [4] = "A3-0d", [5] = "A4:SS-2d" }), {
      -- the links of summary and complete tasks do not count
      { task_id = "S1", project_id = "PRJ-1", predecessors = "A1+5d", is_summary = "yes" },
      { task_id = "C1", project_id = "PRJ-1", predecessors = "A1+5d", percent_complete = 100 },
      { task_id = "C2", project_id = "PRJ-1", predecessors = "A1+5d", actual_finish = "2026-01-01" },
    }),
  },
  expect = 0,
}

test {
  rule = "SCH-012",
  name = "two positive lags in 20 links fail",
  data = {
    projects = [[
project_id,name,status
PRJ-1,A,active
]],
    tasks = chain("PRJ-1", "A", 20, { [2] = "A1:FS+1d", [3] = "A2+0.5" }),
  },
  expect = { count = 1, keys = {"PRJ-1"}, messages = {"2 of 20 links of open tasks (10%)"} },
}

test {
  rule = "SCH-012",
  name = "a project whose open tasks have no links, or without open tasks, is not judged",
  data = {
    projects = [[
project_id,name,status
PRJ-1,A,active
PRJ-2,B,active
]],
    tasks = [[
task_id,project_id,predecessors,is_summary,percent_complete,actual_finish
A1,PRJ-1,,,0,
A2,PRJ-1,bad link,,0,
A3,PRJ-1,A1+3d,,100,
B1,PRJ-2,B0+3d,,100,
B2,PRJ-2,B0+3d,yes,0,
N1,,X+3d,,0,
]],
  },
  expect = 0,
}

test {
  rule = "SCH-012",
  name = "without tasks.csv the rule is skipped",
  data = {
    projects = [[
project_id,name,status
PRJ-1,A,active
]],
  },
  expect = "skipped",
}
