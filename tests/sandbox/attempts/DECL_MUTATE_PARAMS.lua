-- expect: DECL_MUTATE_PARAMS: limit 5 and a = 1, as declared
-- Param defaults changed in place after rule{}, at the top and nested:
-- the engine copied the author's params table anew for every run.
local R = {
  id = "DECL_MUTATE_PARAMS", title = "escape attempt", severity = "error", domain = "STD",
  tables = {"projects"}, params = { limit = 5, nested = { a = 1 } },
  doc = "sandbox test: params changed after rule{}",
  check = function(ctx)
    error(string.format("DECL_MUTATE_PARAMS: limit %s and a = %s, as declared",
                        tostring(ctx.params.limit), tostring(ctx.params.nested.a)))
  end,
}
rule(R)
R.params.limit = "bogus"
R.params.nested.a = 2
