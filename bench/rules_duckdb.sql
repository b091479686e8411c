-- rules_duckdb.sql - the ten rules of bench/rules.sql in DuckDB's SQL, for
-- `make bench` (bench/duckdb_run.cjs runs it through DuckDB's Node API).
-- The same semantics as the sqlite3 version, statement for statement; only
-- the dialect differs: TRY_CAST instead of sqlite's date() round trip,
-- string_split and unnest instead of a recursive split, date subtraction
-- instead of julianday(), NOT (x GLOB p) for sqlite's x NOT GLOB p, and glob
-- classes [!...] and [-+] for sqlite's [^...] and [+-].
--
-- The caller loads each CSV file with read_csv(all_varchar = true), empty
-- cells kept as '' (as sqlite3's .import keeps them), into a table named
-- after the file, and creates the one-row table run(t) holding the as-of
-- date T. Statements end with a semicolon at the end of a line; lines
-- starting with -- are comments.
--
-- Output: one row (rule, count) per rule.

-- ---- typed views -----------------------------------------------------------

CREATE TEMP VIEW p_raw AS SELECT rowid AS r,
    NULLIF(trim(project_id, ' ' || chr(9)), '') AS pid,
    lower(replace(replace(trim(status, ' ' || chr(9)), ' ', '_'), '-', '_')) AS status_,
    trim(start_date, ' ' || chr(9)) AS s_, trim(planned_finish, ' ' || chr(9)) AS pf_,
    trim(actual_finish, ' ' || chr(9)) AS af_,
    trim(budget, ' ' || chr(9)) AS b_, trim(actual_cost, ' ' || chr(9)) AS ac_
  FROM projects;

-- A date cell: YYYY-MM-DD and a real calendar day (else NULL).
CREATE MACRO iso_day(x) AS
    CASE WHEN x GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' AND TRY_CAST(x AS DATE) IS NOT NULL THEN x END;

-- A money cell: [-][currency sign]digits[,digits...][.digits].
CREATE MACRO money_digits(x) AS replace(ltrim(ltrim(x, '-'), '$€£¥'), ',', '');
CREATE MACRO money_of(x) AS
    CASE WHEN money_digits(x) GLOB '[0-9]*' AND NOT (money_digits(x) GLOB '*[!0-9.]*')
              AND NOT (money_digits(x) GLOB '*.*.*') AND NOT (money_digits(x) GLOB '*.')
         THEN (CASE WHEN x GLOB '-*' THEN -1 ELSE 1 END) * TRY_CAST(money_digits(x) AS DOUBLE) END;

CREATE TEMP VIEW p AS SELECT r, pid,
    CASE WHEN status_ IN ('proposed', 'active', 'on_hold', 'closed', 'cancelled') THEN status_ END AS status,
    iso_day(s_) AS s, iso_day(pf_) AS pf, iso_day(af_) AS af,
    money_of(b_) AS budget, money_of(ac_) AS actual_cost
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
  SELECT lower(trim(status, ' ' || chr(9))) AS st, trim(actual_date, ' ' || chr(9)) AS ad_,
         NULLIF(trim(gate, ' ' || chr(9)), '') AS gate_, NULLIF(trim(approved_by, ' ' || chr(9)), '') AS by_,
         trim(approval_date, ' ' || chr(9)) AS apd_
    FROM milestones)
 WHERE (st = 'achieved' OR iso_day(ad_) IS NOT NULL)
   AND gate_ IS NOT NULL
   AND (by_ IS NULL OR iso_day(apd_) IS NULL);

-- ---- RSK-001: a high open risk without owner or mitigation -------------------
SELECT 'RSK-001', count(*) FROM (
  SELECT lower(trim(status, ' ' || chr(9))) AS st,
         CASE WHEN trim(score, ' ' || chr(9)) GLOB '[0-9]*' AND NOT (ltrim(trim(score, ' ' || chr(9)), '+-') GLOB '*[!0-9]*')
              THEN TRY_CAST(trim(score, ' ' || chr(9)) AS BIGINT) END AS sc,
         CASE WHEN NOT (trim(probability, ' ' || chr(9)) GLOB '*[!0-9]*') AND trim(probability, ' ' || chr(9)) <> ''
              THEN TRY_CAST(trim(probability, ' ' || chr(9)) AS BIGINT) END AS pr,
         CASE WHEN NOT (trim(impact, ' ' || chr(9)) GLOB '*[!0-9]*') AND trim(impact, ' ' || chr(9)) <> ''
              THEN TRY_CAST(trim(impact, ' ' || chr(9)) AS BIGINT) END AS im,
         NULLIF(trim(owner, ' ' || chr(9)), '') AS ow, NULLIF(trim(mitigation, ' ' || chr(9)), '') AS mi
    FROM risks)
 WHERE (st IN ('open', 'mitigating') OR st NOT IN ('open', 'mitigating', 'closed', 'occurred'))
   AND coalesce(sc, pr * im) >= 15 AND (ow IS NULL OR mi IS NULL);

-- ---- CHG-002: implemented before it was approved ----------------------------
SELECT 'CHG-002', count(*) FROM (
  SELECT trim(implemented_date, ' ' || chr(9)) AS im, trim(approval_date, ' ' || chr(9)) AS ap FROM changes)
 WHERE iso_day(im) IS NOT NULL AND iso_day(ap) IS NOT NULL AND im < ap;

-- ---- ISS-002: an urgent open issue nobody owns -------------------------------
SELECT 'ISS-002', count(*) FROM (
  SELECT lower(trim(priority, ' ' || chr(9))) AS pr,
         lower(replace(replace(trim(status, ' ' || chr(9)), ' ', '_'), '-', '_')) AS st,
         NULLIF(trim(owner, ' ' || chr(9)), '') AS ow
    FROM issues)
 WHERE pr IN ('high', 'critical') AND st NOT IN ('resolved', 'closed') AND ow IS NULL;

-- ---- MON-001: an open project with no recent status report -------------------
CREATE TEMP TABLE newest AS
  SELECT pid, max(d) AS d FROM (
    SELECT NULLIF(trim(project_id, ' ' || chr(9)), '') AS pid, trim(report_date, ' ' || chr(9)) AS d
      FROM status_reports)
   WHERE pid IS NOT NULL AND iso_day(d) IS NOT NULL AND d <= (SELECT t FROM run)
   GROUP BY pid;
SELECT 'MON-001', count(*) FROM p LEFT JOIN newest n ON n.pid = p.pid
 WHERE p.pid IS NOT NULL AND p.status IN ('active', 'on_hold')
   AND (n.d IS NULL OR CAST((SELECT t FROM run) AS DATE) - CAST(n.d AS DATE) > 14);

-- ---- RES-001: a resource allocated over 100 % on some day --------------------
-- A sweep: +percent on the start day, -percent the day after the end; the
-- running sum per resource over the days in order is its load on that day.
CREATE TEMP TABLE al AS
  SELECT rid, s, e, TRY_CAST(rtrim(pc, '%') AS DOUBLE) AS pct FROM (
    SELECT NULLIF(trim(resource_id, ' ' || chr(9)), '') AS rid, trim(start_date, ' ' || chr(9)) AS s,
           trim(end_date, ' ' || chr(9)) AS e, trim("percent", ' ' || chr(9)) AS pc
      FROM allocations)
   WHERE rid IS NOT NULL
     AND iso_day(s) IS NOT NULL AND iso_day(e) IS NOT NULL AND e >= s
     AND ltrim(CASE WHEN pc GLOB '*%' THEN substr(pc, 1, length(pc) - 1) ELSE pc END, '+-') GLOB '[0-9]*'
     AND NOT (ltrim(CASE WHEN pc GLOB '*%' THEN substr(pc, 1, length(pc) - 1) ELSE pc END, '+-') GLOB '*[!0-9.]*')
     AND NOT (pc GLOB '[-+]*[-+]*');
SELECT 'RES-001', count(DISTINCT rid) FROM (
  SELECT rid, sum(delta) OVER (PARTITION BY rid ORDER BY day) AS load FROM (
    SELECT rid, day, sum(delta) AS delta FROM (
      SELECT rid, CAST(s AS DATE) AS day, pct AS delta FROM al
      UNION ALL SELECT rid, CAST(e AS DATE) + 1, -pct FROM al)
    GROUP BY rid, day))
 WHERE load > 100;

-- ---- SCH-010: projects whose network has too many open ends ------------------
-- Considered tasks: not a summary, not finished. A task has an open end when
-- it has no valid predecessor link, or no task of its project links to it.
CREATE TEMP TABLE tk AS
  SELECT rowid AS r, NULLIF(trim(task_id, ' ' || chr(9)), '') AS tid,
         NULLIF(trim(project_id, ' ' || chr(9)), '') AS pid,
         NULLIF(trim(predecessors, ' ' || chr(9)), '') AS preds,
         lower(trim(is_summary, ' ' || chr(9))) IN ('true', 'yes', 'y', '1') AS summary,
         trim(actual_finish, ' ' || chr(9)) AS af_,
         rtrim(trim(percent_complete, ' ' || chr(9)), '%') AS pc_
    FROM tasks;

-- Split every predecessors cell at ';' and keep the valid entries' task ids.
CREATE TEMP TABLE lk AS
  WITH part AS (
    SELECT r, pid, trim(unnest(string_split(preds, ';')), ' ' || chr(9)) AS e
      FROM tk WHERE pid IS NOT NULL AND preds IS NOT NULL),
  entry AS (
    SELECT r, pid,
           CASE WHEN instr(e, ':') > 0 THEN substr(e, 1, instr(e, ':') - 1) ELSE e END AS id,
           CASE WHEN instr(e, ':') > 0 THEN substr(e, instr(e, ':') + 1) END AS after
      FROM part WHERE e <> '' AND NOT (e GLOB '*[ ' || chr(9) || ']*'))
  SELECT r, pid, id FROM entry
   WHERE id <> ''
     AND (after IS NULL
          OR (upper(substr(after, 1, 2)) IN ('FS', 'SS', 'FF', 'SF')
              AND (substr(after, 3) = ''
                   OR (substr(after, 3) GLOB '[-+][0-9]*'
                       AND NOT (rtrim(substr(after, 4), 'dD') GLOB '*[!0-9.]*')
                       AND NOT (rtrim(substr(after, 4), 'dD') GLOB '*.*.*')
                       AND NOT (substr(after, 4) GLOB '*[dD]*[dD]')))));

CREATE TEMP TABLE sch010 AS
  SELECT pid, count(*) AS considered,
         sum(CASE WHEN NOT EXISTS (SELECT 1 FROM lk WHERE lk.r = c.r)
                    OR tid IS NULL OR NOT EXISTS (SELECT 1 FROM lk WHERE lk.pid = c.pid AND lk.id = c.tid)
                  THEN 1 ELSE 0 END) AS open_ends
    FROM tk c
   WHERE pid IS NOT NULL AND NOT summary
     AND iso_day(af_) IS NULL
     AND (pc_ = '' OR NOT (pc_ GLOB '[0-9]*' AND NOT (pc_ GLOB '*[!0-9.]*')) OR TRY_CAST(pc_ AS DOUBLE) < 100)
   GROUP BY pid;
SELECT 'SCH-010', count(*) FROM p JOIN sch010 s ON s.pid = p.pid
 WHERE s.considered > 0 AND CAST(s.open_ends AS DOUBLE) / s.considered > 0.05;
