#!/bin/sh
# The smoke variant of `make bench`: a 2,000-task portfolio of each shape
# (default and dense) through the parse floor, pmoaudit (-j N and -j 1, with
# --stats), the SQL version of the ten subset rules in sqlite3 (and in DuckDB
# when scripts/duckdb-deps.sh installed its Node API), the plain-Python
# version, and GOV-004 and SCH-021..023 alone (the per-rule scaling check). It checks that the
# implementations count the same findings per rule, that the -j 1 report is
# byte-identical, and that bench/results.json is well formed. No timing is
# asserted: the machine is shared.
. "$(dirname "$0")/lib.sh"

: "${FLOOR:=$ROOT/build/bench/floor}" "${PEAK:=$ROOT/build/bench/peak}"
it "--timings adds the summed rule time of each selected domain, on stderr only"
pa run "$ROOT/samples" --as-of $ASOF -f json -o "$TMP/t.json" --timings --only 'SCH-01*,STD-00[1-3],RES-001'
exit_is 1
true_that "[ \$(grep -c 'timing domain' $ERR) -eq 3 ]"
err_has "timing domain RES"
err_has "timing domain SCH"
err_has "timing domain STD"
true_that "! grep -q 'timing domain' $OUT"
true_that "[ \$(grep -cE '^pmoaudit: timing domain [A-Z]+ +[0-9]+\.[0-9]{3} s\$' $ERR) -eq 3 ]"

if ! command -v sqlite3 >/dev/null 2>&1 || [ ! -x "$FLOOR" ] || [ ! -x "$PEAK" ]; then
    echo "skipped: bench smoke test (needs sqlite3, scripts/bench-deps.sh, $FLOOR and $PEAK)"
    finish
    exit 0
fi

bench() { # ARGS...: the driver on the smoke portfolio; sets CODE, OUT, ERR
    CODE=0
    timeout 120 python3 "$ROOT/bench/bench.py" --pmoaudit "$PA" --floor "$FLOOR" --peak "$PEAK" --smoke \
        --cache "$TMP/cache" "$@" >"$OUT" 2>"$ERR" || CODE=$?
}

it "a command's peak RSS is its own, not the bench's: after the bench holds 300 MB, true still reads small"
CODE=0
python3 - "$ROOT/bench" "$PEAK" >"$OUT" 2>"$ERR" <<'PY' || CODE=$?
import sys
sys.path.insert(0, sys.argv[1])
import bench
held = bytearray(300 << 20)
for i in range(0, len(held), 4096):
    held[i] = 1
bench.PEAK = None
print("direct", bench.run(["true"])[1] >> 20)
bench.PEAK = sys.argv[2]
wall, rss, rc, cpu = bench.run(["true"])
print("metered", rss >> 20, rc)
PY
exit_is 0
true_that "[ \$(sed -n 's/^direct //p' $OUT) -ge 300 ]"
true_that "[ \$(sed -n 's/^metered \([0-9]*\) 0\$/\1/p' $OUT) -lt 20 ]"

it "the smoke benchmark runs on both shapes, and sqlite3, Python and pmoaudit agree"
bench --out "$TMP/results.json"
exit_is 0
out_has "| counts agree"
true_that "grep -qE '^\| counts agree +\| +yes \| +yes \|\$' $OUT"
true_that "grep -qE '^\| measure +\| +2,000 default \| +2,000 dense \|\$' $OUT"
out_has "| total / floor"
out_has "| sqlite3 / pmoaudit"
out_has "| duckdb / pmoaudit"
out_has "| GOV-004 alone -j 1"
out_has "| SCH-022 alone -j 1"
out_has "| slowest rule (CPU, -j 1)"
out_has "| history overhead (nightly, CPU)"
out_has "| history: pairs timed (nightly)"
out_has "bench: writing 64 MiB of fresh memory, three times: "
out_has "bench: per rule, dense shape, 2000 tasks (CPU time of the -j 1 run"

