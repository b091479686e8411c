#!/usr/bin/env python3
"""Validate JSON files against a JSON Schema, standard library only.

  sarif_schema.py SCHEMA FILE...

Implements exactly the keywords that the SARIF 2.1.0 schema in
tests/fixtures/sarif/ uses, with the JSON Schema 2020-12 meaning that the
schema declares ($ref applies alongside its sibling keywords):

  $ref (local JSON pointers), type, properties, additionalProperties,
  required, enum, items, minItems, uniqueItems, minimum, maximum, pattern,
  anyOf, oneOf, format (uri, uri-reference, date-time, uuid)

and the annotations $schema, $id, title, description, default, definitions.
A schema that uses any other keyword, or another format, is refused (exit 2)
rather than half checked, so this stays complete for whatever schema it is
given. Exit 0 when every file is valid; 1 with the first errors otherwise.
It backs up the ajv check of tests/e2e/junit_sarif_test.sh on machines
where node is not installed.
"""
import json
import re
import sys

ANNOTATIONS = {"$schema", "$id", "title", "description", "default", "definitions"}
TYPES = {"object", "array", "string", "boolean", "null", "number", "integer"}
KEYWORDS = {"$ref", "type", "properties", "additionalProperties", "required", "enum", "items", "minItems",
            "uniqueItems", "minimum", "maximum", "pattern", "anyOf", "oneOf", "format"}

# RFC 3986 characters: unreserved, reserved ("gen-delims" and "sub-delims") and '%' of percent-encoding.
URI_CHARS = re.compile(r"^[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]*$")
SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:")
PCT = re.compile(r"%(?![0-9A-Fa-f]{2})")
DATE_TIME = re.compile(r"^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])[Tt]([01]\d|2[0-3]):[0-5]\d:([0-5]\d|60)"
                       r"(\.\d+)?([Zz]|[+-]([01]\d|2[0-3]):[0-5]\d)$")
UUID = re.compile(r"^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$")


def uri_ok(s, reference):
    """RFC 3986 URI (scheme required) or URI-reference: only URI characters,
    well-formed percent-encodings, at most one '#', and a relative reference
    whose first segment has no ':' (it would read as a scheme)."""
    if not URI_CHARS.match(s) or PCT.search(s) or s.count("#") > 1:
        return False
    if SCHEME.match(s):
        return True
    if not reference:
        return False
    first = re.split(r"[/?#]", s, 1)[0]
    return ":" not in first


FORMATS = {
    "uri": lambda s: uri_ok(s, False),
    "uri-reference": lambda s: uri_ok(s, True),
    "date-time": lambda s: bool(DATE_TIME.match(s)),
    "uuid": lambda s: bool(UUID.match(s)),
}


def is_type(v, t):
    if t == "object":
        return isinstance(v, dict)
    if t == "array":
        return isinstance(v, list)
    if t == "string":
        return isinstance(v, str)
    if t == "boolean":
        return isinstance(v, bool)
    if t == "null":
        return v is None
    if t == "number":
        return isinstance(v, (int, float)) and not isinstance(v, bool)
    if t == "integer":
        return (isinstance(v, int) and not isinstance(v, bool)) or (isinstance(v, float) and v.is_integer())
    raise SchemaError("unknown type %r" % t)


def norm(v):
    """v with integral floats as ints, so that 1 and 1.0 compare equal."""
    if isinstance(v, float) and v.is_integer():
        return int(v)
    if isinstance(v, list):
        return [norm(x) for x in v]
    if isinstance(v, dict):
        return {k: norm(x) for k, x in v.items()}
    return v


def canon(v):
    """JSON equality as text: key order does not matter, true is not 1."""
    return json.dumps(norm(v), sort_keys=True, separators=(",", ":"))


def same(a, b):
    if isinstance(a, bool) or isinstance(b, bool):
        return isinstance(a, bool) and isinstance(b, bool) and a == b
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return a == b
    return canon(a) == canon(b)


class SchemaError(Exception):
    pass


