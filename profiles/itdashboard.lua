-- itdashboard: US Federal IT Dashboard "Projects" export (itdashboard.gov, FY2011-2012 layout)
--
-- One row per project of a federal IT investment. The export has no status
-- column: a project whose projected/actual completion date (B2) is on or
-- before the row's "Updated Date" is closed, any other is active. The dates
-- are compared as dates (row._typed), read in the run's date layout, so a
-- file saved with day-first dates works with --date-format DD/MM/YYYY.
-- Costs are published in $ millions; budget is converted to dollars, and
-- the $M columns are kept under their own names. Every other column is
-- kept as an extra column with a short name (see docs/importing.md), so
-- custom rules can read the variance percentages.
--
-- Rows without a Project ID whose first cells say "Total", "Grand Total"
-- or "Subtotal" (sums a spreadsheet adds) are dropped, and the row ledger
-- counts them. The
-- governance rules that need what the public export does not publish
-- (PMO project ids, sponsors, managers) do not run: see
-- `rules` below; --only or --all-rules runs them anyway.

-- The date the project finished, when it has (nil while it runs).
local function finished(row)
  local t = row._typed
  local done, updated = t["Projected/Actual Project Completion Date (B2)"], t["Updated Date"]
  if done and updated and done <= updated then return done end
end

local function millions(v)
  local n = tonumber(v)
  return n and n * 1000000
end

-- A spreadsheet's total line: no Project ID, and a first cell that starts
-- with "Total", "Grand Total" or "Subtotal".
local function total(row)
  if row["Project ID"] then return false end
  for _, h in ipairs({ "Unique Investment Identifier", "Agency Name", "Investment Title", "Project Name" }) do
    local v = (row[h] or ""):lower()
    if v:match("^%s*total") or v:match("^%s*grand total") or v:match("^%s*sub%-?total") then return "a Total row" end
  end
  return false
end

return {
  name = "itdashboard",
  description = "US Federal IT Dashboard projects export",
  rules = {
    skip = { "STD-001", "STD-002" },
    why = "public IT Dashboard data has no PMO project ids, sponsors or managers",
  },
  tables = {
    projects = {
      file = { "*[Pp]roject*.csv", "itdashboard*.csv" },
      keep_other = false,
      drop = total,
      columns = {
        project_id      = "Project ID",
        name            = "Project Name",
        status          = function(row) return finished(row) and "closed" or "active" end,
        portfolio       = "Agency Name",
        program         = "Investment Title",
        business_case   = "Business Case ID",
        start_date      = "Start Date",
        planned_finish  = "Completion Date (B1)",
        forecast_finish = "Projected/Actual Project Completion Date (B2)",
        actual_finish   = finished,
        budget          = { from = "Planned Cost ($ M)", fn = millions },
        -- kept as extra columns, with names a custom rule can use
        investment_id          = "Unique Investment Identifier",
        agency_code            = "Agency Code",
        agency_project_id      = "Agency Project ID",
        unique_project_id      = "Unique Project ID",
        description            = "Project Description",
        replanned_finish       = "Planned Project Completion Date (B2)",
        lifecycle_cost_m       = "Lifecycle Cost",
        schedule_variance_days = "Schedule Variance (in days)",
        schedule_variance_pct  = "Schedule Variance (%)",
        cost_variance_m        = "Cost Variance ($ M)",
        cost_variance_pct      = "Cost Variance (%)",
        planned_cost_m         = "Planned Cost ($ M)",
        projected_cost_m       = "Projected/Actual Cost ($ M)",
        updated_date           = "Updated Date",
      },
    },
  },
}
