-- SCH-017: few long open tasks (DCMA "high duration").
local function pct(x, other)
  -- x as a percentage, with enough decimals to differ from `other` when it does
  for d = 1, 6 do
    local s = string.format("%." .. d .. "f", x * 100)
    if not other or s ~= string.format("%." .. d .. "f", other * 100) or d == 6 then
      return (s:gsub("(%.%d-)0+$", "%1"):gsub("%.$", "")) .. "%"
    end
  end
end

rule {
  id = "SCH-017",
  title = "Few open tasks have long durations",
  severity = "warning",
  domain = "SCH",
  tables = {"projects", "tasks"},
  params = { max_days = 44, max_share = 0.05 },
  doc = [[
A project where the share of considered tasks (not summary, not complete)
with duration_days above max_days (default 44 working days, about two
months) is above max_share (default 5%). Tasks with a null duration count
in the total. One finding per project; a project with no considered tasks
is not judged. Rows without a project_id are left out.

Why it matters: a long task cannot be tracked: its percent complete is a
guess for months, and a slip shows only when it is too late to recover.
DCMA's 14-point assessment allows 5% of tasks longer than 44 days.

How to fix: break the listed tasks into pieces of at most a few weeks, each
with a clear deliverable, linked finish-to-start; then re-export the
schedule.]],
  check = function(ctx)
    local tasks = ctx.tables.tasks
    local md = ctx.params.max_days
    local agg = {} -- project_id -> {considered, long, examples}
    for pid, rows in tasks:groups("project_id") do
      local n, k, ex = 0, 0, {}
      for t in rows:rows() do
        if (t.percent_complete or 0) < 100 and t.actual_finish == nil and t.is_summary ~= true then
          n = n + 1
          local d = t.duration_days
          if d and d > md then
            k = k + 1
            if #ex < 3 then
              ex[#ex + 1] = string.format("%s (%g)", t.task_id or "?", d)
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
        ctx.report(p, nil, string.format(
          "project %s: %d of %d open tasks (%s) last more than %g days, more than %s; e.g. %s%s",
          p.project_id, a.k, a.n, pct(a.k / a.n, m), md, pct(m), table.concat(a.ex, ", "),
          a.k > #a.ex and ", ..." or ""))
      end
    end
  end,
}
