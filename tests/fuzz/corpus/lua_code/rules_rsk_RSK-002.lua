local portfolio = require("portfolio")
rule { -- RSK-002: open risks are reviewed when planned.
  id = "RSK-002",
  title = "Open risks are reviewed on time",
  severity = "warning",
  domain = "RSK",
  gates = {"G3"},
  tables = {"risks"},
  each = "risks",
  doc = [[
An open risk (status open, mitigating, or not recorded) whose review_date
is before T (the as-of date). One finding per risk; a risk without a
review_date is not judged.

Why it matters: a risk's probability, impact and response change as the
project moves on. A missed review means the register no longer reflects
reality: the score, the owner and the mitigation may all be out of date,
and the project's risk exposure reported to the board is stale.

How to fix: review the risk with its owner, update its score, mitigation
and status, and set the next review_date. Close risks that no longer
apply.]],
  check = function(r, ctx)
    if not portfolio.open_risk(r) then
      return
    end
    local d = r.review_date
    if d and d < ctx.T then
      local late = ctx.T - d
      ctx.report(r, "review_date", string.format("open risk %s of project %s was due for review on %s (%d day%s before %s)",
        r.risk_id or "?", r.project_id or "?", d, late, late == 1 and "" or "s", ctx.T))
    end
  end,
}
