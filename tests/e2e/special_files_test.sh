#!/bin/sh
# Special files are never mistaken for data or reports (docs/security.md):
# a report aimed at a device is written into the device, not renamed over
# it; a FIFO with no reader is an error, not a hang; a FIFO or device among
# the inputs is refused with its name; a rule folder's links are walked once
# per real folder.
. "$(dirname "$0")/lib.sh"

data d; base_projects
csv tasks.csv <<'CSV'
task_id,project_id,name,start,finish
T-1,PRJ-1001,Design,2026-01-05,2026-02-05
CSV

it "-o /dev/null writes into the device and leaves it a device"
pa run "$ROOT/samples" --as-of $ASOF -f json -o /dev/null -q
exit_is 1
true_that "[ -c /dev/null ]"

it "a report into a FIFO that nobody reads is an error at once, naming the FIFO"
mkfifo "$TMP/out.fifo"
pa run "$ROOT/samples" --as-of $ASOF -f json -o "$TMP/out.fifo" -q
exit_is 2
err_has "$TMP/out.fifo: cannot write the report: no process is reading this FIFO"
true_that "[ -p $TMP/out.fifo ]"

it "a report into a FIFO with a reader reaches the reader whole"
(cat "$TMP/out.fifo" >"$TMP/read.json") &
reader=$!
sleep 0.2
pa run "$ROOT/samples" --as-of $ASOF -f json -o "$TMP/out.fifo" -q
wait $reader
exit_is 1
true_that "python3 -c 'import json,sys; json.load(open(sys.argv[1]))' $TMP/read.json"
true_that "[ -p $TMP/out.fifo ]"

it "a FIFO named like a table is refused, not waited on"
data f; base_projects
mkfifo "$D/tasks.csv"
pa run "$D" --as-of $ASOF
exit_is 2
err_has "$D/tasks.csv: cannot read: not a regular file (a FIFO, device or socket)"

it "a FIFO among the extra tables is left out with a note; the rest is audited"
data g; base_projects
mkfifo "$D/vendors_extra.csv"
pa run "$D" --as-of $ASOF -f json -o "$TMP/g.json" -q
exit_is 0
file_has "$TMP/g.json" "vendors_extra.csv: cannot read: not a regular file (a FIFO, device or socket): pmoaudit reads regular files only (extra table vendors_extra is left out)"

it "a rule file that is a FIFO is refused with its path"
mkdir -p "$TMP/rf"
mkfifo "$TMP/rf/X.lua"
pa run "$ROOT/samples" --as-of $ASOF -r "$TMP/rf"
exit_is 2
err_has "$TMP/rf/X.lua: cannot read rule file (not a regular file"

it "links back to a rule folder are walked once: each rule loads once, at once"
mkdir -p "$TMP/loop/sub"
cat >"$TMP/loop/sub/L-1.lua" <<'LUA'
rule { id = "L-1", title = "t", severity = "info", domain = "STD", tables = {"projects"},
       doc = "d", check = function(ctx) end }
LUA
for l in a b c d e f g h; do ln -s .. "$TMP/loop/sub/$l"; ln -s . "$TMP/loop/$l"; done
pa list -r "$TMP/loop" --no-builtin
exit_is 0
out_has "1 rules"

finish
