#!/bin/sh
# Installing and upgrading like a Debian tool (issue 22): make install and
# uninstall, the man pages (generated from the command and option tables,
# mandoc -Tlint clean), the .deb that make deb builds, run from a scratch
# root outside the checkout, --version with the git commit, the JSON
# report's schema and its validator, and requires = ">= X.Y" against the
# rule API. The package is made from build/ (make deb DEB_B=build), so the
# optimised binary must be built, as make test does first.
. "$(dirname "$0")/lib.sh"

MK="env -u MAKEFLAGS -u MAKELEVEL -u MFLAGS make -s --no-print-directory -C $ROOT"
VERSION=$(sed -n 's/^VERSION *:= *//p' "$ROOT/Makefile")

it "--version prints the Makefile's version, the git commit and the rule API; the changelogs agree"
pa --version
exit_is 0
# (the binary under test may be older than the checkout's HEAD: its commit is any 12 hex digits)
true_that "grep -qx 'pmoaudit $VERSION (commit [0-9a-f]\{12\}, rule API 0.2)' '$OUT'"
true_that "[ \"\$(sed -n '1s/^pmoaudit (\([^)]*\)).*/\1/p' '$ROOT/debian/changelog')\" = '$VERSION' ]"
true_that "[ \"\$(grep -m1 '^## [0-9]' '$ROOT/CHANGELOG.md' | cut -d' ' -f2)\" = '$VERSION' ]"

it "the commit comes from git in a checkout, from .commit in a git archive tarball, else unknown"
if git -C "$ROOT" rev-parse HEAD >/dev/null 2>&1; then
    true_that "[ \"\$(sh '$ROOT/scripts/commit.sh')\" = \"\$(git -C '$ROOT' rev-parse HEAD | cut -c1-12)\" ]"
    mkdir -p "$TMP/tarball"
    git -C "$ROOT" archive HEAD .commit scripts/commit.sh | tar -x -C "$TMP/tarball"
    true_that "[ \"\$(sh '$TMP/tarball/scripts/commit.sh')\" = \"\$(git -C '$ROOT' rev-parse HEAD | cut -c1-12)\" ]"
fi
mkdir -p "$TMP/plain/scripts"
cp "$ROOT/scripts/commit.sh" "$TMP/plain/scripts/"
printf '%s\n' '$Format:%H$' >"$TMP/plain/.commit"
true_that "[ \"\$(sh '$TMP/plain/scripts/commit.sh')\" = unknown ]"

it "make install puts the binary, man pages, completions and docs under PREFIX (default /usr/local); uninstall removes them"
$MK install DESTDIR="$TMP/inst" >"$TMP/make.log" 2>&1
true_that "[ -x '$TMP/inst/usr/local/bin/pmoaudit' ]"
(cd "$TMP/inst" && find . -type f ! -path './usr/local/share/doc/pmoaudit/rules/*' \
    ! -path './usr/local/share/doc/pmoaudit/examples/*' | LC_ALL=C sort) >"$TMP/files"
cat >"$TMP/want" <<'LIST'
./usr/local/bin/pmoaudit
./usr/local/share/bash-completion/completions/pmoaudit
./usr/local/share/doc/pmoaudit/CHANGELOG.md
./usr/local/share/doc/pmoaudit/README.md
./usr/local/share/doc/pmoaudit/compatibility.md
./usr/local/share/doc/pmoaudit/config.md
./usr/local/share/doc/pmoaudit/importing.md
./usr/local/share/doc/pmoaudit/report.schema.json
./usr/local/share/doc/pmoaudit/rule-api.md
./usr/local/share/fish/vendor_completions.d/pmoaudit.fish
./usr/local/share/man/man1/pmoaudit.1
./usr/local/share/man/man5/pmoaudit-rules.5
./usr/local/share/zsh/vendor-completions/_pmoaudit
LIST
true_that "cmp -s '$TMP/files' '$TMP/want'"
true_that "[ -f '$TMP/inst/usr/local/share/doc/pmoaudit/rules/SCH-001.md' ]"
true_that "[ -f '$TMP/inst/usr/local/share/doc/pmoaudit/examples/report.json' ]"
$MK uninstall DESTDIR="$TMP/inst" >>"$TMP/make.log" 2>&1
true_that "[ \$(find '$TMP/inst' -type f | wc -l) = 0 ]"

MAN1="$ROOT/build/man/pmoaudit.1"
MAN5="$ROOT/build/man/pmoaudit-rules.5"
it "the man pages are mandoc -Tlint clean (but for the cross-references of pages not yet installed)"
mandoc -Tlint "$MAN1" "$MAN5" >"$TMP/lint" 2>&1
grep -v -e "STYLE: referenced manual not found: Xr pmoaudit-rules 5\$" \
    -e "STYLE: referenced manual not found: Xr pmoaudit 1 (3 times)\$" "$TMP/lint" >"$TMP/lint.rest"
