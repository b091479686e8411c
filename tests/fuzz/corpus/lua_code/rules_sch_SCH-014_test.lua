-- Tests of SCH-014: few open tasks have hard date constraints.

-- n open tasks P1..Pn of project pid; cons[i] is task i's constraint.
local function tasks(pid, prefix, n, cons)
  local rows = {}
  for i = 1, n do
    rows[i] = { task_id = prefix .. i, project_id = pid, percent_complete = 10, constraint = cons[i] }
  end
  return rows
end

test {
  rule = "SCH-014",
  name = "hard constraints compare case-insensitively; a project above the share fails, closed ones too",
  data = {
    projects = [[
project_id,name,status
PRJ-1,A,closed
PRJ-2,B,active
]],
    tasks = [[
task_id,project_id,constraint,is_summary,percent_complete,actual_finish
A1,PRJ-1,mso,,0,
A2,PRJ-1, Fnlt ,,0,
A3,PRJ-1,ASAP,,0,
A4,PRJ-1,,,0,
B1,PRJ-2,SNET,,0,
B2,PRJ-2,FNET,,0,
B3,PRJ-2,ALAP,,0,
B4,PRJ-2,MSO later,,0,
]],
  },
  expect = { count = 1, keys = {"PRJ-1"},
             messages = {"project PRJ-1: 2 of 4 open tasks (50%) have a hard constraint, more than 5%; e.g. A1 (MSO), A2 (FNLT)"} },
}

test {
  rule = "SCH-014",
  name = "one hard constraint in 20 open tasks is exactly 5% and passes; null constraints count in the total",
  data = {
    projects = [[
project_id,name,status
PRJ-1,A,active
]],
    tasks = (function()
      local rows = tasks("PRJ-1", "A", 20, { [1] = "MFO", [2] = "ASAP" })
      -- summary and complete tasks count nowhere
      rows[#rows + 1] = { task_id = "S1", project_id = "PRJ-1", constraint = "MSO", is_summary = "y" }
      rows[#rows + 1] = { task_id = "C1", project_id = "PRJ-1", constraint = "MSO", percent_complete = 100 }
      return rows
    end)(),
  },
  expect = 0,
}

test {
  rule = "SCH-014",
  name = "two hard constraints in 20 open tasks fail, the long s of U+017F upper-casing to S",
  data = {
    projects = [[
project_id,name,status
PRJ-1,A,active
]],
    tasks = tasks("PRJ-1", "A", 20, { [3] = "snlt", [7] = "\u{17F}nlt" }),
  },
  expect = { count = 1, keys = {"PRJ-1"}, messages = {"2 of 20 open tasks (10%) have a hard constraint, more than 5%; e.g. A3 (SNLT), A7 (SNLT)"} },
}

test {
  rule = "SCH-014",
  name = "a project without open tasks is not judged",
  data = {
    projects = [[
project_id,name,status
PRJ-1,A,active
]],
    tasks = [[
task_id,project_id,constraint,is_summary,percent_complete,actual_finish
A1,PRJ-1,MSO,,100,
A2,PRJ-1,MSO,yes,0,
A3,PRJ-1,MSO,,0,2026-01-01
N1,,MSO,,0,
]],
  },
  expect = 0,
}

test {
  rule = "SCH-014",
  name = "without tasks.csv the rule is skipped",
  data = {
    projects = [[
project_id,name,status
PRJ-1,A,active
]],
  },
  expect = "skipped",
}
