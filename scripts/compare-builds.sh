#!/bin/sh
# Compare two pmoaudit binaries report by report: the same commands on the
# same data must write byte-identical reports and exit with the same code.
# Used before and after a change meant to alter no behaviour (a refactor).
#
#   scripts/compare-builds.sh OLD_BINARY NEW_BINARY [DATA_DIR...]
#
# Every DATA_DIR (default: samples) is audited in every format, alone and with
# a baseline, waivers, --project, a gate, -j 1 and the text of list, explain,
# schema and docs. Then the Lua data files: configs, Lua waiver files and
# import profiles, good ones and broken ones (written to a temporary folder),
# run on samples and tests/fixtures/import. Prints one line per difference
# and "N commands, N differ"; with SHOW=1 also each command's exit code and
# first line of stderr.
set -u
[ $# -ge 2 ] || { echo "usage: $0 OLD NEW [DATA_DIR...]" >&2; exit 2; }
OLD=$1 NEW=$2
shift 2
[ $# -ge 1 ] || set -- samples
ROOT=$(cd "$(dirname "$0")/.." && pwd)
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
n=0 bad=0

# one LABEL ARGS...: run both binaries with ARGS (OUT stands for the output
# folder) and compare exit code, stdout, stderr and every file written.
one() {
    label=$1; shift
    n=$((n + 1))
    for side in old new; do
        bin=$OLD; [ $side = new ] && bin=$NEW
        rm -rf "$W/$side"; mkdir -p "$W/$side/out"
        args=""
        for a in "$@"; do
            # shellcheck disable=SC2001
            a=$(echo "$a" | sed "s#OUT#$W/$side/out#g")
            args="$args '$a'"
        done
        (cd "$ROOT" && eval "\"$bin\" $args" >"$W/$side/stdout" 2>"$W/$side/stderr"; echo $? >"$W/$side/rc")
        sed -i "s#$W/$side/out#OUT#g" "$W/$side/stdout" "$W/$side/stderr"
        # the HTML header's run duration is the one clock reading in a report
        find "$W/$side/out" -name '*.html' -exec sed -i 's#<dt>Run duration</dt><dd>[^<]*</dd>#<dt>Run duration</dt>#' {} +
    done
    # SHOW=1: what each command did (exit code and the first line of stderr)
    [ -n "${SHOW:-}" ] && echo "$label: exit $(cat "$W/new/rc"): $(head -1 "$W/new/stderr" | cut -c1-150)"
    if ! diff -r "$W/old" "$W/new" >"$W/diff" 2>&1; then
        bad=$((bad + 1))
        echo "DIFFERS: $label: $*"
        head -20 "$W/diff"
    fi
}

ASOF=2026-06-30
FMTS=text,json,md,csv,junit,sarif,html
for d in "$@"; do
    one "$d all formats" run "$d" --as-of $ASOF -f $FMTS -o OUT -q
    one "$d stdout text" run "$d" --as-of $ASOF
    one "$d verbose" run "$d" --as-of $ASOF -v --no-color
    one "$d -j 1" run "$d" --as-of $ASOF -f json -o OUT -j 1
    one "$d caps" run "$d" --as-of $ASOF -f json,html -o OUT --max-findings 3
    one "$d only" run "$d" --as-of $ASOF --only 'SCH-*,RES-*' -f json,md -o OUT
    one "$d skip" run "$d" --as-of $ASOF --skip 'DAT-*' --fail-on warning -f junit,sarif -o OUT
    one "$d set" run "$d" --as-of $ASOF --set STD-006.max_days=10 -f json -o OUT
    one "$d baseline" run "$d" --as-of 2026-06-23 -f json -o OUT/base -q --fail-on never
    cp -r "$W/new/out/base" "$W/base.$n" 2>/dev/null || true
    one "$d with baseline" run "$d" --as-of $ASOF -f $FMTS -o OUT --baseline "$W/base.$n/report.json" \
        --waivers docs/examples/waivers.csv --fail-on-new
    one "$d project" run "$d" --as-of $ASOF --project 'PRJ-100*' -f $FMTS -o OUT
    one "$d gate" gate PRJ-1027 G1 "$d" --as-of $ASOF -f text,json,md,junit -o OUT
    one "$d gate stdout" gate PRJ-1003 G3 "$d" --as-of $ASOF
done
one "list" list
one "list -v" list -v
one "explain" explain SCH-013
one "schema" schema
one "docs" docs -o OUT
one "help" --help
one "run help" run --help
one "bad option" run samples --as-of 2026-06-30 --max-findings x
one "bad option 2" run samples --as-of 2026-06-30 --no-such-option
one "bad date" run samples --as-of 2026-13-30
one "test" test
one "lint" lint rules
one "inspect" inspect samples/tasks.csv

# Option errors: every way a command-line option can be refused.
for opt in "--jobs x" "--jobs 0" "--jobs 257" "-j0" "--jobs=300" "--max-rule-memory 0" \
    "--max-rule-memory 1048577" "--max-columns 70000" "--max-columns 0" "--regex-match-limit 999" \
    "--regex-match-limit 4294967297" "--max-instructions 999" "--max-cell 255" "--max-rows 0" \
    "--max-findings 0" "--max-findings -1" "--fail-on loud" "--delimiter x" "--encoding ebcdic" \
    "--date-format QQ" "--as-of 2026-6-1" "--as-of=junk" "--fail-of error" "--jobz 3" "--no-builtins" \
    "-x" "-f text,pdf" "-f ," "--format" "-j" "--set" "-q -v --no-color --no-progress --max-findings"; do
    # shellcheck disable=SC2086
    one "bad option: $opt" run samples --as-of $ASOF $opt
done
one "run: a second data dir" run samples samples --as-of $ASOF
one "run: too many" run a b c d
one "run -h after an error" run --bogus -h
one "run -h first" run -h --bogus
one "gate --only" gate PRJ-1027 G1 samples --only X
one "gate --projects" gate --projects=PRJ-1 PRJ-1027 G1
one "gate: too few" gate PRJ-1027
one "gate: unknown gate" gate PRJ-1027 G9 samples --as-of $ASOF
one "gate help" gate --help
for c in run gate list explain test docs lint init schema inspect nope; do
    one "help $c" help "$c"
done
one "no command" 
one "unknown command" frobnicate

# Config file errors: small pmoaudit.lua files, run with -c. The file names
# are the same for both binaries, so the messages compare as they are.
C="$W/cfg"
mkdir -p "$C/pack"
cfg() { printf '%s\n' "$2" >"$C/$1.lua"; }
cfg unknown 'data = "samples"
fail_of = "warning"'
cfg unknown2 'limitz = {}'
cfg jobs_str 'jobs = "many"'
cfg jobs_0 'jobs = 0'
cfg jobs_257 'jobs = 257'
cfg jobs_float 'jobs = 2.5'
cfg failon 'fail_on = "loud"'
cfg failon_num 'fail_on = 3'
cfg two_errors 'jobs = "x"
fail_on = "y"
delimiter = "q"'
cfg lim_unknown 'limits = { max_row = 1 }'
cfg lim_long 'limits = { max_rows_but_with_a_name_long_enough_to_be_cut_in_the_message_of_the_config_reader_xxxxxxxxxxxxxxxxxxxxxxxx = 1 }'
cfg lim_rows0 'limits = { max_rows = 0 }'
cfg lim_cell 'limits = { max_cell = 255 }'
cfg lim_cell_big 'limits = { max_cell = 2147483649 }'
cfg lim_cols 'limits = { max_columns = 70000 }'
cfg lim_mem 'limits = { max_rule_memory = 1048577 }'
cfg lim_instr 'limits = { max_instructions = 999 }'
cfg lim_regex 'limits = { regex_match_limit = 4294967297 }'
cfg lim_findings 'limits = { max_findings = 1099511627777 }'
cfg lim_neg 'limits = { max_rows = -1 }'
cfg lim_float 'limits = { max_rows = 1.5 }'
cfg lim_str 'limits = { max_rows = "10" }'
cfg lim_not_table 'limits = 5'
cfg lim_ok 'data = "'"$ROOT"'/samples"
limits = { max_rows = 2000000, max_findings = 3, max_rule_memory = 256, max_cell = 4096, max_columns = 100, max_instructions = 1000000000, regex_match_limit = 5000 }'
cfg builtin 'builtin = "yes"'
cfg failnew 'fail_on_new = 1'
cfg rules_num 'rules = 5'
cfg rules_list 'rules = { "pack", 1 }'
cfg only_num 'only = 5'
cfg only_list 'only = { "STD-*", 5 }'
cfg formats 'formats = { "text", "pdf" }'
cfg data_num 'data = 5'
cfg output_num 'output = {}'
cfg baseline_num 'baseline = true'
cfg waivers_num 'waivers = 5'
cfg delim 'delimiter = "x"'
cfg enc 'encoding = "ebcdic"'
cfg enc_num 'encoding = 8'
cfg datefmt 'date_format = "QQ"'
cfg datefmt_num 'date_format = 5'
cfg profile_num 'profile = 5'
cfg profile_missing 'profile = "nope.lua"
data = "'"$ROOT"'/samples"'
cfg sev_num 'severity = 5'
cfg sev_bad 'severity = { ["STD-001"] = "loud" }'
cfg sev_norule 'severity = { ["NOPE-1"] = "error" }
data = "'"$ROOT"'/samples"'
cfg params_num 'params = 5'
cfg params_bad 'params = { ["STD-001"] = { x = function() end } }'
cfg gates_num 'gates = 5'
cfg gates_key 'gates = { G1 = { rulez = {"STD-*"} } }'
cfg gates_block 'gates = { G1 = { block = {"loud"} } }'
cfg gates_norule 'gates = { g1 = { rules = {"NOPE-*"} } }
data = "'"$ROOT"'/samples"'
cfg gates_ok 'gates = { G9 = { rules = {"STD-00*"}, block = {"warning"} } }
data = "'"$ROOT"'/samples"'
cfg tables_num 'tables = 5'
cfg tables_fn 'tables = { tasks = { file = "t.csv", columns = { x = function() end } } }'
cfg tables_bad 'tables = { tasks = 5 }'
cfg domains_num 'domains = 5'
cfg projects_num 'projects = 5'
cfg syntax 'data = "x"
only = {'
cfg loop 'while true do end'
cfg escape 'os.execute("true")'
cfg ok 'data = "'"$ROOT"'/samples"
rules = "pack"
builtin = true
skip = {"RES-003"}
severity = { ["STD-004"] = "error" }
params = { ["SCH-003"] = { warn_below = 0.85 } }
formats = {"json"}
fail_on = "warning"
fail_on_new = false
jobs = 2
domains = {"PRC"}
delimiter = ","
encoding = "utf-8"
date_format = "YYYY-MM-DD"'
for f in "$C"/*.lua; do
    name=$(basename "$f" .lua)
    one "config $name" run --as-of $ASOF -c "$f"
done
one "config ok, command line wins" run --as-of $ASOF -c "$C/ok.lua" -f text --fail-on never --set SCH-003.warn_below=0.5 \
    --only "SCH-*" -j 1 -r rules --no-builtin
one "config gate" gate PRJ-1027 G9 --as-of $ASOF -c "$C/gates_ok.lua"
one "config gate, config spelling" gate PRJ-1027 G1 --as-of $ASOF -c "$C/gates_norule.lua"
one "config missing" run -c "$C/none.lua"
# --- Lua data files: the config, Lua waiver files, import profiles ------------
C="$W/cases"
mkdir -p "$C"
# case NAME: a file of the cases folder, from stdin
case_file() { cat >"$C/$1"; }
case_file good.lua <<LUA
data = "$ROOT/samples"
formats = {"json", "md"}
output = "$W/unused"
skip = {"RES-*"}
severity = { ["STD-004"] = "error" }
params = { ["SCH-003"] = { warn_below = 0.85 }, ["GOV-002"] = { required_gates = { planning = {"G1"} } } }
limits = { max_findings = 50, max_rule_memory = 512 }
gates = { G3 = { rules = {"CST-*"}, block = {"error", "critical"} } }
fail_on = "warning"
jobs = 2
waivers = {
  { rule = "STD-002", key = "PRJ-1003", reason = "Sponsor appointed", approved_by = "J. Smith", expires = "2026-12-31" },
  { fingerprint = "0123456789abcdef0123456789abcdef", reason = "Known gap", approved_by = "J. Smith" },
}
LUA
one "config: every setting, inline waivers" run --as-of $ASOF -c "$C/good.lua" -o OUT -q
one "config: gate" gate PRJ-1003 G3 -c "$C/good.lua" --as-of $ASOF
printf 'data = "x"\nonly = {\n' | case_file syntax.lua
one "config: syntax error" run samples --as-of $ASOF -c "$C/syntax.lua"
printf 'fail_of = "error"\n' | case_file unknown.lua
one "config: unknown setting" run samples --as-of $ASOF -c "$C/unknown.lua"
printf 'jobs = 0\n' | case_file jobs.lua
one "config: bad value" run samples --as-of $ASOF -c "$C/jobs.lua"
printf 'params = { ["SCH-003"] = { warn_below == 0.85 } }\n' | case_file params.lua
one "config: params list entry" run samples --as-of $ASOF -c "$C/params.lua"
printf 'gates = { G1 = { rule = {"A"} } }\n' | case_file gates.lua
one "config: gate key" run samples --as-of $ASOF -c "$C/gates.lua"
printf 'limits = { max_rows = 0 }\n' | case_file limits.lua
one "config: limit" run samples --as-of $ASOF -c "$C/limits.lua"
printf 'tables = { tasks = function() end }\n' | case_file tables.lua
one "config: tables with a function" run samples --as-of $ASOF -c "$C/tables.lua"
printf 'os.execute("touch %s/pwned")\n' "$W" | case_file os.lua
one "config: os" run samples --as-of $ASOF -c "$C/os.lua"
printf 'local function spin()\n  while true do end\nend\nspin()\n' | case_file loop.lua
one "config: runaway loop" run samples --as-of $ASOF -c "$C/loop.lua"
printf 'local s = "x"\nfor i = 1, 20 do s = s .. s end\nfail_on = s\n' | case_file huge.lua
one "config: a huge string" run samples --as-of $ASOF -c "$C/huge.lua"
printf '\033Lua\124\000binary' | case_file binary.lua
one "config: binary chunk" run samples --as-of $ASOF -c "$C/binary.lua"
printf 'fail_on = "error"\n\nwaivers = {\n  { rule = "STD-002", key = "PRJ-1001", approved_by = "J. Smith" },\n}\n' |
    case_file badwaiver.lua
one "config: malformed inline waiver" run samples --as-of $ASOF -c "$C/badwaiver.lua"
case_file waivers.lua <<'LUA'
-- accepted exceptions
waiver { rule = "STD-002", key = "PRJ-1003", reason = "Sponsor appointed at the July board",
         approved_by = "J. Smith (PMO lead)", expires = "2026-12-31" }
waiver { rule = "STD-*", key = "PRJ-7777", reason = "matches nothing", approved_by = "J. Smith" }
waiver { rule = "SCH-*", key = "PRJ-1001", reason = "expired", approved_by = "J. Smith", expires = "2026-01-31" }
LUA
one "waiver file: Lua" run samples --as-of $ASOF -f text,json -o OUT --waivers "$C/waivers.lua"
printf 'waiver { rule = "STD-002", key = "PRJ-1001", reason = "x", approved = "Ann" }\n' | case_file w1.lua
one "waiver file: unknown field" run samples --as-of $ASOF --waivers "$C/w1.lua"
printf '\n\nwaiver { rule = "STD-002", key = "PRJ-1001", reason = "x", approved_by = "Ann", expires = "soon" }\n' |
    case_file w2.lua
one "waiver file: bad date" run samples --as-of $ASOF --waivers "$C/w2.lua"
printf 'waiver { rule = "STD-002" \n' | case_file w3.lua
one "waiver file: syntax error" run samples --as-of $ASOF --waivers "$C/w3.lua"
printf 'os.exit(1)\n' | case_file w4.lua
one "waiver file: os" run samples --as-of $ASOF --waivers "$C/w4.lua"
printf 'local function spin()\n  while true do end\nend\nspin()\n' | case_file w5.lua
one "waiver file: runaway loop" run samples --as-of $ASOF --waivers "$C/w5.lua"
for p in jira msproject msproject2 p6; do
    prof=$p
    case $p in msproject2) prof=msproject ;; esac
    one "profile: $p" run tests/fixtures/import/$p --profile $prof --as-of $ASOF -f json,csv -o OUT
done
one "profile: inspect" inspect tests/fixtures/import/p6/activities.csv --profile p6
printf 'Key,Title\nK1,A\n' >"$C/x.csv"
P='return { tables = { projects = { file = "x.csv", columns = { project_id = "Key", status = { value = "active" }, '
printf '%s name = function(r) return r.Title .. nil end } } } }\n' "$P" | case_file p1.lua
one "profile: a bad function" run "$C" --profile "$C/p1.lua" --as-of $ASOF
printf '%s name = "Id" } } } }\n' "$P" | case_file p2.lua
one "profile: a missing column" run "$C" --profile "$C/p2.lua" --as-of $ASOF
printf 'return { tabels = {} }\n' | case_file p3.lua
one "profile: unknown key" run "$C" --profile "$C/p3.lua" --as-of $ASOF
printf 'return 5\n' | case_file p4.lua
one "profile: not a table" run "$C" --profile "$C/p4.lua" --as-of $ASOF
printf '%s name = { from = "Title", map = { a = "Alpha" } }, budget = { value = 2.5 } }, join = { j = "x" } } } }\n' \
    "$P" | case_file p5.lua
one "profile: a bad join" run "$C" --profile "$C/p5.lua" --as-of $ASOF
printf '%s name = { from = "Title", map = { a = "Alpha" } }, budget = { value = 2.5 } } } } }\n' "$P" |
    case_file p6.lua
one "profile: map and value" run "$C" --profile "$C/p6.lua" --as-of $ASOF -f json -o OUT
printf 'return { tables = { projects = { file = "x.csv", columns = { project_id = "Key" } } } }\n' >"$C/p7.lua"
printf 'profile = "%s"\ntables = { projects = { file = "x.csv", colums = {} } }\n' "$C/p7.lua" | case_file ptables.lua
one "profile: the config's tables" run "$C" -c "$C/ptables.lua" --as-of $ASOF
echo "$n commands, $bad differ"
[ $bad -eq 0 ]
