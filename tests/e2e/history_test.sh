#!/bin/sh
# The audit history (--history, pmoaudit history; docs/history.md): 30
# nightly runs over a portfolio whose problems come, go and come back give
# the baseline marks, first_seen, reopened findings, trends, diffs and
# exports that an independent computation from the 30 JSON reports gives;
# the config's history setting; a damaged, foreign or newer file is exit 2
# and stays as it was; two runs writing one file at once both succeed.
. "$(dirname "$0")/lib.sh"

GEN="$ROOT/tests/tools/history_nightly.py"
H="$TMP/nightly.db"
mkdir -p "$TMP/reports" "$TMP/night" "$TMP/days"
python3 "$GEN" gen "$TMP/days" 31
printf 'severity = { ["STD-004"] = "error" }\n' >"$TMP/raised.lua"
printf '\n' >"$TMP/plain.lua"

it "30 nightly runs with --history all succeed and each is recorded"
day=0
ok_runs=0
while [ $day -lt 30 ]; do
    cp "$TMP/days/$day.csv" "$TMP/night/projects.csv"
    cfg="$TMP/plain.lua"
    [ $day -ge 10 ] && [ $day -lt 14 ] && cfg="$TMP/raised.lua"
    asof=$(date -u -d "2026-03-01 + $day days" +%F)
    pa run "$TMP/night" -c "$cfg" --as-of "$asof" --only STD-002,STD-003,STD-004 --history "$H" -f json \
        -o "$TMP/reports/$day.json"
    [ "$CODE" = 1 ] && grep -q "pmoaudit: history $H: run $((day + 1))" "$ERR" && ok_runs=$((ok_runs + 1))
    day=$((day + 1))
done
true_that "[ $ok_runs = 30 ]"

it "marks, first_seen, reopened, trends, diffs and exports match the reports' fingerprints"
CODE=0
python3 "$GEN" check "$PA" "$H" "$TMP/reports" 30 10,14 >"$OUT" 2>"$ERR" || CODE=$?
exit_is 0
out_has "runs compared: 30"
out_has "diffs compared: 8 (STD-004 raised to error on days 10 to 13)"
reopened=$(sed -n 's/^reopened findings compared: //p' "$OUT")
aged=$(sed -n 's/^findings older than their run: //p' "$OUT")
true_that "[ ${reopened:-0} -ge 10 ] && [ ${aged:-0} -ge 100 ]"
[ "$CODE" = 0 ] || sed -n 's/^FAIL/    FAIL/p' "$OUT" | head -5

it "the text report counts reopened findings against the previous run"
cp "$TMP/days/30.csv" "$TMP/night/projects.csv"
pa run "$TMP/night" --as-of 2026-03-31 --only STD-002,STD-003,STD-004 --history "$H" -o "$TMP/day30.txt"
exit_is 1
file_has "$TMP/day30.txt" "since 2026-03-30 ($H, run 30): "
file_has "$TMP/day30.txt" " reopened), "

