#!/bin/sh
# Waivers written in Lua: a waiver file of waiver{...} calls (each located at
# its line), and the config's inline list `waivers = { {...}, ... }`. They
# apply, expire and go unused exactly like CSV waivers; a malformed one is
# exit 2 naming the file, the line and the field.
. "$(dirname "$0")/lib.sh"

data d
csv projects.csv <<'CSV'
project_id,name,status,phase,sponsor,manager,start_date,planned_finish,charter_approved,business_case
PRJ-1001,Alpha,active,execution,,Bo Chan,2026-01-05,2026-12-18,yes,BC-17
PRJ-1002,Beta,active,execution,,Bo Chan,2026-01-05,2026-12-18,yes,BC-18
CSV

cat >"$TMP/waivers.lua" <<'LUA'
-- accepted exceptions, reviewed monthly
waiver { rule = "STD-002", key = "PRJ-1001", reason = "Sponsor appointed at the July board",
         approved_by = "J. Smith (PMO lead)", expires = "2026-12-31" }

waiver { rule = "STD-002", key = "PRJ-1002", reason = "Interim sponsor", approved_by = "J. Smith",
         expires = "2026-05-31" }
waiver { rule = "STD-*", key = "PRJ-7777", reason = "matches nothing", approved_by = "J. Smith" }
LUA

it "a Lua waiver file waives, expires and reports unused waivers at their lines"
pa run "$D" --as-of 2026-06-01 --only STD-002 --waivers "$TMP/waivers.lua"
exit_is 1
out_has "(1 waived)"
out_has "waiver $TMP/waivers.lua:5 expired on 2026-05-31 and no longer applies (1 finding)"
out_has "waiver $TMP/waivers.lua:7 matches no finding (unused)"
pa run "$D" --as-of 2026-06-01 --only STD-002 -f json --waivers "$TMP/waivers.lua"
out_has '"waived": true, "waiver": {"reason": "Sponsor appointed at the July board", "approved_by": "J. Smith (PMO lead)", "expires": "2026-12-31", "line": 2}'

it "a malformed Lua waiver names its file:line and the field"
printf 'waiver { rule = "STD-002", key = "PRJ-1001", reason = "x", approved = "Ann" }\n' >"$TMP/w1.lua"
pa run "$D" --as-of 2026-06-01 --waivers "$TMP/w1.lua"
exit_is 2
err_has "$TMP/w1.lua:1: unknown waiver field 'approved' (did you mean 'approved_by'?)"
printf '\n\nwaiver { rule = "STD-002", key = "PRJ-1001", reason = "x", approved_by = "Ann", expires = "soon" }\n' >"$TMP/w2.lua"
pa run "$D" --as-of 2026-06-01 --waivers "$TMP/w2.lua"
exit_is 2
err_has "$TMP/w2.lua:3: expires is not a date YYYY-MM-DD"
printf 'waiver { rule = "STD-002" \n' >"$TMP/w3.lua"
pa run "$D" --as-of 2026-06-01 --waivers "$TMP/w3.lua"
exit_is 2
err_has "$TMP/w3.lua:2:"
printf 'os.exit(1)\n' >"$TMP/w4.lua"
pa run "$D" --as-of 2026-06-01 --waivers "$TMP/w4.lua"
exit_is 2
err_has "$TMP/w4.lua:1: attempt to index a nil value (global 'os')"

it "the config's inline waivers apply, each located at its line"
cat >"$TMP/pmoaudit.lua" <<'LUA'
fail_on = "error"
waivers = {
  { rule = "STD-002", key = "PRJ-1001", reason = "Sponsor appointed", approved_by = "J. Smith", expires = "2026-12-31" },
  { rule = "STD-002", key = "PRJ-1002", reason = "Interim sponsor", approved_by = "J. Smith" },
}
LUA
pa run "$D" --as-of 2026-06-01 --only STD-002 -c "$TMP/pmoaudit.lua"
exit_is 0
out_has "(2 waived)"
it "the command line's --waivers replaces the config's list"
pa run "$D" --as-of 2026-06-01 --only STD-002 -c "$TMP/pmoaudit.lua" --waivers "$TMP/waivers.lua"
exit_is 1
out_has "(1 waived)"
it "a malformed inline waiver is exit 2 at its own line"
cat >"$TMP/bad.lua" <<'LUA'
fail_on = "error"

waivers = {
  { rule = "STD-002", key = "PRJ-1001", reason = "ok", approved_by = "J. Smith" },
  { rule = "STD-002", key = "PRJ-1002", approved_by = "J. Smith" },
}
LUA
pa run "$D" --as-of 2026-06-01 -c "$TMP/bad.lua"
exit_is 2
err_has "$TMP/bad.lua:5: the reason is empty"
printf 'waivers = 7\n' >"$TMP/bad2.lua"
pa run "$D" --as-of 2026-06-01 -c "$TMP/bad2.lua"
exit_is 2
err_has "$TMP/bad2.lua:1: 'waivers' must be a waiver file or a list of waivers"

finish
