-- gmpp-published: UK GMPP annual data file as published on gov.uk (fields down the first column, ';', Windows-1252)
--
-- The published file has one column per project and one row per field, so
-- it is read transposed: each project's "line" in findings is its column
-- number in the file. Its field names are long sentences; the columns are
-- found by how they start. Delivery Confidence Assessment (IPA's rating) is
-- rag, Amber/Red as red and Amber/Green as amber; exemption text is left
-- for DAT-001. Whole-life cost is in GBP millions; budget is in pounds.
-- The rules that need what GMPP does not publish do not run (rules.skip);
-- --only or --all-rules runs them anyway.

-- The value of the first field whose name starts with prefix.
local function field(prefix)
  return function(row)
    for k, v in pairs(row) do
      if type(k) == "string" and k:sub(1, #prefix) == prefix then return v end
    end
  end
end

local rag = { Red = "red", Amber = "amber", Green = "green", ["Amber/Red"] = "red", ["Amber/Green"] = "amber" }

local function millions(row)
  local v = field("TOTAL Baseline Whole Life Costs")(row)
  local n = tonumber(v)
  return n and n * 1000000 or v
end

return {
  name = "gmpp-published",
  description = "UK GMPP annual data as published (transposed, ';', Windows-1252)",
  delimiter = ";",
  encoding = "windows-1252",
  rules = {
    skip = { "STD-001", "STD-002", "STD-004" },
    why = "published GMPP data has no PMO project ids, sponsors, managers or business cases",
  },
  tables = {
    projects = {
      file = { "*gmpp*transposed*.csv", "*GMPP*.csv", "uk_2023.csv" },
      transpose = true,
      keep_other = false,
      columns = {
        project_id       = "GMPP ID Number",
        name             = "Project Name",
        status           = { value = "active" },
        portfolio        = "Department",
        category         = "Annual Report Category",
        rag              = { fn = field("IPA Delivery Confidence Assessment"), map = rag },
        sro_rag          = field("SRO Delivery Confidence Assessment"),
        start_date       = field("Project - Start Date"),
        planned_finish   = field("Project - End Date"),
        budget           = millions,
        description      = "Description / Aims",
        year_baseline_m  = field("Financial Year Baseline"),
        year_forecast_m  = field("Financial Year Forecast"),
        year_variance_pct = field("Financial Year Variance"),
        benefits_m       = field("TOTAL Baseline Benefits"),
      },
    },
  },
}
