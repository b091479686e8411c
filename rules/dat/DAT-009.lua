-- DAT-009: a value an import profile's map lacks, read as the map's default.
rule {
  id = "DAT-009",
  title = "Values an import profile does not know are reported",
  severity = "warning",
  domain = "DAT",
  gates = {"G1", "G2", "G3", "G4"},
  tables = {},
  engine = true,
  doc = [[
An import profile's column can map source values to the data model's and
name a default for the values its map lacks (`{ from = "Issue Type", map =
{...}, default = "task" }`): the row is kept and the cell reads as the
default. Each such value is this finding, once per file, column and value,
with the number of rows and their lines. (A map without a default passes
an unknown value through, and DAT-001 judges it.)

Why it matters: the default is a guess. A custom Jira issue type read as a
task may really be a defect; a status read as open may be closed.

How to fix: add the value to the column's map, in a profile of your own or
in the config's overlay of the bundled one (`tables.tasks.columns.kind =
{ from = "Issue Type", map = {...} }`; docs/importing.md).]],
}