it "history show, list and trend as a table"
pa history show 3 --history "$H"
exit_is 0
out_has "tables"
out_has "STD-004  warning   STD     failed"
pa history list --history "$H"
out_has "run  as_of       started"
pa history trend --history "$H" --rule STD-002 -f json
exit_is 0
out_has '[
  {"run": 1, "as_of": "2026-03-01", "findings": '

it "a different rule selection is its own series: no baseline from the others"
pa run "$TMP/night" --as-of 2026-03-31 --only STD-002 --history "$H" -f json
exit_is 1
out_lacks '"baseline": {'

it "--baseline wins over the history's previous run; reopened still comes from the history"
pa run "$TMP/night" --as-of 2026-03-31 --only STD-002,STD-003,STD-004 --history "$H" -f json \
    --baseline "$TMP/reports/0.json"
exit_is 1
out_has "\"baseline\": {\"file\": \"$TMP/reports/0.json\", \"as_of\": \"2026-03-01\""
out_has '"reopened": '

it "prune keeps the latest runs; export of a pruned run is exit 2"
cp "$H" "$TMP/pruned.db"
pa history prune --keep 5 --history "$TMP/pruned.db"
exit_is 0
out_has "pruned 28 runs; 5 left"
pa history export 1 --history "$TMP/pruned.db"
exit_is 2
err_has "$TMP/pruned.db: no run 1 (see pmoaudit history list)"
pa history prune --before 2026-03-30 --history "$TMP/pruned.db"
out_has "pruned 1 run; 4 left"
pa history prune --history "$TMP/pruned.db"
exit_is 2
err_has "history prune: give either --keep N or --before YYYY-MM-DD"

it "history = true in the config keeps .pmoaudit/history.db next to the config"
mkdir -p "$TMP/cfgdir"
printf 'history = true\n' >"$TMP/cfgdir/pmoaudit.lua"
cp "$TMP/days/3.csv" "$TMP/night/projects.csv"
pa run "$TMP/night" -c "$TMP/cfgdir/pmoaudit.lua" --as-of 2026-03-04 --only STD-002 -q
exit_is 1
true_that "[ -s '$TMP/cfgdir/.pmoaudit/history.db' ]"
pa history list -c "$TMP/cfgdir/pmoaudit.lua" -f csv
out_has "1,2026-03-04,"
printf 'history = 3\n' >"$TMP/cfgdir/bad.lua"
pa run "$TMP/night" -c "$TMP/cfgdir/bad.lua"
exit_is 2
err_has "$TMP/cfgdir/bad.lua:1: 'history' must be a file (a string), true or false"

it "a file that is not a database is exit 2 and is not changed"
printf 'project_id,name\nPRJ-1,x\n' >"$TMP/notadb.db"
cp "$TMP/notadb.db" "$TMP/notadb.orig"
pa run "$TMP/night" --as-of 2026-03-04 --only STD-002 --history "$TMP/notadb.db"
exit_is 2
err_has "pmoaudit: $TMP/notadb.db: not a pmoaudit history database (file is not a database); give another file to --history, or move this one away"
true_that "cmp -s '$TMP/notadb.db' '$TMP/notadb.orig' && [ ! -e '$TMP/notadb.db-wal' ]"
pa history list --history "$TMP/notadb.db"
exit_is 2

it "another program's database and a newer schema are refused and not changed"
python3 -c "import sqlite3; c=sqlite3.connect('$TMP/foreign.db'); c.execute('create table t(x)'); c.commit()"
cp "$TMP/foreign.db" "$TMP/foreign.orig"
pa run "$TMP/night" --as-of 2026-03-04 --only STD-002 --history "$TMP/foreign.db"
exit_is 2
err_has "$TMP/foreign.db: a SQLite database of another program, not a pmoaudit history; it was not changed"
true_that "cmp -s '$TMP/foreign.db' '$TMP/foreign.orig'"
python3 -c "import sqlite3; c=sqlite3.connect('$TMP/newer.db'); c.execute('pragma application_id=1347243841'); c.execute('pragma user_version=99'); c.execute('create table run(id)'); c.commit()"
pa run "$TMP/night" --as-of 2026-03-04 --only STD-002 --history "$TMP/newer.db"
exit_is 2
err_has "$TMP/newer.db: history schema version 99 was written by a newer pmoaudit; this one ($("$PA" --version | cut -d' ' -f2)) reads versions up to 2"

it "a truncated history is exit 2 with SQLite's reason, not a crash"
head -c 9000 "$H" >"$TMP/cut.db"
pa history list --history "$TMP/cut.db"
exit_is 2
err_has "$TMP/cut.db: "
pa run "$TMP/night" --as-of 2026-03-04 --only STD-002,STD-003,STD-004 --history "$TMP/cut.db"
exit_is 2
err_has "$TMP/cut.db: "

it "history needs an existing file and a known command"
pa history list --history "$TMP/none.db"
exit_is 2
err_has "$TMP/none.db: no such history file"
true_that "[ ! -e '$TMP/none.db' ]"
pa history frob --history "$H"
exit_is 2
err_has "history: unknown command 'frob' (list, show, diff, trend, prune, export)"
pa history show 99 --history "$H"
exit_is 2
err_has "$H: no run 99 (see pmoaudit history list)"

it "two runs writing one new history at once both succeed"
pass=0
for k in 1 2 3; do
    rm -f "$TMP/two.db"*
    CODE_A=0; CODE_B=0
    "$PA" run "$TMP/night" --as-of 2026-03-04 --only STD-002 --history "$TMP/two.db" -q >/dev/null 2>"$TMP/a.err" &
    pid=$!
    "$PA" run "$TMP/night" --as-of 2026-03-04 --only STD-002 --history "$TMP/two.db" -q >/dev/null 2>"$TMP/b.err" || CODE_B=$?
    wait $pid || CODE_A=$?
    n=$("$PA" history list --history "$TMP/two.db" -f csv | tail -n +2 | wc -l)
    [ "$CODE_A" = 1 ] && [ "$CODE_B" = 1 ] && [ "$n" = 2 ] && pass=$((pass + 1))
done
true_that "[ $pass = 3 ]"

finish
