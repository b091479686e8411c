#!/bin/sh
# scripts/check-layers.py (make layers): the engine's dependencies point one
# way, down the layers line of docs/architecture.md. Each case breaks a copy
# of the tree in one way and expects the check to name the break.
. "$(dirname "$0")/lib.sh"

CHECK="python3 $ROOT/scripts/check-layers.py"

# fresh_tree: a copy of engine/ and docs/architecture.md in $TMP/tree
fresh_tree() {
    rm -rf "$TMP/tree"
    mkdir -p "$TMP/tree/docs"
    cp -r "$ROOT/engine" "$TMP/tree/engine"
    cp "$ROOT/docs/architecture.md" "$TMP/tree/docs/"
}

# layers: run the check on the copy (no objects: call cycles are skipped)
layers() {
    CODE=0
    $CHECK --root "$TMP/tree" "$TMP/nobuild" >"$OUT" 2>"$ERR" || CODE=$?
}

it "the engine as it is passes"
CODE=0
$CHECK "$ROOT/build" >"$OUT" 2>"$ERR" || CODE=$?
exit_is 0
out_has "0 problems"

it "a header of a later layer is refused"
fresh_tree
sed -i 's|^#include "store/table.h"|#include "store/table.h"\n#include "report/emit.h"|' "$TMP/tree/engine/store/index.c"
layers
exit_is 1
out_has "engine/store/index.c: includes report/emit.h, of the later layer report/"

it "an include cycle between two modules of one folder is found"
fresh_tree
sed -i 's|^#include <stddef.h>|#include <stddef.h>\n#include "core/strpool.h"|' "$TMP/tree/engine/core/arena.h"
sed -i 's|^#define PA_STRPOOL_H|#define PA_STRPOOL_H\n#include "core/arena.h"|' "$TMP/tree/engine/core/strpool.h"
layers
exit_is 1
out_has "include cycle between modules: core/arena, core/strpool"

it "Lua's headers outside lua/ are refused"
fresh_tree
sed -i 's|^#include "store/table.h"|#include "store/table.h"\n#include <lauxlib.h>|' "$TMP/tree/engine/store/index.c"
layers
exit_is 1
out_has "engine/store/index.c: includes <lauxlib.h>; only lua/ uses Lua's API"

it "a folder that is not on the layers line, or has no README, is named"
fresh_tree
mkdir "$TMP/tree/engine/extra"
printf '/* x */\nint extra_x(void);\nint extra_x(void)\n{\n    return 0;\n}\n' >"$TMP/tree/engine/extra/x.c"
layers
exit_is 1
out_has "engine/extra/: not in the layers line of docs/architecture.md"
out_has "engine/extra/: no README.md saying what it owns and may include"

it "a function over 120 lines is named"
fresh_tree
{ echo "int long_one(void);"; echo "int long_one(void)"; echo "{"; echo "    int x = 0;"
  i=0; while [ $i -lt 125 ]; do echo "    x++;"; i=$((i + 1)); done; echo "    return x;"; echo "}"; } \
    >>"$TMP/tree/engine/core/util.c"
layers
exit_is 1
out_has "engine/core/util.c:"
out_has "long_one(void) is 129 lines (at most 120)"

it "a call cycle is read from the objects"
CODE=0
python3 - "$ROOT" >"$OUT" 2>"$ERR" <<'PY' || CODE=$?
import importlib.util, sys
spec = importlib.util.spec_from_file_location("cl", sys.argv[1] + "/scripts/check-layers.py")
cl = importlib.util.module_from_spec(spec)
spec.loader.exec_module(cl)
print(cl.find_cycles({"a/x": {"a/y"}, "a/y": {"a/z"}, "a/z": {"a/x"}, "b/w": {"a/x"}}))
PY
exit_is 0
out_has "[['a/x', 'a/y', 'a/z']]"

finish
