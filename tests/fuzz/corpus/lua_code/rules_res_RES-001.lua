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
    local limit = pmo.round(ctx.params.max_percent * 1e9)
    local epoch = pmo.date(1970, 1, 1)
    for rid, rows in al:groups("resource_id") do
      local delta, first = {}, nil
      for a in rows:rows() do
        local s, e, pct = a.start_date, a.end_date, a.percent
        if s and e and pct and not (e < s) then
          first = first or a
          -- percent in units of 1e-9, as an integer: sums are exact
          local q = pmo.round(pct * 1e9)
          local sd, ed = s.days, e.days + 1
          delta[sd] = (delta[sd] or 0) + q
          delta[ed] = (delta[ed] or 0) - q
        end
      end
      if first then
        local days = {}
        for d in pairs(delta) do
          days[#days + 1] = d
        end
        table.sort(days)
        local load = 0
        for _, d in ipairs(days) do
          load = load + delta[d]
          if load > limit then
            local day = epoch + d
            -- the allocations that make up the load on that day
            local parts, projects = {}, {}
            for a in rows:rows() do
              local s, e, pct = a.start_date, a.end_date, a.percent
              if s and e and pct and s <= day and day <= e then
                parts[#parts + 1] = string.format("%s %s%%", a.project_id or "(no project)", num(pct))
                projects[#projects + 1] = a.project_id
              end
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
              message = string.format("resource %s at %s%% on %s (max %s%%): %s", rid, num(load / 1e9),
                tostring(day), num(ctx.params.max_percent), table.concat(parts, ", ")),
            }
            break
          end
        end
      end
    end
  end,
}
