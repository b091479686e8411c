-- RES-001: no resource is allocated beyond its capacity on any day.

-- A percentage without trailing zeros: 100, 33.3, 12.125.
local function num(x)
  local s = string.format("%.4f", x):gsub("0+$", ""):gsub("%.$", "")
  return s
end

rule {
  id = "RES-001",
  title = "Resources are not over-allocated across projects",
  severity = "error",
  domain = "RES",
  gates = {"G2", "G3"},
  tables = {"allocations"},
  params = { max_percent = 100 },
  doc = [[
A resource whose allocations add up to more than `max_percent` of its
capacity on some day: the percent of every allocation row with start_date <=
day <= end_date (both ends included) is summed, over all projects. One
finding per resource, naming the first day over the limit and the load on
that day; the finding points at the resource's first allocation row and
names every project allocated on that day (so `--project` keeps it for
each of them). Rows with a null start, end or percent, and rows ending
before they start, are left out. The resource does not have to be listed
in resources.csv.

Why it matters: an over-allocated person cannot deliver every plan that
counts on them; the projects slip one after another, and the conflict is
only visible across projects, which is the PMO's job to resolve.

How to fix: agree priorities between the project managers and rebalance:
reduce or shift allocations, move work to another resource, or re-plan the
dates. Correct allocations that should have been ended.]],
  check = function(ctx)
    local al = ctx.tables.allocations
    -- the first day of each resource whose allocations add up to more than
    -- max_percent (sums exact to 1e-9), with the rows covering that day
    local over = pmo.sweep(al, { from = "start_date", to = "end_date", amount = "percent", by = "resource_id",
      limit = ctx.params.max_percent, per = "day", first = true })
    for _, run in ipairs(over) do
      local rid, day = run.key, run.from
      -- the finding points at the resource's first allocation row the sweep counts
      local first
      for a in al:select("resource_id", rid):rows() do
        local s, e = a.start_date, a.end_date
        if s and e and a.percent and not (e < s) then
          first = a
          break
        end
      end
      local parts, projects = {}, {}
      for _, a in ipairs(run.rows) do
        parts[#parts + 1] = string.format("%s %s%%", a.project_id or "(no project)", num(a.percent))
        projects[#projects + 1] = a.project_id
      end
      if #parts > 6 then
        local n = #parts
        parts = { table.unpack(parts, 1, 5) }
        parts[6] = string.format("and %d more", n - 5)
      end
      ctx.report{
        row = first,
        column = "resource_id",
        key = rid,
        projects = projects,
        message = string.format("resource %s at %s%% on %s (max %s%%): %s", rid, num(run.sum),
          tostring(day), num(ctx.params.max_percent), table.concat(parts, ", ")),
      }
    end
  end,
}
