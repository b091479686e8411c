-- DAT-008: rows of an input file left out by something other than an explicit filter.
rule {
  id = "DAT-008",
  title = "No row of an input file is left out unannounced",
  severity = "warning",
  domain = "DAT",
  gates = {"G1", "G2", "G3", "G4"},
  tables = {},
  engine = true,
  doc = [[
Every input file has a row ledger (the report's data.files, the text
report's header, `pmoaudit inspect`): rows read, rows loaded into each
table, and rows left out with the reason. A row left out by something
other than a filter someone chose is this finding: a blank line, a row
that repeats the header (two exports pasted together), a row that no
table of an import profile takes (its `where` functions all refused it:
an issue type, say, that the profile does not know), a row of a joined
file without a key. One finding per file and reason, naming the lines.
Rows a profile leaves out on purpose (its `drop` function, `header_row`,
a `distinct` column) are in the ledger but are not findings.

Why it matters: a row that silently does not load is work the audit never
sees: a whole export can load as zero tasks with nothing to say so.

How to fix: remove the stray lines from the export, or adjust the profile
(docs/importing.md, "My export does not load"): route the rows a `where`
refuses to a table, or drop them on purpose with `drop`.]],
}
