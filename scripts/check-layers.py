#!/usr/bin/env python3
"""Check that the engine's dependencies point one way (make layers).

    scripts/check-layers.py [--root TREE] [BUILD_DIR]

The order of the engine's folders is written once, in docs/architecture.md,
on the line that starts with "layers:". A file may include headers of its
own folder and of the folders before it, never of a folder after it.
Beyond that, between modules (a module is a .c file and its .h):
  - no include cycle,
  - no call cycle (read from the objects' symbol tables with nm, when the
    objects of BUILD exist),
  - only lua/ includes Lua's headers,
  - every folder says what it owns (a README.md),
  - no function of the engine is longer than MAX_FUNCTION lines.
Prints each problem and exits 1 when there is one.
"""
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ENGINE = os.path.join(ROOT, "engine")


def set_root(root):
    """Check another tree (the tests run the script on a broken copy)."""
    global ROOT, ENGINE
    ROOT = os.path.abspath(root)
    ENGINE = os.path.join(ROOT, "engine")
MAX_FUNCTION = 120
LUA_HEADERS = {"lua.h", "lauxlib.h", "lualib.h", "luaconf.h"}
LUA_FOLDERS = {"lua"}


def layer_order():
    with open(os.path.join(ROOT, "docs", "architecture.md")) as f:
        for line in f:
            m = re.match(r"^\s*layers:\s*(.*)$", line)
            if m:
                return [x.strip() for x in m.group(1).split("<")]
    sys.exit("check-layers: docs/architecture.md has no 'layers:' line")


def engine_files():
    out = []
    for folder in sorted(os.listdir(ENGINE)):
        d = os.path.join(ENGINE, folder)
        if not os.path.isdir(d) or folder == "tools":
            continue
        for name in sorted(os.listdir(d)):
            if name.endswith((".c", ".h")):
                out.append(folder + "/" + name)
    return out


def module(path):
    """A .c file and its headers: x.c, x.h and x_impl.h (x's internals,
    shared with the other files of its folder) are one module."""
    base = path[:-2]
    return base[:-5] if base.endswith("_impl") else base


def includes(path):
    local, system = [], []
    with open(os.path.join(ENGINE, path)) as f:
        for line in f:
            m = re.match(r'\s*#\s*include\s*"([^"]+)"', line)
            if m:
                local.append(m.group(1))
            m = re.match(r"\s*#\s*include\s*<([^>]+)>", line)
            if m:
                system.append(m.group(1))
    return local, system


def find_cycles(graph):
    """Strongly connected components of more than one node (Tarjan)."""
    index, low, stack, on, out = {}, {}, [], set(), []
    counter = [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    sys.setrecursionlimit(10000)
    for v in sorted(graph):
        if v not in index:
            visit(v)
    return out


def call_graph(build):
    """module -> modules whose functions it calls, from nm of each object."""
    objdir = os.path.join(build, "obj")
    defined, used = {}, {}
    for path in engine_files():
        if not path.endswith(".c"):
            continue
        obj = os.path.join(objdir, path[:-2] + ".o")
        if not os.path.exists(obj):
            return None
        out = subprocess.run(["nm", obj], capture_output=True, text=True, check=True).stdout
        mod = module(path)
        used[mod] = set()
        for line in out.splitlines():
            parts = line.split()
            if len(parts) == 3 and parts[1] in "TDBR":
                defined[parts[2]] = mod
            elif len(parts) == 2 and parts[0] == "U":
                used[mod].add(parts[1])
    graph = {}
    for mod, syms in used.items():
        graph[mod] = {defined[s] for s in syms if s in defined and defined[s] != mod}
    return graph


def long_functions():
    """Functions of more than MAX_FUNCTION lines: from a line that starts a
    definition at column 0 to the closing brace at column 0."""
    out = []
    for path in engine_files():
        if not path.endswith(".c"):
            continue
        start = name = None
        with open(os.path.join(ENGINE, path)) as f:
            for n, line in enumerate(f, 1):
                if start is None and re.match(r"^[A-Za-z_].*\(", line) and not line.rstrip().endswith(";"):
                    start, name = n, line.strip()
                elif start is not None and line.startswith("}"):
                    if n - start > MAX_FUNCTION:
                        out.append("engine/%s:%d: %s is %d lines (at most %d)" % (path, start, name[:60], n - start,
                                                                          MAX_FUNCTION))
                    start = None
                elif start is not None and line.startswith(("#", "static ", "typedef ")) and "{" not in line \
                        and n == start + 1:
                    start = None
    return out


def main():
    args = sys.argv[1:]
    if len(args) >= 2 and args[0] == "--root":
        set_root(args[1])
        args = args[2:]
    build = args[0] if args else os.path.join(ROOT, "build")
    order = layer_order()
    rank = {name: i for i, name in enumerate(order)}
    problems = []
    files = engine_files()
    folders = sorted({p.split("/")[0] for p in files})
    for folder in folders:
        if folder not in rank:
            problems.append("engine/%s/: not in the layers line of docs/architecture.md" % folder)
        if not os.path.exists(os.path.join(ENGINE, folder, "README.md")):
            problems.append("engine/%s/: no README.md saying what it owns and may include" % folder)
    graph = {}
    for path in files:
        folder = path.split("/")[0]
        local, system = includes(path)
        for inc in local:
            target = inc.split("/")[0] if "/" in inc else None
            if target is None:
                problems.append("engine/%s: includes \"%s\" without its folder" % (path, inc))
                continue
            if not os.path.exists(os.path.join(ENGINE, inc)):
                if target != "core" or inc != "core/embedded.h":
                    problems.append("engine/%s: includes \"%s\", which does not exist" % (path, inc))
            if target in rank and folder in rank and rank[target] > rank[folder]:
                problems.append("engine/%s: includes %s, of the later layer %s/" % (path, inc, target))
            if module(inc) != module(path):
                graph.setdefault(module(path), set()).add(module(inc))
        for inc in system:
            if inc in LUA_HEADERS and folder not in LUA_FOLDERS:
                problems.append("engine/%s: includes <%s>; only lua/ uses Lua's API" % (path, inc))
    for cyc in find_cycles(graph):
        problems.append("include cycle between modules: " + ", ".join(cyc))
    calls = call_graph(build)
    if calls is None:
        print("check-layers: no objects in %s/obj; call cycles not checked" % build)
    else:
        for cyc in find_cycles(calls):
            problems.append("call cycle between modules: " + ", ".join(cyc))
        for mod, targets in sorted(calls.items()):
            folder = mod.split("/")[0]
            for t in sorted(targets):
                tf = t.split("/")[0]
                if tf in rank and folder in rank and rank[tf] > rank[folder]:
                    problems.append("engine/%s.c: calls into %s.c, of the later layer %s/" % (mod, t, tf))
    problems += long_functions()
    for p in problems:
        print(p)
    nmods = len({module(p) for p in files})
    print("check-layers: %d modules in %d folders, %d problems" % (nmods, len(folders), len(problems)))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
