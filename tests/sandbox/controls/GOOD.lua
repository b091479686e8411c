-- A well-behaved rule that must keep reporting next to the attackers.
rule {
  id = "GOOD", title = "reports every project", severity = "warning", domain = "STD",
  tables = {"projects"}, each = "projects", doc = "control",
  check = function(p, ctx) ctx.report(p, "name", "seen " .. p.project_id) end,
}
