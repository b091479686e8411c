#!/bin/sh
# Installs DuckDB's Node API (@duckdb/node-api, with its native library
# inside the package) for `make bench`: npm ci of bench/duckdb/package.json
# (versions pinned by its package-lock.json) into build/bench/node_modules.
# Quiet and idempotent: does nothing when the locked version is there.
# Never installs node or npm itself, and is not part of `make test`: without
# node, npm or the network it says why and exits 1, and bench/bench.py then
# prints "DuckDB skipped" instead of the DuckDB column.
set -e
ROOT=$(cd "$(dirname "$0")/.." && pwd)
DEST="${1:-$ROOT/build/bench}"
for tool in node npm; do
    if ! command -v $tool >/dev/null 2>&1; then
        echo "duckdb-deps: $tool is missing, so make bench runs without DuckDB (install nodejs and npm to add it)" >&2
        exit 1
    fi
done
want=$(node -p "require('$ROOT/bench/duckdb/package-lock.json').packages['node_modules/@duckdb/node-api'].version")
have=$(node -p "require('$DEST/node_modules/@duckdb/node-api/package.json').version" 2>/dev/null || true)
[ "$want" = "$have" ] && exit 0
mkdir -p "$DEST"
cp "$ROOT/bench/duckdb/package.json" "$ROOT/bench/duckdb/package-lock.json" "$DEST/"
if ! (cd "$DEST" && timeout 300 npm ci --no-audit --no-fund --loglevel=error >/dev/null 2>&1); then
    echo "duckdb-deps: npm ci of @duckdb/node-api $want into $DEST failed (no network?), so make bench runs without DuckDB" >&2
    exit 1
fi
