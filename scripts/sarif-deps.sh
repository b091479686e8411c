#!/bin/sh
# Installs what tests/e2e/junit_sarif_test.sh needs to validate the SARIF
# report with ajv against tests/fixtures/sarif/sarif-schema-2.1.0.json:
# node and npm (Debian packages) and ajv + ajv-formats (npm, pinned with
# their dependencies) in tests/sarif-validator/node_modules. Idempotent and
# quiet: does nothing when they are there. Exits 1 with a message when it
# cannot install; the test then says "skipped" for the ajv check and still
# validates with tests/tools/sarif_schema.py.
set -e
ROOT=$(cd "$(dirname "$0")/.." && pwd)
DIR="$ROOT/tests/sarif-validator"
PKGS="ajv@8.17.1 ajv-formats@3.0.1 fast-deep-equal@3.1.3 fast-uri@3.1.9 json-schema-traverse@1.0.0 require-from-string@2.0.2"

have_modules() {
    [ -f "$DIR/node_modules/ajv/package.json" ] || return 1
    [ -f "$DIR/node_modules/ajv-formats/package.json" ] || return 1
    node -e 'process.exit(require(process.argv[1] + "/ajv/package.json").version === "8.17.1" ? 0 : 1)' \
        "$DIR/node_modules" 2>/dev/null
}

if command -v node >/dev/null 2>&1 && have_modules; then
    exit 0
fi

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ]; then
        SUDO=""
    elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
        SUDO="sudo -n"
    else
        echo "sarif-deps: node and npm are missing; run: sudo apt-get install -y nodejs npm" >&2
        exit 1
    fi
    export DEBIAN_FRONTEND=noninteractive
    $SUDO apt-get update -qq >/dev/null
    $SUDO apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null
fi

mkdir -p "$DIR"
# --no-save and --no-package-lock: nothing but node_modules is written
if ! npm install --prefix "$DIR" --no-save --no-package-lock --no-audit --no-fund --loglevel=error \
    $PKGS >/dev/null 2>"$DIR/npm-install.log"; then
    echo "sarif-deps: npm install failed (see $DIR/npm-install.log)" >&2
    exit 1
fi
rm -f "$DIR/npm-install.log"
have_modules
