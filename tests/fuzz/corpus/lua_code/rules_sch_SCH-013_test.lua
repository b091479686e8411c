-- Tests of SCH-013: links of open tasks are mostly finish-to-start.

-- n open tasks P1..Pn of project pid, each linked to the one before with no
-- type (so FS); cells[i] replaces task i's predecessors cell.
local function chain(pid, prefix, n, cells)
  local rows = {}
  for i = 1, n do
    rows[i] = { task_id = prefix .. i, project_id = pid, percent_complete = 0,
                predecessors = cells[i] or (prefix .. (i - 1)) }
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
  rule = "SCH-013",
  name = "a project with many SS/FF/SF links fails, on each of its duplicated rows",
  data = {
    projects = [[
project_id,name,status
PRJ-1,A,active
PRJ-1,A again,on_hold
]],
    tasks = [[
task_id,project_id,predecessors,is_summary,percent_complete,actual_finish
A1,PRJ-1,,,0,
A2,PRJ-1,A1:SS,,0,
A3,PRJ-1,A2:ff+1d;A1:FS,,0,
A4,PRJ-1,A3:SF,,0,
]],
  },
  expect = { count = 2, keys = {"PRJ-1", "PRJ-1"}, lines = {2, 3},
             messages = {"1 of 4 links of open tasks (25%) are finish-to-start, less than 90%", "1 of 4"} },
}

test {
  rule = "SCH-013",
  name = "18 FS links of 20 are exactly 90% and pass; fs in lower case and untyped links are FS",
  data = {
    projects = [[
project_id,name,status
PRJ-1,A,active
]],
    tasks = add(chain("PRJ-1", "A", 20, { [2] = "A1:SS", [3] = "A2:FF", [4] = "A3:fs", [5] = "A4:Fs+2d" }), {
      -- the links of summary and complete tasks do not count
      { task_id = "S1", project_id = "PRJ-1", predecessors = "A1:SS", is_summary = "yes" },
      { task_id = "C1", project_id = "PRJ-1", predecessors = "A1:SF", percent_complete = "100%" },
    }),
  },
  expect = 0,
}

test {
  rule = "SCH-013",
  name = "17 FS links of 20 fail",
  data = {
    projects = [[
project_id,name,status
PRJ-1,A,active
]],
    tasks = chain("PRJ-1", "A", 20, { [2] = "A1:SS", [3] = "A2:FF", [4] = "A3:sf" }),
  },
  expect = { count = 1, keys = {"PRJ-1"}, messages = {"17 of 20 links of open tasks (85%)"} },
}

test {
  rule = "SCH-013",
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
A2,PRJ-1,A1:XX,,0,
A3,PRJ-1,A1:SS,,100,
B1,PRJ-2,B0:SS,,100,
B2,PRJ-2,B0:SS,yes,0,
N1,,X:SS,,0,
]],
  },
  expect = 0,
}

test {
  rule = "SCH-013",
  name = "without tasks.csv the rule is skipped",
  data = {
    projects = [[
project_id,name,status
PRJ-1,A,active
]],
  },
  expect = "skipped",
}
