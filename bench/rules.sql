-- rules.sql - ten rules of the built-in pack (one per domain but DAT),
-- written as a user would write them for the sqlite3 command-line shell.
-- `make bench` times this against pmoaudit on the same portfolio, import
-- included, and checks that every count equals pmoaudit's.
--
-- The caller (bench/bench.py) first imports the CSV files as all-text tables
-- with `.import --csv` and creates the one-row table run(t) holding the as-of
-- date T. Typing follows shared/spec/data-model.md: a cell is trimmed, blank
-- is NULL, and a cell that does not parse as its type is NULL too. Dates stay
-- ISO text (they compare as text and subtract through julianday()).
--
-- Two simplifications, both outside what the generator writes: money accepts
-- any placement of `,` thousands separators, and a predecessor entry without
-- a :TYPE is read as one task id even when it ends in a lag (T12+2d).
--
-- Output: one "RULE|count" line per rule.

-- ---- typed views -----------------------------------------------------------
-- Each view trims a column once (x_) and types it from there.

CREATE TEMP VIEW p_raw AS SELECT rowid AS r,
    NULLIF(trim(project_id, ' ' || char(9)), '') AS pid,
    lower(replace(replace(trim(status, ' ' || char(9)), ' ', '_'), '-', '_')) AS status_,
    trim(start_date, ' ' || char(9)) AS s_, trim(planned_finish, ' ' || char(9)) AS pf_,
    trim(actual_finish, ' ' || char(9)) AS af_,
    trim(budget, ' ' || char(9)) AS b_, trim(actual_cost, ' ' || char(9)) AS ac_
  FROM projects;

-- A money cell: [-][currency sign]digits[,digits...][.digits].
CREATE TEMP VIEW p AS SELECT r, pid,
    CASE WHEN status_ IN ('proposed', 'active', 'on_hold', 'closed', 'cancelled') THEN status_ END AS status,
    CASE WHEN s_ GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' AND date(s_) IS s_ THEN s_ END AS s,
    CASE WHEN pf_ GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' AND date(pf_) IS pf_ THEN pf_ END AS pf,
    CASE WHEN af_ GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' AND date(af_) IS af_ THEN af_ END AS af,
    (SELECT CASE WHEN m GLOB '[0-9]*' AND m NOT GLOB '*[^0-9.]*' AND m NOT GLOB '*.*.*' AND m NOT GLOB '*.'
                 THEN (CASE WHEN b_ GLOB '-*' THEN -1 ELSE 1 END) * CAST(m AS REAL) END
       FROM (SELECT replace(ltrim(ltrim(b_, '-'), '$€£¥'), ',', '') AS m)) AS budget,
    (SELECT CASE WHEN m GLOB '[0-9]*' AND m NOT GLOB '*[^0-9.]*' AND m NOT GLOB '*.*.*' AND m NOT GLOB '*.'
                 THEN (CASE WHEN ac_ GLOB '-*' THEN -1 ELSE 1 END) * CAST(m AS REAL) END
       FROM (SELECT replace(ltrim(ltrim(ac_, '-'), '$€£¥'), ',', '') AS m)) AS actual_cost
  FROM p_raw;

-- ---- STD-005: start after planned finish, or actual finish before start ----
SELECT 'STD-005', count(*) FROM p
 WHERE pid IS NOT NULL AND s IS NOT NULL AND ((pf IS NOT NULL AND s > pf) OR (af IS NOT NULL AND af < s));

-- ---- CST-003: cost booked against no budget ---------------------------------
SELECT 'CST-003', count(*) FROM p
 WHERE pid IS NOT NULL AND actual_cost > 0 AND (budget IS NULL OR budget <= 0);

-- ---- CLS-002: closed without an actual finish --------------------------------
SELECT 'CLS-002', count(*) FROM p WHERE pid IS NOT NULL AND status = 'closed' AND af IS NULL;

