-- SCH-015: few open tasks with high float (DCMA "high float").
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
  id = "SCH-015",
  title = "Few open tasks have high total float",
  severity = "warning",
  domain = "SCH",
  tables = {"projects", "tasks"},
  params = { max_float = 44, max_share = 0.05 },
  doc = [[
A project where the share of considered tasks (not summary, not complete)
with total_float_days above max_float (default 44 working days, about two
months) is above max_share (default 5%). Tasks with a null float count in
the total. One finding per project; a project with no considered tasks is
not judged. Rows without a project_id are left out.

Why it matters: very high float usually means missing logic (a task with no
real successor floats until the project's end) rather than real freedom, so
the schedule understates how much work is critical. DCMA's 14-point
assessment allows 5%.

How to fix: check the listed tasks' successors and add the missing links;
where the float is real, consider starting the work later so resources go
where they are needed first.]],
  check = function(ctx)
    local tasks = ctx.tables.tasks
    local mf = ctx.params.max_float
    local agg = {} -- project_id -> {considered, high, examples}
    for pid, rows in tasks:groups("project_id") do
      local n, k, ex = 0, 0, {}
      for t in rows:rows() do
        if (t.percent_complete or 0) < 100 and t.actual_finish == nil and t.is_summary ~= true then
          n = n + 1
          local f = t.total_float_days
          if f and f > mf then
            k = k + 1
            if #ex < 3 then
              ex[#ex + 1] = string.format("%s (%g)", t.task_id or "?", f)
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
          "project %s: %d of %d open tasks (%s) have total float > %g days, more than %s; e.g. %s%s",
          p.project_id, a.k, a.n, pct(a.k / a.n, m), mf, pct(m), table.concat(a.ex, ", "),
          a.k > #a.ex and ", ..." or ""))
      end
    end
  end,
}
