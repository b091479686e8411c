-- STD-003: no execution without an approved charter.
rule {
  id = "STD-003",
  title = "Projects in execution or closing have an approved charter",
  severity = "error",
  domain = "STD",
  gates = {"G2", "G3"},
  tables = {"projects"},
  each = "projects",
  doc = [[
A project in phase execution or closing whose charter_approved is not true
(false, or not recorded).

Rows without a project_id belong to no project and are left out.

Why it matters: the charter is the sponsor's authorisation to spend money
and people. Work that runs without it has no agreed scope, budget or
authority, and is the first thing an audit asks about.

How to fix: get the charter approved and record charter_approved = yes; if
the approval exists but was not recorded, record it.]],
  check = function(p, ctx)
    if p.project_id and (p.phase == "execution" or p.phase == "closing") and p.charter_approved ~= true then
      local state = p.charter_approved == false and "not approved" or "not recorded as approved"
      ctx.report(p, "charter_approved",
        string.format("project %s is in %s but its charter is %s", p.project_id or "?", p.phase, state))
    end
  end,
}