true_that "[ ! -s '$TMP/lint.rest' ]"
mandoc -Tlint -W warning "$MAN1" "$MAN5" >"$TMP/lint" 2>&1
true_that "[ \$? = 0 ] && [ ! -s '$TMP/lint' ]"
if command -v man >/dev/null 2>&1; then # man-db with groff: what `man -l` shows, with its warnings on
    MANWIDTH=80 man --warnings -l "$MAN1" "$MAN5" 2>"$TMP/groff" >/dev/null
    true_that "[ ! -s '$TMP/groff' ]"
fi

# man_lacks PAGE: "command: --option" for each option a command's --help
# names that PAGE does not list (as .Fl \-option).
man_lacks() {
    for c in run list gate explain schema inspect test lint docs init completion help; do
        grep -qF ".It Cm $c Ar " "$1" || echo "$c"
        "$PA" help "$c" 2>/dev/null | grep -o -- '--[a-z][a-z-]*' | sort -u | while read -r o; do
            grep -qF -- "Fl \\-$(echo "${o#--}" | sed 's/-/\\-/g')" "$1" || echo "$c: $o"
        done
    done
}

it "pmoaudit(1) has every command, every option each command's --help names, exit codes, files, environment, examples"
man_lacks "$MAN1" >"$TMP/missing"
true_that "[ ! -s '$TMP/missing' ]"
for s in "Sh EXIT STATUS" "Sh FILES" "Sh ENVIRONMENT" "Sh EXAMPLES" "It Ev NO_COLOR" "Ic limits.max_instructions"; do
    file_has "$MAN1" ".$s"
done
file_has "$MAN5" "  requires = \">= 0.2\","
file_has "$MAN5" "FILE:LINE: rule ID: 'requires' asks for rule API >= 0.3, but pmoaudit $VERSION has rule API 0.2: upgrade pmoaudit"

it "the man page check fails when options are missing from the page (--fail-on and --fail-on-new removed)"
grep -v 'Fl \\-fail\\-on' "$MAN1" >"$TMP/broken.1"
man_lacks "$TMP/broken.1" >"$TMP/missing"
true_that "[ \"\$(cat '$TMP/missing' | tr '\\n' ' ')\" = 'run: --fail-on run: --fail-on-new gate: --fail-on ' ]"

it "make deb builds a package whose Depends name the libraries, run from a scratch root outside the checkout"
$MK deb DEB_B=build DEB_OUT="$TMP/deb" >"$TMP/deb.log" 2>&1
DEB="$TMP/deb/pmoaudit_${VERSION}_$(dpkg --print-architecture).deb"
true_that "[ -f '$DEB' ]"
dpkg-deb -f "$DEB" Depends >"$TMP/depends"
file_has "$TMP/depends" "liblua5.4-0"
file_has "$TMP/depends" "libcsv3"
file_has "$TMP/depends" "libpcre2-8-0"
file_has "$TMP/depends" "libexpat1"
file_has "$TMP/depends" "libzip4"
file_has "$TMP/depends" "libsqlite3-0"
if command -v lintian >/dev/null 2>&1; then # not on a fresh Debian; `apt-get install lintian` to run it
    lintian -I --tag-display-limit 0 "$DEB" >"$TMP/lintian" 2>&1
    # build/ is not built with dpkg-buildflags' hardening (make deb without DEB_B is): those tags aside
    true_that "! grep -v -e 'root privileges' -e ': hardening-no-' '$TMP/lintian' | grep -q ."
else
    echo "install_test: lintian not installed: the package's lintian check is skipped"
fi
true_that "[ \"\$(dpkg-deb -f '$DEB' Version)\" = '$VERSION' ]"
true_that "! dpkg-deb -c '$DEB' | grep -v ' root/root '"
dpkg-deb -x "$DEB" "$TMP/root"
mkdir -p "$TMP/elsewhere"
cp -r "$ROOT/samples" "$TMP/elsewhere/data"
PKG="$TMP/root/usr/bin/pmoaudit"
cd "$TMP/elsewhere"
got=$("$PKG" --version)
true_that "[ '$got' = 'pmoaudit $VERSION (commit $(sh "$ROOT/scripts/commit.sh"), rule API 0.2)' ]"
SAVED_PA=$PA
PA=$PKG
pa run --as-of $ASOF -f json -q --fail-on never
exit_is 0
cp "$OUT" "$TMP/pkg.json"
pa test
exit_is 0
out_has "61 rules, 61 with tests;"
out_has " passed, 0 failed"
pa inspect "$FIX/import/jira/Jira.csv" --profile jira
exit_is 0
out_has "under profile jira"
PA=$SAVED_PA
pa run data --as-of $ASOF -f json -q --fail-on never
true_that "cmp -s '$OUT' '$TMP/pkg.json'"
cd "$ROOT"
true_that "mandoc -Tascii '$TMP/root/usr/share/man/man1/pmoaudit.1.gz' | grep -q 'pmoaudit run'"
true_that "[ -f '$TMP/root/usr/share/doc/pmoaudit/copyright' ] && [ -f '$TMP/root/usr/share/doc/pmoaudit/changelog.gz' ]"
true_that "bash -c '. $TMP/root/usr/share/bash-completion/completions/pmoaudit; COMP_WORDS=(pmoaudit exp); COMP_CWORD=1; _pmoaudit; [ \"\${COMPREPLY[*]}\" = explain ]'"

it "the report schema validator names each violation"
pa run "$ROOT/samples" --as-of $ASOF -f json -q --fail-on never --only SCH-001
python3 - "$OUT" "$TMP/bad.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
del r["summary"]["waived"]
r["extra"] = 1
r["findings"][0]["line"] = "7"
r["findings"][0]["severity"] = "fatal"
r["rules"][0]["status"] = "done"
json.dump(r, open(sys.argv[2], "w"))
PY
python3 "$ROOT/tests/tools/json_schema.py" "$ROOT/docs/report.schema.json" "$TMP/bad.json" >"$TMP/why"
true_that "[ \$? = 1 ]"
file_has "$TMP/why" "bad.json: \$: has 'extra', which the schema does not list"
file_has "$TMP/why" "bad.json: \$.summary: lacks 'waived'"
file_has "$TMP/why" "bad.json: \$.rules[0].status: \"done\" is not one of [\"passed\", \"failed\", \"skipped\", \"errored\"]"
file_has "$TMP/why" "bad.json: \$.findings[0].severity: \"fatal\" is not one of [\"critical\", \"error\", \"warning\", \"info\"]"
file_has "$TMP/why" "bad.json: \$.findings[0].line: \"7\" matches 0 of the oneOf choices"
true_that "[ \$(wc -l <'$TMP/why') = 5 ]"
python3 "$ROOT/tests/tools/json_schema.py" "$ROOT/docs/report.schema.json" "$OUT" >"$TMP/why"
true_that "[ \$? = 0 ] && [ ! -s '$TMP/why' ]"
true_that "[ \"\$(head -2 '$OUT' | tail -1)\" = '  \"schema_version\": 1,' ]"

it "a baseline of a newer schema_version is refused; one without it (before 0.2.0) is read"
pa run "$ROOT/samples" --as-of $ASOF -f json -q --fail-on never --only SCH-001
sed 's/^  "schema_version": 1,$/  "schema_version": 2,/' "$OUT" >"$TMP/newer.json"
sed '/^  "schema_version": 1,$/d' "$OUT" >"$TMP/older.json"
pa run "$ROOT/samples" --as-of $ASOF --only SCH-001 -q --fail-on never --baseline "$TMP/newer.json"
exit_is 2
err_has "pmoaudit: $TMP/newer.json: the report's schema_version is newer than the 1 this pmoaudit reads; give a baseline written by this version, or upgrade pmoaudit"
pa run "$ROOT/samples" --as-of $ASOF --only SCH-001 -f json -q --fail-on never --baseline "$TMP/older.json"
exit_is 0
out_has '"baseline": {"file": "'

it "a rule or a config requiring a newer rule API is refused with exit 2, naming both versions"
mkdir -p "$TMP/newer"
cat >"$TMP/newer/NEW-001.lua" <<'LUA'

rule{ id = "NEW-001", title = "Uses the future", severity = "warning", domain = "STD", tables = {"projects"},
  requires = ">= 0.3", future_field = true, doc = "Later.", check = function(ctx) end }
LUA
pa run "$ROOT/samples" --as-of $ASOF -r "$TMP/newer"
exit_is 2
err_has "pmoaudit: $TMP/newer/NEW-001.lua:2: rule NEW-001: 'requires' asks for rule API >= 0.3, but pmoaudit $VERSION has rule API 0.2: upgrade pmoaudit (or use an older version of these rules)"
sed -i 's/>= 0.3", future_field = true,/>= 0.2",/' "$TMP/newer/NEW-001.lua"
pa list --no-builtin -r "$TMP/newer"
exit_is 0
out_has "NEW-001"
sed -i 's/>= 0.2"/0.2"/' "$TMP/newer/NEW-001.lua"
pa list --no-builtin -r "$TMP/newer"
exit_is 2
err_has "NEW-001.lua:2: rule NEW-001: 'requires' must be a string \">= MAJOR.MINOR\" naming the oldest rule API the rules work with, such as \">= 0.2\""
mkdir -p "$TMP/cfg"
printf '%s\n' '-- a pack for a later pmoaudit' 'future_setting = 1' 'requires = ">= 1.0"' >"$TMP/cfg/pmoaudit.lua"
pa run "$ROOT/samples" --as-of $ASOF -c "$TMP/cfg/pmoaudit.lua"
exit_is 2
err_has "pmoaudit: $TMP/cfg/pmoaudit.lua:3: 'requires' asks for rule API >= 1.0, but pmoaudit $VERSION has rule API 0.2: upgrade pmoaudit (or use an older version of these rules)"
printf '%s\n' 'requires = ">= 0.2"' 'fail_on = "never"' >"$TMP/cfg/pmoaudit.lua"
pa run "$ROOT/samples" --as-of $ASOF -c "$TMP/cfg/pmoaudit.lua" -q
exit_is 0

finish
