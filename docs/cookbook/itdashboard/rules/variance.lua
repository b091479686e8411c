-- The IT Dashboard's variance columns, typed. The itdashboard import profile
-- keeps them as extra columns of projects; declared here, they reach the
-- rules as numbers, and a cell that is not a number is a DAT-001 finding.
schema {
  table = "projects",
  columns = {
    {"cost_variance_pct", "number", note = "Cost Variance (%)"},
    {"schedule_variance_pct", "number", note = "Schedule Variance (%)"},
  },
}
