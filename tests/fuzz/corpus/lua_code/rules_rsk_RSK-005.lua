-- RSK-005: probability and impact are on the 1-5 scale.
rule {
  id = "RSK-005",
  title = "Risk probability and impact are on the 1-5 scale",
  severity = "error",
  domain = "RSK",
  gates = {"G2", "G3"},
  tables = {"risks"},
  each = "risks",
  doc = [[
A risk whose probability or impact is recorded but outside 1..5. One
finding per risk, even when both are wrong (the column named is the first
one at fault). Empty values are not judged; values that are not whole
numbers are DAT-001's business.

Why it matters: the PMO's risk matrix is 5 x 5. A value off the scale (0,
10, a percentage typed as 70) breaks the score, the heat map and the
escalation thresholds, and usually means another tool's scale was imported
without conversion.

How to fix: re-assess the risk on the 1-5 scale (1 = rare or negligible,
5 = almost certain or severe) and correct the value; convert imports from
other scales.]],
  check = function(r, ctx)
    local p, i = r.probability, r.impact
    local bad_p = p ~= nil and (p < 1 or p > 5)
    local bad_i = i ~= nil and (i < 1 or i > 5)
    if bad_p or bad_i then
      local parts = {}
      if bad_p then parts[#parts + 1] = string.format("probability %s", p) end
      if bad_i then parts[#parts + 1] = string.format("impact %s", i) end
      ctx.report(r, bad_p and "probability" or "impact", string.format("risk %s of project %s has %s outside 1..5",
        r.risk_id or "?", r.project_id or "?", table.concat(parts, " and ")))
    end
  end,
}
