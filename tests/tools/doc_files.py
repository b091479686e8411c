#!/usr/bin/env python3
"""Write the files a Markdown page shows, so a test uses exactly what the page says.

  doc_files.py DOC DIR PATH...   write the `file` blocks of each PATH under DIR;
                                 append:PATH appends its `append` blocks instead
  doc_files.py DOC --list        print "file PATH" / "append PATH" for each marked block
  doc_files.py DOC --output      print the finding lines ("  file:line ...") of its console blocks

A fenced block is a file when its first line is `-- file: PATH` (Lua; the
line stays in the file, as a reader would copy it), or when the line before
its fence is `<!-- file: PATH -->`. `<!-- append: PATH -->` adds the block's
lines to the end of PATH. It is an error when a PATH has no block.
"""
import re
import sys

MARK = re.compile(r"^<!-- (file|append): (\S+) -->$")
LUA_MARK = re.compile(r"^-- file: (\S+)$")


def blocks(doc):
    """(kind, path, text, info) for each fenced block; kind is None when unmarked."""
    lines = doc.splitlines()
    i, prev = 0, ""
    while i < len(lines):
        line = lines[i]
        if line.startswith("```"):
            info = line[3:].strip()
            j = i + 1
            while j < len(lines) and not lines[j].startswith("```"):
                j += 1
            body = lines[i + 1:j]
            kind = path = None
            m = MARK.match(prev)
            if m:
                kind, path = m.group(1), m.group(2)
            elif body and LUA_MARK.match(body[0]):
                kind, path = "file", LUA_MARK.match(body[0]).group(1)
            yield kind, path, "\n".join(body) + "\n", info
            i, prev = j + 1, ""
            continue
        if line.strip():
            prev = line.strip()
        i += 1


def main():
    doc_path = sys.argv[1]
    with open(doc_path, encoding="utf-8") as f:
        doc = f.read()
    if sys.argv[2] == "--list":
        for kind, path, _, _ in blocks(doc):
            if kind:
                print(kind, path)
        return 0
    if sys.argv[2] == "--output":
        for kind, _, text, info in blocks(doc):
            if info == "console":
                for line in text.splitlines():
                    if re.match(r"^  \S+\.csv:\d+  ", line):
                        print(line)
        return 0
    out_dir, wanted = sys.argv[2], sys.argv[3:]
    for item in wanted:
        want, _, path = item.rpartition(":")
        want = want or "file"
        found = [(k, t) for k, p, t, _ in blocks(doc) if p == path and k == want]
        if not found:
            sys.exit("doc_files.py: %s shows no %s block for %s" % (doc_path, want, path))
        for kind, text in found:
            with open("%s/%s" % (out_dir, path), "a" if kind == "append" else "w", encoding="utf-8") as f:
                f.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
