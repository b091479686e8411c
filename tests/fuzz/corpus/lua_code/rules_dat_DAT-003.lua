-- DAT-003: a key that repeats an earlier row's key (engine check).
rule {
  id = "DAT-003",
  title = "Keys are unique",
  severity = "error",
  domain = "DAT",
  gates = {"G1", "G2", "G3", "G4"},
  tables = {},
  engine = true,
  doc = [[
A row whose key (project_id, milestone_id, task_id, resource_id, risk_id,
issue_id, change_id, lesson_id, meeting_id) equals the key of an earlier row
of the same table. The first row with the key is kept as the reference; each
later one is a finding that points back to it. Empty keys are not compared.

Why it matters: lookups by key (a milestone's project, a link's predecessor)
find the first row only, so a duplicate is invisible to every rule that joins
on it, and totals are counted twice.

How to fix: renumber or remove the duplicate in the source tool; duplicates
usually come from merged exports or copied rows.]],
}
