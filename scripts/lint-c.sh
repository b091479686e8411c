#!/bin/sh
# make lint-c: cppcheck and clang-tidy over the engine and the fuzz
# harnesses, zero warnings. The clang-tidy checks are in .clang-tidy. Files
# are checked two at a time. Says "skipped" for a tool that is not installed
# (scripts/fuzz-deps.sh installs both).
set -u
cd "$(dirname "$0")/.."
LUA_CFLAGS=$(pkg-config --cflags lua5.4 2>/dev/null || echo -I/usr/include/lua5.4)
FLAGS="-std=c11 -Iengine $LUA_CFLAGS -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -DPMOAUDIT_VERSION=\\\"lint\\\""
status=0
if command -v cppcheck >/dev/null 2>&1; then
    # Lua's headers stay out (cppcheck trips on luaconf.h's #error checks);
    # unknown Lua macros are then only missing includes.
    if cppcheck -q --std=c11 --enable=warning,portability,performance --error-exitcode=1 --inline-suppr \
        -Iengine -D_POSIX_C_SOURCE=200809L -DPMOAUDIT_VERSION='"lint"' \
        --suppress=missingIncludeSystem --suppress=missingInclude engine/*/*.c tests/fuzz/*.c; then
        echo "lint-c: cppcheck: 0 warnings"
    else
        echo "lint-c: cppcheck: warnings above"; status=1
    fi
else
    echo "lint-c: cppcheck skipped (not installed)"
fi
if command -v clang-tidy >/dev/null 2>&1; then
    out=$(ls engine/*/*.c tests/fuzz/*.c | xargs -P 2 -I{} sh -c "clang-tidy -quiet {} -- $FLAGS 2>&1" |
          grep -E '(warning|error):' | grep -v '^Error while processing')
    if [ -n "$out" ]; then
        echo "$out"; echo "lint-c: clang-tidy: $(echo "$out" | wc -l) warnings"; status=1
    else
        echo "lint-c: clang-tidy: 0 warnings"
    fi
else
    echo "lint-c: clang-tidy skipped (not installed)"
fi
exit $status