it "results.json holds every figure of the table"
true_that "python3 - $TMP/results.json <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
assert d['machine']['cores'] >= 1 and d['machine']['memory_bytes'] > 0
assert d['machine']['fresh_memory_mib'] == 64 and len(d['machine']['fresh_memory_us_per_page']) == 3
assert all(x > 0 for x in d['machine']['fresh_memory_us_per_page'])
assert [x['shape'] for x in d['results']] == ['default', 'dense'] and isinstance(d['flags'], list)
r = d['results'][0]
assert r['tasks'] == 2000 and r['agree'] and r['problems'] == []
for x in d['results']:   # --stats of the -j 1 run: every rule's time, CPU time and instructions
    pr = x['per_rule']
    assert len(pr) >= 50 and pr['DAT-003']['instructions'] is None
    assert pr['RES-004']['instructions'] > 0 and pr['RES-004']['cpu_s'] >= 0
    assert 0 <= pr['RES-004']['share_of_cpu'] < 1 and isinstance(x['flags'], list)   # timings: not asserted
assert d['results'][1]['per_rule']['SCH-011']['findings'] > 10 * r['per_rule']['SCH-011']['findings']
assert r['floor_s'] > 0 and r['rows'] > 4000 and r['csv_bytes'] > 100000
p = r['pmoaudit']
assert set(p['phases_s']) >= {'load', 'checks', 'rules', 'report', 'total'}
assert {'SCH', 'RES', 'STD'} <= set(p['rule_s_by_domain'])
assert p['peak_rss'] > 0 and p['wall_s'] > 0
s = r['subset']
assert len(s['rules']) >= 8 and {'RES-001', 'SCH-010'} <= set(s['rules'])
assert len({x[:3] for x in s['rules']}) == len(s['rules'])   # one per domain
assert sum(s['counts'].values()) > 0
for k in ('pmoaudit_s', 'sqlite3_s', 'python_s', 'sqlite3_rss', 'python_rss'):
    assert s[k] > 0, k
for k, v in r['ratios'].items():
    assert v is None or v > 0, k
duck = s['duckdb_s'] is not None   # DuckDB ran exactly when its Node API is installed
assert duck == (d['machine']['duckdb_node_api'] is not None and d['machine']['node'] is not None)
assert not duck or (s['duckdb_rss'] > 0 and s['duckdb_load_s'] > 0 and r['ratios']['duckdb_over_pmoaudit_subset'] > 0)
for rule in ('GOV-004', 'SCH-021', 'SCH-022', 'SCH-023'):   # the per-rule scaling check
    g = r['scaling'][rule]
    assert g['findings'] == g['python_findings'] and g['seconds'] >= 0 and g['share_of_full_wall'] < 1, rule
for x in d['results']:   # --history: pairs of nightly runs, medians of wall and CPU time
    h = x['history']
    assert h['pairs'] == 3 and len(h['night_runs_s']) == 3 and len(h['night_plain_runs_s']) == 3
    assert sorted(h['night_runs_s'])[1] == h['night_s'] and h['night_cpu_s'] > 0
    assert abs(h['night_overhead'] - (h['night_s'] / h['night_plain_s'] - 1)) < 1e-9
    assert h['night_overhead_cpu'] > -1 and h['overhead_cpu'] > -1 and h['db_night_growth'] > 0
PY"

it "the portfolios are generated once and then taken from the cache"
true_that "[ \$(ls $TMP/cache | wc -l) -eq 2 ]"
bench --out "$TMP/again.json" --shapes default
exit_is 0
true_that "! grep -q generating $OUT"

it "a disagreeing implementation fails the run and is named"
mkdir -p "$TMP/fakebin"
cat >"$TMP/fakebin/sqlite3" <<'SH'
#!/bin/sh
# a wrong SQL result: every rule counts 7
case "$1" in --version) echo "3.0 fake"; exit 0 ;; esac
cat >/dev/null
for r in STD-005 GOV-001 SCH-010 CST-003 RES-001 RSK-001 CHG-002 MON-001 CLS-002 ISS-002; do echo "$r|7"; done
SH
chmod +x "$TMP/fakebin/sqlite3"
PATH="$TMP/fakebin:$PATH" bench --out "$TMP/bad.json" --shapes default --duckdb "$TMP/none"
exit_is 1
err_has "DISAGREE: SCH-010 (default shape): sqlite3 counts 7"
true_that "grep -qE '^\| counts agree +\| +NO \|\$' $OUT"

it "without DuckDB's Node API the run says why it skipped DuckDB, and shows none"
out_has "bench: DuckDB skipped: @duckdb/node-api is not installed in $TMP/none (scripts/duckdb-deps.sh)"
true_that "grep -qE '^\| subset: duckdb +\| +- \|\$' $OUT"

finish
