#!/bin/sh
# Installs what `make bench` and its smoke test (tests/e2e/bench_test.sh)
# need beyond the build: the sqlite3 command-line shell, which runs the SQL
# version of the benchmark's rules. Quiet and idempotent. Exits 1 with the
# command to run when it cannot install; the smoke test then says "skipped".
set -e
if command -v sqlite3 >/dev/null 2>&1; then
    exit 0
fi
if [ "$(id -u)" = 0 ]; then
    SUDO=""
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    SUDO="sudo -n"
else
    echo "bench-deps: sqlite3 is missing; run: sudo apt-get install -y sqlite3" >&2
    exit 1
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq >/dev/null
$SUDO apt-get install -y -qq --no-install-recommends sqlite3 >/dev/null
command -v sqlite3 >/dev/null 2>&1
