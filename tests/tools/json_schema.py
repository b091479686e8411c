#!/usr/bin/env python3
"""Validates JSON files against a JSON Schema (2020-12), for the subset of
keywords docs/report.schema.json uses: type, const, enum, required,
properties, additionalProperties, items, minimum, pattern, oneOf, anyOf and
local $ref. A schema keyword outside that subset is an error rather than
silently ignored, so the schema cannot claim a check that is not made.
(python3-jsonschema is not on a fresh Debian 12; this keeps the tests
to python3 alone.)

    json_schema.py SCHEMA FILE...

Prints one line per problem, "FILE: $.path: what", and exits 1 when there is
one; files that are empty or not JSON are problems too.
"""
import json
import re
import sys

KNOWN = {"$schema", "$id", "title", "description", "$defs", "type", "const", "enum", "required", "properties",
         "additionalProperties", "items", "minimum", "pattern", "oneOf", "anyOf", "$ref"}
TYPES = {
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "string": lambda v: isinstance(v, str),
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
    "boolean": lambda v: isinstance(v, bool),
    "null": lambda v: v is None,
}


class Validator:
    def __init__(self, root):
        self.root = root
        self.check_keywords(root, "#")

    def check_keywords(self, s, where):
        if isinstance(s, dict):
            for k, v in s.items():
                if k not in KNOWN:
                    raise SystemExit("json_schema: %s: keyword %r is not supported" % (where, k))
                if k in ("properties", "$defs"):
                    for name, sub in v.items():
                        self.check_keywords(sub, "%s/%s/%s" % (where, k, name))
                elif k in ("items", "additionalProperties"):
                    self.check_keywords(v, where + "/" + k)
                elif k in ("oneOf", "anyOf"):
                    for i, sub in enumerate(v):
                        self.check_keywords(sub, "%s/%s/%d" % (where, k, i))

    def resolve(self, ref):
        if not ref.startswith("#/"):
            raise SystemExit("json_schema: only local $ref: " + ref)
        s = self.root
        for part in ref[2:].split("/"):
            s = s[part]
        return s

    def errors(self, s, v, path):
        """The problems of value v under schema s, as "path: what" strings."""
        if s is True:
            return []
        if s is False:
            return ["%s: not allowed" % path]
        if "$ref" in s:
            return self.errors(self.resolve(s["$ref"]), v, path)
        out = []
        if "type" in s:
            types = s["type"] if isinstance(s["type"], list) else [s["type"]]
            if not any(TYPES[t](v) for t in types):
                return ["%s: %s is not of type %s" % (path, json.dumps(v)[:60], " or ".join(types))]
        if "const" in s and v != s["const"]:
            out.append("%s: %s is not %s" % (path, json.dumps(v)[:60], json.dumps(s["const"])))
        if "enum" in s and v not in s["enum"]:
            out.append("%s: %s is not one of %s" % (path, json.dumps(v)[:60], json.dumps(s["enum"])))
        if "minimum" in s and TYPES["number"](v) and v < s["minimum"]:
            out.append("%s: %s is less than %s" % (path, v, s["minimum"]))
        if "pattern" in s and isinstance(v, str) and not re.search(s["pattern"], v):
            out.append("%s: %s does not match %s" % (path, json.dumps(v)[:60], s["pattern"]))
        for key in ("oneOf", "anyOf"):
            if key in s:
                ok = sum(1 for sub in s[key] if not self.errors(sub, v, path))
                if ok == 0 or (key == "oneOf" and ok > 1):
                    out.append("%s: %s matches %d of the %s choices" % (path, json.dumps(v)[:60], ok, key))
        if isinstance(v, dict):
            out += self.object_errors(s, v, path)
        if isinstance(v, list) and "items" in s:
            for i, x in enumerate(v):
                out += self.errors(s["items"], x, "%s[%d]" % (path, i))
        return out

    def object_errors(self, s, v, path):
        out = []
        for k in s.get("required", []):
            if k not in v:
                out.append("%s: lacks %r" % (path, k))
        props = s.get("properties", {})
        extra = s.get("additionalProperties", True)
        for k, x in v.items():
            if k in props:
                out += self.errors(props[k], x, "%s.%s" % (path, k))
            elif extra is False:
                out.append("%s: has %r, which the schema does not list" % (path, k))
            else:
                out += self.errors(extra, x, "%s.%s" % (path, k))
        return out


def main():
    if len(sys.argv) < 3:
        raise SystemExit(__doc__)
    with open(sys.argv[1], encoding="utf-8") as f:
        val = Validator(json.load(f))
    bad = 0
    for name in sys.argv[2:]:
        try:
            with open(name, encoding="utf-8") as f:
                doc = json.load(f)
        except (OSError, ValueError) as e:
            print("%s: not JSON: %s" % (name, e))
            bad += 1
            continue
        for e in val.errors(val.root, doc, "$")[:20]:
            print("%s: %s" % (name, e))
            bad += 1
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
