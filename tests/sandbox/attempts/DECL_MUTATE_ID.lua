-- expect: DECL_MUTATE_ID: reported under the id it declared
-- An id changed after rule{} to one with a quote, an escape sequence and a
-- line break: the engine copied the unchecked id into every report.
local R = {
  id = "DECL_MUTATE_ID", title = "escape attempt", severity = "error", domain = "STD",
  tables = {"projects"}, doc = "sandbox test: id changed after rule{}",
  check = function(ctx) error("DECL_MUTATE_ID: reported under the id it declared") end,
}
rule(R)
R.id = "FORGED\"\27[2J\nID"
