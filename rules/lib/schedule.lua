-- schedule: what the schedule-quality rules (SCH-010..020) share, with
-- require("schedule"): which tasks are "considered", how shares print, and
-- the per-project share check of SCH-014, SCH-015 and SCH-017.
local M = {}

-- A considered task (rules-catalogue.md, SCH-010..020): incomplete
-- (actual_finish null and percent_complete, null = 0, below 100) and not a
-- summary task.
function M.considered(t)
  return (t.percent_complete or 0) < 100 and t.actual_finish == nil and t.is_summary ~= true
end

-- x as a percentage, with enough decimals to differ from `other` when it does.
function M.pct(x, other)
  for d = 1, 6 do
    local s = string.format("%." .. d .. "f", x * 100)
    if not other or s ~= string.format("%." .. d .. "f", other * 100) or d == 6 then
      return (s:gsub("(%.%d-)0+$", "%1"):gsub("%.$", "")) .. "%"
    end
  end
end

-- For each project, the share of its considered tasks for which flag(t)
-- returns a description (such as "T00012 (MSO)"). One finding per project
-- whose share is above params.max_share; a project with no considered task
-- is not judged. `what` completes the message: "... open tasks (12%) WHAT".
function M.share_check(ctx, flag, what)
  local agg = {} -- project_id -> {considered, flagged, examples}
  for pid, rows in ctx.tables.tasks:groups("project_id") do
    local n, k, ex = 0, 0, {}
    for t in rows:rows() do
      if M.considered(t) then
        n = n + 1
        local d = flag(t)
        if d then
          k = k + 1
          if #ex < 3 then
            ex[#ex + 1] = d
          end
        end
      end
    end
    agg[pid] = { n = n, k = k, ex = ex }
  end
  local m = ctx.params.max_share
  for p in ctx.tables.projects:rows() do
    local a = p.project_id and agg[p.project_id]
    if a and a.n > 0 and a.k / a.n > m then
      ctx.report(p, nil, string.format("project %s: %d of %d open tasks (%s) %s, more than %s; e.g. %s%s",
        p.project_id, a.k, a.n, M.pct(a.k / a.n, m), what, M.pct(m), table.concat(a.ex, ", "),
        a.k > #a.ex and ", ..." or ""))
    end
  end
end

-- Per project_id: n, its considered tasks (a project with none is not
-- judged), and among its non-summary tasks with baseline_finish <= T, how
-- many are due, finished (actual_finish set) and missed (not finished, or
-- finished after the baseline). SCH-019 and SCH-020 judge these.
function M.due_by_T(ctx)
  local T = ctx.T
  local agg = {}
  for pid, rows in ctx.tables.tasks:groups("project_id") do
    local n, due, done, missed = 0, 0, 0, 0
    for t in rows:rows() do
      if t.is_summary ~= true then
        local af, b = t.actual_finish, t.baseline_finish
        if b and b <= T then
          due = due + 1
          if af ~= nil then
            done = done + 1
          end
          if af == nil or af > b then
            missed = missed + 1
          end
        end
        if af == nil and (t.percent_complete or 0) < 100 then
          n = n + 1
        end
      end
    end
    agg[pid] = { n = n, due = due, done = done, missed = missed }
  end
  return agg
end

return M
