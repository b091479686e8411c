-- ACME-203: budget burn against schedule progress (a row rule with dates and money).
rule {
  id = "ACME-203",
  title = "Budget is not spent faster than the schedule elapses",
  severity = "warning",
  domain = "CST",
  tables = {"projects"},
  each = "projects",
  params = { tolerance = 0.10 },
  doc = [[
For an active project with a start date, a planned finish, a budget and an
actual cost: the share of the budget spent (actual_cost / budget) against
the share of the planned duration elapsed at the as-of date. A project that
has spent more than `tolerance` (10 points) ahead of its calendar is
reported.

Why it matters: it needs no earned value, only the register, and it flags
the projects that will run out of money before the end of their plan.

How to fix: review the estimate at completion with the project manager;
re-plan or request a budget change before the money runs out.]],
  check = function(p, ctx)
    if p.status ~= "active" or not (p.start_date and p.planned_finish and p.budget and p.actual_cost) then
      return
    end
    local duration = p.planned_finish - p.start_date
    if duration <= 0 or p.budget <= 0 then return end
    local elapsed = math.min(math.max((ctx.T - p.start_date) / duration, 0), 1)
    local burn = p.actual_cost / p.budget
    if pmo.round(burn - elapsed, 6) > ctx.params.tolerance then
      ctx.report(p, "actual_cost", string.format(
        "project %s has spent %.0f%% of its budget at %.0f%% of its schedule (%s to %s)",
        p.project_id, 100 * burn, 100 * elapsed, p.start_date, p.planned_finish))
    end
  end,
}