class Validator:
    def __init__(self, schema):
        self.root = schema
        self.check_schema(schema, "#")

    def check_schema(self, s, where):
        """Refuse keywords and formats this validator does not implement."""
        if isinstance(s, bool):
            return
        if not isinstance(s, dict):
            raise SchemaError("%s: a schema must be an object" % where)
        for k, v in s.items():
            if k not in KEYWORDS and k not in ANNOTATIONS:
                raise SchemaError("%s: unsupported keyword %r" % (where, k))
            if k == "format" and v not in FORMATS:
                raise SchemaError("%s: unsupported format %r" % (where, v))
            if k == "type" and any(t not in TYPES for t in (v if isinstance(v, list) else [v])):
                raise SchemaError("%s: unknown type %r" % (where, v))
            if k == "$ref" and not v.startswith("#/"):
                raise SchemaError("%s: only local $ref is supported, not %r" % (where, v))
        for k in ("properties", "definitions"):
            for name, sub in s.get(k, {}).items():
                self.check_schema(sub, "%s/%s/%s" % (where, k, name))
        for k in ("items", "additionalProperties"):
            if k in s:
                self.check_schema(s[k], "%s/%s" % (where, k))
        for k in ("anyOf", "oneOf"):
            for i, sub in enumerate(s.get(k, [])):
                self.check_schema(sub, "%s/%s/%d" % (where, k, i))
        if "$ref" in s:
            self.resolve(s["$ref"])

    def resolve(self, ref):
        node = self.root
        for part in ref[2:].split("/"):
            part = part.replace("~1", "/").replace("~0", "~")
            if not isinstance(node, dict) or part not in node:
                raise SchemaError("unresolvable $ref %r" % ref)
            node = node[part]
        return node

    def errors(self, v, s, path):
        """Yield (path, message) for every way v breaks schema s."""
        if s is True:
            return
        if s is False:
            yield path, "no value is allowed here"
            return
        if "$ref" in s:
            yield from self.errors(v, self.resolve(s["$ref"]), path)
        if "type" in s:
            types = s["type"] if isinstance(s["type"], list) else [s["type"]]
            if not any(is_type(v, t) for t in types):
                yield path, "is %s, not of type %s" % (type(v).__name__, "/".join(types))
                return
        if "enum" in s and not any(same(v, e) for e in s["enum"]):
            yield path, "%r is not one of %r" % (v, s["enum"])
        if isinstance(v, str):
            if "pattern" in s and not re.search(s["pattern"], v):
                yield path, "%r does not match %r" % (v, s["pattern"])
            if "format" in s and not FORMATS[s["format"]](v):
                yield path, "%r is not a valid %s" % (v, s["format"])
        if is_type(v, "number"):
            if "minimum" in s and v < s["minimum"]:
                yield path, "%r is below the minimum %r" % (v, s["minimum"])
            if "maximum" in s and v > s["maximum"]:
                yield path, "%r is above the maximum %r" % (v, s["maximum"])
        if isinstance(v, dict):
            props = s.get("properties", {})
            for k in s.get("required", []):
                if k not in v:
                    yield path, "lacks the required property %r" % k
            for k, item in v.items():
                if k in props:
                    yield from self.errors(item, props[k], "%s/%s" % (path, k))
                elif "additionalProperties" in s:
                    if s["additionalProperties"] is False:
                        yield path, "has the property %r, which is not allowed" % k
                    else:
                        yield from self.errors(item, s["additionalProperties"], "%s/%s" % (path, k))
        if isinstance(v, list):
            if "minItems" in s and len(v) < s["minItems"]:
                yield path, "has %d items, fewer than %d" % (len(v), s["minItems"])
            if s.get("uniqueItems"):
                seen = set()
                for i, item in enumerate(v):
                    c = canon(item)
                    if c in seen:
                        yield "%s/%d" % (path, i), "repeats an earlier item (uniqueItems)"
                    seen.add(c)
            if "items" in s:
                for i, item in enumerate(v):
                    yield from self.errors(item, s["items"], "%s/%d" % (path, i))
        if "anyOf" in s and not any(self.valid(v, sub, path) for sub in s["anyOf"]):
            yield path, "matches none of anyOf %s" % json.dumps(s["anyOf"])
        if "oneOf" in s:
            n = sum(1 for sub in s["oneOf"] if self.valid(v, sub, path))
            if n != 1:
                yield path, "matches %d of oneOf %s, not exactly one" % (n, json.dumps(s["oneOf"]))

    def valid(self, v, s, path):
        return next(self.errors(v, s, path), None) is None


def main():
    if len(sys.argv) < 3:
        print(__doc__.strip().splitlines()[2].strip())
        return 2
    with open(sys.argv[1], encoding="utf-8") as f:
        schema = json.load(f)
    try:
        val = Validator(schema)
    except SchemaError as e:
        print("sarif_schema: %s: %s" % (sys.argv[1], e))
        return 2
    bad = 0
    for path in sys.argv[2:]:
        try:
            with open(path, encoding="utf-8") as f:
                doc = json.load(f)
        except (OSError, ValueError) as e:
            print("sarif_schema: %s: not JSON: %s" % (path, e))
            bad += 1
            continue
        errs = []
        for err in val.errors(doc, schema, ""):
            errs.append(err)
            if len(errs) == 10:
                break
        for where, msg in errs:
            print("sarif_schema: %s: %s %s" % (path, where or "/", msg))
        bad += bool(errs)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
