-- DAT-005: the file's shape (engine check, made while reading each CSV file).
rule {
  id = "DAT-005",
  title = "Rows have the header's shape",
  severity = "error",
  domain = "DAT",
  gates = {"G1", "G2", "G3", "G4"},
  tables = {},
  engine = true,
  doc = [[
A row with fewer or more cells than the header, a header name used twice, or
a cell holding NUL bytes. One finding per row or header column, at its line.
What was loaded is said in the message: a short row's missing cells read as
empty; the extra cells of a long row are listed and not loaded; a repeated
header name's cells are loaded under name_2; NUL bytes are removed.

Why it matters: a row with a cell too many or too few has usually lost a
quote or a delimiter in the export, so its values sit under the wrong
columns, and rules judge values that were never in those fields.

How to fix: re-export the table (check the delimiter and quoting settings),
or correct the row; `pmoaudit inspect FILE` shows how the file is read.]],
}
