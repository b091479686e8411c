#!/bin/sh
# Crash-safe output (outfile.c): reports are staged in temporary files beside
# their destination, fsync'd and renamed together. An interrupted run, a full
# disk or an unwritable folder leaves the previous reports untouched and no
# temporary file behind; the exit code says what happened (130 SIGINT,
# 143 SIGTERM, 2 with the path and the OS error).
. "$(dirname "$0")/lib.sh"

data d; base_projects
O="$TMP/out"
mkdir -p "$O"
cat >"$TMP/SLOW.lua" <<'LUA'
rule {
  id = "SLOW", title = "runs for a long time", severity = "error", domain = "STD",
  tables = {"projects"}, doc = "interrupt test",
  check = function(ctx) local x = 0; for i = 1, 4e9 do x = x + i end end,
}
LUA
printf 'previous json\n' >"$O/report.json"
printf 'previous md\n' >"$O/report.md"

no_temp_files() { true_that "[ -z \"\$(ls -A '$1' | grep '\\.tmp-')\" ]"; }
previous_intact() {
    file_has "$O/report.json" "previous json"
    file_has "$O/report.md" "previous md"
}

# interrupt SIGNAL: start a slow run writing into $O, signal it, set CODE.
interrupt() {
    "$PA" run "$D" --as-of $ASOF --no-builtin -r "$TMP/SLOW.lua" -f json,md -o "$O" -q \
        --max-instructions 100000000000 >"$OUT" 2>"$ERR" &
    pid=$!
    sleep 2
    kill "-$1" $pid
    CODE=0
    wait $pid || CODE=$?
}

it "SIGTERM during a run exits 143 and leaves the previous reports untouched"
interrupt TERM
exit_is 143
previous_intact
no_temp_files "$O"

it "SIGINT during a run exits 130 and leaves the previous reports untouched"
interrupt INT
exit_is 130
previous_intact
no_temp_files "$O"

it "a normal run replaces both reports"
pa run "$D" --as-of $ASOF -f json,md -o "$O"
exit_is 0
file_has "$O/report.json" '"rules"'
file_has "$O/report.md" "pmoaudit: PASS"
no_temp_files "$O"
printf 'previous json\n' >"$O/report.json"
printf 'previous md\n' >"$O/report.md"

# A full disk: a 64 KiB tmpfs when this user may mount one, otherwise a
# file-size limit (ulimit -f), which fails the write with EFBIG instead.
FULL="$TMP/full"
RO="$TMP/ro"
mkdir -p "$FULL" "$RO"
trap 'umount "$FULL" 2>/dev/null; umount "$RO" 2>/dev/null; chmod -R u+w "$TMP"; rm -rf "$TMP"' EXIT
if [ "$(id -u)" = 0 ] && mount -t tmpfs -o size=64k tmpfs "$FULL" 2>/dev/null; then
    echo "  (full disk: a 64 KiB tmpfs)"
    printf 'previous json\n' >"$FULL/report.json"
    head -c 65536 /dev/zero >"$FULL/filler" 2>/dev/null
    it "a full disk is exit 2 with the path and the OS error, the previous report untouched"
    pa run "$D" --as-of $ASOF -f json -o "$FULL/report.json"
    exit_is 2
    err_has "$FULL/report.json: cannot write the report: No space left on device"
    file_has "$FULL/report.json" "previous json"
    no_temp_files "$FULL"
    umount "$FULL"
else
    echo "  (full disk: cannot mount a tmpfs here; a 4 KiB file-size limit, ulimit -f 8)"
    printf 'previous json\n' >"$FULL/report.json"
    it "a file-size limit is exit 2 with the path and the OS error, the previous report untouched"
    CODE=0
    (ulimit -f 8 && exec "$PA" run "$D" --as-of $ASOF -f json -o "$FULL/report.json") >"$OUT" 2>"$ERR" || CODE=$?
    exit_is 2
    err_has "$FULL/report.json: cannot write the report: File too large"
    file_has "$FULL/report.json" "previous json"
    no_temp_files "$FULL"
fi

# Reports are streamed to their file as they are rendered (issue 19): a
# failure after the first chunks were written (samples/ gives a 300 KB HTML
# report, written 64 KiB at a time) still leaves no partial report and no
# temporary file, and says which file and why.
it "a report that fails half-way through is exit 2 with the path and the OS error, the previous report untouched"
printf 'previous html\n' >"$FULL/report.html"
CODE=0
(ulimit -f 256 && exec "$PA" run "$ROOT/samples" --as-of $ASOF -f html -o "$FULL/report.html") >"$OUT" 2>"$ERR" || CODE=$?
exit_is 2
err_has "$FULL/report.html: cannot write the report: File too large"
file_has "$FULL/report.html" "previous html"
no_temp_files "$FULL"
it "the same among several formats: none of the reports is replaced"
printf 'previous json\n' >"$FULL/report.json"
CODE=0
(ulimit -f 256 && exec "$PA" run "$ROOT/samples" --as-of $ASOF -f json,html,csv -o "$FULL") >"$OUT" 2>"$ERR" || CODE=$?
exit_is 2
err_has "$FULL/report.html: cannot write the report: File too large"
file_has "$FULL/report.json" "previous json"
file_has "$FULL/report.html" "previous html"
true_that "[ ! -e '$FULL/report.csv' ]"
no_temp_files "$FULL"
if [ -w /dev/full ]; then
    it "a full device written in place (/dev/full) is exit 2 with its name and the OS error"
    pa run "$ROOT/samples" --as-of $ASOF -f sarif -o /dev/full
    exit_is 2
    err_has "/dev/full: cannot write the report: No space left on device"
    it "a full standard output is exit 2 with the OS error"
    CODE=0
    "$PA" run "$ROOT/samples" --as-of $ASOF -f json >/dev/full 2>"$ERR" || CODE=$?
    exit_is 2
    err_has "standard output: No space left on device"
else
    echo "  (full device: no writable /dev/full here)"
fi

# An unwritable folder: a read-only tmpfs for root (permissions do not stop
# root), a folder without write permission for anyone else.
printf 'previous json\n' >"$RO/report.json"
if [ "$(id -u)" = 0 ]; then
    if mount -t tmpfs -o size=64k tmpfs "$RO" 2>/dev/null; then
        printf 'previous json\n' >"$RO/report.json"
        mount -o remount,ro "$RO"
        ROERR="Read-only file system"
    else
        ROERR=""
    fi
else
    chmod 555 "$RO"
    ROERR="Permission denied"
fi
if [ -n "$ROERR" ]; then
    it "an unwritable output folder is exit 2 with the path and the OS error"
    pa run "$D" --as-of $ASOF -f json -o "$RO/report.json"
    exit_is 2
    err_has "$RO/report.json: cannot create the report file: $ROERR"
    file_has "$RO/report.json" "previous json"
    no_temp_files "$RO"
    it "the same with several formats into the folder: nothing is replaced"
    pa run "$D" --as-of $ASOF -f json,md -o "$RO"
    exit_is 2
    err_has "$RO/report.json: cannot create the report file: $ROERR"
    file_has "$RO/report.json" "previous json"
    [ "$(id -u)" = 0 ] && umount "$RO" || chmod 755 "$RO"
else
    echo "  (unwritable folder: skipped, root cannot mount a read-only tmpfs here)"
fi

it "an output folder that cannot be created is exit 2 with the path and the OS error"
printf 'a file\n' >"$TMP/plainfile"
pa run "$D" --as-of $ASOF -f json,md -o "$TMP/plainfile/sub"
exit_is 2
err_has "$TMP/plainfile/sub: cannot create the output folder: Not a directory"

finish
