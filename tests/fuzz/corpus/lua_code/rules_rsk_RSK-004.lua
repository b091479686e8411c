-- RSK-004: a risk's score agrees with its probability and impact.
rule {
  id = "RSK-004",
  title = "Risk scores equal probability x impact",
  severity = "error",
  domain = "RSK",
  gates = {"G2", "G3"},
  tables = {"risks"},
  each = "risks",
  doc = [[
A risk whose score, probability and impact are all recorded, and whose
score is not probability x impact. One finding per risk. A risk missing any
of the three is not judged (a null score is computed from the other two).

Why it matters: risks are ranked, escalated and reported by score. A score
that disagrees with its own probability and impact was usually edited by
hand or not updated after a review, so the risk may be escalated or hidden
wrongly (see RSK-001, which relies on the score).

How to fix: re-assess the risk and correct the probability, the impact or
the score so that score = probability x impact, or leave the score empty
so that it is computed.]],
  check = function(r, ctx)
    local s, p, i = r.score, r.probability, r.impact
    if s and p and i and s ~= p * i then
      ctx.report(r, "score", string.format("risk %s of project %s has score %s but probability %s x impact %s = %s",
        r.risk_id or "?", r.project_id or "?", s, p, i, p * i))
    end
  end,
}
