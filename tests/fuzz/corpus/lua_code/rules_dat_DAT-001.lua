-- DAT-001: a cell that does not parse as its column's type.
-- Implemented by the engine from the data model (engine = true): every typed
-- column of every table is checked while the CSV is read.
rule {
  id = "DAT-001",
  title = "Cells parse as their column's type",
  severity = "error",
  domain = "DAT",
  gates = {"G1", "G2", "G3", "G4"},
  tables = {},
  engine = true,
  doc = [[
A non-empty cell that does not parse as the type its column has in the data
model (`pmoaudit schema`): a date that is not YYYY-MM-DD or is impossible
(2026-02-30), a number with a comma decimal, an enum value outside its list,
a `predecessors` entry that is not ID[:TYPE][LAG]. One finding per cell.

Why it matters: a value that cannot be read is treated as empty by every
other rule, so a typo silently hides the project from schedule, cost and
governance checks.

How to fix: correct the cell in the source tool, or fix the export settings
(date format, decimal separator). The finding names the file, line, column
and the raw value.]],
}
