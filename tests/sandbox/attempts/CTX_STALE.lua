-- expect: report: this ctx belongs to a rule run that has ended (a ctx is valid only while its own rule runs)
-- Keeps the ctx of one rule (CTX_A_KEEP, which runs first: rules run in id
-- order) and reports through it from another, to pass findings off as the
-- first rule's or to report after that rule's limits are gone.
local kept
rule {
  id = "CTX_A_KEEP", title = "keeps its ctx", severity = "critical", domain = "STD",
  tables = {"projects"}, doc = "sandbox test",
  check = function(ctx) kept = ctx end,
}
rule {
  id = "CTX_STALE", title = "escape attempt", severity = "error", domain = "STD",
  tables = {"projects"}, doc = "sandbox test",
  check = function(ctx) kept.report{message = "forged"} end,
}
