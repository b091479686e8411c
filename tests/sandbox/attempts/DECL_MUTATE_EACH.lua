-- expect: DECL_MUTATE_EACH: ran on PRJ-1001, as declared
-- A declaration changed after rule{}: the engine read `each` again after
-- the file had run and looked for a table that is not there (a crash).
local R = {
  id = "DECL_MUTATE_EACH", title = "escape attempt", severity = "error", domain = "STD",
  tables = {"projects"}, each = "projects", doc = "sandbox test: each changed after rule{}",
  check = function(p, ctx) error("DECL_MUTATE_EACH: ran on " .. p.project_id .. ", as declared") end,
}
rule(R)
R.each = "no_such_table"
