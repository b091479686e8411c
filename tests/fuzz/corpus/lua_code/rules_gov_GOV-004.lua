local portfolio = require("portfolio")
-- GOV-004: no two open projects set out to do the same thing.

-- Words that say what kind of undertaking it is, not what it does.
local STOP = { "project", "programme", "program", "phase", "the", "and", "for" }

rule {
  id = "GOV-004",
  title = "Open projects are not near-duplicates of each other",
  severity = "warning",
  domain = "GOV",
  gates = {"G1"},
  tables = {"projects"},
  params = { min_similarity = 0.8 },
  doc = [[
An open project (active or on_hold) whose name is a near-duplicate of the
name of another open project row. A name's word set is made by lower-casing
its ASCII letters, splitting it at every ASCII character that is not a
letter or a digit (bytes of 0x80 and above belong to words, so accented
and non-Latin words are kept whole; only ASCII letters are lower-cased),
and dropping words of fewer than 3 bytes and the words project, programme,
program, phase, the, and, for. Two names are near-duplicates when both sets
have at least 2 words and their Jaccard similarity |A ∩ B| / |A ∪ B| is at
least min_similarity. "Migrate CRM Europe" and "CRM Migrate Europe
Programme" both give {crm, migrate, europe}: similarity 1.00.

One finding per such project row, naming the most similar other open
project (on a tie, the one on the earliest line) and the similarity. Rows
with the same project_id count as other rows, so a project exported twice
is reported twice. Projects that are proposed, closed or cancelled, or that
have no project_id, are neither judged nor matched; a name with fewer than
2 words after the filtering (one word, or only stop words) is never a
near-duplicate. The finding involves both projects (`run --project` and
`gate` show it for either).

Why it matters: coordinating the portfolio "to avoid wasted resources and
duplicate work" is one of the PMO's first jobs. Two projects opened by two
departments for the same outcome split the budget, the people and the
suppliers, deliver twice (or deliver two incompatible answers), and each
looks healthy on its own. The overlap is cheapest to resolve at the first
gate, before either one is planned: the rule guards G1.

How to fix: compare the two projects' business cases. If they are the same
work, merge them into one project (close or cancel the other with a
pointer to the survivor). If they overlap, re-scope them so each owns a
distinct part, and rename them to say so. If both are meant to exist (a
pilot and its rollout, one project per country), record why in a waiver
with a reason, so the pair is accepted once and stays visible. Raise or
lower the bar with `--set GOV-004.min_similarity=0.9`.]],
  check = function(ctx)
    local rows, names = {}, {}
    for p, id, name in ctx.tables.projects:rows("project_id", "name") do
      if id and portfolio.open_project(p) then
        rows[#rows + 1] = p
        names[#names + 1] = name or false
      end
    end
    local best, score = pmo.similar(names, {
      min = ctx.params.min_similarity, min_len = 3, min_words = 2, stop = STOP,
    })
    for i, p in ipairs(rows) do
      local j = best[i]
      if j then
        local o = rows[j]
        ctx.report{
          row = p, column = "name",
          projects = p.project_id == o.project_id and { p.project_id } or { p.project_id, o.project_id },
          message = string.format('%s "%s" looks like %s "%s" (similarity %.2f)',
            p.project_id, names[i], o.project_id, names[j], score[i]),
        }
      end
    end
  end,
}
