-- SCH-013: open tasks are linked finish-to-start (DCMA "relationship types").
local schedule = require("schedule")
local pct = schedule.pct

rule {
  id = "SCH-013",
  title = "Links of open tasks are mostly finish-to-start",
  severity = "warning",
  domain = "SCH",
  gates = {"G2"},
  tables = {"projects", "tasks"},
  params = { min_share = 0.90 },
  doc = [[
A project where the share of finish-to-start (FS) links among all the links
of its considered tasks (not summary, not complete) is below min_share
(default 90%). A link is a valid entry of a predecessors cell; a link
without a type is FS. One finding per project; a project with no considered
tasks or whose considered tasks have no links is not judged. Rows without a
project_id are left out.

Why it matters: FS logic ("B starts when A is done") is the clearest way to
show how work flows and what drives the finish date. Many SS/FF/SF links
make the critical path hard to read and easy to game. DCMA's 14-point
assessment expects at least 90% FS.

How to fix: review the SS/FF/SF links; where work truly overlaps, split the
tasks so that FS links can express it; then re-export the schedule.]],
  check = function(ctx)
    local projects = schedule.projects(ctx)
    local m = ctx.params.min_share
    for p in ctx.tables.projects:rows() do
      local a = p.project_id and projects[p.project_id]
      if a and a.links > 0 and a.fs / a.links < m then
        ctx.report(p, nil, string.format(
          "project %s: %d of %d links of open tasks (%s) are finish-to-start, less than %s",
          p.project_id, a.fs, a.links, pct(a.fs / a.links, m), pct(m)))
      end
    end
  end,
}
