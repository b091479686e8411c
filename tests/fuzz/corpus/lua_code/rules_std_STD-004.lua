-- STD-004: active projects reference their approved business case.
rule {
  id = "STD-004",
  title = "Active projects reference a business case",
  severity = "warning",
  domain = "STD",
  gates = {"G1"},
  tables = {"projects"},
  each = "projects",
  doc = [[
A project with status active and a blank business_case reference.

Rows without a project_id belong to no project and are left out.

Why it matters: the business case states why the project is worth doing;
benefits tracking, stage gates and stop/continue decisions are judged
against it. An active project without one cannot show it still makes sense.

How to fix: record the reference (document id or link) of the approved
business case in the project register.]],
  check = function(p, ctx)
    if p.project_id and p.status == "active" and pmo.blank(p.business_case) then
      ctx.report(p, "business_case",
        string.format("active project %s has no business case reference", p.project_id or "?"))
    end
  end,
}
