#!/bin/sh
# The schema checks DAT-001..004, as rules-catalogue.md defines them.
. "$(dirname "$0")/lib.sh"

it "DAT-001 passes when every cell parses"
data dat1ok; base_projects
csv tasks.csv <<'CSV'
task_id,project_id,start,percent_complete,predecessors,is_summary,duration_days
T1,PRJ-1001,2026-02-02,45%,,no,5
T2,PRJ-1001,2026-02-09T08:00:00Z,0,T1:FS+2d;T1:SS,N,3.5
CSV
pa run "$D" --as-of $ASOF -f json --only 'DAT-*'
count_is DAT-001 0
status_is DAT-001 passed

it "DAT-001 reports each cell that does not parse, with file, line and column"
data dat1; base_projects
csv tasks.csv <<'CSV'
task_id,project_id,start,percent_complete,predecessors,is_summary,duration_days
T1,PRJ-1001,2026-02-30,45 pct,,maybe,5
T2,PRJ-1001,"2026-02-09",,T1;T9:XX;T3 T4,,1,5
CSV
pa run "$D" --as-of $ASOF -f json --only 'DAT-*'
count_is DAT-001 4
where_is DAT-001 "tasks.csv:2 tasks.csv:2 tasks.csv:2 tasks.csv:3"
out_has '"column": "predecessors", "value": "T1;T9:XX;T3 T4"'
out_has '"column": "start", "value": "2026-02-30"'

it "DAT-001 judges extra columns never, and an invalid enum once"
data dat1b
csv projects.csv <<'CSV'
project_id,name,status,priority,Weird Extra
PRJ-1001,A,paused,urgent,anything at all
CSV
pa run "$D" --as-of $ASOF -f json --only 'DAT-*'
count_is DAT-001 2

it "DAT-002 passes when required cells are filled"
data dat2ok; base_projects
csv allocations.csv <<'CSV'
resource_id,project_id,start_date,end_date,percent
R1,PRJ-1001,2026-01-01,2026-03-31,50
CSV
pa run "$D" --as-of $ASOF -f json --only 'DAT-002'
count_is DAT-002 0

it "DAT-002 reports empty required cells, but not cells that failed to parse"
data dat2; base_projects
csv allocations.csv <<'CSV'
resource_id,project_id,start_date,end_date,percent
R1,,2026-01-01,,50
  ,PRJ-1001,not a date,2026-03-31,
CSV
pa run "$D" --as-of $ASOF -f json --only 'DAT-*'
count_is DAT-002 4
count_is DAT-001 1
where_is DAT-002 "allocations.csv:2 allocations.csv:2 allocations.csv:3 allocations.csv:3"

it "DAT-002 ignores optional columns and optional absent columns"
data dat2b
csv projects.csv <<'CSV'
project_id,name,status
PRJ-1001,A,active
CSV
csv lessons.csv <<'CSV'
lesson_id,project_id,lesson
,PRJ-1001,
CSV
pa run "$D" --as-of $ASOF -f json --only 'DAT-*'
count_is DAT-002 0

it "DAT-003 reports every later row with a used key, never blank keys"
data dat3; base_projects
csv risks.csv <<'CSV'
risk_id,project_id,title
R-1,PRJ-1001,a
R-2,PRJ-1001,b
R-1,PRJ-1001,c
,PRJ-1001,d
,PRJ-1001,e
R-1,PRJ-1001,f
CSV
csv lessons.csv <<'CSV'
lesson_id,project_id
,PRJ-1001
,PRJ-1001
CSV
pa run "$D" --as-of $ASOF -f json --only 'DAT-*'
count_is DAT-003 2
where_is DAT-003 "risks.csv:4 risks.csv:7"
out_has 'already used at line 2'

it "DAT-003 passes with unique keys"
data dat3ok; base_projects
csv risks.csv <<'CSV'
risk_id,project_id
R-1,PRJ-1001
R-2,PRJ-1001
CSV
pa run "$D" --as-of $ASOF -f json --only 'DAT-003'
count_is DAT-003 0

it "DAT-004 reports unknown projects, and unknown resources when resources.csv exists"
data dat4; base_projects
csv resources.csv <<'CSV'
resource_id,name
RES-1,Kim
CSV
csv timesheets.csv <<'CSV'
resource_id,project_id,week_start,hours
RES-1,PRJ-1001,2026-03-02,8
RES-9,PRJ-1001,2026-03-02,8
RES-9,PRJ-0000,2026-03-02,8
RES-1,,2026-03-02,8
CSV
pa run "$D" --as-of $ASOF -f json --only 'DAT-*'
count_is DAT-004 3
where_is DAT-004 "timesheets.csv:3 timesheets.csv:4 timesheets.csv:4"

it "DAT-004 does not check resources without resources.csv"
rm "$D/resources.csv"
pa run "$D" --as-of $ASOF -f json --only 'DAT-004'
count_is DAT-004 1

it "DAT-004 passes when every reference resolves, and a project with a blank id is no target"
data dat4ok
csv projects.csv <<'CSV'
project_id,name,status
PRJ-1001,A,active
,B,active
CSV
csv risks.csv <<'CSV'
risk_id,project_id
R1,PRJ-1001
CSV
pa run "$D" --as-of $ASOF -f json --only 'DAT-004'
count_is DAT-004 0

finish
