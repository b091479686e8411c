-- jira: Jira CSV export (Filters > Export > CSV, all or current fields); issues become tasks, issues and risks
--
-- One export file (any *.csv in the data directory) feeds four tables:
--   projects  one row per "Project key" (status active; the lead as manager)
--   issues    Bug, Incident and Problem issues
--   risks     Risk issues (a common custom issue type)
--   tasks     every other issue: Story, Task, Sub-task and Epic (an Epic is a
--             summary task), and any issue type the profile does not know
--             (Spike, Improvement, "Sprint Defect", ...), which is kept as a
--             task and reported once per type by DAT-009 (tasks.kind reads
--             it as "task", the map's default)
-- No row is left out: every issue reaches exactly one of tasks, issues, risks.
-- Jira writes dates as "03/Feb/26 4:15 PM" by default (dd/MMM/yy h:mm a).
-- Statuses are mapped for the default workflows; others pass through and
-- are reported by DAT-001 if the data model does not know them. Jira keys
-- (PAY-12) are task ids: a link to PAY-12 names that task, not PAY with a
-- 12-day lead.

local issue_types = { Bug = true, Incident = true, Problem = true }

-- Which table an issue goes to: issues, risks, or tasks (the rest).
local function kind(row)
  local t = row["Issue Type"]
  if issue_types[t] then return "issue" end
  if t == "Risk" then return "risk" end
  return "task"
end

local function of_kind(k)
  return function(row) return kind(row) == k end
end

-- The task kinds the profile knows; another issue type is a task too (DAT-009).
local task_kinds = { Story = "story", Task = "task", ["Sub-task"] = "sub-task", Subtask = "sub-task",
                     Epic = "epic" }

local priority = { Highest = "critical", High = "high", Medium = "medium", Low = "low", Lowest = "low",
                   Blocker = "critical", Critical = "critical", Major = "high", Minor = "low", Trivial = "low" }

local function done(row)
  return row["Status Category"] == "Done" or row.Status == "Done" or row.Status == "Closed" or row.Resolved ~= nil
end

local file = "*.csv"
local dates = "DD/Mon/YY"

return {
  name = "jira",
  description = "Jira CSV export",
  date_format = dates,
  tables = {
    projects = {
      file = file,
      distinct = "project_id",
      keep_other = false,
      columns = {
        project_id = "Project key",
        name       = "Project name",
        status     = { value = "active" },
        manager    = "Project lead",
      },
    },
    tasks = {
      file = file,
      where = of_kind("task"),
      keep_other = false,
      columns = {
        task_id          = "Issue key",
        project_id       = "Project key",
        name             = "Summary",
        wbs              = "Parent id",
        start            = "Created",
        finish           = "Due date",
        actual_finish    = "Resolved",
        resource         = "Assignee",
        is_summary       = function(row) return row["Issue Type"] == "Epic" end,
        is_milestone     = { value = false },
        percent_complete = function(row) return done(row) and 100 or 0 end,
        jira_status      = "Status",
        issue_type       = "Issue Type",
        kind             = { from = "Issue Type", map = task_kinds, default = "task" },
      },
    },
    issues = {
      file = file,
      where = of_kind("issue"),
      keep_other = false,
      columns = {
        issue_id      = "Issue key",
        project_id    = "Project key",
        title         = "Summary",
        priority      = { from = "Priority", map = priority },
        owner         = "Assignee",
        status        = { from = "Status", map = { ["To Do"] = "open", Open = "open", Backlog = "open",
                          ["In Progress"] = "in_progress", ["In Review"] = "in_progress",
                          Resolved = "resolved", Done = "closed", Closed = "closed" } },
        raised_date   = "Created",
        due_date      = "Due date",
        resolved_date = "Resolved",
      },
    },
    risks = {
      file = file,
      where = of_kind("risk"),
      keep_other = false,
      columns = {
        risk_id     = "Issue key",
        project_id  = "Project key",
        title       = "Summary",
        owner       = "Assignee",
        mitigation  = "Custom field (Mitigation)",
        probability = "Custom field (Probability)",
        impact      = "Custom field (Impact)",
        status      = { from = "Status", map = { ["To Do"] = "open", Open = "open", ["In Progress"] = "mitigating",
                        Mitigating = "mitigating", Done = "closed", Closed = "closed", Occurred = "occurred" } },
        raised_date = "Created",
        due_date    = "Due date",
      },
    },
  },
}