-- ---- GOV-001: an achieved gate without its approval --------------------------
SELECT 'GOV-001', count(*) FROM (
  SELECT lower(trim(status, ' ' || char(9))) AS st, trim(actual_date, ' ' || char(9)) AS ad_,
         NULLIF(trim(gate, ' ' || char(9)), '') AS gate_, NULLIF(trim(approved_by, ' ' || char(9)), '') AS by_,
         trim(approval_date, ' ' || char(9)) AS apd_
    FROM milestones)
 WHERE (st = 'achieved' OR (ad_ GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' AND date(ad_) IS ad_))
   AND gate_ IS NOT NULL
   AND (by_ IS NULL OR NOT (apd_ GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' AND date(apd_) IS apd_));

-- ---- RSK-001: a high open risk without owner or mitigation -------------------
SELECT 'RSK-001', count(*) FROM (
  SELECT lower(trim(status, ' ' || char(9))) AS st,
         CASE WHEN trim(score, ' ' || char(9)) GLOB '[0-9]*' AND ltrim(trim(score, ' ' || char(9)), '+-') NOT GLOB '*[^0-9]*'
              THEN CAST(trim(score, ' ' || char(9)) AS INTEGER) END AS sc,
         CASE WHEN trim(probability, ' ' || char(9)) NOT GLOB '*[^0-9]*' AND trim(probability, ' ' || char(9)) <> ''
              THEN CAST(trim(probability, ' ' || char(9)) AS INTEGER) END AS pr,
         CASE WHEN trim(impact, ' ' || char(9)) NOT GLOB '*[^0-9]*' AND trim(impact, ' ' || char(9)) <> ''
              THEN CAST(trim(impact, ' ' || char(9)) AS INTEGER) END AS im,
         NULLIF(trim(owner, ' ' || char(9)), '') AS ow, NULLIF(trim(mitigation, ' ' || char(9)), '') AS mi
    FROM risks)
 WHERE (st IN ('open', 'mitigating') OR st NOT IN ('open', 'mitigating', 'closed', 'occurred'))
   AND coalesce(sc, pr * im) >= 15 AND (ow IS NULL OR mi IS NULL);

-- ---- CHG-002: implemented before it was approved ----------------------------
SELECT 'CHG-002', count(*) FROM (
  SELECT trim(implemented_date, ' ' || char(9)) AS im, trim(approval_date, ' ' || char(9)) AS ap FROM changes)
 WHERE im GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' AND date(im) IS im
   AND ap GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' AND date(ap) IS ap AND im < ap;

-- ---- ISS-002: an urgent open issue nobody owns -------------------------------
SELECT 'ISS-002', count(*) FROM (
  SELECT lower(trim(priority, ' ' || char(9))) AS pr,
         lower(replace(replace(trim(status, ' ' || char(9)), ' ', '_'), '-', '_')) AS st,
         NULLIF(trim(owner, ' ' || char(9)), '') AS ow
    FROM issues)
 WHERE pr IN ('high', 'critical') AND st NOT IN ('resolved', 'closed') AND ow IS NULL;

-- ---- MON-001: an open project with no recent status report -------------------
CREATE TEMP TABLE newest AS
  SELECT pid, max(d) AS d FROM (
    SELECT NULLIF(trim(project_id, ' ' || char(9)), '') AS pid, trim(report_date, ' ' || char(9)) AS d
      FROM status_reports)
   WHERE pid IS NOT NULL AND d GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' AND date(d) IS d
     AND d <= (SELECT t FROM run)
   GROUP BY pid;
SELECT 'MON-001', count(*) FROM p LEFT JOIN newest n ON n.pid = p.pid
 WHERE p.pid IS NOT NULL AND p.status IN ('active', 'on_hold')
   AND (n.d IS NULL OR julianday((SELECT t FROM run)) - julianday(n.d) > 14);

-- ---- RES-001: a resource allocated over 100 % on some day --------------------
-- A sweep: +percent on the start day, -percent the day after the end; the
-- running sum per resource over the days in order is its load on that day.
CREATE TEMP TABLE al AS
  SELECT rid, s, e, CAST(rtrim(pc, '%') AS REAL) AS pct FROM (
    SELECT NULLIF(trim(resource_id, ' ' || char(9)), '') AS rid, trim(start_date, ' ' || char(9)) AS s,
           trim(end_date, ' ' || char(9)) AS e, trim(percent, ' ' || char(9)) AS pc
      FROM allocations)
   WHERE rid IS NOT NULL
     AND s GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' AND date(s) IS s
     AND e GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' AND date(e) IS e AND e >= s
     AND ltrim(CASE WHEN pc GLOB '*%' THEN substr(pc, 1, length(pc) - 1) ELSE pc END, '+-') GLOB '[0-9]*'
     AND ltrim(CASE WHEN pc GLOB '*%' THEN substr(pc, 1, length(pc) - 1) ELSE pc END, '+-') NOT GLOB '*[^0-9.]*'
     AND pc NOT GLOB '[+-]*[+-]*';
SELECT 'RES-001', count(DISTINCT rid) FROM (
  SELECT rid, sum(delta) OVER (PARTITION BY rid ORDER BY day) AS load FROM (
    SELECT rid, day, sum(delta) AS delta FROM (
      SELECT rid, s AS day, pct AS delta FROM al
      UNION ALL SELECT rid, date(e, '+1 day'), -pct FROM al)
    GROUP BY rid, day))
 WHERE load > 100;

-- ---- SCH-010: projects whose network has too many open ends ------------------
-- Considered tasks: not a summary, not finished. A task has an open end when
-- it has no valid predecessor link, or no task of its project links to it.
CREATE TEMP TABLE tk AS
  SELECT rowid AS r, NULLIF(trim(task_id, ' ' || char(9)), '') AS tid,
         NULLIF(trim(project_id, ' ' || char(9)), '') AS pid,
         NULLIF(trim(predecessors, ' ' || char(9)), '') AS preds,
         lower(trim(is_summary, ' ' || char(9))) IN ('true', 'yes', 'y', '1') AS summary,
         trim(actual_finish, ' ' || char(9)) AS af_,
         rtrim(trim(percent_complete, ' ' || char(9)), '%') AS pc_
    FROM tasks;

-- Split every predecessors cell at ';' and keep the valid entries' task ids.
CREATE TEMP TABLE lk AS
  WITH RECURSIVE part(r, pid, rest, e) AS (
    SELECT r, pid, preds || ';', NULL FROM tk WHERE pid IS NOT NULL AND preds IS NOT NULL
    UNION ALL
    SELECT r, pid, substr(rest, instr(rest, ';') + 1), trim(substr(rest, 1, instr(rest, ';') - 1), ' ' || char(9))
      FROM part WHERE rest <> ''),
  entry(r, pid, id, after) AS (
    SELECT r, pid,
           CASE WHEN instr(e, ':') > 0 THEN substr(e, 1, instr(e, ':') - 1) ELSE e END,
           CASE WHEN instr(e, ':') > 0 THEN substr(e, instr(e, ':') + 1) END
      FROM part WHERE e IS NOT NULL AND e <> '' AND e NOT GLOB '*[ ' || char(9) || ']*')
  SELECT r, pid, id FROM entry
   WHERE id <> ''
     AND (after IS NULL
          OR (upper(substr(after, 1, 2)) IN ('FS', 'SS', 'FF', 'SF')
              AND (substr(after, 3) = ''
                   OR (substr(after, 3) GLOB '[+-][0-9]*'
                       AND rtrim(substr(after, 4), 'dD') NOT GLOB '*[^0-9.]*'
                       AND rtrim(substr(after, 4), 'dD') NOT GLOB '*.*.*'
                       AND substr(after, 4) NOT GLOB '*[dD]*[dD]'))));
CREATE INDEX lk_target ON lk(pid, id);
CREATE INDEX lk_row ON lk(r);

CREATE TEMP TABLE sch010 AS
  SELECT pid, count(*) AS considered,
         sum(NOT EXISTS (SELECT 1 FROM lk WHERE lk.r = c.r)
             OR tid IS NULL OR NOT EXISTS (SELECT 1 FROM lk WHERE lk.pid = c.pid AND lk.id = c.tid)) AS open_ends
    FROM tk c
   WHERE pid IS NOT NULL AND NOT summary
     AND NOT (af_ GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' AND date(af_) IS af_)
     AND (pc_ = '' OR NOT (pc_ GLOB '[0-9]*' AND pc_ NOT GLOB '*[^0-9.]*') OR CAST(pc_ AS REAL) < 100)
   GROUP BY pid;
SELECT 'SCH-010', count(*) FROM p JOIN sch010 s ON s.pid = p.pid
 WHERE s.considered > 0 AND CAST(s.open_ends AS REAL) / s.considered > 0.05;
