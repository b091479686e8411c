-- DAT-006: a table that is present but empty (engine check, made on the loaded tables).
rule {
  id = "DAT-006",
  title = "Tables present have data rows",
  severity = "error",
  domain = "DAT",
  gates = {"G1", "G2", "G3", "G4"},
  tables = {},
  engine = true,
  doc = [[
A table of the data model whose file is present (or that an import profile
feeds) but holds no data rows: a header and nothing else. One finding per
such table, at line 1 of its file, keyed by the table's name.

Why it matters: a nightly export that was cut off after its header, or a
query that returned nothing, leaves a file that loads without an error.
Every rule that reads the table then has nothing to judge and passes, so
an empty projects.csv would otherwise give a clean bill of health. The
finding is about the whole data, so it counts in every --project scope
and in every gate.

How to fix: re-run the export and check that it completed; if the table
is meant to be empty, remove the file (its rules are then reported as
skipped) or waive the finding by its key, the table's name.]],
}
