#!/bin/sh
# Installs what the HTML report's browser test needs (tests/e2e/html_test.sh
# runs tests/browser/check_report.cjs): Debian's chromium and nodejs/npm,
# then playwright-core from npm into tests/browser/node_modules (versions
# pinned by tests/browser/package-lock.json). Idempotent and quiet: does
# nothing when everything is there. Installs with apt-get as root or with
# password-less sudo; otherwise says what to run. Without these the browser
# test is skipped, not failed.
set -e
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BR="$ROOT/tests/browser"

need=""
command -v chromium >/dev/null 2>&1 || need="$need chromium"
command -v node >/dev/null 2>&1 || need="$need nodejs"
command -v npm >/dev/null 2>&1 || need="$need npm"
if [ -n "$need" ]; then
    if [ "$(id -u)" = 0 ]; then
        SUDO=""
    elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
        SUDO="sudo -n"
    else
        echo "browser-deps: missing:$need. Install them with:" >&2
        echo "  sudo apt-get update && sudo apt-get install -y$need" >&2
        exit 1
    fi
    export DEBIAN_FRONTEND=noninteractive
    $SUDO apt-get update -qq >/dev/null
    # fonts-dejavu-core: a known font, so that screenshots look the same everywhere
    $SUDO apt-get install -y -qq --no-install-recommends$need fonts-dejavu-core >/dev/null
fi

# npm ci unless node_modules already has the locked playwright-core
want=$(node -p "require('$BR/package-lock.json').packages['node_modules/playwright-core'].version")
have=$(node -p "require('$BR/node_modules/playwright-core/package.json').version" 2>/dev/null || true)
if [ "$want" != "$have" ]; then
    (cd "$BR" && npm ci --no-audit --no-fund --loglevel=error >/dev/null 2>&1) || {
        echo "browser-deps: npm ci failed in tests/browser" >&2
        exit 1
    }
fi
