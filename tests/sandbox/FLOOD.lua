-- Reports ten million findings: the run keeps the first --max-findings of
-- them, counts the rest, says so in the rule's message, and its memory
-- stays bounded.
rule {
  id = "FLOOD", title = "reports ten million findings", severity = "error", domain = "STD",
  tables = {"projects"}, doc = "sandbox test",
  check = function(ctx)
    for i = 1, 10000000 do ctx.report{message = "flood", key = "K" .. i} end
  end,
}
