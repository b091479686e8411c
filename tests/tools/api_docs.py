#!/usr/bin/env python3
"""Check that docs/rule-api.md documents exactly the API the engine exposes.

  api_docs.py DOC ENGINE_DIR LUA_NAMES

LUA_NAMES is what a probe rule printed while running (lines "ctx NAME",
"pmo NAME", "global NAME"): the names visible from Lua. The methods and
fields of userdata (tables, rows, row sets, dates, regexes, networks) cannot be
listed from Lua (their metatables are hidden), so they are read from the C
sources: the luaL_Reg method arrays (tables' is table_methods[], which
lint also reads) and the strcmp'd field names of the
__index functions. Prints each name that has no heading in the doc, and
each heading that names nothing in the engine; exit 1 when there is any.
"""
import re
import sys


def c_source(engine, name):
    with open("%s/%s" % (engine, name), encoding="utf-8") as f:
        return f.read()


def function_body(src, name):
    """The text of C function `name` (from its signature to the closing brace at column 0)."""
    m = re.search(r"^[^\n;]*\b%s\([^)]*\)\n\{\n(.*?)^\}" % re.escape(name), src, re.S | re.M)
    if not m:
        sys.exit("api_docs.py: no function %s in the sources" % name)
    return m.group(1)


def reg_names(body):
    return set(re.findall(r'\{"(\w+)",\s*\w+\}', body))


def strcmp_names(body):
    return set(re.findall(r'strcmp\(k, "(\w+)"\) == 0', body))


def engine_api(engine, lua_names):
    """Every name a rule can use, as the doc writes it in headings."""
    ldata, ldate, lregex = c_source(engine, "lua/api_tables.c"), c_source(engine, "lua/api_date.c"), \
        c_source(engine, "lua/api_regex.c")
    lrule, lrun = c_source(engine, "lua/rule_decl.c"), c_source(engine, "lua/rule_run.c")
    lnet = c_source(engine, "lua/api_network.c")
    api = set()
    methods = re.search(r"table_methods\[\] = \{(.*?)\};", ldata, re.S)
    if not methods:
        sys.exit("api_docs.py: no table_methods[] in lua/api_tables.c")
    api |= {"t:" + n for n in reg_names(methods.group(1))}
    api |= {"t." + n for n in strcmp_names(function_body(ldata, "t_index"))}
    api |= {"row." + n for n in strcmp_names(function_body(ldata, "row_meta_field"))}
    api |= {"rows:" + n for n in strcmp_names(function_body(ldata, "rs_index"))}
    api |= {"re:" + n for n in reg_names(function_body(lregex, "lregex_open"))}
    api |= {"d." + n for n in strcmp_names(function_body(ldate, "ldate_index"))}
    api |= {"net:" + n for n in reg_names(function_body(lnet, "net_metatable"))}
    api |= {"net." + n for n in strcmp_names(function_body(lnet, "net_index"))}
    fields = re.search(r"rule_keys\[\] = \{(.*?)\};", lrule, re.S).group(1)
    rule_fields = set(re.findall(r'"(\w+)"', fields))
    report_fields = set(re.findall(r'field_string\(L, 1, "(\w+)"', function_body(lrun, "l_report")))
    # fields that are not text are read with lua_getfield: the row in l_report,
    # the projects list in the helpers it calls
    for fn in ("l_report", "check_projects", "report_projects"):
        report_fields |= set(re.findall(r'lua_getfield\(L, 1, "(\w+)"\)', function_body(lrun, fn)))
    for line in lua_names:
        kind, _, name = line.strip().partition(" ")
        if kind == "ctx":
            api.add("ctx." + name)
        elif kind == "pmo":
            api.add("pmo." + name)
        elif kind == "global":
            api.add("global " + name)
    return api, rule_fields, report_fields


HEADING_NAMES = re.compile(r"\b(pmo\.\w+|ctx\.\w+|t:\w+|t\.\w+|row\._\w+|rows:\w+|re:\w+|d\.\w+|net[.:]\w+)")


def doc_api(doc):
    """Names in the doc's ### headings, the rule{} and report{} field tables and the environment table."""
    heads, rule_fields, report_fields, env = set(), set(), set(), set()
    section = None
    for line in doc.splitlines():
        if line.startswith("## "):
            section = line[3:].strip()
        if line.startswith("### "):
            heads |= set(HEADING_NAMES.findall(line))
            for name in re.findall(r"`(\w+)\(", line):  # ### `require(name)`, `print(...)`
                heads.add("global " + name)
            for name in re.findall(r"`(\w+)\{", line):  # ### `rule{ ... }`, `schema{ ... }`
                heads.add("global " + name)
            section = line[4:].strip()
        if line.startswith("| `"):
            cell = line.split("|")[1]
            names = re.findall(r"`([^`]+)`", cell)
            if section == "rule{}" or section == "`rule{ ... }`":
                rule_fields |= set(n for n in names if re.fullmatch(r"\w+", n))
            elif section == "`ctx.report{ ... }`":
                report_fields |= set(names)
            elif section == "Rule files":
                for n in names:
                    env |= {"global " + w for w in n.split() if re.fullmatch(r"\w+", w)}
    return heads, rule_fields, report_fields, env


def main():
    doc_path, engine, names_path = sys.argv[1:4]
    with open(doc_path, encoding="utf-8") as f:
        doc = f.read()
    with open(names_path, encoding="utf-8") as f:
        lua_names = f.read().splitlines()
    api, rule_fields, report_fields = engine_api(engine, lua_names)
    if not any(n.startswith("global ") for n in api) or not any(n.startswith("pmo.") for n in api):
        sys.exit("api_docs.py: the probe rule printed no names")
    heads, d_rule, d_report, env = doc_api(doc)
    problems = []
    documented = heads | env
    for n in sorted(api):
        if n not in documented:
            problems.append("undocumented: %s" % n)
    for n in sorted(heads):
        if n not in api:
            problems.append("documented but not in the engine: %s" % n)
    for n in sorted(rule_fields ^ d_rule):
        where = "undocumented" if n in rule_fields else "documented but not in the engine"
        problems.append("%s: rule{} field %s" % (where, n))
    for n in sorted(report_fields ^ d_report):
        where = "undocumented" if n in report_fields else "documented but not in the engine"
        problems.append("%s: ctx.report{} field %s" % (where, n))
    for p in problems:
        print(p)
    print("%d names checked, %d problems" % (len(api) + len(rule_fields) + len(report_fields), len(problems)))
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
