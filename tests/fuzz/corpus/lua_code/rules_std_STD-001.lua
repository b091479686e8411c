-- STD-001: project ids follow the PMO's numbering scheme.
rule {
  id = "STD-001",
  title = "Project IDs follow the PMO numbering scheme",
  severity = "error",
  domain = "STD",
  gates = {"G1"},
  tables = {"projects"},
  each = "projects",
  params = { id_pattern = "^PRJ-[0-9]{4,6}$" },
  doc = [[
A project whose project_id does not fully match `id_pattern` (a PCRE2
regular expression; the whole id must match). Empty ids are DAT-002's
business.

Why it matters: the project id is the join key between every register and
tool the PMO uses. Ids outside the scheme usually mean a project was created
outside the intake process, or an export mangled the id (leading zeros lost,
a spreadsheet turning it into a number).

How to fix: register the project through intake to get a proper id, or fix
the export. If your PMO uses another scheme, set the pattern:
`--set STD-001.id_pattern='^[A-Z]{3}-[0-9]+$'`.]],
  check = function(p, ctx)
    local id = p.project_id
    local pattern = ctx.params.id_pattern
    if id and not pmo.re(pattern):full(id) then
      ctx.report(p, "project_id", string.format("project id %q does not match %s", id, pattern))
    end
  end,
}
