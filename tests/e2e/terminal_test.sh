#!/bin/sh
# The text report on a terminal: long lines fold at spaces to the terminal's
# width ($COLUMNS, else the terminal's own), continuation lines indented under
# their finding; a file or a pipe gets one line per finding. The progress
# line counts the rules that run, not those skipped for a missing table.
# A terminal is made with script(1) (util-linux, in every Debian).
. "$(dirname "$0")/lib.sh"
cd "$ROOT" || exit 1

# on_tty COLUMNS ARGS...: run pmoaudit on a pseudo-terminal; its output
# (stdout and stderr together, CRs removed) in $OUT.
on_tty() {
    cols=$1; shift
    CODE=0
    COLUMNS=$cols timeout 60 script -qec "$PA $*" /dev/null >"$TMP/raw" 2>"$ERR" || CODE=$?
    tr -d '\r' <"$TMP/raw" >"$OUT"
}

it "a terminal of 60 columns: no line is longer, unless it is one word"
on_tty 60 run samples --as-of $ASOF --no-color --no-progress
exit_is 1
python3 - "$OUT" >"$TMP/long" <<'PY'
import sys
for line in open(sys.argv[1], encoding="utf-8"):
    line = line.rstrip("\n")
    if len(line) > 60 and " " in line.strip():
        print(line)
PY
true_that "[ ! -s '$TMP/long' ]" || head -3 "$TMP/long"

it "a finding folds at spaces, its continuation indented four columns under its text"
grep -A2 -F 'samples/changes.csv:39' "$OUT" >"$TMP/one"
printf '%s\n' "  samples/changes.csv:39  CR-038  change CR-038 of project" \
    "      PRJ-1012 was implemented on 2026-03-21 but has no" "      approver" >"$TMP/want"
true_that "cmp -s '$TMP/one' '$TMP/want'" || diff "$TMP/want" "$TMP/one" | sed 's/^/    /'

it "folding changes nothing but line breaks: the words are those of the unfolded report"
pa run samples --as-of $ASOF --no-color
tr -s ' \n' '  ' <"$OUT" >"$TMP/flat"
on_tty 60 run samples --as-of $ASOF --no-color --no-progress
tr -s ' \n' '  ' <"$OUT" >"$TMP/folded"
true_that "cmp -s '$TMP/flat' '$TMP/folded'"

it "a pipe or a file gets one line per finding, whatever \$COLUMNS says"
COLUMNS=40 pa run samples --as-of $ASOF
out_has "  samples/changes.csv:39  CR-038  change CR-038 of project PRJ-1012 was implemented on 2026-03-21 but has no approver"

it "colour codes take no room"
on_tty 60 run samples --as-of $ASOF --no-progress
python3 - "$OUT" >"$TMP/long" <<'PY'
import re, sys
for line in open(sys.argv[1], encoding="utf-8"):
    plain = re.sub(r"\x1b\[[0-9;]*m", "", line.rstrip("\n"))
    if len(plain) > 60 and " " in plain.strip():
        print(plain)
PY
true_that "[ ! -s '$TMP/long' ]"
out_has "$(printf '\033[1mCHG-001\033[0m')"

it "the progress line counts the rules that run: 29 of the pack's rules have projects and tasks"
data pt
cp samples/projects.csv samples/tasks.csv "$D/"
on_tty 100 run "$D" --as-of $ASOF -o /dev/null
out_has "pmoaudit: rules 29/29 ("
out_lacks "/52 ("

finish
