#!/bin/sh
# Optional test tools of `make test`: clang (libFuzzer, for the fuzz harnesses
# of tests/fuzz), cppcheck and clang-tidy (make lint-c) and valgrind (make
# valgrind). Debian 12's clang-14 ships libFuzzer. Installs with apt-get when
# run as root or with password-less sudo; otherwise prints the command. The
# tests that need a missing tool say "skipped".
set -e
PKGS="clang clang-tidy cppcheck valgrind"
have() {
    command -v clang >/dev/null 2>&1 && command -v clang-tidy >/dev/null 2>&1 &&
        command -v cppcheck >/dev/null 2>&1 && command -v valgrind >/dev/null 2>&1
}
if [ "${1:-}" = "--list" ]; then
    echo "$PKGS"
    exit 0
fi
have && exit 0
if [ "$(id -u)" = 0 ]; then
    SUDO=""
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    SUDO="sudo -n"
else
    echo "fuzz-deps: install the optional test tools with: sudo apt-get install -y $PKGS" >&2
    exit 1
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get install -y -qq $PKGS >/dev/null || { $SUDO apt-get update -qq && $SUDO apt-get install -y -qq $PKGS >/dev/null; }
have
