#!/bin/sh
# `pmoaudit docs` writes a Markdown reference page per rule and an index.
. "$(dirname "$0")/lib.sh"

it "the built-in pack gets one page per rule and an index grouped by domain"
pa docs -o "$TMP/rules"
exit_is 0
true_that "[ \$(ls $TMP/rules/*-*.md | wc -l) -eq \$($PA list | tail -1 | cut -d' ' -f1) ]"
file_has "$TMP/rules/README.md" "| [STD-001](STD-001.md) | error | G1 | Project IDs follow the PMO numbering scheme |"
file_has "$TMP/rules/STD-001.md" '| `id_pattern` | `"^PRJ-[0-9]{4,6}$"` | string |'
file_has "$TMP/rules/STD-001.md" "Why it matters"
file_has "$TMP/rules/STD-006.md" '`milestones` (when present)'

it "custom rule folders are documented too, without the built-in pack"
mkdir -p "$TMP/pack"
cat >"$TMP/pack/X-1.lua" <<'LUA'
rule { id = "X-1", title = "custom", severity = "info", domain = "ACME", tables = {"projects"},
       doc = "Custom doc.", check = function(ctx) end }
LUA
pa docs "$TMP/pack" --no-builtin -o "$TMP/custom"
exit_is 0
file_has "$TMP/custom/README.md" "## ACME"
file_has "$TMP/custom/X-1.md" "Custom doc."
true_that "[ ! -e $TMP/custom/STD-001.md ]"

it "docs/rules in the repository is up to date (make rule-docs)"
pa docs -o "$TMP/current"
true_that "diff -r $TMP/current $ROOT/docs/rules >/dev/null"

it "docs/architecture.md names every engine module"
missing=""
for m in "$ROOT"/engine/*/*.c; do
    rel=${m#"$ROOT"/engine/}
    grep -qF "\`$rel\`" "$ROOT/docs/architecture.md" || missing="$missing $rel"
done
if [ -z "$missing" ]; then ok; else bad "not in docs/architecture.md:$missing"; fi

finish
