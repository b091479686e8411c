#!/bin/sh
# Installs (or, with --check, only checks for) what pmoaudit needs to build
# and test on Debian/Ubuntu. Installs with apt-get when run as root or with
# password-less sudo; otherwise prints the exact command to run.
set -e
# git: only for tests/e2e/ci_recipes_test.sh (the CI recipes clone pmoaudit); the build does not need it
# libxml2-utils: only for xmllint in tests/e2e/junit_sarif_test.sh (the JUnit report against the Jenkins schema)
PKGS="build-essential pkg-config liblua5.4-dev libcsv-dev libpcre2-dev python3 git libxml2-utils"
# libexpat1-dev: MS Project XML (engine/load/mspdi_read.c) and Excel's XML parts; libzip-dev: Excel workbooks (engine/load/xlsx.c)
PKGS="$PKGS libexpat1-dev libzip-dev"
# dpkg-dev: make deb (dpkg-shlibdeps, dpkg-gencontrol); mandoc: makewhatis and mandoc -Tlint in tests/e2e/install_test.sh
PKGS="$PKGS dpkg-dev mandoc"
PKGS="$PKGS libsqlite3-dev" # the audit history (--history, engine/history/)

missing() {
    for f in /usr/include/lua5.4/lua.h /usr/include/csv.h /usr/include/pcre2.h /usr/include/sqlite3.h \
             /usr/include/zip.h /usr/include/expat.h; do
        [ -f "$f" ] || return 0
    done
    command -v cc >/dev/null 2>&1 || return 0
    command -v pkg-config >/dev/null 2>&1 || return 0
    command -v python3 >/dev/null 2>&1 || return 0
    command -v dpkg-shlibdeps >/dev/null 2>&1 || return 0
    command -v mandoc >/dev/null 2>&1 || return 0
    return 1
}

if [ "$1" = "--list" ]; then # the package list, for .ci/run
    echo "$PKGS"
    exit 0
fi
if ! missing; then
    exit 0
fi
if [ "$1" = "--check" ]; then
    echo "pmoaudit: build dependencies are missing; run: make deps" >&2
    echo "  (or: sudo apt-get install -y $PKGS)" >&2
    exit 1
fi
if [ "$(id -u)" = 0 ]; then
    SUDO=""
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    SUDO="sudo -n"
else
    echo "pmoaudit: missing build dependencies. Install them with:" >&2
    echo "  sudo apt-get update && sudo apt-get install -y $PKGS" >&2
    exit 1
fi
echo "pmoaudit: installing $PKGS" >&2
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq $PKGS >/dev/null
