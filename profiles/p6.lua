-- p6: Oracle Primavera P6 activity and relationship exports (spreadsheet export saved as CSV)
--
-- P6's spreadsheet export writes two header rows: field codes (task_code,
-- ...) and then the column titles; the titles (row 2) are read. Activities
-- (a file named *activit*.csv) become tasks and one projects row per
-- Project ID; relationships (*relationship*.csv) become each task's
-- predecessors ("A1010:SS+5d"). Dates are DD-Mon-YY; P6's markers after a
-- date ("A" actual, "*" constrained) are removed. Durations, floats and lags
-- are read in days (export them with the "(d)" unit).
--
-- P6's own XER export (*.xer, or a .csv starting with ERMHDR) is read
-- natively by load/xer_map.c, with or without this profile, in place of
-- the CSV files above (docs/importing.md, "Primavera P6 XER").

local function date(v)
  return v and (v:gsub("%s*[A%*]$", ""))
end

local function predecessors(row, joins)
  local rels = joins.rel[row["Activity ID"]]
  if not rels then return nil end
  local out = {}
  for _, r in ipairs(rels) do
    local lag = tonumber(r["Lag(d)"]) or 0
    local kind = (r["Relationship Type"] or "FS"):gsub("^PR_", "")
    local link = r.Predecessor .. ":" .. kind
    if lag ~= 0 then link = link .. (lag > 0 and "+" or "") .. string.format("%g", lag) .. "d" end
    out[#out + 1] = link
  end
  return table.concat(out, ";")
end

local constraints = {
  ["Start On"] = "MSO", ["Start On or After"] = "SNET", ["Start On or Before"] = "SNLT",
  ["Finish On"] = "MFO", ["Finish On or After"] = "FNET", ["Finish On or Before"] = "FNLT",
  ["Mandatory Start"] = "MSO", ["Mandatory Finish"] = "MFO", ["As Late As Possible"] = "ALAP",
}

local activities = "*[Aa]ctivit*.csv"

return {
  name = "p6",
  description = "Primavera P6 activity and relationship exports",
  date_format = "DD-Mon-YY",
  tables = {
    projects = {
      file = activities,
      header_row = 2,
      distinct = "project_id",
      keep_other = false,
      columns = {
        project_id = "Project ID",
        name       = "Project ID",
        status     = { value = "active" },
      },
    },
    tasks = {
      file = activities,
      header_row = 2,
      keep_other = false,
      join = { rel = { file = "*[Rr]elationship*.csv", header_row = 2, key = "Successor" } },
      columns = {
        task_id          = "Activity ID",
        project_id       = "Project ID",
        name             = "Activity Name",
        wbs              = "WBS Code",
        start            = { from = "Start", fn = date },
        finish           = { from = "Finish", fn = date },
        actual_start     = { from = "Actual Start", fn = date },
        actual_finish    = { from = "Actual Finish", fn = date },
        baseline_start   = "BL Project Start",
        baseline_finish  = "BL Project Finish",
        duration_days    = "Original Duration(d)",
        total_float_days = "Total Float(d)",
        percent_complete = "Activity % Complete(%)",
        constraint       = { from = "Primary Constraint", map = constraints },
        is_milestone     = function(row) return (row["Activity Type"] or ""):find("Milestone") ~= nil end,
        predecessors     = predecessors,
        activity_status  = "Activity Status",
      },
    },
  },
}
