#!/bin/sh
# Suggestions, help and completion (issue 20, point 5): a misspelt command,
# option or rule id gets the nearest ones; --help works after every
# command; `pmoaudit completion bash|zsh|fish` is made from the command
# list (cmd/commands.c) and the option table; test, lint and gate take the
# budget options that the budget messages name.
. "$(dirname "$0")/lib.sh"

COMMANDS="run list gate explain schema inspect history test lint docs init completion help"

it "a misspelt command names the nearest one, an unknown one lists them all"
pa rn
exit_is 2
err_has "pmoaudit: unknown command 'rn': did you mean 'run'? (commands: run, list, gate, explain, schema, inspect, history, test, lint, docs, init, completion, help; see pmoaudit --help)"
pa frobnicate
exit_is 2
err_has "pmoaudit: unknown command 'frobnicate' (commands: run, list, gate, explain, schema, inspect, history, test, lint, docs, init, completion, help; see pmoaudit --help)"
pa help shcema
exit_is 2
err_has "pmoaudit: no help on 'shcema': did you mean 'schema'? (commands: "

it "the usage lists exactly the commands of the table"
pa --help
exit_is 0
got=$(sed -n 's/^  \([a-z]*\) .*/\1/p' "$ERR" | tr '\n' ' ')
true_that "[ '$got' = '$COMMANDS ' ]"

it "a misspelt option gets the nearest option of that command"
pa run --onyl SCH-001
exit_is 2
err_has "pmoaudit: unknown option '--onyl': did you mean '--only'? (see pmoaudit help run)"
pa gate PRJ-1001 G2 --onyl SCH-001
exit_is 2
err_has "pmoaudit: unknown option '--onyl' (see pmoaudit help gate)"
true_that "! grep -q 'did you mean' \"\$ERR\""
pa gate PRJ-1001 G2 --fail-of error
exit_is 2
err_has "pmoaudit: unknown option '--fail-of': did you mean '--fail-on'? (see pmoaudit help gate)"
pa test --covrage
exit_is 2
err_has "pmoaudit: unknown option '--covrage' for test: did you mean '--coverage'? (see pmoaudit help test)"
pa test --max-instrutions=9
exit_is 2
err_has "pmoaudit: unknown option '--max-instrutions=9' for test: did you mean '--max-instructions'? (see pmoaudit help test)"
pa lint --buitin
exit_is 2
err_has "pmoaudit: unknown option '--buitin' for lint: did you mean '--builtin'? (see pmoaudit help lint)"
pa docs --outptu x
exit_is 2
err_has "pmoaudit: unknown option '--outptu' for docs: did you mean '--output'? (see pmoaudit help docs)"
pa inspect x.csv --tabel projects
exit_is 2
err_has "pmoaudit: unknown option '--tabel' for inspect: did you mean '--table'? (see pmoaudit help inspect)"
pa list --no-builtn
exit_is 2
err_has "pmoaudit: unknown option '--no-builtn' for list: did you mean '--no-builtin'? (see pmoaudit help list)"
pa explain SCH-001 --frob
exit_is 2
err_has "pmoaudit: unknown option '--frob' for explain (see pmoaudit help explain)"

it "explain finds a rule id given in another case, and names the nearest ids of a misspelt one"
pa explain sch-001
exit_is 0
out_has "SCH-001  Milestones are not overdue"
pa explain SCH-05
exit_is 2
err_has "pmoaudit: no rule SCH-05: did you mean SCH-015, SCH-001, SCH-002, SCH-003 or SCH-004? (see pmoaudit list)"
pa explain XYZ-999
exit_is 2
err_has "pmoaudit: no rule XYZ-999 (see pmoaudit list)"
mkdir -p "$TMP/pack"
cat >"$TMP/pack/pmo.lua" <<'LUA'
rule{ id = "PMO-001", title = "Projects have a name", severity = "warning", domain = "STD", tables = {"projects"},
  each = "projects", doc = "A name.", check = function(p, ctx) end }
