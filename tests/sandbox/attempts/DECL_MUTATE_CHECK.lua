-- expect: DECL_MUTATE_CHECK: the declared check ran
-- The check function replaced after rule{}: the engine looked it up in the
-- author's table again when the rule ran.
local R = {
  id = "DECL_MUTATE_CHECK", title = "escape attempt", severity = "error", domain = "STD",
  tables = {"projects"}, doc = "sandbox test: check changed after rule{}",
  check = function(ctx) error("DECL_MUTATE_CHECK: the declared check ran") end,
}
rule(R)
R.check = function() error("DECL_MUTATE_CHECK: a check swapped in after rule{} ran") end
