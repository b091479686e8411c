#!/bin/sh
# chunk_test.sh - one big file loaded as several byte ranges (-j N, see
# "Loading one file on several threads" in docs/performance.md) gives the
# reports, errors and exit codes of a one-pass -j 1 load, byte for byte.
# PMOAUDIT_CHUNK_BYTES lowers the size from which a file is cut, so that
# small fixtures are cut into 4 ranges.
. "$(dirname "$0")/lib.sh"

# gen DIR [bom] [break]: a portfolio whose tasks.csv holds interned text
# (project_id, resource), distinct text (task_id, name), links, dates,
# numbers and bools, bad cells, ragged rows, blank lines, CRLF lines and
# quoted line breaks; projects.csv has enums and money, notes.csv is an
# extra table. With "bom" tasks.csv starts with a BOM and its last line
# has no line feed. With "break" a
# quoted cell of 1000 lines sits across the middle of tasks.csv, where the
# cut between ranges 2 and 3 falls.
gen() {
    python3 - "$@" <<'PY'
import os, sys
d = sys.argv[1]
bom = "bom" in sys.argv[2:]
brk = "break" in sys.argv[2:]
os.makedirs(d, exist_ok=True)
st = ["active", "closed", "on_hold", "bogus"]
with open(os.path.join(d, "projects.csv"), "w", newline="") as f:
    f.write("project_id,name,status,phase,manager,start_date,planned_finish,budget,rag\n")
    for p in range(60):
        f.write("PRJ-%d,Project %d,%s,execution,Mgr %d,2026-01-%02d,2026-12-18,\"$%d,000\",%s\n"
                % (p, p, st[p % 4], p % 5, p % 28 + 1, p + 1, "green" if p % 3 else "amber-ish"))
rows = []
for i in range(6000):
    name = 'Task %d' % i
    if i % 700 == 11:
        name = '"Task %d, step 1\nstep 2"' % i
    pred = "" if i % 4 == 0 else ("T%d:XX" % (i - 1) if i % 333 == 5 else "T%d;T%d:SS+1d" % (i - 1, i // 2))
    start = "2026-13-01" if i % 901 == 4 else "2026-04-%02d" % (i % 28 + 1)
    row = "T%d,%s,%s,1.%d,%s,2026-05-%02d,%s,%s,%s,R%d,%s" % (
        i, "" if i % 997 == 3 else "PRJ-%d" % (i % 60), name, i % 9, start, i % 28 + 1,
        "x" if i % 811 == 7 else str(i % 13), pred, "ASAP" if i % 2 else "", i % 17,
        "maybe" if i % 1201 == 8 else ("no" if i % 2 else "yes"))
    if i % 1499 == 6:
        row += ",surplus"
    if i % 1601 == 9:
        row = "T%d,PRJ-1" % i
    if brk and i == 3000:
        row = row.replace("Task 3000", '"' + "\n".join("line %d" % k for k in range(1000)) + '"', 1)
    rows.append(row + ("\r\n" if i % 5 == 0 else "\n") + ("\n" if i % 1000 == 2 else ""))
head = "task_id,project_id,name,wbs,start,finish,duration_days,predecessors,constraint,resource,is_milestone"
body = head + "\n" + "".join(rows)
with open(os.path.join(d, "tasks.csv"), "w", newline="") as f:
    f.write("\ufeff" + body.rstrip("\n") if bom else body)
with open(os.path.join(d, "notes.csv"), "w", newline="") as f:
    f.write("note_id,topic,text\n")
    for i in range(300):
        f.write("N%d,topic %d,\"text, %d\"\n" % (i, i % 4, i))
PY
}

# same DIR ARGS...: run -j 1 and -j 4 with every report format; the
# reports, stderr and exit codes must be identical (the HTML report's run
# duration aside: it is the one clock reading in a report).
FORMATS=json,text,csv,md,junit,sarif,html
same() {
    dir=$1; shift
    rm -rf "$TMP/one" "$TMP/four"; mkdir -p "$TMP/one" "$TMP/four"
    PMOAUDIT_CHUNK_BYTES=2000 pa run "$dir" --as-of $ASOF -f $FORMATS -o "$TMP/one" -q -j 1 "$@"
    code1=$CODE; cp "$ERR" "$TMP/err1"
    PMOAUDIT_CHUNK_BYTES=2000 pa run "$dir" --as-of $ASOF -f $FORMATS -o "$TMP/four" -q -j 4 "$@"
    true_that "[ $code1 = $CODE ]"
    true_that "cmp -s $TMP/err1 $ERR"
    true_that "[ \"\$(ls $TMP/one)\" = \"\$(ls $TMP/four)\" ]"
    for f in $(ls "$TMP/one"); do
        true_that "cmp -s $TMP/one/$f $TMP/four/$f"
    done
}

it "-j 4 cuts the task file in ranges and writes the -j 1 reports, byte for byte"
gen "$TMP/p"
same "$TMP/p" --fail-on never
exit_is 0
true_that "[ \$(ls $TMP/one | wc -l) -eq 7 ]"
true_that "[ \$(ls $TMP/four | wc -l) -eq 7 ]"

it "the reports hold what the fixture plants: DAT-001, DAT-002 and DAT-005 at lines past the first range"
pa run "$TMP/p" --as-of $ASOF -f json -q -j 4 --fail-on never --only DAT-001,DAT-002,DAT-005
count_is DAT-005 8
where_is DAT-002 "tasks.csv:1005 tasks.csv:2004 tasks.csv:3004 tasks.csv:4003 tasks.csv:5003 tasks.csv:6 tasks.csv:6002"

it "a UTF-8 BOM, no line feed at the end: the same reports"
gen "$TMP/b" bom
same "$TMP/b" --fail-on never

it "a quoted cell of 1000 lines across a cut: loaded in one pass, the same reports"
gen "$TMP/q" break
true_that "python3 -c \"import sys; d = open('$TMP/q/tasks.csv', 'rb').read(); \
sys.exit(not d.find(b'\\\"line 0') < len(d) // 2 < d.find(b'line 999'))\""
same "$TMP/q" --fail-on never
pa run "$TMP/q" --as-of $ASOF -f json -q -j 4 --fail-on never --only DAT-005
count_is DAT-005 8

it "malformed quoting in the last range: the one-pass message and exit 2"
gen "$TMP/m"
printf 'T9999,PRJ-1,bad"quote\n' >>"$TMP/m/tasks.csv"
same "$TMP/m"
exit_is 2
err_has "tasks.csv:"
err_has "malformed quoting"

it "--max-rows counts the rows of all ranges: the one-pass message and exit 2"
same "$TMP/p" --max-rows 5000
exit_is 2
err_has "more than 5000 data rows"

finish
