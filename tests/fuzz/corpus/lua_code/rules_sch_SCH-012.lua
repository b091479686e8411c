-- SCH-012: few positive lags on the links of open tasks (DCMA "lags").
local schedule = require("schedule")
local pct = schedule.pct

rule {
  id = "SCH-012",
  title = "Few links of open tasks have a positive lag",
  severity = "warning",
  domain = "SCH",
  gates = {"G2"},
  tables = {"projects", "tasks"},
  params = { max_share = 0.05 },
  doc = [[
A project where the share of links with a positive lag (`T00012:FS+5d`)
among all the links of its considered tasks (not summary, not complete) is
above max_share (default 5%). A link is a valid entry of a predecessors
cell; a link without a lag, or with +0d, has no lag. One finding per project;
a project with no considered tasks or whose considered tasks have no links
is not judged. Rows without a project_id are left out.

Why it matters: a lag is a wait that no one owns or tracks: it often stands
for real work (curing, approval, delivery) that should be a task with an
owner and a duration, and it hides slack in the critical path. DCMA's
14-point assessment allows 5% of links with lags.

How to fix: replace lags that stand for work with tasks, remove padding,
and keep lags only for true waiting times; then re-export the schedule.]],
  check = function(ctx)
    local projects = schedule.projects(ctx)
    local m = ctx.params.max_share
    for p in ctx.tables.projects:rows() do
      local a = p.project_id and projects[p.project_id]
      if a and a.links > 0 and a.pos_lag / a.links > m then
        ctx.report(p, nil, string.format(
          "project %s: %d of %d links of open tasks (%s) have a positive lag, more than %s",
          p.project_id, a.pos_lag, a.links, pct(a.pos_lag / a.links, m), pct(m)))
      end
    end
  end,
}
