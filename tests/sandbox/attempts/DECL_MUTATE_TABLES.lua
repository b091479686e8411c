-- expect: DECL_MUTATE_TABLES: ran with projects, as declared
-- The list of tables changed after rule{}: an entry that is no longer a
-- string (a crash when the engine copied it), and a table that is absent
-- (which would have skipped the rule).
local R = {
  id = "DECL_MUTATE_TABLES", title = "escape attempt", severity = "error", domain = "STD",
  tables = {"projects"}, doc = "sandbox test: tables changed after rule{}",
  check = function(ctx)
    error("DECL_MUTATE_TABLES: ran with " .. (ctx.tables.projects and "projects" or "nothing") .. ", as declared")
  end,
}
rule(R)
R.tables[1] = {}
R.tables[2] = "no_such_table"
