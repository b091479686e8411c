#!/bin/sh
# The standards rules STD-001..006, as rules-catalogue.md defines them.
. "$(dirname "$0")/lib.sh"

it "STD-001 fails ids outside the pattern, judges no blank id"
data std1
csv projects.csv <<'CSV'
project_id,name,status
PRJ-1001,ok,active
PRJ-123456,ok six digits,active
PRJ-77,too short,active
prj-1002,lower case,active
PRJ-1234567,too long,active
,blank,active
CSV
pa run "$D" --as-of $ASOF -f json --only STD-001
count_is STD-001 3
where_is STD-001 "projects.csv:4 projects.csv:5 projects.csv:6"

it "STD-001 takes its pattern from --set"
pa run "$D" --as-of $ASOF -f json --only STD-001 --set 'STD-001.id_pattern=^PRJ-[0-9]{2,6}$'
count_is STD-001 2
where_is STD-001 "projects.csv:5 projects.csv:6"

it "STD-001 passes a clean register"
data std1ok; base_projects
pa run "$D" --as-of $ASOF -f json --only STD-001
count_is STD-001 0
status_is STD-001 passed

it "STD-002 gives one finding per missing role of an open project"
data std2
csv projects.csv <<'CSV'
project_id,name,status,sponsor,manager
PRJ-1001,both missing,active,,
PRJ-1002,no sponsor,on hold,  ,Bo
PRJ-1003,closed,closed,,
PRJ-1004,proposed,proposed,,
PRJ-1005,fine,active,Ann,Bo
,no id,active,,
CSV
pa run "$D" --as-of $ASOF -f json --only STD-002
count_is STD-002 3
where_is STD-002 "projects.csv:2 projects.csv:2 projects.csv:3"

it "STD-003 wants a true charter in execution and closing"
data std3
csv projects.csv <<'CSV'
project_id,name,status,phase,charter_approved
PRJ-1001,a,active,execution,no
PRJ-1002,b,active,closing,
PRJ-1003,c,active,execution,Yes
PRJ-1004,d,active,planning,no
PRJ-1005,e,closed,closing,1
PRJ-1006,f,active,,no
CSV
pa run "$D" --as-of $ASOF -f json --only STD-003
count_is STD-003 2
where_is STD-003 "projects.csv:2 projects.csv:3"

it "STD-004 wants a business case for active projects only"
data std4
csv projects.csv <<'CSV'
project_id,name,status,business_case
PRJ-1001,a,active,
PRJ-1002,b,on_hold,
PRJ-1003,c,active,BC-1
CSV
pa run "$D" --as-of $ASOF -f json --only STD-004
count_is STD-004 1
out_has '"severity": "warning"'

it "STD-005 reports one finding per project even when both orders are wrong"
data std5
csv projects.csv <<'CSV'
project_id,name,status,start_date,planned_finish,actual_finish
PRJ-1001,both,active,2026-05-01,2026-03-01,2026-04-01
PRJ-1002,late start,active,2026-05-01,2026-04-30,
PRJ-1003,early finish,closed,2026-05-01,,2026-04-30
PRJ-1004,same day,active,2026-05-01,2026-05-01,2026-05-01
PRJ-1005,nulls,active,,2026-01-01,2025-01-01
CSV
pa run "$D" --as-of $ASOF -f json --only STD-005
count_is STD-005 3
where_is STD-005 "projects.csv:2 projects.csv:3 projects.csv:4"

it "STD-006 reports actual dates after T, one per row, across three tables"
data std6
csv projects.csv <<'CSV'
project_id,name,status,actual_finish
PRJ-1001,a,closed,2026-07-01
PRJ-1002,b,closed,2026-06-30
CSV
csv milestones.csv <<'CSV'
milestone_id,project_id,actual_date
M1,PRJ-1001,2026-07-15
M2,PRJ-1001,2026-06-29
CSV
csv tasks.csv <<'CSV'
task_id,project_id,actual_start,actual_finish
T1,PRJ-1001,2026-07-01,2026-07-02
T2,PRJ-1001,2026-06-01,2026-06-30
T3,PRJ-1001,,2026-12-01
CSV
pa run "$D" --as-of $ASOF -f json --only STD-006
count_is STD-006 4
where_is STD-006 "milestones.csv:2 projects.csv:2 tasks.csv:2 tasks.csv:4"

it "STD-006 runs with projects alone (milestones and tasks are optional)"
rm "$D/milestones.csv" "$D/tasks.csv"
pa run "$D" --as-of $ASOF -f json --only STD-006
status_is STD-006 failed
count_is STD-006 1

it "STD-006 depends on T, not on the clock"
pa run "$D" --as-of 2026-07-01 -f json --only STD-006
count_is STD-006 0

finish
