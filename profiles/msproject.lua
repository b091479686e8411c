-- msproject: Microsoft Project CSV export (File > Save As > CSV, a task export map) or XML (MSPDI); one file per project
--
-- Each *.csv or *.xml file is one project: its name (without .csv or .xml) is the project_id,
-- and one projects row is made per file. MS Project's task IDs are numbers
-- local to a project, so task_id is "<project>.<ID>" (PRJ-2001.4), and so are
-- the predecessors' ids; the ID itself is kept as msp_id. Task fields are read as MS Project
-- names them in its export map. Dates are read month-first with a two-digit
-- year and an optional weekday and time ("Mon 1/5/26 8:00 AM"), MS Project's
-- default US format; set date_format in the config for another one.
-- Predecessors such as "12FS+2 days,14SS,15" become the data model's link
-- grammar "12:FS+2d;14:SS;15:FS"; a lag in weeks is 5 working days per week, and
-- a lag in percent cannot be converted and is left for DAT-001 to report.
--
-- An *.xml file is MS Project's own XML (File > Save As > XML, the MSPDI
-- schema). The loader reads its Task elements into rows with the CSV
-- export's column names and forms (durations in days, constraint names,
-- predecessors by ID as "12FS+2 days"), dates as ISO 8601, and a "Project
-- Title" column: the mapping below serves both. The project summary task
-- (Unique ID 0, which every XML file holds) is the projects row, not a
-- task; blank task rows (IsNull) are left out of tasks with that reason.

local function days(v)
  -- "5 days", "2.5 days?", "0 days", "-2 days", "1 wk" (5 days), "4 hrs" (8 per day)
  if not v then return nil end
  local n, unit = v:match("^%s*(%-?[%d%.]+)%s*(%a*)")
  n = tonumber(n)
  if not n then return v end
  unit = unit:lower()
  if unit:match("^w") then return n * 5 end
  if unit:match("^h") then return n / 8 end
  if unit:match("^m") and not unit:match("^mo") then return n / 480 end
  return n
end

local function link(entry, project)
  entry = entry:gsub("^%s+", ""):gsub("%s+$", "")
  local id, rest = entry:match("^(%d+)(.*)$")
  if not id then return entry end
  id = project .. "." .. id
  -- Always with its type: a bare "PRJ-2001.99" that names no task would be
  -- read as task PRJ with a 2001.99-day lead (the data model's rule for a
  -- trailing signed number); "PRJ-2001.99:FS" can only be that id.
  if rest == "" then return id .. ":FS" end
  local kind, sign, lag, unit = rest:match("^(%a%a)%s*([%+%-]?)%s*([%d%.]*)%s*(%a*)$")
  if not kind then return id .. ":" .. rest:gsub("%s", "") end -- e.g. a lag in %: DAT-001 reports it
  local out = id .. ":" .. kind:upper()
  if lag ~= "" then
    local d = tonumber(lag)
    local u = unit:lower()
    if u:match("^e") then u = u:sub(2) end               -- elapsed days counted as days
    if u:match("^w") then d = d * 5 elseif u:match("^h") then d = d / 8 end
    out = out .. (sign == "-" and "-" or "+") .. string.format("%g", d) .. "d"
  end
  return out
end

local function predecessors(v, row)
  if not v then return nil end
  local links = {}
  for entry in v:gmatch("[^,;]+") do links[#links + 1] = link(entry, row._file) end
  return table.concat(links, ";")
end

-- The tasks rows that are not tasks, with the reason the row ledger gives.
local function not_a_task(row)
  if row["Unique ID"] == "0" then return "the project summary task (Unique ID 0): the project, not a task" end
  if row["Is Null"] == "1" or row["Is Null"] == "true" then return "a blank task row (IsNull)" end
end

local constraints = {
  ["As Soon As Possible"] = "ASAP", ["As Late As Possible"] = "ALAP",
  ["Start No Earlier Than"] = "SNET", ["Start No Later Than"] = "SNLT",
  ["Finish No Earlier Than"] = "FNET", ["Finish No Later Than"] = "FNLT",
  ["Must Start On"] = "MSO", ["Must Finish On"] = "MFO",
}

return {
  name = "msproject",
  description = "Microsoft Project CSV export or XML (MSPDI)",
  date_format = "M/D/YY",
  tables = {
    projects = {
      files = { "*.csv", "*.xml" },
      distinct = "project_id",
      keep_other = false,
      columns = {
        project_id = function(row) return row._file end,
        name       = function(row) return row["Project Title"] or row._file end,
        status     = { value = "active" },
      },
    },
    tasks = {
      files = { "*.csv", "*.xml" },
      keep_other = false,
      drop = not_a_task,
      columns = {
        task_id          = function(row) return row.ID and (row._file .. "." .. row.ID) end,
        msp_id           = "ID",
        project_id       = function(row) return row._file end,
        name             = "Name",
        wbs              = "WBS",
        baseline_start   = { from = "Baseline Start", map = { NA = "" } },
        baseline_finish  = { from = "Baseline Finish", map = { NA = "" } },
        start            = "Start",
        finish           = "Finish",
        actual_start     = { from = "Actual Start", map = { NA = "" } },
        actual_finish    = { from = "Actual Finish", map = { NA = "" } },
        duration_days    = { from = "Duration", fn = days },
        percent_complete = "% Complete",
        predecessors     = { from = "Predecessors", fn = predecessors },
        constraint       = { from = "Constraint Type", map = constraints },
        total_float_days = { from = "Total Slack", fn = days },
        resource         = "Resource Names",
        is_milestone     = "Milestone",
        is_summary       = "Summary",
        unique_id        = "Unique ID",
        outline_level    = "Outline Level",
      },
    },
  },
}
