-- schedule: what the schedule-quality rules (SCH-010..020) share, with
-- require("schedule"): which tasks are "considered", how shares print, and
-- the per-project share check of SCH-014, SCH-015 and SCH-017.
--
-- A *considered task* (rules-catalogue.md, SCH-010..020) is a task of a
-- project that is incomplete (data-model.md: actual_finish null and
-- percent_complete, null = 0, below 100) and not a summary (is_summary not
-- true). It is defined once, in C: considered() in engine/store/schedule.c,
-- which the engine applies in its one pass over the tasks (pmo.schedule) to
-- count every figure the SCH rules judge. This lib carries no second copy:
-- M.considered answers from the rows that pass lists, so the Lua helper and
-- the C figures cannot disagree (tests/e2e/lib_test.sh checks it); the
-- rule tests of SCH-016 pin the edge cases (null percent_complete, 100
-- without actual_finish, an actual_finish below 100, more than 100, summary
-- tasks, tasks without a project).
-- SCH-019 and SCH-020 count *finished* tasks too (actual_finish not null,
-- whatever percent_complete says): a different term, also in that file.
local M = {}

-- x as a percentage, with enough decimals to differ from `other` when it does.
function M.pct(x, other)
  for d = 1, 6 do
    local s = string.format("%." .. d .. "f", x * 100)
    if not other or s ~= string.format("%." .. d .. "f", other * 100) or d == 6 then
      return (s:gsub("(%.%d-)0+$", "%1"):gsub("%.$", "")) .. "%"
    end
  end
end

-- The per-project figures of the schedule rules. The engine computes them
-- in C, in one pass over the tasks shared by every worker (pmo.schedule,
-- engine/store/schedule.c): walking a million tasks here in Lua cost about
-- a second per worker. Only what does not depend on a rule's params is computed, so
-- every rule still judges with its own thresholds. This lib keeps the Lua
-- tables per worker, keyed by ctx.tables.tasks: the engine hands every rule
-- run on a Lua state the same table object until a new store is bound (a
-- new run or test case), so a new store always means a new key; the weak
-- keys let the old entry go. What is returned is shared: read it, never
-- change it.
--
-- Rows are kept as row numbers (row._index) for tasks:row(i).
--
-- project_id -> {
--   n        considered tasks,
--   rows     their row numbers in file order,
--   open     considered tasks lacking a predecessor (a link of their own)
--            or a successor (a task of the project naming them in a link)
--            (SCH-010),
--   open_ex  the first three of them, as "T00012 (no successor)",
--   links, pos_lag, fs   links of considered tasks: all, with a lag > 0, FS,
--   due, done, missed    non-summary tasks with baseline_finish <= T: all,
--                        with an actual_finish, missed (not finished, or
--                        finished after the baseline) }
-- and, second, the list of M.considered_rows.
-- Rows without a project_id are left out.
local cache = setmetatable({}, { __mode = "k" })

function M.projects(ctx)
  local tasks = ctx.tables.tasks
  local c = cache[tasks]
  if not c or c.T ~= ctx.T then
    local agg, all = pmo.schedule(tasks)
    c = { T = ctx.T, agg = agg, all = all } -- and `set`, made by M.considered
    cache[tasks] = c
  end
  return c.agg, c.all
end

-- The row numbers of all considered tasks that have a project_id, in file
-- order: what the per-task rules SCH-011, SCH-016 and SCH-018 judge, so
-- that they skip the other rows without reading them.
function M.considered_rows(ctx)
  local _, all = M.projects(ctx)
  return all
end

-- Whether t, a row of ctx.tables.tasks, is a considered task of its
-- project: one of M.considered_rows (so false for a task with a null
-- project_id, which belongs to no project).
function M.considered(ctx, t)
  local _, all = M.projects(ctx)
  local c = cache[ctx.tables.tasks]
  local set = c.set
  if not set then
    set = {}
    for k = 1, #all do
      set[all[k]] = true
    end
    c.set = set
  end
  return set[t._index] == true
end

-- For each project, the share of it