-- DAT-004: references to projects and resources that do not exist (engine check).
rule {
  id = "DAT-004",
  title = "References point at existing projects and resources",
  severity = "error",
  domain = "DAT",
  gates = {"G1", "G2", "G3", "G4"},
  tables = {"projects"},
  engine = true,
  doc = [[
A non-empty project_id in any table other than projects that is not the id
of a project in projects.csv, and a non-empty resource_id in allocations or
timesheets that is not a resource in resources.csv (checked only when
resources.csv is present). One finding per row and column.

Why it matters: orphaned rows are dropped from every per-project view: their
risks, hours and milestones count for nobody, and portfolio totals no longer
add up.

How to fix: correct the id, add the missing project or resource, or remove
rows of projects that were deleted from the register.]],
}
