#!/bin/sh
# Trends in the reports (--history, --trend-runs; docs/history.md): after 6
# nightly runs with --trend-runs 4, the last run's HTML has a sparkline for
# the total, each domain and each project over the last 4 runs, its
# Markdown the totals' row, each finding its age and the resolved list the
# fingerprints the previous run had and this one lacks - all checked against
# the JSON reports and `pmoaudit history trend` (tests/tools/history_trend_check.py).
# Without --history the reports have no trend.
. "$(dirname "$0")/lib.sh"

GEN="$ROOT/tests/tools/history_nightly.py"
H="$TMP/trend.db"
mkdir -p "$TMP/days" "$TMP/night" "$TMP/r"
python3 "$GEN" gen "$TMP/days" 6
ONLY="STD-002,STD-003,STD-004"

it "the first run with a history has a trend of one run"
cp "$TMP/days/0.csv" "$TMP/night/projects.csv"
pa run "$TMP/night" --as-of 2026-03-01 --only "$ONLY" --history "$H" --trend-runs 4 -f json,html,md -o "$TMP/r/0"
exit_is 1
file_has "$TMP/r/0/report.html" '<h2>Trends<span class="c">1 run</span></h2>'
file_has "$TMP/r/0/report.md" "**Trend** of the findings not waived, last 1 run in the history (oldest first):"

it "6 nightly runs: sparklines, the Markdown totals, ages and resolved match the reports and history trend"
# from day 3 on, waivers take STD-002 and STD-003 of PRJ-1008 out of the counts
printf 'rule,key,reason,approved_by,expires\nSTD-00[23],PRJ-1008,accepted,PMO,2026-12-31\n' >"$TMP/waivers.csv"
day=1
while [ $day -lt 6 ]; do
    cp "$TMP/days/$day.csv" "$TMP/night/projects.csv"
    w=""
    [ $day -ge 3 ] && w="--waivers $TMP/waivers.csv"
    pa run "$TMP/night" --as-of "2026-03-0$((day + 1))" --only "$ONLY" --history "$H" --trend-runs 4 \
        -f json,html,md -o "$TMP/r/$day" $w
    day=$((day + 1))
done
exit_is 1
CODE=0
python3 "$ROOT/tests/tools/history_trend_check.py" "$PA" "$H" "$TMP/r" 6 4 >"$OUT" 2>"$ERR" || CODE=$?
exit_is 0
out_has "trend lines compared: 32 of 4 runs"
out_has "ages compared: "
waived=$(sed -n 's/^waived in the window: //p' "$OUT")
true_that "[ ${waived:-0} -ge 2 ]"
[ "$CODE" = 0 ] || sed -n 's/^FAIL/    FAIL/p' "$OUT" | head -5
file_has "$TMP/r/5/report.html" '<a href="#trends">Trends<span class="c">4</span></a>'
file_has "$TMP/r/5/report.md" "| as of | 2026-03-03 | 2026-03-04 | 2026-03-05 | 2026-03-06 |"

it "the page with trends stays well-formed and self-contained (one script, by the CSP's hash)"
true_that "python3 '$ROOT/tests/tools/html_check.py' page '$TMP/r/5/report.html'"

it "trend_runs in the config sets the window"
printf 'trend_runs = 2\n' >"$TMP/two.lua"
pa run "$TMP/night" -c "$TMP/two.lua" --as-of 2026-03-07 --only "$ONLY" --history "$H" -f md -o -
exit_is 1
out_has "| as of | 2026-03-06 | 2026-03-07 |"

it "--trend-runs below 2 is a usage error"
pa run "$TMP/night" --only "$ONLY" --history "$H" --trend-runs 1
exit_is 2
err_has "--trend-runs 1: expected a number of runs from 2 to 1000"

it "without --history the reports have no trend and resolved rows no fingerprint"
pa run "$TMP/night" --as-of 2026-03-06 --only "$ONLY" --baseline "$TMP/r/4/report.json" -f html,md -o "$TMP/nohist"
exit_is 1
true_that "! grep -q 'data-trend\|id=\"trends\"\|data-fp=' '$TMP/nohist/report.html'"
true_that "! grep -qF '**Trend**' '$TMP/nohist/report.md'"
file_has "$TMP/nohist/report.html" "<h2>Resolved since the baseline"

finish
