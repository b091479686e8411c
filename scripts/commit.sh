#!/bin/sh
# Prints the git commit pmoaudit is built from (12 hex digits), for
# `pmoaudit --version`: from git in a checkout; in a tarball made by
# `git archive`, from .commit (export-subst writes the commit into it);
# else "unknown". Never fails: a build outside git still works.
ROOT=$(cd "$(dirname "$0")/.." && pwd)
c=""
# only when ROOT is the top of its own checkout, not a tarball unpacked inside another repository
if [ "$(git -C "$ROOT" rev-parse --show-toplevel 2>/dev/null)" = "$ROOT" ]; then
    c=$(git -C "$ROOT" rev-parse HEAD 2>/dev/null)
fi
if [ -z "$c" ] && [ -f "$ROOT/.commit" ]; then
    c=$(head -n 1 "$ROOT/.commit")
fi
case "$c" in
    *[!0-9a-f]* | "") echo unknown ;;
    *) echo "$c" | cut -c1-12 ;;
esac
