local portfolio = require("portfolio")
rule { -- MON-001: open projects report their status regularly.
  id = "MON-001",
  title = "Open projects have a recent status report",
  severity = "warning",
  domain = "MON",
  gates = {"G3"},
  tables = {"projects", "status_reports"},
  each = "projects",
  params = { max_age = 14 },
  doc = [[
An open project (active or on_hold) whose newest status report dated on or
before T is older than max_age days (report_date < T - max_age), or that
has no such report at all. A report exactly max_age days old passes;
reports dated after T or without a valid date are ignored. Skipped
without status_reports.csv.

Why it matters: status reports are how the PMO and the sponsors see
slippage, cost overruns and escalations in time to act. A project that
has gone quiet is a blind spot in the portfolio view, and its RAG can
no longer be trusted.

How to fix: have the project manager file a current status report; if
the project is paused, set its status to on_hold and agree a lighter
reporting cycle. Set the cycle with `--set MON-001.max_age=30`.]],
  check = function(p, ctx)
    local pid = p.project_id
    if not pid or not portfolio.open_project(p) then
      return
    end
    local T, max_age = ctx.T, ctx.params.max_age
    local report = portfolio.latest_report(ctx, pid)
    local newest = report and report.report_date
    if not newest then
      ctx.report(p, nil, string.format("%s project %s has no status report dated on or before %s",
        p.status, pid, T))
    elseif T - newest > max_age then
      ctx.report(p, nil, string.format("%s project %s: newest status report %s is %d days old (max %s)",
        p.status, pid, newest, T - newest, max_age))
    end
  end,
}