LUA
pa explain pmo-001 -r "$TMP/pack"
exit_is 0
out_has "PMO-001  Projects have a name"
out_has "declared: $TMP/pack/pmo.lua:1"

it "--help works after every command, also after other arguments"
for c in $COMMANDS; do
    pa "$c" --help
    exit_is 0
    out_has "usage: pmoaudit $c"
done
pa schema "$ROOT/rules" --help
exit_is 0
out_has "usage: pmoaudit schema [RULE_PATH...]"
pa init -h
exit_is 0
out_has "usage: pmoaudit init [DIR]"
true_that "[ ! -e pmoaudit.lua ]"

it "completion bash: commands, options per command, their values, rule ids and profiles"
pa completion bash
exit_is 0
cp "$OUT" "$TMP/pmoaudit.bash"
comp() { # comp WORD...: what bash completes for the last word
    bash -c '. "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _pmoaudit; echo "${COMPREPLY[*]}"' \
        _ "$TMP/pmoaudit.bash" "$@"
}
true_that "[ '$(comp pmoaudit ru)' = 'run' ]"
true_that "[ '$(comp pmoaudit co)' = 'completion' ]"
true_that "[ '$(comp pmoaudit run --onl)' = '--only' ]"
true_that "[ '$(comp pmoaudit run --only SCH-00)' = 'SCH-001 SCH-002 SCH-003 SCH-004' ]"
true_that "[ '$(comp pmoaudit explain RES-00)' = 'RES-001 RES-002 RES-003 RES-004 RES-005' ]"
true_that "[ '$(comp pmoaudit run --fail-on w)' = 'warning' ]"
true_that "[ '$(comp pmoaudit run -f j)' = 'json junit' ]"
true_that "[ '$(comp pmoaudit run --profile gm)' = 'gmpp-published gmpp' ]"
true_that "[ '$(comp pmoaudit gate --on)' = '' ]"
true_that "[ '$(comp pmoaudit test --max-i)' = '--max-instructions' ]"
true_that "[ '$(comp pmoaudit lint --max-rule)' = '--max-rule-memory' ]"
true_that "[ '$(comp pmoaudit completion f)' = 'fish' ]"
true_that "[ '$(comp pmoaudit help ex)' = 'explain' ]"

it "every option a command's --help names is completed for that command"
for c in $COMMANDS; do
    # (gate's help names --only and --project as the options it refuses)
    "$PA" help "$c" 2>/dev/null | grep -o -- '--[a-z][a-z-]*' | sort -u |
        { if [ "$c" = gate ]; then grep -vx -e --only -e --project; else cat; fi; } >"$TMP/named"
    offered=" $(comp pmoaudit "$c" --) "
    while read -r o; do
        case "$offered" in *" $o "*) ok ;; *) bad "$c --help names $o, completion lacks it" ;; esac
    done <"$TMP/named"
done

it "completion zsh and fish hold the same commands and options"
pa completion zsh
exit_is 0
true_that "[ '$(head -1 "$OUT")' = '#compdef pmoaudit' ]"
out_has "        compadd -- run list gate explain schema inspect history test lint docs init completion help --version --help"
out_has "        --only) compadd -- \${=pmoaudit_rules}; return ;;"
pa completion fish
exit_is 0
out_has "complete -c pmoaudit -n __fish_use_subcommand -a explain -d 'a rule\\'s documentation and params'"
out_has "complete -c pmoaudit -n '__fish_seen_subcommand_from test' -l max-instructions -x -a \"\""
out_has "complete -c pmoaudit -n '__fish_seen_subcommand_from run' -l only -x -a \"\$__pmoaudit_rules\""
pa completion tcsh
exit_is 2
err_has "pmoaudit: usage: pmoaudit completion bash|zsh|fish (see pmoaudit help completion)"

