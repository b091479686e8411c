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

-- The per-project figures of the schedule rules, computed in one walk over
-- the tasks and kept for the rest of the run. Every SCH-01x rule used to
-- walk all tasks on its own (eleven walks of a million rows, one __index
-- call per cell read); now the first rule of a worker to ask pays one walk
-- and the others read the result. Only what does not depend on a rule's
-- params is kept, so every rule still judges with its own thresholds.
--
-- The cache key is ctx.tables.tasks: the engine hands every rule run on a
-- Lua state the same table object until a new store is bound (a new run or
-- test case), so a new store always means a new key; the weak keys let the
-- old entry go. T is checked too. What is returned is shared: read it,
-- never change it.
--
-- Rows are kept as row numbers (row._index), not row objects: a million
-- cached row objects would stay in the Lua heap for the whole run, and
-- every later garbage-collection cycle of every rule on the worker would
-- walk them again (measured: the rule phase got slower and the peak memory
-- grew by a third), while an array of integers costs the collector next to
-- nothing.
--
-- project_id -> {
--   n        considered tasks (see M.considered),
--   rows     their row numbers in file order, for tasks:row(i),
--   open     considered tasks lacking a predecessor or a successor (SCH-010),
--   open_ex  the first three of them, as "T00012 (no successor)",
--   links, pos_lag, fs   links of considered tasks: all, with a lag > 0, FS,
--   due, done, missed    non-summary tasks with baseline_finish <= T: all,
--                        with an actual_finish, missed (see M.due_by_T) }
-- and, second, the list of M.considered_rows.
-- Rows without a project_id are left out.
local cache = setmetatable({}, { __mode = "k" })

local function walk(tasks, T)
  local links = tasks.links
  local agg = {}
  for pid, rows in tasks:groups("project_id") do
    local linked, ids, pred, crow = {}, {}, {}, {}
    local n, nl, pos, fs, due, done, missed = 0, 0, 0, 0, 0, 0, 0
    for t in rows:rows() do
      local summary = t.is_summary == true
      local af = t.actual_finish
      local is_c = (t.percent_complete or 0) < 100 and af == nil and not summary
      local has = false
      for id, typ, lag in links(tasks, t) do
        linked[id] = true
        has = true
        if is_c then
          nl = nl + 1
          if lag > 0 then
            pos = pos + 1
          end
          if typ == "FS" then
            fs = fs + 1
          end
        end
      end
      if is_c then
        n = n + 1
        crow[n] = t._index
        ids[n] = t.task_id or false
        pred[n] = has
      end
      if not summary then
        local b = t.baseline_finish
        if b and b <= T then
          due = due + 1
          if af ~= nil then
            done = done + 1
          end
          if af == nil or af > b then
            missed = missed + 1
          end
        end
      end
    end
    local open, ex = 0, {}
    for i = 1, n do
      local tid = ids[i]
      local succ = tid and linked[tid]
      if not (pred[i] and succ) then
        open = open + 1
        if #ex < 3 then
          ex[#ex + 1] = string.format("%s (%s)", tid or "?",
            pred[i] and "no successor" or succ and "no predecessor" or "neither")
        end
      end
    end
    agg[pid] = { n = n, rows = crow, open = open, open_ex = ex, links = nl, pos_lag = pos, fs = fs,
                 due = due, done = done, missed = missed }
  end
  -- every considered task with a project_id, in file order
  local mark, all = {}, {}
  for i = 1, #tasks do
    mark[i] = false
  end
  for _, a in pairs(agg) do
    for _, i in ipairs(a.rows) do
      mark[i] = true
    end
  end
  for i = 1, #tasks do
    if mark[i] then
      all[#all + 1] = i
    end
  end
  return agg, all
end

function M.projects(ctx)
  local tasks = ctx.tables.tasks
  local c = cache[tasks]
  if not c or c.T ~= ctx.T then
    local agg, all = walk(tasks, ctx.T)
    c = { T = ctx.T, agg = agg, all = all }
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

-- For each project, the share of its considered tasks for which flag(t)
-- returns a description (such as "T00012 (MSO)"). One finding per project
-- whose share is above params.max_share; a project with no considered task
-- is not judged. `what` completes the message: "... open tasks (12%) WHAT".
function M.share_check(ctx, flag, what)
  local m = ctx.params.max_share
  local projects = M.projects(ctx)
  local tasks = ctx.tables.tasks
  local row = tasks.row
  for p in ctx.tables.projects:rows() do
    local a = p.project_id and projects[p.project_id]
    if a and a.n > 0 then
      local k, ex = 0, {}
      local rows = a.rows
      for i = 1, a.n do
        local d = flag(row(tasks, rows[i]))
        if d then
          k = k + 1
          if #ex < 3 then
            ex[#ex + 1] = d
          end
        end
      end
      if k / a.n > m then
        ctx.report(p, nil, string.format("project %s: %d of %d open tasks (%s) %s, more than %s; e.g. %s%s",
          p.project_id, k, a.n, M.pct(k / a.n, m), what, M.pct(m), table.concat(ex, ", "),
          k > #ex and ", ..." or ""))
      end
    end
  end
end

-- Per project_id: n, its considered tasks (a project with none is not
-- judged), and among its non-summary tasks with baseline_finish <= T, how
-- many are due, finished (actual_finish set) and missed (not finished, or
-- finished after the baseline). SCH-019 and SCH-020 judge these; they are
-- the fields of M.projects(ctx).
function M.due_by_T(ctx)
  return M.projects(ctx)
end

return M
