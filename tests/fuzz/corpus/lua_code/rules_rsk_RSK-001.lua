local portfolio = require("portfolio")
rule { -- RSK-001: high risks have an owner and a mitigation.
  id = "RSK-001",
  title = "High open risks have an owner and a mitigation",
  severity = "error",
  domain = "RSK",
  gates = {"G2", "G3"},
  tables = {"risks"},
  each = "risks",
  params = { min_score = 15 },
  doc = [[
An open risk (status open, mitigating, or not recorded) whose risk score is
at least `min_score` and whose owner or mitigation is blank. The score is
the score column, or probability x impact when the score is not recorded;
a risk with no score and no probability or impact is not judged. One
finding per risk, naming what is missing.

Why it matters: a high risk without an owner is nobody's job, and one
without a mitigation is only being watched. These are the risks most likely
to turn into issues, cost and delay; the risk register exists so that each
of them has someone acting on it.

How to fix: assign an owner who can act on the risk and record the agreed
response (reduce, avoid, transfer or accept with a contingency). If the
risk is over, close it; if it was scored too high, correct the score.]],
  check = function(r, ctx)
    if not portfolio.open_risk(r) then
      return
    end
    local score, p, i = portfolio.risk_score(r)
    if score == nil or score < ctx.params.min_score then
      return
    end
    local how = p and string.format(" (%s x %s)", p, i) or ""
    local no_owner, no_mitigation = pmo.blank(r.owner), pmo.blank(r.mitigation)
    if no_owner or no_mitigation then
      local missing = no_owner and no_mitigation and "no owner and no mitigation"
        or no_owner and "no owner" or "no mitigation"
      ctx.report(r, no_owner and "owner" or "mitigation", string.format(
        "risk %s of project %s has score %s%s >= %s but %s", r.risk_id or "?", r.project_id or "?",
        score, how, ctx.params.min_score, missing))
    end
  end,
}