it "test takes the budget options its limit messages name"
mkdir -p "$TMP/loop"
cat >"$TMP/loop/LOOP-001.lua" <<'LUA'
rule{ id = "LOOP-001", title = "Counts a while", severity = "warning", domain = "GOV", tables = {"projects"},
  doc = "Counts.", check = function(ctx) local n = 0 for i = 1, 300000 do n = n + i end end }
LUA
cat >"$TMP/loop/LOOP-001_test.lua" <<'LUA'
test{ rule = "LOOP-001", name = "passes", data = { projects = [[
project_id,name,status
P1,A,active
]] }, expect = { count = 0 } }
LUA
pa test "$TMP/loop" --max-instructions 1000
exit_is 1
out_has "the rule errored: $TMP/loop/LOOP-001.lua:2: stopped: exceeded its instruction budget of 21000 instructions (an endless loop?); raise it with --max-instructions"
pa test "$TMP/loop" --max-instructions=100000000 --max-rule-memory 64 --rule-timeout 60
exit_is 0
out_has "1 passed, 0 failed"
pa test "$TMP/loop" --max-instructions 5
exit_is 2
err_has "pmoaudit: --max-instructions 5: expected a number from 1000 to 4611686018427387904"

it "lint and gate take the budget options too"
pa lint "$TMP/loop" --max-instructions 100000000 --rule-timeout 60 --max-rule-memory 64
exit_is 0
out_has "lint: 1 rule, 2 files: 0 problems"
pa lint "$TMP/loop" --rule-timeout 0
exit_is 2
err_has "pmoaudit: --rule-timeout 0: expected seconds from 1 to 86400"
pa gate PRJ-1001 G2 "$ROOT/samples" --as-of $ASOF --max-instructions 100000000 -q
true_that "[ $CODE -le 1 ]"


it "a table name one letter off the data model's is named where it is used"
mkdir -p "$TMP/typo"
cat >"$TMP/typo/Z-001.lua" <<'LUA'
rule { id = "Z-001", title = "t", severity = "info", domain = "STD", tables = {"projcts"}, doc = "d",
  check = function(ctx) end }
LUA
pa run "$ROOT/samples" -r "$TMP/typo" --as-of $ASOF --only Z-001 -f text
exit_is 0
out_has "skipped  Z-001  t: missing table: projcts (no such CSV file in the data directory; 'projcts' is not a table of the data model: did you mean 'projects'?)"
pa inspect "$ROOT/samples/projects.csv" --table projcts
exit_is 0
out_has "table: projcts (an extra table: every column is text; did you mean 'projects'?)"
pa inspect "$ROOT/samples/projects.csv" --table budget_lines
out_has "table: budget_lines (an extra table: every column is text)"


it "a data table one or two letters off the data model's is kept as an extra table, with a note naming the table it may be"
mkdir -p "$TMP/tt"
cp "$ROOT/samples/projects.csv" "$TMP/tt/"
cp "$ROOT/samples/tasks.csv" "$TMP/tt/msp.csv"
printf 'tables = { taks = "msp.csv" }\n' >"$TMP/tt.lua"
pa run "$TMP/tt" -c "$TMP/tt.lua" --as-of $ASOF -f text
out_has "data: 2 tables, 464 rows (taks 428, projects 36)"
out_has "note: table taks is not a table of the data model (did you mean tasks?): its rows are kept as an extra table that no built-in rule reads, and the rules of tasks are skipped"
rm "$TMP/tt/msp.csv"
cp "$ROOT/samples/tasks.csv" "$TMP/tt/taks.csv"
pa run "$TMP/tt" --as-of $ASOF -f text
out_has "note: table taks is not a table of the data model (did you mean tasks?)"
mv "$TMP/tt/taks.csv" "$TMP/tt/budget_lines.csv"
pa run "$TMP/tt" --as-of $ASOF -f text
out_lacks "is not a table of the data model"

finish
