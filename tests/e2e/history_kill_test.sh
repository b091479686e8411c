#!/bin/sh
# SIGKILL at random moments of runs writing one history (docs/history.md):
# afterwards the file passes PRAGMA integrity_check and every run in it is
# whole (its findings, rule results and tables all there) or absent, and
# the next run reads it as its baseline. The release binary (build/pmoaudit)
# is used when it exists, so that the kills land across a run's phases as
# they do in production, not mostly inside ASan's start-up.
. "$(dirname "$0")/lib.sh"

BIN="$ROOT/build/pmoaudit"
[ -x "$BIN" ] || BIN="$PA"
H="$TMP/kill.db"
data night
python3 - "$D/projects.csv" <<'PY'
import sys
with open(sys.argv[1], "w") as f:
    f.write("project_id,name,status,phase,sponsor,manager,start_date,planned_finish,charter_approved,business_case\n")
    for p in range(3000):  # 5,900 findings a run: the write takes a visible share of the run
        f.write("PRJ-%04d,P%d,active,execution,%s,Bo Chan,2026-01-05,2026-12-18,%s,%s\n"
                % (p, p, "" if p % 3 else "Ann", "no" if p % 2 else "yes", "" if p % 5 else "BC"))
PY

it "a first run without kills sets the history up"
pa run "$D" --as-of 2026-03-01 --only STD-002,STD-003,STD-004 --history "$H" -q
exit_is 1
# how long a run takes here: the kills are spread over 0..1.2 times that
ms=$(python3 -c "
import subprocess, time
t = time.time()
subprocess.run(['$BIN', 'run', '$D', '--as-of', '2026-03-01', '--only', 'STD-002,STD-003,STD-004', '-q', '--history', '$H'])
print(max(5, int((time.time() - t) * 1000)))")

it "100 runs killed at random moments leave a consistent history"
seed=21
killed=0
k=0
while [ $k -lt 100 ]; do
    seed=$(( (seed * 1103515245 + 12345) % 2147483648 ))
    delay=$(( seed % (ms * 12 / 10 + 1) ))
    "$BIN" run "$D" --as-of 2026-03-02 --only STD-002,STD-003,STD-004 --history "$H" -q >/dev/null 2>&1 &
    pid=$!
    sleep "$(printf '0.%03d' "$delay")" 2>/dev/null || sleep 1
    kill -9 $pid 2>/dev/null && killed=$((killed + 1))
    wait $pid 2>/dev/null
    k=$((k + 1))
done
true_that "[ $killed -ge 1 ]"
CODE=0
python3 - "$H" >"$OUT" 2>"$ERR" <<'PY' || CODE=$?
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
print("integrity:", c.execute("pragma integrity_check").fetchone()[0])
bad = 0
for rid, listed, rules in c.execute("select id, listed, rules from run").fetchall():
    nf = c.execute("select count(*) from finding where run_id = ?", (rid,)).fetchone()[0]
    nr = c.execute("select count(*) from rule_result where run_id = ?", (rid,)).fetchone()[0]
    nt = c.execute("select count(*) from run_table where run_id = ?", (rid,)).fetchone()[0]
    if nf != listed or nr != len(rules.split(",")) or nt < 1:
        bad += 1
for t in ("finding", "rule_result", "run_table"):
    bad += c.execute("select count(*) from %s where run_id not in (select id from run)" % t).fetchone()[0]
print("runs:", c.execute("select count(*) from run").fetchone()[0])
print("broken:", bad)
PY
exit_is 0
out_has "integrity: ok"
out_has "broken: 0"

it "the next run reads the history and records itself"
before=$(sed -n 's/^runs: //p' "$OUT")
pa run "$D" --as-of 2026-03-03 --only STD-002,STD-003,STD-004 --history "$H" -f json
exit_is 1
out_has '"new": 0, "existing": 5900, "reopened": 0, "resolved": []'
err_has "pmoaudit: history $H: run $((before + 1))"

finish
