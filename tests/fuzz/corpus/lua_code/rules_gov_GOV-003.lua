local portfolio = require("portfolio")
rule { -- GOV-003: open projects are steered.
  id = "GOV-003",
  title = "Open projects had a recent steering meeting",
  severity = "warning",
  domain = "GOV",
  gates = {"G3"},
  tables = {"projects", "meetings"},
  each = "projects",
  params = { days = 30 },
  doc = [[
An open project (active or on_hold) with no meeting of type steering dated
in the window [T - days, T], both ends included. Meetings dated after T,
or with no valid date or type, do not count. Skipped without meetings.csv.

Why it matters: the steering committee is where the sponsor and senior
stakeholders see the project's status, decide on escalations and approve
changes. A project that has not been steered for over a month is running
without that oversight, and problems reach the sponsor late.

How to fix: schedule the steering meeting and record it in the meetings
register with type steering. If it took place but was recorded under
another type, correct the type. Set the window with
`--set GOV-003.days=45` if your governance cycle is longer.]],
  check = function(p, ctx)
    local pid = p.project_id
    if not pid or not portfolio.open_project(p) then
      return
    end
    local T, days = ctx.T, ctx.params.days
    local last -- newest steering meeting on or before T
    for m in ctx.tables.meetings:select("project_id", pid):rows() do
      local d = m.date
      if m.type == "steering" and d and d <= T then
        if T - d <= days then
          return
        end
        if not last or d > last then
          last = d
        end
      end
    end
    local since = last and string.format("last one %s, %d days before %s", last, T - last, T)
      or "none recorded"
    ctx.report(p, nil, string.format("%s project %s had no steering meeting in the %s days to %s (%s)",
      p.status, pid, days, T, since))
  end,
}
