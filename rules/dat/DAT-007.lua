-- DAT-007: a table that shrank since the baseline (engine check, made with --baseline).
rule {
  id = "DAT-007",
  title = "Tables did not shrink since the baseline",
  severity = "warning",
  domain = "DAT",
  tables = {},
  params = { max_drop = 0.5 },
  engine = true,
  doc = [[
With --baseline: a table whose row count fell by more than max_drop (a
share of the baseline's count: 0.5 is half the rows) since the run the
baseline report comes from, which records every table's row count. A
table that the baseline has and this run does not counts as 0 rows. One
finding per table, at line 1 of its file, keyed by the table's name.
Without a baseline (or with one that records no row counts) the rule is
skipped: there is nothing to compare with.

Why it matters: a truncated export (a job that timed out, a query with a
wrong filter) loads without an error, and the rules then judge only what
is left: a portfolio that lost half its tasks overnight looks healthier,
not worse. The finding is about the whole data, so it counts in every
--project scope.

How to fix: check the export that produced the table and run it again;
when the drop is real (projects closed and archived), accept it with a
waiver keyed by the table's name, or raise max_drop with
--set DAT-007.max_drop=0.8.]],
}
