#!/bin/sh
# Compare two pmoaudit binaries report by report: the same commands on the
# same data must write byte-identical reports and exit with the same code.
# Used before and after a change meant to alter no behaviour (a refactor).
#
#   scripts/compare-builds.sh OLD_BINARY NEW_BINARY [DATA_DIR...]
#
# Every DATA_DIR (default: samples) is audited in every format, alone and with
# a baseline, waivers, --project, a gate, -j 1 and the text of list, explain,
# schema and docs. Prints one line per difference and "N commands, N differ".
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
echo "$n commands, $bad differ"
[ $bad -eq 0 ]
