-- itdashboard: US Federal IT Dashboard "Projects" export (itdashboard.gov, FY2011-2012 layout)
--
-- One row per project of a federal IT investment. The export has no status
-- column: a project whose projected/actual completion date (B2) is on or
-- before the row's "Updated Date" is closed, any other is active. Costs are
-- published in $ millions; budget is converted to dollars, and the $M
-- columns are kept under their own names. Every other column is kept as an
-- extra column with a short name (see docs/importing.md), so custom rules
-- can read the variance percentages.

-- "2012-03-31T00:00:00Z" -> "2012-03-31" (nil for an empty cell)
local function day(v)
  return v and v:match("^(%d%d%d%d%-%d%d%-%d%d)")
end

local function millions(v)
  local n = tonumber(v)
  return n and n * 1000000
end

return {
  name = "itdashboard",
  description = "US Federal IT Dashboard projects export",
  tables = {
    projects = {
      file = { "*[Pp]roject*.csv", "itdashboard*.csv" },
      keep_other = false,
      columns = {
        project_id      = "Project ID",
        name            = "Project Name",
        status          = function(row)
          local done, updated = day(row["Projected/Actual Project Completion Date (B2)"]), day(row["Updated Date"])
          if done and updated and done <= updated then return "closed" end
          return "active"
        end,
        portfolio       = "Agency Name",
        program         = "Investment Title",
        business_case   = "Business Case ID",
        start_date      = "Start Date",
        planned_finish  = "Completion Date (B1)",
        forecast_finish = "Projected/Actual Project Completion Date (B2)",
        actual_finish   = function(row)
          local done, updated = day(row["Projected/Actual Project Completion Date (B2)"]), day(row["Updated Date"])
          if done and updated and done <= updated then return done end
        end,
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
