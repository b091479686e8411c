-- DAT-002: an empty cell in a required column (engine check).
rule {
  id = "DAT-002",
  title = "Required values are present",
  severity = "error",
  domain = "DAT",
  gates = {"G1", "G2", "G3", "G4"},
  tables = {},
  engine = true,
  doc = [[
A required column (R in `pmoaudit schema`) has an empty or blank cell: a
task without project_id, a risk without risk_id, an allocation without its
dates or percent. One finding per cell. A cell that is present but does not
parse is reported by DAT-001 only.

Why it matters: rows without their identifying or required values cannot be
attributed to a project or judged by the other rules.

How to fix: fill in the value in the source tool and export again.]],
}
