#!/bin/sh
# docs/rule-api.md documents every function and field the engine gives rules,
# and nothing that does not exist. A probe rule lists what Lua can see (ctx,
# pmo, the globals); tests/tools/api_docs.py reads the methods and fields of
# tables, rows, row sets, dates and regexes from the C sources.
. "$(dirname "$0")/lib.sh"

data api
base_projects
mkdir -p "$TMP/probe"
cat >"$TMP/probe/probe.lua" <<'LUA'
local function names(kind, t)
  local v = {}
  for k in pairs(t) do v[#v + 1] = k end
  table.sort(v)
  for _, k in ipairs(v) do print(kind .. " " .. k) end
end
names("global", _G)
names("pmo", pmo)
rule { id = "PROBE-1", title = "lists the API", severity = "info", domain = "X", tables = {"projects"},
       doc = "probe", check = function(ctx) names("ctx", ctx) end }
LUA

it "the probe rule lists the names Lua can see"
pa run "$D" -r "$TMP/probe" --no-builtin --as-of $ASOF
exit_is 0
sed -n 's/^\[[^]]*\] //p' "$ERR" | sort -u >"$TMP/names"
true_that "grep -qx 'pmo round' $TMP/names && grep -qx 'ctx report' $TMP/names && grep -qx 'global require' $TMP/names"

it "every name the engine exposes has a heading in docs/rule-api.md, and every heading exists"
CODE=0
python3 "$ROOT/tests/tools/api_docs.py" "$ROOT/docs/rule-api.md" "$ROOT/engine" "$TMP/names" >"$OUT" 2>"$ERR" || CODE=$?
exit_is 0
out_has " 0 problems"

it "the check fails on a doc without a heading, and on a heading of nothing"
grep -v '^### `t:has(column)`' "$ROOT/docs/rule-api.md" | sed 's/^### `t:row(i)`/### `t:rowz(i)`/' >"$TMP/api.md"
CODE=0
python3 "$ROOT/tests/tools/api_docs.py" "$TMP/api.md" "$ROOT/engine" "$TMP/names" >"$OUT" 2>"$ERR" || CODE=$?
exit_is 1
out_has "undocumented: t:has"
out_has "undocumented: t:row"
out_has "documented but not in the engine: t:rowz"

it "the check fails on an undocumented rule{} field"
grep -v '^| `gates` |' "$ROOT/docs/rule-api.md" >"$TMP/api.md"
CODE=0
python3 "$ROOT/tests/tools/api_docs.py" "$TMP/api.md" "$ROOT/engine" "$TMP/names" >"$OUT" 2>"$ERR" || CODE=$?
exit_is 1
out_has "undocumented: rule{} field gates"

finish
