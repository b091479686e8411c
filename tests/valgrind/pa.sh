#!/bin/sh
# Runs the optimised pmoaudit under valgrind's memcheck: any invalid read or
# write, use of uninitialised memory or definite/indirect leak makes it exit
# 99, which the e2e specs see as a wrong exit code. Used as PA by
# tests/valgrind/run.sh.
exec valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect \
    --show-leak-kinds=definite,indirect "${PA_REAL:?}" "$@"
