-- gmpp: UK Government Major Projects Portfolio data, one row per project and year (e.g. the 2021-2023 collection)
--
-- A project appears once per annual report, so the project_id is the GMPP
-- project number and the year ("CO_0024_2021-Q2/2023"). The Delivery
-- Confidence Assessment becomes rag: Amber/Red counts as red and
-- Amber/Green as amber (the cautious reading); a cell holding exemption
-- text instead of a rating is left for DAT-001. Whole-life cost is published
-- in GBP millions; budget is converted to pounds. GMPP lists live
-- projects, so status is active. Every other column is kept as an extra
-- column (description_aims, rating_comment, schedule_comment, yearly_budget,
-- yearly_forecast, year, report_category, total_benefits, ...). The rules
-- that need what GMPP does not publish do not run (rules.skip below);
-- --only or --all-rules runs them anyway.

local rag = { Red = "red", Amber = "amber", Green = "green", ["Amber/Red"] = "red", ["Amber/Green"] = "amber" }

return {
  name = "gmpp",
  description = "UK GMPP annual data, one row per project and year",
  rules = {
    skip = { "STD-001", "STD-002", "STD-004", "GOV-004" },
    why = "published GMPP data has no PMO project ids, sponsors, managers or business cases, and lists each "
       .. "project once a year, so its rows are near-duplicates by design",
  },
  tables = {
    projects = {
      file = { "*gmpp*rowwise*.csv", "*2021_2023*.csv" },
      columns = {
        project_id     = function(row) return row.project_number and (row.project_number .. "/" .. (row.year or "")) end,
        gmpp_number    = "project_number",
        name           = "project_name",
        status         = { value = "active" },
        portfolio      = "department",
        rag            = { from = "colour_rating", map = rag },
        start_date     = "start_date",
        planned_finish = "end_date",
        budget         = { from = "wlc_baseline_incl_NCG", fn = function(v)
                             local n = tonumber(v); return n and n * 1000000 or v end },
        row_index      = "column_1",
      },
    },
  },
}
